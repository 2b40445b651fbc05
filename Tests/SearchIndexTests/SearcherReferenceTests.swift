import Citations
import Corpus
import Foundation
import TestSupport
import Testing
import VietText

@testable import SearchIndex

/// The ranking spelled out over every document, from fully decoded postings (``PostingsList``):
/// every phrase counted in every document, every candidate scored and boosted, all sorted. What
/// ``Searcher`` must return however it avoids that work, score for score, bit for bit.
private struct ReferenceRanking {
  let reader: IndexReader
  let bm25 = BM25()
  private let analyzer = Analyzer()

  struct Hit: Equatable, CustomStringConvertible {
    var document: Int
    var score: Double
    var isExactMatch: Bool
    var description: String { "\(document):\(score)\(isExactMatch ? "*" : "")" }
  }

  /// One query word's occurrences per document: (position, in the exact form typed).
  private func occurrences(folded: [UInt8], exact: [UInt8], exactOnly: Bool) throws
    -> (documentFrequency: Int, byDocument: [Int: [(position: UInt32, exact: Bool)]])?
  {
    guard let entry = try reader.lookup(folded) else { return nil }
    let list = try reader.postings(entry)
    var byDocument: [Int: [(position: UInt32, exact: Bool)]] = [:]
    for (i, document) in list.documents.enumerated() {
      for o in list.occurrences(i) {
        let isExact = list.variants[Int(list.variantOfOccurrence[o])] == exact
        guard !exactOnly || isExact else { continue }
        byDocument[Int(document), default: []].append((list.positions[o], isExact))
      }
    }
    return (entry.documentFrequency, byDocument)
  }

  /// Per document an atom occurs in: how often, how often exactly, and where it starts.
  private struct AtomCounts {
    var idf = 0.0
    var hasDiacritics = false
    var counts: [Int: (frequency: Int, exact: Int, starts: [UInt32])] = [:]
  }

  private func counts(_ atom: Query.Atom, exactOnly: Bool) throws -> AtomCounts {
    var result = AtomCounts()
    var words: [[Int: [(position: UInt32, exact: Bool)]]] = []
    var missing = false
    for text in atom.words {
      for (folded, exact) in analyzer.queryTerms(text) {
        result.hasDiacritics = result.hasDiacritics || exact.contains { $0 >= 0x80 }
        let found = try occurrences(folded: folded, exact: exact, exactOnly: exactOnly)
        result.idf += bm25.idf(
          documentFrequency: found?.documentFrequency ?? 0, documentCount: reader.documentCount)
        if let found { words.append(found.byDocument) } else { missing = true }
      }
    }
    guard !missing, let first = words.first else { return result }
    for (document, firstOccurrences) in first {
      var frequency = 0
      var exact = 0
      var starts: [UInt32] = []
      for start in firstOccurrences {
        var allExact = start.exact
        var matched = true
        for w in words.indices.dropFirst() {
          let target = start.position + UInt32(w)
          guard let next = words[w][document]?.first(where: { $0.position == target }) else {
            matched = false
            break
          }
          allExact = allExact && next.exact
        }
        guard matched else { continue }
        frequency += 1
        if allExact { exact += 1 }
        starts.append(start.position)
      }
      if frequency > 0 { result.counts[document] = (frequency, exact, starts.sorted()) }
    }
    return result
  }

  /// The smallest span holding one position of each list, by trying every left end.
  private static func smallestWindow(_ lists: [[UInt32]]) -> Int {
    var best = Int.max
    for list in lists {
      for low in list {
        var high = low
        var covered = true
        for other in lists {
          guard let next = other.filter({ $0 >= low }).min() else {
            covered = false
            break
          }
          high = max(high, next)
        }
        if covered { best = min(best, Int(high - low)) }
      }
    }
    return best
  }

  /// Whether a filter holds of a whole decoded record (``Query/Filter``).
  private static func holds(_ filter: Query.Filter, _ document: StoredDocument) -> Bool {
    let identity = document.summary.identities.first
    switch filter {
    case .kind(let kind):
      return identity?.kind.map { DiacriticFolding.fold($0.rawValue) == kind } ?? false
    case .year(let year): return identity?.date?.year == year || identity?.year == year
    case .issuer(let issuer):
      return identity?.issuer.map { DiacriticFolding.fold($0).contains(issuer) } ?? false
    case .cites(let id):
      return document.summary.citations.contains { $0.citation.id.lowercased() == id.lowercased() }
    }
  }

  func search(_ query: Query, limit: Int, exactOnly: Bool) throws -> (hits: [Hit], total: Int) {
    let clauses = try query.required.map { clause in
      try clause.map { try counts($0, exactOnly: exactOnly) }
    }
    let excluded = try query.excluded.map { try counts($0, exactOnly: exactOnly) }
    let queryHasDiacritics = query.required.joined().contains { atom in
      atom.words.contains { DiacriticFolding.hasDiacritics($0) }
    }
    var hits: [Hit] = []
    for document in 0..<reader.documentCount {
      guard clauses.allSatisfy({ $0.contains { $0.counts[document] != nil } }),
        !excluded.contains(where: { $0.counts[document] != nil })
      else { continue }
      if !query.filters.isEmpty || !query.excludedFilters.isEmpty {
        let stored = try reader.document(document)
        guard query.filters.allSatisfy({ Self.holds($0, stored) }),
          !query.excludedFilters.contains(where: { Self.holds($0, stored) })
        else { continue }
      }
      let length = try reader.documentLength(document)
      var score = 0.0
      var allExact = true
      var positions: [[UInt32]] = []
      for atoms in clauses {
        var clauseExact = false
        var clausePositions: [UInt32] = []
        for atom in atoms {
          guard let count = atom.counts[document] else { continue }
          var atomScore = atom.idf * bm25.weight(
            frequency: count.frequency, length: length, averageLength: reader.averageLength)
          if atom.hasDiacritics {
            atomScore += 0.5 * atom.idf * bm25.weight(
              frequency: count.exact, length: length, averageLength: reader.averageLength)
          }
          score += atomScore
          if !atom.hasDiacritics || count.exact > 0 { clauseExact = true }
          // A phrase's starts; a word's are all its positions.
          clausePositions += count.starts
        }
        allExact = allExact && clauseExact
        positions.append(clausePositions.sorted())
      }
      if clauses.count > 1 {
        let slack = Double(max(0, Self.smallestWindow(positions) - (positions.count - 1)))
        score *= 1 + 0.5 / (1 + slack)
      }
      hits.append(Hit(document: document, score: score, isExactMatch: allExact))
    }
    let tier = { (hit: Hit) in queryHasDiacritics && hit.isExactMatch }
    hits.sort { a, b in
      if tier(a) != tier(b) { return tier(a) }
      if a.score != b.score { return a.score > b.score }
      return a.document < b.document
    }
    return (Array(hits.prefix(limit)), hits.count)
  }

}

/// Compares every query, at several limits and in both modes, with the reference; returns a
/// description of each difference.
private func differences(_ texts: [String], reader: IndexReader) throws -> [String] {
  let searcher = Searcher(reader: reader)
  let reference = ReferenceRanking(reader: reader)
  var found: [String] = []
  for text in texts {
    let query = try Query(parsing: text)
    for exact in [false, true] {
      let all = try reference.search(query, limit: Int.max, exactOnly: exact)
      for limit in [1, 3, 10, 100_000] {
        let results = try searcher.search(query, limit: limit, exactOnly: exact)
        let hits = results.hits.map { hit in
          ReferenceRanking.Hit(
            document: hit.documentID, score: hit.score, isExactMatch: hit.isExactMatch)
        }
        let expected = Array(all.hits.prefix(limit))
        if hits != expected || results.totalMatches != all.total {
          found.append(
            "\(text) exact=\(exact) limit=\(limit): \(results.totalMatches) \(hits), expected "
              + "\(all.total) \(expected)")
        }
      }
    }
  }
  return found
}

/// A corpus where a few words, and so their phrases, occur in nearly every document, many times
/// (as in the benchmark's generated corpus): most documents match, few can rank.
private func writeDenseCorpus(
  count: Int, into folder: TemporaryFolder, using random: inout SeededGenerator
) throws {
  let phrases = [
    "dân chủ ở cơ sở", "dân chủ", "cơ sở", "có số", "dẫn chú", "co so", "ở", "số", "địa phương",
    "Đảng", "đảng", "đang", "hoà giải", "hòa giải", "Sóc Trăng", "nông thôn mới", "30-CT/TW",
  ]
  for index in 0..<count {
    var words: [String] = []
    for _ in 0..<Int.random(in: 5...200, using: &random) {
      words.append(phrases.randomElement(using: &random) ?? "ở")
    }
    try folder.write("d\(index).txt", words.joined(separator: " ") + "\n")
  }
}

@Suite("Searcher against a reference ranking of every document")
struct SearcherReferenceTests {
  /// Queries like the benchmark's, where bounds and early stops matter most.
  static let fixedQueries = [
    "dan chu co so", "\"dân chủ ở cơ sở\"", "\"dan chu o co so\"", "tôn giáo", "hoà giải",
    "\"Sóc Trăng\"", "Đảng", "\"cơ sở\" OR \"địa phương\"", "dân chủ -\"nông thôn mới\"",
    "30-CT/TW", "\"dân chủ\" \"cơ sở\"", "\"dân chủ\" OR ở số", "\"co so\" -\"dân chủ\"",
    "\"ở ở\"", "\"số số số\"", "\"cơ sở\" \"ở\" đảng", "\"hoà giải\" OR \"có số\" dân",
  ]

  @Test("Seed corpus", .timeLimit(.minutes(2)))
  func seedCorpusMatchesTheReference() throws {
    let index = try TemporaryFolder()
    let updater = IndexUpdater(corpus: seedCorpus, folder: index.path)
    _ = try updater.update()
    let reader = try IndexReader(path: updater.indexPath)
    var random = SeededGenerator(seed: 7)
    var texts = Self.fixedQueries + [
      "\"thực hiện\" 2024", "\"chỉ thị\" OR \"nghị quyết\"", "dân chủ kind:\"nghị quyết\" year:2020",
      "dân -kind:\"chỉ thị\"", "Đảng issuer:\"ban chấp hành\"", "cơ sở cites:30-CT/TW",
      "\"dân chủ\" -cites:30-ct/tw year:2024", "kind:\"nghi quyet\"",
    ]
    // Phrases and words taken from the documents.
    let names = try FileManager.default.contentsOfDirectory(atPath: seedCorpus)
      .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.sorted()
    let documents = try names.map { Oracle.tokens(Oracle.text(ofFile: try readBytes(seedCorpus + "/" + $0))) }
    let words = Array(Set(documents.joined().map(\.surface))).sorted()
    for _ in 0..<120 {
      texts.append(
        RandomCorpus.query(documents: documents, words: words, using: &random).description)
    }
    let found = try differences(texts, reader: reader)
    #expect(found.isEmpty, "\(found.count) differ; first: \(found.prefix(3))")
  }

  @Test(
    "Generated corpora over several postings blocks", .timeLimit(.minutes(2)),
    arguments: [5, 6] as [UInt64])
  func generatedCorpusMatchesTheReference(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(count: 300, into: indexed.corpus, using: &random)
    try indexed.update()
    let documents = files.keys.sorted().compactMap { files[$0] }.map {
      Oracle.tokens(Oracle.text(ofFile: $0))
    }
    var texts = Self.fixedQueries
    for _ in 0..<120 {
      texts.append(
        RandomCorpus.query(documents: documents, words: RandomCorpus.vocabulary, using: &random)
          .description)
    }
    let found = try differences(texts, reader: try IndexReader(path: indexed.indexFile))
    #expect(found.isEmpty, "\(found.count) differ; first: \(found.prefix(3))")
  }

  @Test("Phrases in nearly every document", .timeLimit(.minutes(2)))
  func denseCorpusMatchesTheReference() throws {
    var random = SeededGenerator(seed: 9)
    let indexed = try IndexedCorpus()
    try writeDenseCorpus(count: 400, into: indexed.corpus, using: &random)
    try indexed.update()
    let found = try differences(Self.fixedQueries, reader: try IndexReader(path: indexed.indexFile))
    #expect(found.isEmpty, "\(found.count) differ; first: \(found.prefix(3))")
  }
}
