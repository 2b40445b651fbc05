import Foundation
import Testing

@testable import SearchIndex

/// A small index, built once per test, and the test's own reading of its layout.
private struct Fixture {
  let indexed: IndexedCorpus
  let bytes: [UInt8]
  let sections: [UInt32: Range<Int>]

  init() throws {
    indexed = try IndexedCorpus()
    try indexed.corpus.write(
      "Nghị quyết 49.txt",
      "Về tăng cường sự lãnh đạo của Đảng đối với việc thực hiện dân chủ ở cơ sở\n"
        + "Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị\n")
    try indexed.corpus.write("b/hoà bình.txt", "Cộng hoà xã hội chủ nghĩa Việt Nam. Đảng và dân.\n")
    try indexed.corpus.write("c.md", "đang dang dở; thuỷ lợi, khoẻ mạnh\n")
    try indexed.update()
    bytes = try readBytes(indexed.indexFile)
    sections = sectionRanges(bytes)
  }

  var path: String { indexed.indexFile }

  /// Restores the intact file.
  func restore() throws { try writeBytes(bytes, to: path) }

  /// The dictionary record and key of `key`, found by the test's own scan of the terms section.
  func termRecord(_ key: String) throws -> (
    record: Range<Int>, key: Range<Int>, postings: Range<Int>
  ) {
    let terms = try #require(sections[2])
    let postings = try #require(sections[3])
    let count = littleEndian(bytes, at: terms.lowerBound, count: 4)
    let records = terms.lowerBound + 4
    let keys = records + count * 32
    for k in 0..<count {
      let record = records + 32 * k
      let keyStart = keys + littleEndian(bytes, at: record, count: 4)
      let keyLength = littleEndian(bytes, at: record + 4, count: 2)
      guard Array(bytes[keyStart..<(keyStart + keyLength)]) == Array(key.utf8) else { continue }
      let offset = postings.lowerBound + littleEndian(bytes, at: record + 12, count: 8)
      let length = littleEndian(bytes, at: record + 20, count: 4)
      return (record..<(record + 32), keyStart..<(keyStart + keyLength), offset..<(offset + length))
    }
    throw FixtureError.noSuchTerm(key)
  }

  /// The document section's parts: lengths (with their CRC) and each record.
  func documentParts() throws -> (lengths: Range<Int>, records: [Range<Int>]) {
    let documents = try #require(sections[4])
    let count = littleEndian(bytes, at: documents.lowerBound, count: 4)
    let offsets = documents.lowerBound + 4
    let lengths = offsets + (count + 1) * 8
    let recordsStart = lengths + count * 4 + 4
    let records = (0..<count).map { k in
      (recordsStart + littleEndian(bytes, at: offsets + 8 * k, count: 8))..<(recordsStart
        + littleEndian(bytes, at: offsets + 8 * (k + 1), count: 8))
    }
    return (lengths..<(lengths + count * 4 + 4), records)
  }

  /// The most significant byte of each u64 of the document offsets table.
  func documentOffsetHighBytes() throws -> [Int] {
    let documents = try #require(sections[4])
    let count = littleEndian(bytes, at: documents.lowerBound, count: 4)
    return (0...count).map { documents.lowerBound + 4 + 8 * $0 + 7 }
  }
}

private enum FixtureError: Error { case noSuchTerm(String) }

/// Whether `error` is `.damaged` for `path`.
private func isDamaged(_ error: IndexError, _ path: String) -> Bool {
  if case .damaged(let where_, _) = error { return where_ == path }
  return false
}

/// Runs `body`, which must throw `.damaged` for `path`.
private func expectDamaged(
  _ path: String, _ comment: @autoclosure () -> String,
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
  do {
    try body()
    Issue.record("no error: \(comment())", sourceLocation: sourceLocation)
  } catch let error as IndexError {
    #expect(isDamaged(error, path), "\(comment()): \(error)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("\(comment()): not an IndexError: \(error)", sourceLocation: sourceLocation)
  }
}

/// A search's results or its error.
private func searchResult(_ reader: IndexReader, _ text: String) -> Result<SearchResults, IndexError> {
  Result { () throws(IndexError) in try Searcher(reader: reader).search(try Query(parsing: text), limit: 10) }
}

@Suite("Index reader: damaged and foreign files")
struct IndexReaderTests {
  @Test func missingFileIsMissing() throws {
    let folder = try TemporaryFolder()
    let path = IndexReader.file(inFolder: folder.path)
    #expect(throws: IndexError.missing(path: path)) { try IndexReader(path: path) }
  }

  @Test func emptyFileIsNotAnIndex() throws {
    let folder = try TemporaryFolder()
    let path = IndexReader.file(inFolder: folder.path)
    try writeBytes([], to: path)
    #expect(throws: IndexError.notAnIndex(path: path)) { try IndexReader(path: path) }
  }

  @Test func foreignFileIsNotAnIndex() throws {
    let fixture = try Fixture()
    var bytes = fixture.bytes
    bytes.replaceSubrange(0..<4, with: Array("SQLi".utf8))
    try writeBytes(bytes, to: fixture.path)
    #expect(throws: IndexError.notAnIndex(path: fixture.path)) {
      try IndexReader(path: fixture.path)
    }
    try writeBytes(
      Array("Nghị quyết số 49-NQ/TU, một văn bản, không phải chỉ mục".utf8), to: fixture.path)
    #expect(throws: IndexError.notAnIndex(path: fixture.path)) {
      try IndexReader(path: fixture.path)
    }
  }

  @Test(
    "A future or past format version is reported with found and supported",
    arguments: [Int(IndexFormat.version) - 1, Int(IndexFormat.version) + 1, 7, 0xFFFF])
  func futureVersion(version: Int) throws {
    let fixture = try Fixture()
    var bytes = fixture.bytes
    bytes[4] = UInt8(version & 0xFF)
    bytes[5] = UInt8(version >> 8)
    try writeBytes(bytes, to: fixture.path)
    #expect(
      throws: IndexError.unsupportedFormatVersion(
        path: fixture.path, found: version, supported: Int(IndexFormat.version))
    ) { try IndexReader(path: fixture.path) }
  }

  @Test func truncatedFileIsDamagedOrNotAnIndexNeverACrash() throws {
    let fixture = try Fixture()
    let size = fixture.bytes.count
    let lengths = Set([
      1, 3, 4, 8, 15, 16, 17, 24, 40, 64, 115, 116, 117, 120, size / 3, size / 2, size - 5,
      size - 1,
    ])
    .filter { $0 < size }.sorted()
    for length in lengths {
      try writeBytes(Array(fixture.bytes[..<length]), to: fixture.path)
      do {
        let reader = try IndexReader(path: fixture.path)
        Issue.record(
          "a file cut to \(length) of \(size) bytes opened (\(reader.documentCount) documents)")
      } catch {
        let expected = isDamaged(error, fixture.path) || error == .notAnIndex(path: fixture.path)
        #expect(expected, "cut to \(length): \(error)")
        if length < 16 { #expect(error == .notAnIndex(path: fixture.path), "cut to \(length)") }
      }
    }
  }

  @Test func flippedByteInTheHeaderOrSectionTableIsDamaged() throws {
    let fixture = try Fixture()
    // 16-byte header, 24-byte section entries, 4-byte CRC; magic and version are tested apart.
    let sectionCount = littleEndian(fixture.bytes, at: 8, count: 4)
    #expect(sectionCount >= 4)
    for offset in 6..<(16 + sectionCount * 24 + 4) {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      expectDamaged(fixture.path, "byte \(offset)") { _ = try IndexReader(path: fixture.path) }
    }
  }

  @Test func flippedByteInTheMetaSectionIsDamagedOnOpening() throws {
    let fixture = try Fixture()
    let meta = try #require(fixture.sections[1])
    for offset in meta {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      expectDamaged(fixture.path, "byte \(offset)") { _ = try IndexReader(path: fixture.path) }
    }
  }

  @Test func flippedByteInADictionaryRecordIsDamagedOnLookup() throws {
    let fixture = try Fixture()
    let (record, key, _) = try fixture.termRecord("dang")
    for offset in Array(record) + Array(key) {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      let reader = try IndexReader(path: fixture.path)  // opening does not read the dictionary
      expectDamaged(fixture.path, "byte \(offset), lookup") {
        _ = try reader.lookup(Array("dang".utf8))
      }
      expectDamaged(fixture.path, "byte \(offset), search") {
        _ = try Searcher(reader: reader).search(try Query(parsing: "Đảng"), limit: 10)
      }
    }
  }

  @Test func flippedByteInAPostingsListIsDamagedWhenSearched() throws {
    let fixture = try Fixture()
    let (_, _, postings) = try fixture.termRecord("dan")
    #expect(!postings.isEmpty)
    let clean = try Searcher(reader: try IndexReader(path: fixture.path))
      .search(try Query(parsing: "dân"), limit: 10)
    for offset in postings {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      let reader = try IndexReader(path: fixture.path)
      #expect(try reader.lookup(Array("dang".utf8)) != nil, "other terms stay readable")
      // A word alone reads documents and frequencies, not positions: damage to positions is
      // found by the queries that read them, and must not change this one's answer.
      switch searchResult(reader, "dân") {
      case .success(let results):
        #expect(results.hits.map(\.documentID) == clean.hits.map(\.documentID), "byte \(offset)")
        #expect(results.hits.map(\.score) == clean.hits.map(\.score), "byte \(offset)")
      case .failure(let error):
        #expect(isDamaged(error, fixture.path), "byte \(offset): \(error)")
      }
      expectDamaged(fixture.path, "byte \(offset), phrase") {
        _ = try Searcher(reader: reader).search(try Query(parsing: "\"dân chủ\""), limit: 10)
      }
    }
  }

  @Test func flippedByteInADocumentRecordIsDamagedWhenRead() throws {
    let fixture = try Fixture()
    let (_, records) = try fixture.documentParts()
    #expect(records.count == 3)
    for offset in records[1] {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      let reader = try IndexReader(path: fixture.path)
      #expect(try reader.document(0).relativePath == "Nghị quyết 49.txt")
      expectDamaged(fixture.path, "byte \(offset)") { _ = try reader.document(1) }
      expectDamaged(fixture.path, "byte \(offset), all") { _ = try reader.allDocuments() }
    }
  }

  /// An offset whose top bit is set does not fit in `Int`: converting it must not trap.
  @Test func flippedHighByteOfADocumentOffsetIsDamagedNotACrash() throws {
    let fixture = try Fixture()
    for offset in try fixture.documentOffsetHighBytes() {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      let reader = try IndexReader(path: fixture.path)
      expectDamaged(fixture.path, "byte \(offset)") { _ = try reader.allDocuments() }
    }
  }

  @Test func flippedByteInTheDocumentLengthsIsDamagedWhenRanked() throws {
    let fixture = try Fixture()
    let (lengths, _) = try fixture.documentParts()
    for offset in lengths {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      let reader = try IndexReader(path: fixture.path)
      expectDamaged(fixture.path, "byte \(offset)") { _ = try reader.documentLength(0) }
      expectDamaged(fixture.path, "byte \(offset), search") {
        _ = try Searcher(reader: reader).search(try Query(parsing: "Đảng"), limit: 10)
      }
    }
  }

  @Test func verifyCatchesEveryFlippedByte() throws {
    let fixture = try Fixture()
    try IndexReader(path: fixture.path).verify()
    for offset in fixture.bytes.indices {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      do {
        try IndexReader(path: fixture.path).verify()
        Issue.record("flipped byte \(offset) of \(fixture.bytes.count) not detected")
      } catch {
        switch error {
        case .damaged, .notAnIndex, .unsupportedFormatVersion: break
        default: Issue.record("byte \(offset): unexpected \(error)")
        }
      }
    }
  }

  /// The design's promise: a damaged index gives an error, never a wrong answer.
  @Test(.timeLimit(.minutes(5)))
  func everyFlippedByteGivesAnErrorOrTheRightAnswer() throws {
    let fixture = try Fixture()
    let queries = ["dang", "Đảng", "\"dân chủ\"", "hoa OR thuy", "30-CT/TW", "cong -dang"]
    func answers() throws(IndexError) -> [String] {
      let reader = try IndexReader(path: fixture.path)
      var lines = try reader.allDocuments().map {
        "\($0.relativePath) \($0.tokenCount) \($0.contentHash)"
      }
      let searcher = Searcher(reader: reader)
      for query in queries {
        for exact in [false, true] {
          let results = try searcher.search(try Query(parsing: query), limit: 100, exactOnly: exact)
          lines.append(
            "\(query) \(exact): \(results.totalMatches) "
              + results.hits.map { "\($0.document.relativePath)=\($0.score)" }.joined(
                separator: ","))
        }
      }
      return lines
    }
    let intact = try answers()
    for offset in fixture.bytes.indices {
      try fixture.restore()
      try flipByte(at: offset, ofFile: fixture.path)
      do {
        let damaged = try answers()
        #expect(damaged == intact, "flipped byte \(offset) gave a different answer")
      } catch {
        // Any IndexError is fine here; a crash or a different answer is not.
      }
    }
  }
}
