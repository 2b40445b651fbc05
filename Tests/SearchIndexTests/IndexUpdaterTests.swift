import Citations
import Corpus
import Foundation
import TestSupport
import Testing

@testable import SearchIndex

/// No `cancu.index.tmp-*` left in the index folder.
private func expectNoTemporaries(
  _ folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let stray = try folder.contents().filter { $0.hasPrefix("cancu.index.tmp") }
  #expect(stray.isEmpty, "left behind: \(stray)", sourceLocation: sourceLocation)
}

/// Path → score and the total, for comparing two indexes of the same corpus.
private func answer(_ searcher: Searcher, _ text: String, exact: Bool = false) throws
  -> (scores: [String: Double], total: Int, paths: [String])
{
  let results = try searcher.search(try Query(parsing: text), limit: 100_000, exactOnly: exact)
  return (results.scores, results.totalMatches, results.paths)
}

/// Results collected from several threads.
private final class Outcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [String] = []
  func append(_ value: String) { lock.withLock { stored.append(value) } }
  var values: [String] { lock.withLock { stored } }
}

private let fixedQueries = [
  "dang", "Đảng", "hoà", "hòa", "thuy", "\"dân chủ\"", "dân chủ", "30-CT/TW", "hoa OR khoe",
  "Việt -Nam", "\"nghị quyết\" -dang", "59/2023/NĐ-CP", "quý", "điều",
]

@Suite("Index updater")
struct IndexUpdaterTests {
  @Test func countsAddedChangedRemovedAndUnchanged() throws {
    let indexed = try IndexedCorpus()
    #expect(try indexed.updater.freshness() == .missing)
    try indexed.corpus.write("a.txt", "Đảng lãnh đạo\n")
    try indexed.corpus.write("b.txt", "dân chủ ở cơ sở\n")
    try indexed.corpus.write("thư mục/c d.md", "hoà bình\n")
    try indexed.corpus.write("d.txt", "thuỷ lợi\n")
    for (k, name) in ["a.txt", "b.txt", "thư mục/c d.md", "d.txt"].enumerated() {
      try indexed.corpus.setModificationTime(name, 1_600_000_000 + Double(k))
    }
    let first = try indexed.update()
    #expect(
      (first.documents, first.added, first.changed, first.removed, first.unchanged) == (
        4, 4, 0, 0, 0
      ))
    #expect(first.previousIndexProblem == nil)
    #expect(try indexed.updater.freshness() == .fresh)

    try indexed.corpus.write("b.txt", "dân chủ ở cơ sở và địa phương\n")  // changed
    try indexed.corpus.setModificationTime("b.txt", 1_700_000_000)
    try indexed.corpus.setModificationTime("thư mục/c d.md", 1_700_000_001)  // touched only
    try indexed.corpus.remove("d.txt")  // removed
    try indexed.corpus.write("e.txt", "khoẻ mạnh\n")  // added
    #expect(try indexed.updater.freshness() == .stale(changes: 4))

    let second = try indexed.update()
    #expect(
      (second.documents, second.added, second.changed, second.removed, second.unchanged) == (
        4, 1, 1, 1, 2
      ))
    #expect(
      second.bytesRead
        == [
          "dân chủ ở cơ sở và địa phương\n", "hoà bình\n", "khoẻ mạnh\n",
        ].reduce(0) { $0 + $1.utf8.count })
    #expect(second.warnings.isEmpty)
    #expect(try indexed.updater.freshness() == .fresh)
    #expect(try indexed.search("phuong").paths == ["b.txt"])
    #expect(try indexed.search("thuy").totalMatches == 0)
    #expect(try indexed.search("hoa").paths == ["thư mục/c d.md"])
    let touched = try #require(
      try IndexReader(path: indexed.indexFile).allDocuments().first {
        $0.relativePath == "thư mục/c d.md"
      })
    #expect(touched.modificationTime == 1_700_000_001 * 1_000_000_000)

    let third = try indexed.update()
    #expect(
      (third.documents, third.added, third.changed, third.removed, third.unchanged) == (
        4, 0, 0, 0, 4
      ))
    #expect(third.bytesRead == 0)
    try expectNoTemporaries(indexed.index)
  }

  @Test(
    "Incremental update equals a rebuild", .timeLimit(.minutes(5)),
    arguments: [3, 4, 5] as [UInt64])
  func incrementalUpdateEqualsRebuild(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let indexed = try IndexedCorpus()
    var files = try RandomCorpus.write(count: 40, into: indexed.corpus, using: &random)
    try indexed.update()

    var names = files.keys.sorted()
    names.shuffle(using: &random)
    let removed = Array(names[0..<5])
    let changed = Array(names[5..<11])
    let touched = Array(names[11..<16])
    for name in removed {
      try indexed.corpus.remove(name)
      files[name] = nil
    }
    for (k, name) in changed.enumerated() {
      var bytes = RandomCorpus.encode(RandomCorpus.text(using: &random), using: &random)
      if k == 0, let old = files[name] {
        // Same size, new content: only the time tells.
        bytes = old.map { $0 == UInt8(ascii: "a") ? UInt8(ascii: "o") : $0 }
        if bytes == old { bytes = old.map { $0 == UInt8(ascii: " ") ? UInt8(ascii: "\t") : $0 } }
      }
      while bytes == files[name] {
        bytes = RandomCorpus.encode(RandomCorpus.text(using: &random), using: &random)
      }
      try indexed.corpus.write(name, bytes: bytes)
      try indexed.corpus.setModificationTime(name, 1_800_000_000 + Double(k))
      files[name] = bytes
    }
    for (k, name) in touched.enumerated() {
      try indexed.corpus.setModificationTime(name, 1_900_000_000 + Double(k))
    }
    let added = try RandomCorpus.write(
      count: 8, into: indexed.corpus, startingAt: 100, using: &random)
    files.merge(added) { $1 }
    #expect(try indexed.updater.freshness() == .stale(changes: 5 + 6 + 5 + 8))

    // Small batches: carried-over and new documents meet across several batches.
    var updater = indexed.updater
    updater.batchSize = 5
    var reports: [IndexUpdater.Progress] = []
    let summary = try updater.update(progress: { reports.append($0) })
    #expect(reports.count == 4, "19 files to read in batches of 5")
    #expect(reports.map(\.filesDone) == [5, 10, 15, 19])
    #expect(reports.allSatisfy { $0.filesTotal == 19 })
    #expect(reports.last.map { $0.bytesDone == $0.bytesTotal } == true)
    #expect(summary.added == 8)
    #expect(summary.changed == 6)
    #expect(summary.removed == 5)
    #expect(summary.unchanged == 40 - 5 - 6)
    #expect(summary.documents == files.count)
    #expect(summary.previousIndexProblem == nil)
    #expect(try indexed.updater.freshness() == .fresh)
    try expectNoTemporaries(indexed.index)

    let rebuilt = try TemporaryFolder("rebuilt")
    _ = try IndexUpdater(corpus: indexed.corpus.path, folder: rebuilt.path).update(rebuild: true)
    let fresh = try IndexReader(path: IndexReader.file(inFolder: rebuilt.path))
    let updated = try IndexReader(path: indexed.indexFile)
    #expect(updated.tokenTotal == fresh.tokenTotal)
    #expect(updated.termCount == fresh.termCount)
    #expect(
      try updated.allDocuments().sorted { $0.relativePath < $1.relativePath }
        == fresh.allDocuments().sorted { $0.relativePath < $1.relativePath })

    let documents = files.mapValues { Oracle.tokens(Oracle.text(ofFile: $0)) }
    let tokenLists = documents.keys.sorted().compactMap { documents[$0] }
    var queries = fixedQueries
    for _ in 0..<100 {
      queries.append(
        RandomCorpus.query(documents: tokenLists, words: RandomCorpus.vocabulary, using: &random)
          .description)
    }
    var differences: [String] = []
    for query in queries {
      for exact in [false, true] {
        let a = try answer(Searcher(reader: updated), query, exact: exact)
        let b = try answer(Searcher(reader: fresh), query, exact: exact)
        if a.scores != b.scores || a.total != b.total {
          differences.append("\(query) exact=\(exact): \(a.scores) vs \(b.scores)")
        }
      }
    }
    #expect(differences.isEmpty, "\(differences.count) differ; first: \(differences.prefix(3))")
  }

  /// A build over its memory budget flushes its postings to temporary segments and merges them
  /// at the end; the file must be the one a build that kept everything in memory writes, for a
  /// rebuild and for an update (whose carried-over postings flush too).
  @Test("Flushing segments changes nothing in the index", .timeLimit(.minutes(5)), arguments: [6, 7] as [UInt64])
  func segmentsChangeNothing(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let indexed = try IndexedCorpus()
    var files = try RandomCorpus.write(count: 40, into: indexed.corpus, using: &random)
    let whole = try TemporaryFolder("whole")
    let wholeSummary = try IndexUpdater(corpus: indexed.corpus.path, folder: whole.path).update(rebuild: true)
    #expect(wholeSummary.segments == 1)

    var small = indexed.updater
    small.memoryBudget = 1
    small.batchSize = 3
    let summary = try small.update(rebuild: true)
    #expect(summary.segments > 10, "a flush after every batch of 3 files")
    #expect(summary.spilledDocuments == 40)
    #expect(try readBytes(indexed.indexFile) == readBytes(IndexReader.file(inFolder: whole.path)))
    try expectNoTemporaries(indexed.index)

    // An update: some files removed, changed and added.
    var names = files.keys.sorted()
    names.shuffle(using: &random)
    for name in names[0..<4] {
      try indexed.corpus.remove(name)
      files[name] = nil
    }
    for (k, name) in names[4..<9].enumerated() {
      try indexed.corpus.write(name, bytes: RandomCorpus.encode(RandomCorpus.text(using: &random), using: &random))
      try indexed.corpus.setModificationTime(name, 1_800_000_000 + Double(k))
    }
    _ = try RandomCorpus.write(count: 6, into: indexed.corpus, startingAt: 100, using: &random)
    let updated = try small.update()
    #expect(updated.segments > 3)
    #expect(updated.spilledDocuments == 11)
    #expect(updated.unchanged == 31)
    _ = try IndexUpdater(corpus: indexed.corpus.path, folder: whole.path).update(rebuild: true)
    #expect(try readBytes(indexed.indexFile) == readBytes(IndexReader.file(inFolder: whole.path)))
    try expectNoTemporaries(indexed.index)
  }

  /// Files touched but not changed (copied, restored, saved as they were): the index is copied
  /// with their new times, nothing re-analyzed or re-encoded, and it is the file a rebuild writes.
  @Test("Touched files only retime the index", .timeLimit(.minutes(5)), arguments: [8, 9] as [UInt64])
  func touchedFilesOnlyRetimeTheIndex(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(count: 30, into: indexed.corpus, using: &random)
    // A skipped file stays skipped, its entry in the manifest untouched.
    try indexed.corpus.write("ảnh chụp.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D, 0x0A])
    try indexed.corpus.setModificationTime("ảnh chụp.txt", 1_650_000_000)
    try indexed.update()
    let rebuilt = try TemporaryFolder("rebuilt")
    let rebuild = IndexUpdater(corpus: indexed.corpus.path, folder: rebuilt.path)

    var names = files.keys.sorted()
    names.shuffle(using: &random)
    let touched = Array(names[0..<6])
    for (k, name) in touched.enumerated() {
      try indexed.corpus.setModificationTime(name, 1_900_000_000 + Double(k) + 0.25)
    }
    #expect(try indexed.updater.freshness() == .stale(changes: 6))
    let summary = try indexed.update()
    #expect(summary.retimed == 6)
    #expect(
      (summary.documents, summary.added, summary.changed, summary.removed, summary.unchanged)
        == (30, 0, 0, 0, 30))
    #expect(summary.bytesRead == touched.reduce(0) { $0 + (files[$1]?.count ?? 0) })
    #expect(try indexed.updater.freshness() == .fresh)
    _ = try rebuild.update(rebuild: true)
    #expect(try readBytes(indexed.indexFile) == readBytes(IndexReader.file(inFolder: rebuilt.path)))
    let times = Dictionary(
      uniqueKeysWithValues: try IndexReader(path: indexed.indexFile).allDocuments().map {
        ($0.relativePath, $0.modificationTime)
      })
    for (k, name) in touched.enumerated() {
      #expect(times[name] == (1_900_000_000 + Int64(k)) * 1_000_000_000 + 250_000_000, "\(name)")
    }
    try expectNoTemporaries(indexed.index)

    // Touched beside a change: the index is written whole, as for any change.
    try indexed.corpus.setModificationTime(names[6], 1_950_000_000)
    try indexed.corpus.write(names[7], "Nội dung mới của văn bản.\n")
    try indexed.corpus.setModificationTime(names[7], 1_960_000_000)
    let mixed = try indexed.update()
    #expect(mixed.retimed == 0)
    #expect((mixed.changed, mixed.unchanged) == (1, 29))
    _ = try rebuild.update(rebuild: true)
    #expect(try readBytes(indexed.indexFile) == readBytes(IndexReader.file(inFolder: rebuilt.path)))

    // The skipped file touched: it is read again and skipped again, its new time recorded.
    try indexed.corpus.setModificationTime("ảnh chụp.txt", 1_970_000_000)
    let reread = try indexed.update()
    #expect(reread.retimed == 0)
    #expect(try indexed.updater.freshness() == .fresh)
    _ = try rebuild.update(rebuild: true)
    #expect(try readBytes(indexed.indexFile) == readBytes(IndexReader.file(inFolder: rebuilt.path)))
  }

  /// The issue asks for byte-identical results: equal scores must come out in the same order
  /// after an update as after a rebuild.
  @Test func tiesComeOutInTheSameOrderAfterAnUpdateAsAfterARebuild() throws {
    let indexed = try IndexedCorpus()
    let text = "Đảng lãnh đạo dân chủ\n"
    try indexed.corpus.write("a.txt", text)
    try indexed.corpus.write("c.txt", text)
    try indexed.update()
    try indexed.corpus.write("b.txt", text)
    try indexed.update()
    let rebuilt = try TemporaryFolder("rebuilt")
    _ = try IndexUpdater(corpus: indexed.corpus.path, folder: rebuilt.path).update(rebuild: true)
    let fresh = Searcher(reader: try IndexReader(path: IndexReader.file(inFolder: rebuilt.path)))
    #expect(try answer(fresh, "dân").paths == ["a.txt", "b.txt", "c.txt"])
    #expect(try answer(indexed.searcher(), "dân").paths == answer(fresh, "dân").paths)
  }

  @Test func skippedFilesAreRecordedReportedOnceAndNotReRead() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("tốt.txt", "Đảng và dân\n")
    try indexed.corpus.write(
      "ảnh chụp.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D, 0x0A])
    try indexed.corpus.write(
      "cũ tcvn3.txt", bytes: [0x4E, 0x67, 0x68, 0xDE, 0x20, 0x71, 0x75, 0x79, 0xD5, 0x74])
    try indexed.corpus.write("trống/rỗng.txt", bytes: [])
    let first = try indexed.update()
    #expect(first.documents == 1)
    #expect(first.added == 1)
    #expect(
      Set(first.warnings.map(\.path)) == [
        indexed.corpus.at("ảnh chụp.txt"), indexed.corpus.at("cũ tcvn3.txt"),
        indexed.corpus.at("trống/rỗng.txt"),
      ])
    #expect(first.warnings.count == 3)
    let reader = try IndexReader(path: indexed.indexFile)
    #expect(
      reader.skipped.map(\.relativePath) == ["cũ tcvn3.txt", "trống/rỗng.txt", "ảnh chụp.txt"])
    #expect(reader.skipped.allSatisfy { !$0.reason.isEmpty })
    #expect(try indexed.updater.freshness() == .fresh)

    let second = try indexed.update()
    #expect(second.warnings.isEmpty, "reported once")
    #expect(second.bytesRead == 0, "not re-read while unchanged")
    #expect((second.added, second.changed, second.removed, second.unchanged) == (0, 0, 0, 1))
    #expect(try IndexReader(path: indexed.indexFile).skipped.count == 3)

    try indexed.corpus.write("ảnh chụp.txt", "giờ là văn bản: hoà bình\n")
    try indexed.corpus.setModificationTime("ảnh chụp.txt", 1_750_000_000)
    #expect(try indexed.updater.freshness() == .stale(changes: 1))
    let third = try indexed.update()
    #expect(third.added == 1)
    #expect(third.warnings.isEmpty)
    #expect(
      try IndexReader(path: indexed.indexFile).skipped.map(\.relativePath) == [
        "cũ tcvn3.txt", "trống/rỗng.txt",
      ])
    #expect(try indexed.search("hoa").paths == ["ảnh chụp.txt"])

    try indexed.corpus.remove("cũ tcvn3.txt")
    try indexed.corpus.remove("trống/rỗng.txt")
    #expect(try indexed.updater.freshness() == .stale(changes: 2))
    try indexed.update()
    #expect(try IndexReader(path: indexed.indexFile).skipped.isEmpty)
  }

  @Test func fileThatBecomesBinaryIsDroppedAndSkipped() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "dân chủ\n")
    try indexed.corpus.write("b.txt", "thuỷ lợi\n")
    try indexed.update()
    try indexed.corpus.write("b.txt", bytes: [0x74, 0x00, 0x68, 0x00, 0x00, 0x01])
    try indexed.corpus.setModificationTime("b.txt", 1_750_000_000)
    let summary = try indexed.update()
    #expect(summary.documents == 1)
    #expect(summary.warnings.map(\.path) == [indexed.corpus.at("b.txt")])
    #expect(summary.added + summary.changed == 0)
    #expect(summary.removed == 1)
    #expect(try indexed.search("thuy").totalMatches == 0)
    #expect(try IndexReader(path: indexed.indexFile).skipped.map(\.relativePath) == ["b.txt"])
    #expect(try indexed.updater.freshness() == .fresh)
  }

  @Test func namesThatDifferOnlyInCaseAreDifferentDocuments() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("Hoà.txt", "một\n")
    try indexed.corpus.write("hoà.txt", "hai\n")
    try indexed.corpus.write("HOÀ.txt", "ba\n")
    let summary = try indexed.update()
    #expect(summary.documents == 3)
    #expect(try indexed.search("mot").paths == ["Hoà.txt"])
    #expect(try indexed.search("hai").paths == ["hoà.txt"])
    #expect(try indexed.search("ba").paths == ["HOÀ.txt"])
    try indexed.corpus.remove("hoà.txt")
    let second = try indexed.update()
    #expect((second.added, second.changed, second.removed, second.unchanged) == (0, 0, 1, 2))
    #expect(try indexed.search("hai").totalMatches == 0)
    #expect(try indexed.updater.freshness() == .fresh)
  }

  /// Linux file names are bytes: `Hoà.txt` in NFC and in NFD (as copied from a Mac) are two files.
  @Test
  func namesThatDifferOnlyInNormalizationAreDifferentDocuments() throws {
    let indexed = try IndexedCorpus()
    let nfd = "Hoà.txt".decomposedStringWithCanonicalMapping
    try indexed.corpus.write("Hoà.txt", "một\n")
    try indexed.corpus.write(nfd, "hai\n")
    try indexed.corpus.write("b.txt", "ba\n")
    let first = try indexed.update()
    #expect(first.documents == 3)
    #expect(try indexed.updater.freshness() == .fresh)
    let second = try indexed.update()
    #expect((second.added, second.changed, second.removed, second.unchanged) == (0, 0, 0, 3))
    try indexed.corpus.remove("b.txt")
    let third = try indexed.update()
    #expect((third.added, third.changed, third.removed, third.unchanged) == (0, 0, 1, 2))
    #expect(try indexed.search("mot").totalMatches == 1)
    #expect(try indexed.search("hai").totalMatches == 1)
    #expect(try indexed.updater.freshness() == .fresh)
  }

  @Test func aReaderOpenedBeforeAnUpdateKeepsAnswering() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "dân chủ\n")
    try indexed.update()
    let old = try indexed.searcher()
    try indexed.corpus.write("b.txt", "dân chủ ở cơ sở\n")
    try indexed.corpus.remove("a.txt")
    try indexed.update()
    #expect(try old.search(try Query(parsing: "dân"), limit: 10).paths == ["a.txt"])
    #expect(try indexed.search("dân").paths == ["b.txt"])
  }

  @Test(.timeLimit(.minutes(5)))
  func concurrentUpdatesTakeTurns() throws {
    var random = SeededGenerator(seed: 8)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(count: 30, into: indexed.corpus, using: &random)
    let updater = indexed.updater
    let outcomes = Outcomes()
    DispatchQueue.concurrentPerform(iterations: 4) { k in
      do {
        let summary = try updater.update(rebuild: k % 2 == 0)
        outcomes.append("\(summary.documents)")
      } catch {
        outcomes.append("\(error)")
      }
    }
    #expect(outcomes.values.sorted() == Array(repeating: "\(files.count)", count: 4))
    try IndexReader(path: indexed.indexFile).verify()
    #expect(try indexed.updater.freshness() == .fresh)
    try expectNoTemporaries(indexed.index)
  }

  /// The graph commands read identities and citations from the index instead of the files: they
  /// must come back exactly as the corpus loader extracted them, carried over or not.
  @Test(.timeLimit(.minutes(5)))
  func storedSummariesEqualTheExtractedOnes() throws {
    let index = try TemporaryFolder()
    let updater = IndexUpdater(corpus: seedCorpus, folder: index.path)
    _ = try updater.update()
    _ = try updater.update()  // carried over
    let stored = try IndexReader(path: updater.indexPath).allDocuments()
    #expect(!stored.isEmpty)
    #expect(stored.contains { !$0.summary.citations.isEmpty })
    for document in stored {
      let read = try Document.read(path: document.path).get()
      // Citation texts are not stored (they are the file's bytes at the stored offsets) but for
      // repaired citations, which lint quotes.
      #expect(document.summary.citations.allSatisfy { $0.text.isEmpty != $0.citation.isRepaired })
      #expect(
        document.summary.withCitationTexts(original: read.original) == read.summary,
        "\(document.relativePath)")
      #expect(document.path == seedCorpus + "/" + document.relativePath)
      #expect(document.size == read.original.utf8.count)
    }
  }

  @Test func staleTemporaryFilesAreRemoved() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "dân chủ\n")
    try indexed.index.write("cancu.index.tmp-4242", "nửa chừng")
    try indexed.update()
    try expectNoTemporaries(indexed.index)
    #expect(try indexed.index.contents().contains("cancu.index"))
  }

  @Test func missingCorpusIsAnError() throws {
    let index = try TemporaryFolder()
    let updater = IndexUpdater(corpus: index.path + "/không có", folder: index.path)
    #expect(throws: IndexError.corpus(.missingFolder(path: index.path + "/không có"))) {
      try updater.update()
    }
    #expect(throws: IndexError.corpus(.missingFolder(path: index.path + "/không có"))) {
      try updater.freshness()
    }
  }

  enum Damage: String, CaseIterable, Sendable {
    case badMagic, futureVersion, headerByte, truncated, empty, documentRecord, postings,
      dictionary, lengths
  }

  /// Damage anywhere: what opening sees (magic, version, header, truncation), what reading the
  /// document table sees, and what only a full check sees (dictionary, postings, lengths).
  @Test("A damaged previous index is rebuilt", arguments: Damage.allCases)
  func damagedPreviousIndexIsRebuilt(damage: Damage) throws {
    try checkRebuilt(after: damage)
  }

  private func checkRebuilt(after damage: Damage) throws {
    var random = SeededGenerator(seed: 77)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(count: 12, into: indexed.corpus, using: &random)
    try indexed.update()
    let reference = try TemporaryFolder("reference")
    _ = try IndexUpdater(corpus: indexed.corpus.path, folder: reference.path).update(rebuild: true)

    var bytes = try readBytes(indexed.indexFile)
    let sections = sectionRanges(bytes)
    let documents = try #require(sections[4])
    let postings = try #require(sections[3])
    let terms = try #require(sections[2])
    let documentCount = littleEndian(bytes, at: documents.lowerBound, count: 4)
    let lengthsStart = documents.lowerBound + 4 + (documentCount + 1) * 8
    switch damage {
    case .badMagic: bytes[0] = UInt8(ascii: "X")
    case .futureVersion: bytes[4] = 9
    case .headerByte: bytes[30] ^= 0xFF
    case .truncated: bytes.removeLast(bytes.count / 3)
    case .empty: bytes = []
    case .documentRecord: bytes[documents.upperBound - 10] ^= 0xFF
    case .postings: bytes[postings.lowerBound + postings.count / 2] ^= 0xFF
    case .dictionary: bytes[terms.lowerBound + 4 + 3] ^= 0xFF
    case .lengths: bytes[lengthsStart] ^= 0xFF
    }
    try writeBytes(bytes, to: indexed.indexFile)

    let summary = try indexed.update()
    #expect(summary.previousIndexProblem != nil)
    #expect(summary.added == files.count, "every file read again")
    #expect(summary.documents == files.count)
    try IndexReader(path: indexed.indexFile).verify()
    let repaired = try indexed.searcher()
    let expected = Searcher(
      reader: try IndexReader(path: IndexReader.file(inFolder: reference.path)))
    for query in fixedQueries {
      let a = try answer(repaired, query)
      let b = try answer(expected, query)
      #expect(a.scores == b.scores && a.total == b.total, "\(query)")
    }
    try expectNoTemporaries(indexed.index)
  }

  /// An index written by another analysis (tokenizer, folding) is rebuilt, not trusted.
  @Test func indexOfAnotherAnalysisVersionIsRebuilt() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "dân chủ\n")
    try indexed.corpus.write("b.txt", "Đảng\n")
    try indexed.update()
    var bytes = try readBytes(indexed.indexFile)
    let meta = try #require(sectionRanges(bytes)[1])
    let version = Array(IndexFormat.analysisVersion.utf8)
    let at = try #require(
      meta.first {
        bytes.count >= $0 + version.count && Array(bytes[$0..<($0 + version.count)]) == version
      })
    bytes[at + version.count - 1] ^= 0x01
    // Re-seal the meta section and the header, so only the version differs.
    let count = littleEndian(bytes, at: 8, count: 4)
    let entry = try #require((0..<count).map { 16 + 24 * $0 }.first { bytes[$0] == 1 })
    let crc = Checksum.crc32(Array(bytes[meta]))
    for k in 0..<4 { bytes[entry + 20 + k] = UInt8(truncatingIfNeeded: crc >> (8 * k)) }
    let tableEnd = 16 + 24 * count
    let headerCRC = Checksum.crc32(Array(bytes[0..<tableEnd]))
    for k in 0..<4 { bytes[tableEnd + k] = UInt8(truncatingIfNeeded: headerCRC >> (8 * k)) }
    try writeBytes(bytes, to: indexed.indexFile)
    let reader = try IndexReader(path: indexed.indexFile)
    #expect(!reader.isCurrentAnalysis)

    #expect(try indexed.updater.freshness() == .missing)
    let summary = try indexed.update()
    #expect((summary.added, summary.unchanged, summary.documents) == (2, 0, 2))
    #expect(try IndexReader(path: indexed.indexFile).isCurrentAnalysis)
    #expect(try indexed.updater.freshness() == .fresh)
    #expect(try indexed.search("dang").paths == ["b.txt"])
  }

  @Test func freshnessOfADamagedIndexIsMissing() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "dân chủ\n")
    try indexed.update()
    try writeBytes(Array("không phải chỉ mục".utf8), to: indexed.indexFile)
    #expect(try indexed.updater.freshness() == .missing)
  }

  @Test func rebuildReadsEverythingAgain() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "dân chủ\n")
    try indexed.corpus.write("b.txt", "Đảng\n")
    try indexed.update()
    let summary = try indexed.update(rebuild: true)
    #expect((summary.added, summary.unchanged, summary.documents) == (2, 0, 2))
    #expect(summary.previousIndexProblem == nil)
  }
}
