import Citations
import Corpus
import VietText

/// Writes and reads ``StoredDocument`` records (section 4 of ``IndexFormat``).
///
/// A record is two checked parts, so that search results and filters read only the first:
/// ```
/// header length varint, header, crc32 u32 of the header, citations, crc32 u32 of the citations
/// header     relative path, path prefix ref (path = prefix + relative path), size, mtime u64,
///            content hash u64, token count, identity count, per identity: kind index, id ref,
///            number ref, year + 1, symbol ref, date, issuer ref, title ref, province ref,
///            range start, range length, line
/// citations  count, per citation: target ref, flags byte, rare flags (varint, when the byte's
///            relation is 7), then only what the flags say is there: date (yyyymmdd), issuer
///            ref, pinpoint ref, 10 000 − confidence × 10 000, text (a repaired citation's
///            garbled wording, which lint quotes), subject (word count, word refs);
///            then range start (zigzag delta from the previous citation's), range length, line
///            (zigzag delta), column, and when flagged: original start − range start (zigzag
///            delta from the previous citation's), original length − range length (zigzag)
/// flags      byte: relation (bits 0–2, 7 when a rare flag is set), subject, date and issuer
///            (2 bits each: none, the target's usual one, given); rare flags: relation, footnote,
///            repaired, pinpoint, confidence ≠ 1, start shift changed, length changed, text
/// ```
/// Refs index the shared ``StringTable`` (0 for none); a date is `yyyymmdd` or 0; a kind index is
/// 0 for none, else 1 + the position in `DocumentKind.allCases`. The citation's original wording
/// (`LocatedCitation.text`) is not stored: it is the original file's bytes between the two stored
/// offsets, and a command that prints it reads the file (checking the content hash) — see
/// ``DocumentSummary/withCitationTexts(original:)``. Only a repaired citation's text is stored:
/// `cancu lint` quotes it for every such citation of the corpus.
///
/// Kinds and relations are stored as positions in their `allCases`: adding a case means a new
/// ``IndexFormat/analysisVersion``.
package enum DocumentCodec {
  // MARK: - Writing

  /// Counts the strings and targets a record will refer to.
  package static func plan(_ document: StoredDocument, into table: inout StringTable.Builder) {
    table.use(pathPrefix(document))
    for identity in document.summary.identities {
      table.use(identity.id)
      table.use(identity.number)
      table.use(identity.symbol)
      table.use(identity.issuer)
      table.use(identity.title)
      table.use(identity.province)
    }
    for located in document.summary.citations {
      table.use(
        StringTable.Target(located.citation), date: packed(located.citation.date),
        issuer: located.citation.issuer)
      table.use(located.citation.issuer)
      table.use(located.citation.pinpoint)
      if let subject = located.subject { table.use(words: subject) }
    }
  }

  /// The path without the relative path it ends in, or `nil` when it does not.
  private static func pathPrefix(_ document: StoredDocument) -> String? {
    let path = Array(document.path.utf8)
    let relative = Array(document.relativePath.utf8)
    guard path.count >= relative.count, path[(path.count - relative.count)...].elementsEqual(relative)
    else { return nil }
    return String(decoding: path.dropLast(relative.count), as: UTF8.self)
  }

  /// Appends one record; every string and target in it was counted by ``plan(_:into:)``.
  package static func encode(
    _ document: StoredDocument, table: StringTable.Builder, into writer: inout ByteWriter
  ) {
    var header = ByteWriter()
    header.string(document.relativePath)
    if let prefix = pathPrefix(document) {
      header.varint(table.reference(prefix))
    } else {
      header.varint(0)
      header.string(document.path)
    }
    header.varint(document.size)
    header.uint64(UInt64(bitPattern: document.modificationTime))
    header.uint64(document.contentHash)
    header.varint(document.tokenCount)
    let summary = document.summary
    header.varint(summary.identities.count)
    for (identity, line) in zip(summary.identities, summary.identityLines) {
      header.varint(identity.kind.map(kindIndex) ?? 0)
      header.varint(table.reference(identity.id))
      header.varint(table.reference(identity.number))
      header.varint(identity.year.map { $0 + 1 } ?? 0)
      header.varint(table.reference(identity.symbol))
      header.varint(packed(identity.date))
      header.varint(table.reference(identity.issuer))
      header.varint(table.reference(identity.title))
      header.varint(table.reference(identity.province))
      header.varint(identity.range.lowerBound)
      header.varint(identity.range.count)
      header.varint(line)
    }
    writer.varint(header.count)
    writer.append(header.bytes)
    writer.uint32(Checksum.crc32(header.bytes))

    var body = ByteWriter()
    body.varint(summary.citations.count)
    var previousStart = 0
    var previousLine = 0
    var previousShift = 0
    for located in summary.citations {
      let citation = located.citation
      let target = table.reference(StringTable.Target(citation))
      body.varint(target)
      let date = packed(citation.date)
      let dateMode = date == 0 ? 0 : date == table.usualDates[target - 1] ? 1 : 2
      let issuerMode =
        citation.issuer == nil ? 0 : citation.issuer == table.usualIssuers[target - 1] ? 1 : 2
      let confidence = 10_000 - Int(UInt16(max(0, min(1, citation.confidence)) * 10_000))
      let shift = located.location.byteOffset - citation.range.lowerBound
      let lengthChange =
        located.originalEnd - located.location.byteOffset - citation.range.count
      var rare = CitationRelation.allCases.firstIndex(of: citation.relation) ?? 0
      if citation.isFootnote { rare |= Flag.footnote }
      if citation.isRepaired { rare |= Flag.repaired }
      if citation.pinpoint != nil { rare |= Flag.pinpoint }
      if confidence != 0 { rare |= Flag.confidence }
      if shift != previousShift { rare |= Flag.shift }
      if lengthChange != 0 { rare |= Flag.length }
      if citation.isRepaired { rare |= Flag.text }
      var flags = rare < 7 ? rare : 7
      if located.subject != nil { flags |= Flag.subject }
      flags |= dateMode << Flag.dateShift | issuerMode << Flag.issuerShift
      body.uint8(UInt8(flags))
      if rare >= 7 { body.varint(rare) }
      if dateMode == 2 { body.varint(date) }
      if issuerMode == 2 { body.varint(table.reference(citation.issuer)) }
      if let pinpoint = citation.pinpoint { body.varint(table.reference(pinpoint)) }
      if confidence != 0 { body.varint(confidence) }
      if citation.isRepaired { body.string(located.text) }
      if let subject = located.subject {
        let words = StringTable.words(subject)
        body.varint(words.count)
        for word in words { body.varint(table.reference(word)) }
      }
      body.varint(zigzag(citation.range.lowerBound - previousStart))
      body.varint(citation.range.count)
      body.varint(zigzag(located.location.line - previousLine))
      body.varint(located.location.column)
      if shift != previousShift { body.varint(zigzag(shift - previousShift)) }
      if lengthChange != 0 { body.varint(zigzag(lengthChange)) }
      previousStart = citation.range.lowerBound
      previousLine = located.location.line
      previousShift = shift
    }
    writer.append(body.bytes)
    writer.uint32(Checksum.crc32(body.bytes))
  }

  /// A citation's flags: one byte for the common ones, then, when any rare one is set, a varint
  /// with the rare ones.
  private enum Flag {
    // The byte: relation (bits 0–2; 7: see the rare flags), then these.
    static let subject = 1 << 3
    /// 2 bits each: none, the target's usual one, or given.
    static let dateShift = 4
    static let issuerShift = 6
    // The rare flags: relation (bits 0–2), then these.
    static let footnote = 1 << 3
    static let repaired = 1 << 4
    static let pinpoint = 1 << 5
    static let confidence = 1 << 6
    /// Original start − range start differs from the previous citation's.
    static let shift = 1 << 7
    /// Original length differs from range length.
    static let length = 1 << 8
    /// The citation's text follows (a repaired citation: lint quotes the garbled original).
    static let text = 1 << 9
  }

  /// 0 for none, else 1 + the kind's position among `DocumentKind.allCases`.
  package static func kindIndex(_ kind: DocumentKind) -> Int {
    kind.ordinal + 1
  }

  private static func packed(_ date: CitationDate?) -> Int {
    guard let date else { return 0 }
    return date.year * 10_000 + date.month * 100 + date.day
  }

  @inline(__always)
  private static func zigzag(_ value: Int) -> UInt64 {
    UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
  }

  @inline(__always)
  private static func unzigzag(_ value: UInt64) -> Int {
    Int(truncatingIfNeeded: value >> 1) ^ -Int(truncatingIfNeeded: value & 1)
  }

  // MARK: - Reading

  /// Reads the length of the header of the record that starts at `reader`'s offset and ends at
  /// `end`, and checks the header; returns where it ends.
  private static func checkedHeaderEnd(_ reader: inout ByteReader, end: Int) throws(IndexError) -> Int {
    let headerLength = try reader.count(limit: max(0, end - reader.offset))
    let start = reader.offset
    let headerEnd = start + headerLength
    guard headerEnd + 4 <= end else { throw reader.damaged("document record out of bounds") }
    try check(reader, start..<headerEnd, "document record checksum mismatch")
    return headerEnd
  }

  /// Decodes the header of the record that starts at `reader`'s offset and ends at `end`:
  /// everything but the citations, which are left unread (and unchecked).
  package static func decodeHeader(
    _ reader: inout ByteReader, end: Int, strings: inout StringTableReader
  ) throws(IndexError) -> StoredDocument {
    let headerEnd = try checkedHeaderEnd(&reader, end: end)
    let relativePath = try reader.string()
    let path: String
    switch try reader.varint() {
    case 0: path = try reader.string()
    case let ref: path = try strings.string(Int(clamping: ref)) + relativePath
    }
    let size = try reader.count(limit: Int.max)
    let mtime = Int64(bitPattern: try reader.uint64())
    let hash = try reader.uint64()
    let tokenCount = try reader.count(limit: Int.max)
    var identities: [DocumentIdentity] = []
    var lines: [Int] = []
    for _ in 0..<(try reader.count(limit: 10_000)) {
      let kind = try kind(&reader)
      let id = try strings.optional(&reader)
      let number = try strings.optional(&reader)
      let year = try optionalYear(&reader)
      let symbol = try strings.optional(&reader)
      let date = try decodeDate(&reader)
      let issuer = try strings.optional(&reader)
      let title = try strings.optional(&reader)
      let province = try strings.optional(&reader)
      let lower = try reader.count(limit: Int(Int32.max))
      let length = try reader.count(limit: Int(Int32.max))
      lines.append(try reader.count(limit: Int.max))
      identities.append(
        DocumentIdentity(
          kind: kind, id: id, number: number, year: year, symbol: symbol, date: date,
          issuer: issuer, title: title, province: province, range: lower..<(lower + length)))
    }
    guard reader.offset == headerEnd else { throw reader.damaged("document record has extra bytes") }
    reader.offset = headerEnd + 4
    return StoredDocument(
      path: path, relativePath: relativePath, size: size, modificationTime: mtime,
      contentHash: hash, tokenCount: tokenCount,
      summary: DocumentSummary(path: path, identities: identities, citations: [], identityLines: lines))
  }

  /// What search filters read of a record (``SearchFilterFields``): its first identity's kind,
  /// year, date and issuer. The header is checked as ``decodeHeader(_:end:strings:)`` checks it,
  /// but its paths and other strings are read past, not made.
  package static func decodeFilterFields(
    _ reader: inout ByteReader, end: Int, strings: inout StringTableReader
  ) throws(IndexError) -> SearchFilterFields {
    _ = try checkedHeaderEnd(&reader, end: end)
    try skipString(&reader)  // relative path
    if try reader.varint() == 0 { try skipString(&reader) }  // path, when not shared
    _ = try reader.count(limit: Int.max)  // size
    _ = try reader.uint64()  // modification time
    _ = try reader.uint64()  // content hash
    _ = try reader.count(limit: Int.max)  // token count
    var fields = SearchFilterFields()
    if try reader.count(limit: 10_000) > 0 {
      fields.kind = try kind(&reader)
      _ = try reader.varint()  // id
      _ = try reader.varint()  // number
      fields.year = try optionalYear(&reader)
      _ = try reader.varint()  // symbol
      fields.date = try decodeDate(&reader)
      fields.issuer = try strings.optional(&reader)
    }
    return fields
  }

  /// Where the modification time (8 bytes) sits in the record that starts at `reader`'s offset
  /// and ends at `end`, and the header it belongs to, whose checksum follows it: for writing a
  /// touched file's new time in place (``IndexReader/writeRetimed(_:to:)``).
  package static func timeField(_ reader: inout ByteReader, end: Int) throws(IndexError)
    -> (time: Int, header: Range<Int>)
  {
    let headerLength = try reader.count(limit: max(0, end - reader.offset))
    let header = reader.offset..<(reader.offset + headerLength)
    guard header.upperBound + 4 <= end else { throw reader.damaged("document record out of bounds") }
    try skipString(&reader)  // relative path
    if try reader.varint() == 0 { try skipString(&reader) }  // path, when not shared
    _ = try reader.count(limit: Int.max)  // size
    guard reader.offset + 8 <= header.upperBound else {
      throw reader.damaged("document record too short for its time")
    }
    return (reader.offset, header)
  }

  private static func skipString(_ reader: inout ByteReader) throws(IndexError) {
    let length = try reader.count()
    try reader.need(length)
    reader.offset += length
  }

  /// Decodes one whole record that occupies `reader`'s bytes from its offset to `end`. Citation
  /// texts are empty: they are not stored (see the type's comment).
  ///
  /// - Parameter keep: Whether to keep a citation, given its target's reference and id; the
  ///   others are read past without making their strings. `nil` keeps all.
  package static func decode(
    _ reader: inout ByteReader, end: Int, strings: inout StringTableReader,
    keep: ((Int, String) -> Bool)? = nil
  ) throws(IndexError) -> StoredDocument {
    var document = try decodeHeader(&reader, end: end, strings: &strings)
    guard end - 4 >= reader.offset else { throw reader.damaged("document record out of bounds") }
    try check(reader, reader.offset..<(end - 4), "document citations checksum mismatch")
    var citations: [LocatedCitation] = []
    let citationCount = try reader.count(limit: 10_000_000)
    citations.reserveCapacity(min(citationCount, 4096))
    var previousStart = 0
    var previousLine = 0
    var previousShift = 0
    for _ in 0..<citationCount {
      let ref = Int(clamping: try reader.varint())
      let stored = try strings.target(ref)
      let target = stored.target
      let flags = Int(try reader.uint8())
      let rare = flags & 7 == 7 ? try reader.count(limit: 1 << 10 - 1) : flags & 7
      if let keep, !keep(ref, target.id) {
        try skipCitation(
          &reader, flags: flags, rare: rare, previousStart: &previousStart,
          previousLine: &previousLine, previousShift: &previousShift)
        continue
      }
      guard rare & 7 < CitationRelation.allCases.count else {
        throw reader.damaged("unknown relation \(rare & 7)")
      }
      let relation = CitationRelation.allCases[rare & 7]
      let date: CitationDate?
      switch flags >> Flag.dateShift & 3 {
      case 0: date = nil
      case 1: date = try unpacked(stored.usualDate, reader)
      case 2: date = try unpacked(try reader.count(limit: 99_991_231), reader)
      default: throw reader.damaged("bad date flag")
      }
      let issuer: String?
      switch flags >> Flag.issuerShift & 3 {
      case 0: issuer = nil
      case 1: issuer = stored.usualIssuer
      case 2: issuer = try strings.string(Int(clamping: try reader.varint()))
      default: throw reader.damaged("bad issuer flag")
      }
      let pinpoint =
        rare & Flag.pinpoint != 0 ? try strings.string(Int(clamping: try reader.varint())) : nil
      let confidence =
        Double(10_000 - (rare & Flag.confidence != 0 ? try reader.count(limit: 10_000) : 0)) / 10_000
      let text = rare & Flag.text != 0 ? try reader.string() : ""
      var subject: String?
      if flags & Flag.subject != 0 {
        // Gathered as bytes, one string made at the end: `joined(separator:)` cost 12,000
        // instructions a subject, a sixth of decoding every record for `cancu stats`.
        var words: [UInt8] = []
        for k in 0..<(try reader.count(limit: 100_000)) {
          if k > 0 { words.append(0x20) }
          words.append(contentsOf: try strings.string(Int(clamping: try reader.varint())).utf8)
        }
        subject = String(decoding: words, as: UTF8.self)
      }
      let lower = previousStart + unzigzag(try reader.varint())
      let length = try reader.count(limit: Int(Int32.max))
      let line = previousLine + unzigzag(try reader.varint())
      let column = try reader.count(limit: Int(Int32.max))
      let shift = previousShift + (rare & Flag.shift != 0 ? unzigzag(try reader.varint()) : 0)
      let byteOffset = lower + shift
      let originalEnd =
        byteOffset + length + (rare & Flag.length != 0 ? unzigzag(try reader.varint()) : 0)
      guard lower >= 0, length >= 0, line >= 0, byteOffset >= 0 else {
        throw reader.damaged("citation position out of range")
      }
      previousStart = lower
      previousLine = line
      previousShift = shift
      let citation = Citation(
        kind: target.kind, id: target.id, number: target.number, year: target.year,
        symbol: target.symbol, name: target.name, date: date, issuer: issuer, relation: relation,
        range: lower..<(lower + length), isFootnote: rare & Flag.footnote != 0,
        pinpoint: pinpoint, isRepaired: rare & Flag.repaired != 0, confidence: confidence)
      citations.append(
        LocatedCitation(
          citation: citation,
          location: SourceLocation(line: line, column: column, byteOffset: byteOffset),
          originalEnd: originalEnd, text: text, subject: subject))
    }
    guard reader.offset == end - 4 else { throw reader.damaged("document record has extra bytes") }
    reader.offset = end
    document.summary.citations = citations
    return document
  }

  /// Reads past one citation whose target and flags were read.
  private static func skipCitation(
    _ reader: inout ByteReader, flags: Int, rare: Int, previousStart: inout Int,
    previousLine: inout Int, previousShift: inout Int
  ) throws(IndexError) {
    if flags >> Flag.dateShift & 3 == 2 { _ = try reader.varint() }
    if flags >> Flag.issuerShift & 3 == 2 { _ = try reader.varint() }
    if rare & Flag.pinpoint != 0 { _ = try reader.varint() }
    if rare & Flag.confidence != 0 { _ = try reader.varint() }
    if rare & Flag.text != 0 { _ = try reader.string() }
    if flags & Flag.subject != 0 {
      for _ in 0..<(try reader.count(limit: 100_000)) { _ = try reader.varint() }
    }
    previousStart += unzigzag(try reader.varint())
    _ = try reader.varint()  // length
    previousLine += unzigzag(try reader.varint())
    _ = try reader.varint()  // column
    if rare & Flag.shift != 0 { previousShift += unzigzag(try reader.varint()) }
    if rare & Flag.length != 0 { _ = try reader.varint() }
  }

  private static func check(_ reader: ByteReader, _ range: Range<Int>, _ what: String)
    throws(IndexError)
  {
    guard range.lowerBound >= 0, range.upperBound + 4 <= reader.bytes.count else {
      throw reader.damaged("document record out of bounds")
    }
    let stored = UInt32(
      littleEndian: reader.bytes.loadUnaligned(fromByteOffset: range.upperBound, as: UInt32.self))
    guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: reader.bytes[range])) == stored else {
      throw reader.damaged(what)
    }
  }

  /// A kind index (0 for none).
  package static func kind(_ reader: inout ByteReader) throws(IndexError) -> DocumentKind? {
    let index = try reader.count(limit: DocumentKind.allCases.count)
    return index == 0 ? nil : DocumentKind.allCases[index - 1]
  }

  package static func optionalYear(_ reader: inout ByteReader) throws(IndexError) -> Int? {
    let value = try reader.count(limit: 100_000)
    return value == 0 ? nil : value - 1
  }

  private static func decodeDate(_ reader: inout ByteReader) throws(IndexError) -> CitationDate? {
    try unpacked(try reader.count(limit: 99_991_231), reader)
  }

  private static func unpacked(_ packed: Int, _ reader: ByteReader) throws(IndexError) -> CitationDate? {
    guard packed != 0 else { return nil }
    guard let date = CitationDate(year: packed / 10_000, month: packed / 100 % 100, day: packed % 100)
    else { throw reader.damaged("invalid date \(packed)") }
    return date
  }
}

/// The fields of a document's first identity that search filters test (`kind:`, `year:`,
/// `issuer:`), decoded without the rest of its record.
package struct SearchFilterFields {
  /// The document's kind.
  package var kind: DocumentKind?
  /// The year of its number.
  package var year: Int?
  /// Its date.
  package var date: CitationDate?
  /// Its issuer.
  package var issuer: String?

  package init() {}

  /// The fields of `identity` (none when nil).
  package init(_ identity: DocumentIdentity?) {
    kind = identity?.kind
    year = identity?.year
    date = identity?.date
    issuer = identity?.issuer
  }
}
