import Citations
import Corpus
import Foundation
import TestSupport
import Testing

@testable import SearchIndex

/// Compares one query's results with the brute-force oracle; returns a description of the first
/// difference, or nil.
private func compare(
  _ spec: Oracle.QuerySpec, text: String, exact: Bool, searcher: Searcher,
  documents: [String: [Oracle.Token]]
) throws -> String? {
  let results = try searcher.search(try Query(parsing: text), limit: 100_000, exactOnly: exact)
  let expected = Set(documents.filter { Oracle.matches(spec, $0.value, exact: exact) }.keys)
  let found = results.paths
  if Set(found) != expected || found.count != expected.count
    || results.totalMatches != expected.count
  {
    return "query \(text) exact=\(exact): expected \(expected.sorted()), found \(found.sorted()) "
      + "(total \(results.totalMatches))"
  }
  // Exact forms first: a document where every clause matches in its exact form (for words typed
  // with diacritics) is in the exact tier, and the tier comes first when the query has diacritics.
  func hasMarks(_ word: String) -> Bool { word.unicodeScalars.contains { $0.value >= 0x80 } }
  let queryHasMarks = spec.clauses.joined().contains { $0.words.contains(where: hasMarks) }
  var tiers: [Bool] = []
  for hit in results.hits {
    let tokens = documents[hit.document.relativePath] ?? []
    let inTier = spec.clauses.allSatisfy { clause in
      clause.contains { atom in
        !Oracle.occurrences(of: atom, in: tokens, exact: exact).isEmpty
          && (!atom.words.contains(where: hasMarks)
            || !Oracle.occurrences(of: atom, in: tokens, exact: true).isEmpty)
      }
    }
    if hit.isExactMatch != inTier {
      return
        "query \(text) exact=\(exact): \(hit.document.relativePath) isExactMatch \(hit.isExactMatch)"
    }
    tiers.append(inTier)
  }
  if queryHasMarks, tiers != tiers.sorted(by: { $0 && !$1 }) {
    return "query \(text) exact=\(exact): exact-form matches do not come first: \(tiers)"
  }
  for (a, b) in zip(results.hits, results.hits.dropFirst())
  where a.isExactMatch == b.isExactMatch || !queryHasMarks {
    if a.score < b.score {
      return "query \(text) exact=\(exact): scores not descending (\(a.score) < \(b.score))"
    }
  }
  return nil
}

@Suite("Searcher against a brute-force oracle")
struct SearcherTests {
  @Test(
    "Random corpora and queries match a brute-force scan", .timeLimit(.minutes(3)),
    arguments: [11, 22, 33, 44] as [UInt64])
  func randomCorpusMatchesOracle(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(
      count: Int.random(in: 30...60, using: &random), into: indexed.corpus, using: &random)
    let summary = try indexed.update()
    #expect(summary.documents == files.count)
    #expect(summary.warnings.isEmpty)
    let documents = files.mapValues { Oracle.tokens(Oracle.text(ofFile: $0)) }
    let tokenLists = documents.keys.sorted().compactMap { documents[$0] }
    let searcher = try indexed.searcher()
    var failures: [String] = []
    var answered = 0
    for _ in 0..<250 {
      let spec = RandomCorpus.query(
        documents: tokenLists, words: RandomCorpus.vocabulary, using: &random)
      var text = spec.description
      if Int.random(in: 0..<6, using: &random) == 0 {
        text = text.decomposedStringWithCanonicalMapping
      }
      // --exact with exclusions is left out: whether `-word` excludes folded or exact matches under
      // --exact is not specified.
      if documents.values.contains(where: { Oracle.matches(spec, $0, exact: false) }) {
        answered += 1
      }
      let exactModes = spec.excluded.isEmpty ? [false, true] : [false]
      for exact in exactModes {
        if let failure = try compare(
          spec, text: text, exact: exact, searcher: searcher, documents: documents)
        {
          failures.append(failure)
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) queries differ; first: \(failures.prefix(5))")
    // The comparison means something only if many queries find documents.
    #expect(answered >= 150, "only \(answered) of 250 queries matched anything")
  }

  @Test(
    "Markup, digit groups, dates, symbols and odd separators match a brute-force scan",
    .timeLimit(.minutes(3)), arguments: [101, 202] as [UInt64])
  func trickyCorpusMatchesOracle(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(
      count: 40, into: indexed.corpus, tricky: true, using: &random)
    try indexed.update()
    let documents = files.mapValues { Oracle.tokens(Oracle.text(ofFile: $0)) }
    let tokenLists = documents.keys.sorted().compactMap { documents[$0] }
    let searcher = try indexed.searcher()
    var failures: [String] = []
    var queries: [Oracle.QuerySpec] = RandomCorpus.trickyVocabulary.map { word in
      word.contains("-") && !word.contains("/") && !word.contains(where: \.isNumber)
        ? Oracle.QuerySpec(clauses: [[.phrase(word.split(separator: "-").map(String.init))]])
        : Oracle.QuerySpec(clauses: [[.term(word)]])
    }
    for _ in 0..<200 {
      queries.append(
        RandomCorpus.query(
          documents: tokenLists, words: RandomCorpus.trickyVocabulary, using: &random))
    }
    for spec in queries {
      for exact in spec.excluded.isEmpty ? [false, true] : [false] {
        if let failure = try compare(
          spec, text: spec.description, exact: exact, searcher: searcher, documents: documents)
        {
          failures.append(failure)
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) queries differ; first: \(failures.prefix(5))")
  }

  @Test("Every vocabulary word, each way it can be typed", .timeLimit(.minutes(3)))
  func everyWordMatchesOracle() throws {
    var random = SeededGenerator(seed: 7)
    let indexed = try IndexedCorpus()
    let files = try RandomCorpus.write(count: 40, into: indexed.corpus, using: &random)
    try indexed.update()
    let documents = files.mapValues { Oracle.tokens(Oracle.text(ofFile: $0)) }
    let searcher = try indexed.searcher()
    var failures: [String] = []
    for word in RandomCorpus.vocabulary + ["hoá", "khoá", "khóa", "thuy", "quỳ", "Đ", "d"] {
      let forms = Set([
        word, Oracle.fold(word), word.uppercased(), word.decomposedStringWithCanonicalMapping,
        Oracle.exact(word),
      ])
      for form in forms.sorted() {
        let atom: Oracle.Atom =
          form.contains("-") && !form.contains("/") && !form.contains(where: \.isNumber)
          ? .phrase(form.split(separator: "-").map(String.init)) : .term(form)
        for exact in [false, true] {
          if let failure = try compare(
            Oracle.QuerySpec(clauses: [[atom]]), text: form, exact: exact, searcher: searcher,
            documents: documents)
          {
            failures.append(failure)
          }
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) words differ; first: \(failures.prefix(5))")
  }

  @Test("Seed corpus: folded and exact queries match a brute-force scan", .timeLimit(.minutes(3)))
  func seedCorpusMatchesOracle() throws {
    let index = try TemporaryFolder()
    let updater = IndexUpdater(corpus: seedCorpus, folder: index.path)
    let summary = try updater.update()
    let names = try FileManager.default.contentsOfDirectory(atPath: seedCorpus)
      .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
    #expect(summary.documents == names.count)
    var documents: [String: [Oracle.Token]] = [:]
    var texts: [String: String] = [:]
    for name in names {
      let text = Oracle.text(ofFile: try readBytes(seedCorpus + "/" + name))
      texts[name] = text
      documents[name] = Oracle.tokens(text)
    }
    let searcher = Searcher(reader: try IndexReader(path: updater.indexPath))

    // `dang` finds every document that has `Đảng`, whatever the tokenizer thinks.
    let withDang = Set(texts.filter { $0.value.contains("Đảng") || $0.value.contains("đảng") }.keys)
    #expect(!withDang.isEmpty)
    let dang = try searcher.search(try Query(parsing: "dang"), limit: 1000)
    #expect(withDang.isSubset(of: Set(dang.paths)))

    var failures: [String] = []
    let fixed: [Oracle.QuerySpec] = [
      .init(clauses: [[.term("dang")]]), .init(clauses: [[.term("Đảng")]]),
      .init(clauses: [[.term("dan")], [.term("chu")], [.term("co")], [.term("so")]]),
      .init(clauses: [[.phrase(["dân", "chủ", "ở", "cơ", "sở"])]]),
      .init(clauses: [[.phrase(["dan", "chu", "o", "co", "so"])]]),
      .init(clauses: [[.term("30-CT/TW")]]), .init(clauses: [[.term("hoà")]]),
      .init(clauses: [[.term("khoá")]]), .init(clauses: [[.term("uỷ")]]),
      .init(clauses: [[.term("dân")]], excluded: [.term("Đảng")]),
      .init(clauses: [[.phrase(["chỉ", "thị"]), .phrase(["nghị", "quyết"])]]),
      .init(
        clauses: [[.phrase(["thực", "hiện"])], [.term("2024")]],
        excluded: [.phrase(["quy", "chế"])]),
    ]
    for spec in fixed {
      for exact in spec.excluded.isEmpty ? [false, true] : [false] {
        if let failure = try compare(
          spec, text: spec.description, exact: exact, searcher: searcher, documents: documents)
        {
          failures.append(failure)
        }
      }
    }
    var random = SeededGenerator(seed: 5)
    let tokenLists = names.sorted().compactMap { documents[$0] }
    let words = Array(Set(tokenLists.joined().map(\.surface))).sorted()
    for _ in 0..<200 {
      let spec = RandomCorpus.query(documents: tokenLists, words: words, using: &random)
      for exact in spec.excluded.isEmpty ? [false, true] : [false] {
        if let failure = try compare(
          spec, text: spec.description, exact: exact, searcher: searcher, documents: documents)
        {
          failures.append(failure)
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) queries differ; first: \(failures.prefix(5))")
  }

  /// The top `limit` stops boosting proximity once no later document can enter; the oracle is
  /// the full ranking (limit ≥ every match), where every document is boosted.
  @Test("A limited search returns the head of the full ranking", arguments: [1, 3, 10])
  func limitedSearchIsTheHeadOfTheFullRanking(limit: Int) throws {
    let indexed = try IndexedCorpus()
    var random = SeededGenerator(seed: UInt64(limit))
    let words = ["dân", "chủ", "cơ", "sở", "Đảng", "đang", "thực", "hiện", "hòa", "hoà", "giải"]
    for file in 0..<60 {
      var text: [String] = []
      for _ in 0..<(5 + Int(random.next() % 40)) { text.append(words[Int(random.next() % 11)]) }
      try indexed.corpus.write("f\(file).txt", text.joined(separator: " ") + "\n")
    }
    try indexed.update()
    let searcher = try indexed.searcher()
    for text in [
      "dân chủ", "dan chu co so", "Đảng thực hiện", "\"dân chủ\" sở", "hòa giải", "cơ OR sở dân",
      "dân -đang", "Đảng",
    ] {
      for exact in [false, true] {
        let query = try Query(parsing: text)
        let full = try searcher.search(query, limit: 1000, exactOnly: exact)
        let head = try searcher.search(query, limit: limit, exactOnly: exact)
        #expect(head.hits.map(\.documentID) == full.hits.prefix(limit).map(\.documentID), "\(text)")
        #expect(head.hits.map(\.score) == full.hits.prefix(limit).map(\.score), "\(text)")
        #expect(head.totalMatches == full.totalMatches, "\(text)")
      }
    }
  }

  /// A token too long to index still takes its position: a phrase never bridges it.
  @Test func phrasesDoNotBridgeAnOverlongToken() throws {
    let indexed = try IndexedCorpus()
    let garbage = String(repeating: "x", count: 200)
    try indexed.corpus.write("a.txt", "dân \(garbage) chủ\n")
    try indexed.corpus.write("b.txt", "dân chủ\n")
    try indexed.update()
    #expect(try indexed.search("\"dân chủ\"").paths == ["b.txt"])
    #expect(try indexed.search("dân chủ").paths.sorted() == ["a.txt", "b.txt"])
  }

  @Test func seedCorpusFiltersSelectByIdentityAndCitations() throws {
    let index = try TemporaryFolder()
    let updater = IndexUpdater(corpus: seedCorpus, folder: index.path)
    _ = try updater.update()
    let reader = try IndexReader(path: updater.indexPath)
    let stored = try reader.allDocuments()
    let searcher = Searcher(reader: reader)
    func found(_ text: String) throws -> Set<String> {
      let results = try searcher.search(try Query(parsing: text), limit: 1000)
      #expect(results.totalMatches == results.hits.count)
      return Set(results.paths)
    }
    func expected(_ predicate: (StoredDocument) -> Bool) -> Set<String> {
      Set(stored.filter(predicate).map(\.relativePath))
    }
    let citing = expected { $0.summary.citations.contains { $0.citation.id == "30-CT/TW" } }
    #expect(!citing.isEmpty, "seed 000 cites Chỉ thị 30-CT/TW")
    #expect(try found("cites:30-CT/TW") == citing)
    #expect(try found("cites:30-ct/tw") == citing)
    #expect(try found("cites:99-XX/TW").isEmpty)
    let resolutions = expected { $0.summary.identities.first?.kind?.rawValue == "Nghị quyết" }
    #expect(try found("kind:\"nghị quyết\"") == resolutions)
    #expect(try found("kind:\"nghi quyet\"") == resolutions)
    #expect(try found("kind:\"Nghị quyết\" Đảng") == resolutions.intersection(try found("Đảng")))
    let of2024 = expected {
      $0.summary.identities.first?.date?.year == 2024 || $0.summary.identities.first?.year == 2024
    }
    #expect(try found("year:2024") == of2024)
    #expect(try found("year:1901").isEmpty)
    #expect(try found("year:2024 -dân") == of2024.subtracting(try found("dân")))
  }
}
