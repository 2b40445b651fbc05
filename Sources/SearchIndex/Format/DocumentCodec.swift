import Citations
import Corpus
import VietText

/// Writes and reads ``StoredDocument`` records (section 4 of ``IndexFormat``).
package enum DocumentCodec {
  package static func encode(_ document: StoredDocument, into writer: inout ByteWriter) {
    let start = writer.count
    writer.string(document.path)
    writer.string(document.relativePath)
    writer.varint(document.size)
    writer.uint64(UInt64(bitPattern: document.modificationTime))
    writer.uint64(document.contentHash)
    writer.varint(document.tokenCount)
    let summary = document.summary
    writer.varint(summary.identities.count)
    for (identity, line) in zip(summary.identities, summary.identityLines) {
      writer.optionalString(identity.kind?.rawValue)
      writer.optionalString(identity.id)
      writer.optionalString(identity.number)
      writer.varint(identity.year.map { $0 + 1 } ?? 0)
      writer.optionalString(identity.symbol)
      encode(identity.date, into: &writer)
      writer.optionalString(identity.issuer)
      writer.optionalString(identity.title)
      writer.optionalString(identity.province)
      writer.varint(identity.range.lowerBound)
      writer.varint(identity.range.count)
      writer.varint(line)
    }
    writer.varint(summary.citations.count)
    for located in summary.citations {
      let citation = located.citation
      writer.string(citation.kind.rawValue)
      writer.string(citation.id)
      writer.optionalString(citation.number)
      writer.varint(citation.year.map { $0 + 1 } ?? 0)
      writer.optionalString(citation.symbol)
      writer.optionalString(citation.name)
      encode(citation.date, into: &writer)
      writer.optionalString(citation.issuer)
      writer.string(citation.relation.rawValue)
      writer.varint(citation.range.lowerBound)
      writer.varint(citation.range.count)
      writer.uint8((citation.isFootnote ? 1 : 0) | (citation.isRepaired ? 2 : 0))
      writer.optionalString(citation.pinpoint)
      writer.uint16(UInt16(max(0, min(1, citation.confidence)) * 10_000))
      writer.varint(located.location.line)
      writer.varint(located.location.column)
      writer.varint(located.location.byteOffset)
      writer.varint(located.originalEnd)
      writer.string(located.text)
      writer.optionalString(located.subject)
    }
    let crc = writer.bytes.withUnsafeBytes { Checksum.crc32(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    writer.uint32(crc)
  }

  private static func encode(_ date: CitationDate?, into writer: inout ByteWriter) {
    guard let date else { return writer.varint(0) }
    writer.varint(date.year * 10_000 + date.month * 100 + date.day)
  }

  /// Decodes one record that occupies all of `reader`'s bytes from its offset to `end`.
  package static func decode(_ reader: inout ByteReader, end: Int) throws(IndexError)
    -> StoredDocument
  {
    let start = reader.offset
    guard end - 4 >= start, end <= reader.bytes.count else {
      throw reader.damaged("document record out of bounds")
    }
    let stored = UInt32(
      littleEndian: reader.bytes.loadUnaligned(fromByteOffset: end - 4, as: UInt32.self))
    let actual = Checksum.crc32(UnsafeRawBufferPointer(rebasing: reader.bytes[start..<(end - 4)]))
    guard stored == actual else { throw reader.damaged("document record checksum mismatch") }
    let path = try reader.string()
    let relativePath = try reader.string()
    let size = try reader.count(limit: Int.max)
    let mtime = Int64(bitPattern: try reader.uint64())
    let hash = try reader.uint64()
    let tokenCount = try reader.count(limit: Int.max)
    var identities: [DocumentIdentity] = []
    var lines: [Int] = []
    for _ in 0..<(try reader.count(limit: 10_000)) {
      let kind = try kindValue(try reader.optionalString(), reader)
      let id = try reader.optionalString()
      let number = try reader.optionalString()
      let year = try optionalYear(&reader)
      let symbol = try reader.optionalString()
      let date = try decodeDate(&reader)
      let issuer = try reader.optionalString()
      let title = try reader.optionalString()
      let province = try reader.optionalString()
      let lower = try reader.count(limit: Int.max)
      let length = try reader.count(limit: Int.max - lower)  // lower + length must not overflow
      lines.append(try reader.count(limit: Int.max))
      identities.append(
        DocumentIdentity(
          kind: kind, id: id, number: number, year: year, symbol: symbol, date: date,
          issuer: issuer, title: title, province: province, range: lower..<(lower + length)))
    }
    var citations: [LocatedCitation] = []
    let citationCount = try reader.count(limit: 10_000_000)
    citations.reserveCapacity(min(citationCount, 4096))
    for _ in 0..<citationCount {
      guard let kind = try kindValue(try reader.string(), reader) else {
        throw reader.damaged("citation without a kind")
      }
      let id = try reader.string()
      let number = try reader.optionalString()
      let year = try optionalYear(&reader)
      let symbol = try reader.optionalString()
      let name = try reader.optionalString()
      let date = try decodeDate(&reader)
      let issuer = try reader.optionalString()
      let relationName = try reader.string()
      guard let relation = CitationRelation(rawValue: relationName) else {
        throw reader.damaged("unknown relation '\(relationName)'")
      }
      let lower = try reader.count(limit: Int.max)
      let length = try reader.count(limit: Int.max - lower)  // lower + length must not overflow
      let flags = try reader.uint8()
      let pinpoint = try reader.optionalString()
      let confidence = Double(try reader.uint16()) / 10_000
      let location = SourceLocation(
        line: try reader.count(limit: Int.max), column: try reader.count(limit: Int.max),
        byteOffset: try reader.count(limit: Int.max))
      let originalEnd = try reader.count(limit: Int.max)
      let text = try reader.string()
      let subject = try reader.optionalString()
      let citation = Citation(
        kind: kind, id: id, number: number, year: year, symbol: symbol, name: name, date: date,
        issuer: issuer, relation: relation, range: lower..<(lower + length),
        isFootnote: flags & 1 != 0, pinpoint: pinpoint, isRepaired: flags & 2 != 0,
        confidence: confidence)
      citations.append(
        LocatedCitation(
          citation: citation, location: location, originalEnd: originalEnd, text: text,
          subject: subject))
    }
    guard reader.offset == end - 4 else { throw reader.damaged("document record has extra bytes") }
    reader.offset = end
    return StoredDocument(
      path: path, relativePath: relativePath, size: size, modificationTime: mtime,
      contentHash: hash, tokenCount: tokenCount,
      summary: DocumentSummary(
        path: path, identities: identities, citations: citations, identityLines: lines))
  }

  private static func kindValue(_ name: String?, _ reader: ByteReader) throws(IndexError)
    -> DocumentKind?
  {
    guard let name else { return nil }
    guard let kind = DocumentKind(rawValue: name) else {
      throw reader.damaged("unknown document kind '\(name)'")
    }
    return kind
  }

  private static func optionalYear(_ reader: inout ByteReader) throws(IndexError) -> Int? {
    let value = try reader.count(limit: 100_000)
    return value == 0 ? nil : value - 1
  }

  private static func decodeDate(_ reader: inout ByteReader) throws(IndexError) -> CitationDate? {
    let packed = try reader.count(limit: 99_991_231)
    guard packed != 0 else { return nil }
    guard let date = CitationDate(year: packed / 10_000, month: packed / 100 % 100, day: packed % 100)
    else { throw reader.damaged("invalid date \(packed)") }
    return date
  }
}
