public import Corpus

/// Reads an index file through a memory mapping, touching only what a query needs.
///
/// Opening checks the header, the section table and its checksum, and reads the small meta
/// section. Term lookup is a binary search over fixed-size dictionary records; every record probed
/// and every postings list or document record decoded is checked against its CRC-32 first.
public final class IndexReader: Sendable {
  /// The index file.
  public let path: String
  private let file: MappedFile
  let sections: [IndexFormat.Section: Range<Int>]
  private let sectionChecksums: [IndexFormat.Section: UInt32]
  /// Number of documents.
  public let documentCount: Int
  /// Total tokens over all documents.
  public let tokenTotal: Int
  /// Number of distinct folded terms.
  public let termCount: Int
  /// Files of the corpus that were not indexed, and why.
  public let skipped: [SkippedFile]
  /// The analysis version of the code that wrote the index (``IndexFormat/analysisVersion``).
  public let analysisVersion: String
  /// Whether the index was analyzed the way this code analyzes: if not, it must be rebuilt.
  public var isCurrentAnalysis: Bool { analysisVersion == IndexFormat.analysisVersion }
  private let recordsStart: Int
  private let keysStart: Int
  private let documentOffsetsStart: Int
  private let lengthsStart: Int
  private let documentRecordsStart: Int
  /// Token counts, checked once on first use.
  private let lengths: Lengths
  /// The shared strings of the document records (empty for an index of another analysis version).
  let stringLayout: StringTableReader.Layout?
  /// The citation map (empty for an index of another analysis version).
  let citationMapLayout: CitationMap.Layout?

  /// The index file inside an index folder.
  public static func file(inFolder folder: String) -> String {
    folder + "/" + IndexFormat.fileName
  }

  /// Opens the index file at `path`.
  ///
  /// - Throws: ``IndexError/missing(path:)``, ``IndexError/notAnIndex(path:)``,
  ///   ``IndexError/unsupportedFormatVersion(path:found:supported:)``, ``IndexError/damaged(path:detail:)``.
  public init(path: String) throws(IndexError) {
    self.path = path
    file = try MappedFile(path: path)
    let bytes = file.bytes
    var reader = ByteReader(bytes, path: path)
    guard bytes.count >= IndexFormat.headerSize,
      Array(bytes[0..<4]) == IndexFormat.magic
    else { throw .notAnIndex(path: path) }
    reader.offset = 4
    let version = try reader.uint16()
    guard version == IndexFormat.version else {
      throw .unsupportedFormatVersion(
        path: path, found: Int(version), supported: Int(IndexFormat.version))
    }
    _ = try reader.uint16()
    let sectionCount = Int(try reader.uint32())
    _ = try reader.uint32()
    guard sectionCount <= 64 else { throw .damaged(path: path, detail: "bad section count") }
    var sections: [IndexFormat.Section: Range<Int>] = [:]
    var checksums: [IndexFormat.Section: UInt32] = [:]
    for _ in 0..<sectionCount {
      let id = try reader.uint32()
      let offset = try reader.uint64()
      let length = try reader.uint64()
      let crc = try reader.uint32()
      guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else {
        throw .damaged(path: path, detail: "section \(id) lies outside the file (truncated?)")
      }
      if let section = IndexFormat.Section(rawValue: id) {
        sections[section] = Int(offset)..<Int(offset + length)
        checksums[section] = crc
      }
    }
    let tableEnd = reader.offset
    let storedTableCRC = try reader.uint32()
    guard storedTableCRC == Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[0..<tableEnd]))
    else { throw .damaged(path: path, detail: "header checksum mismatch") }
    // Sections 6 and 7 are required of an index of this analysis version only (checked below).
    for section in IndexFormat.Section.allCases
    where sections[section] == nil && section != .citationMap && section != .strings {
      throw .damaged(path: path, detail: "section \(section) is missing")
    }
    self.sections = sections
    self.sectionChecksums = checksums

    // Meta: small, checked whole.
    let metaRange = sections[.meta] ?? 0..<0
    let meta = UnsafeRawBufferPointer(rebasing: bytes[metaRange])
    guard Checksum.crc32(meta) == checksums[.meta] else {
      throw .damaged(path: path, detail: "meta section checksum mismatch")
    }
    var metaReader = ByteReader(bytes, offset: metaRange.lowerBound, path: path)
    documentCount = Int(try metaReader.uint32())
    tokenTotal = Int(clamping: try metaReader.uint64())
    termCount = Int(try metaReader.uint32())
    analysisVersion = try metaReader.string()
    var skipped: [SkippedFile] = []
    for _ in 0..<(try metaReader.count(limit: 10_000_000)) {
      skipped.append(
        SkippedFile(
          relativePath: try metaReader.string(), size: try metaReader.count(limit: Int.max),
          modificationTime: Int64(bitPattern: try metaReader.uint64()), reason: try metaReader.string()))
    }
    self.skipped = skipped

    let terms = sections[.terms] ?? 0..<0
    recordsStart = terms.lowerBound + 4
    keysStart = recordsStart + termCount * IndexFormat.termRecordSize
    var termReader = ByteReader(bytes, offset: terms.lowerBound, path: path)
    guard Int(try termReader.uint32()) == termCount, keysStart <= terms.upperBound else {
      throw .damaged(path: path, detail: "term dictionary does not match its size")
    }
    let documentsRange = sections[.documents] ?? 0..<0
    var documentReader = ByteReader(bytes, offset: documentsRange.lowerBound, path: path)
    guard Int(try documentReader.uint32()) == documentCount else {
      throw .damaged(path: path, detail: "document table does not match its size")
    }
    documentOffsetsStart = documentsRange.lowerBound + 4
    lengthsStart = documentOffsetsStart + (documentCount + 1) * 8
    documentRecordsStart = lengthsStart + documentCount * 4 + 4
    guard documentRecordsStart <= documentsRange.upperBound else {
      throw .damaged(path: path, detail: "document table is truncated")
    }
    lengths = Lengths()
    (stringLayout, citationMapLayout) = try Self.documentLayouts(
      bytes, sections: sections, current: analysisVersion == IndexFormat.analysisVersion, path: path)
  }

  /// Lazily checked token counts.
  private final class Lengths: @unchecked Sendable {
    // Written once under the lock, read after.
    private let lock = Mutex()
    private var checked: Bool?
    func check(_ body: () -> Bool) -> Bool {
      lock.withLock {
        if let checked { return checked }
        let result = body()
        checked = result
        return result
      }
    }
  }

  /// The number of tokens of document `id`, for BM25.
  package func documentLength(_ id: Int) throws(IndexError) -> Int {
    let bytes = file.bytes
    let valid = lengths.check {
      let range = lengthsStart..<(lengthsStart + documentCount * 4)
      let stored = UInt32(
        littleEndian: bytes.loadUnaligned(fromByteOffset: range.upperBound, as: UInt32.self))
      return Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[range])) == stored
    }
    guard valid else { throw .damaged(path: path, detail: "document lengths checksum mismatch") }
    return Int(
      UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: lengthsStart + id * 4, as: UInt32.self)))
  }

  /// Every document's token count, checked once: what ranking reads for each candidate,
  /// without a lock per read. Valid while `self` lives.
  package func documentLengths() throws(IndexError) -> DocumentLengths {
    if documentCount > 0 { _ = try documentLength(0) }
    return DocumentLengths(
      bytes: UnsafeRawBufferPointer(rebasing: file.bytes[lengthsStart..<(lengthsStart + documentCount * 4)]))
  }

  /// Checked token counts of the documents, by id (``documentLengths()``).
  package struct DocumentLengths {
    fileprivate let bytes: UnsafeRawBufferPointer

    /// The number of tokens of document `id`.
    @inline(__always)
    package subscript(id: Int) -> Int {
      Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: id &* 4, as: UInt32.self)))
    }
  }

  /// A dictionary entry.
  package struct TermEntry: Sendable {
    package var key: [UInt8]
    package var documentFrequency: Int
    package var postings: Range<Int>
    package var checksum: UInt32
  }

  /// The dictionary entry at `index` (in key order), checked.
  package func term(at index: Int) throws(IndexError) -> TermEntry {
    let bytes = file.bytes
    let recordStart = recordsStart + index * IndexFormat.termRecordSize
    var reader = ByteReader(bytes, offset: recordStart, path: path)
    let keyOffset = Int(try reader.uint32())
    let keyLength = Int(try reader.uint16())
    _ = try reader.uint16()
    let frequency = Int(try reader.uint32())
    let postingsOffset = try reader.uint64()
    let postingsLength = Int(try reader.uint32())
    let postingsCRC = try reader.uint32()
    let recordCRC = try reader.uint32()
    let termsEnd = sections[.terms]?.upperBound ?? 0
    guard keysStart + keyOffset + keyLength <= termsEnd else {
      throw .damaged(path: path, detail: "term key outside the dictionary")
    }
    let key = Array(bytes[(keysStart + keyOffset)..<(keysStart + keyOffset + keyLength)])
    let recordBytes = Array(bytes[recordStart..<(recordStart + 28)])
    guard Checksum.crc32(recordBytes + key) == recordCRC else {
      throw .damaged(path: path, detail: "term dictionary checksum mismatch")
    }
    let postingsSection = sections[.postings] ?? 0..<0
    guard postingsOffset <= UInt64(postingsSection.count),
      UInt64(postingsLength) <= UInt64(postingsSection.count) - postingsOffset
    else { throw .damaged(path: path, detail: "postings outside their section") }
    let start = postingsSection.lowerBound + Int(postingsOffset)
    return TermEntry(
      key: key, documentFrequency: frequency, postings: start..<(start + postingsLength),
      checksum: postingsCRC)
  }

  /// The entry of a folded term, by binary search.
  ///
  /// - Complexity: O(log *terms*) record reads.
  package func lookup(_ key: [UInt8]) throws(IndexError) -> TermEntry? {
    var low = 0
    var high = termCount
    while low < high {
      let middle = (low + high) / 2
      let entry = try term(at: middle)
      if entry.key == key { return entry }
      if entry.key.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// The postings of an entry, documents decoded and checked, positions read on demand.
  package func termPostings(_ entry: TermEntry) throws(IndexError) -> TermPostings {
    try TermPostings(
      bytes: file.bytes, range: entry.postings, key: entry.key, checksum: entry.checksum,
      documentFrequency: entry.documentFrequency, documentCount: documentCount, path: path)
  }

  /// The fully decoded postings of an entry, checked.
  package func postings(_ entry: TermEntry) throws(IndexError) -> PostingsList {
    try PostingsList(try termPostings(entry))
  }

  /// The stored record of document `id`, checked. Citation texts are empty but for repaired citations.
  public func document(_ id: Int) throws(IndexError) -> StoredDocument {
    var strings = try stringTable()
    return try document(id, strings: &strings)
  }

  /// Every stored document, in id order. Citation texts are empty but for repaired citations.
  public func allDocuments() throws(IndexError) -> [StoredDocument] {
    var strings = try stringTable()
    var result: [StoredDocument] = []
    result.reserveCapacity(documentCount)
    for id in 0..<documentCount { result.append(try document(id, strings: &strings)) }
    return result
  }

  /// The byte range of document `id`'s record, checked against the table.
  func documentRecord(_ id: Int) throws(IndexError) -> Range<Int> {
    precondition(id >= 0 && id < documentCount, "document id \(id) out of range")
    var offsets = ByteReader(file.bytes, offset: documentOffsetsStart + id * 8, path: path)
    let rawStart = try offsets.uint64()
    let rawEnd = try offsets.uint64()
    let sectionEnd = sections[.documents]?.upperBound ?? 0
    // Compare as UInt64 first: a damaged offset may not fit in Int.
    guard rawStart <= rawEnd, rawEnd <= UInt64(max(0, sectionEnd - documentRecordsStart)) else {
      throw .damaged(path: path, detail: "document record outside the table")
    }
    return (documentRecordsStart + Int(rawStart))..<(documentRecordsStart + Int(rawEnd))
  }

  /// The byte range of a section (every section but 6 and 7 is known to be there).
  func sectionRange(_ section: IndexFormat.Section) throws(IndexError) -> Range<Int> {
    guard let range = sections[section] else {
      throw .damaged(path: path, detail: "section \(section) is missing")
    }
    return range
  }

  /// The mapped file's bytes, for the readers of one part (valid while `self` lives).
  var mappedBytes: UnsafeRawBufferPointer { file.bytes }

  /// Checks every section's checksum: reads the whole file.
  public func verify() throws(IndexError) {
    for section in IndexFormat.Section.allCases {
      let range = sections[section] ?? 0..<0
      guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: file.bytes[range])) == sectionChecksums[section]
      else { throw .damaged(path: path, detail: "\(section) section checksum mismatch") }
    }
  }

  /// Calls `body` with every term in key order: the folded key and its lazily read postings.
  package func forEachTermPostings(_ body: ([UInt8], TermPostings) throws(IndexError) -> Void)
    throws(IndexError)
  {
    for index in 0..<termCount {
      let entry = try term(at: index)
      try body(entry.key, try termPostings(entry))
    }
  }

  /// Calls `body` with every term in key order: the folded key and its postings.
  package func forEachTerm(_ body: ([UInt8], PostingsList) throws(IndexError) -> Void)
    throws(IndexError)
  {
    for index in 0..<termCount {
      let entry = try term(at: index)
      try body(entry.key, try postings(entry))
    }
  }

  /// The manifest as a compact listing, unsorted (documents, then skipped files), without a
  /// string per file: what the freshness check before every query compares with the corpus.
  public func manifestListing() throws(IndexError) -> CorpusListing {
    let range = sections[.manifest] ?? 0..<0
    guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: file.bytes[range])) == sectionChecksums[.manifest]
    else { throw .damaged(path: path, detail: "manifest checksum mismatch") }
    var listing = CorpusListing()
    try forEachManifestEntry { _, relativePath, size, time, _ in
      listing.append(relativePath: relativePath, size: size, modificationTime: time)
    }
    return listing
  }

  /// Walks the manifest (section 5): per entry — the documents in id order, then the skipped
  /// files — its index, relative path, size, time and the file offset of the time (8 bytes).
  /// The section's checksum is the caller's to check.
  @inline(__always)
  func forEachManifestEntry(
    _ body: (
      _ entry: Int, _ relativePath: UnsafeRawBufferPointer, _ size: Int, _ time: Int64,
      _ timeOffset: Int
    ) -> Void
  ) throws(IndexError) {
    let range = sections[.manifest] ?? 0..<0
    var reader = ByteReader(file.bytes, offset: range.lowerBound, path: path)
    let count = try reader.count(limit: range.count)
    for entry in 0..<count {
      let relativePath = try reader.slice(try reader.count(limit: range.count))
      let size = try reader.count(limit: Int.max)
      let timeOffset = reader.offset
      let time = Int64(bitPattern: try reader.uint64())
      body(entry, relativePath, size, time, timeOffset)
    }
  }

  /// Average document length in tokens.
  package var averageLength: Double {
    documentCount == 0 ? 0 : Double(tokenTotal) / Double(documentCount)
  }
}
