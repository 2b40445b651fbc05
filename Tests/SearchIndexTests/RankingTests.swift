import Foundation
import TestSupport
import Testing

@testable import SearchIndex

/// Words that fold to none of the query words of these tests.
private let filler = [
  "kinh", "tế", "xã", "hội", "lãnh", "đạo", "thực", "hiện", "nhiệm", "vụ", "giải", "pháp", "tăng",
  "cường", "công", "tác", "kiểm", "tra", "giám", "sát",
]

/// `count` filler words starting at `offset` in the list.
private func fill(_ count: Int, from offset: Int = 0) -> [String] {
  (0..<count).map { filler[(offset + $0) % filler.count] }
}

private func line(_ words: [String]) -> String { words.joined(separator: " ") + "\n" }

@Suite("Ranking")
struct RankingTests {
  @Test func moreOccurrencesRankHigherForOneWord() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("một.txt", line(["thuỷ"] + fill(9)))
    try indexed.corpus.write("ba.txt", line(["thuỷ", "thuỷ", "thuỷ"] + fill(7)))
    try indexed.corpus.write("hai lần.txt", line(["thuỷ", "thuỷ"] + fill(8)))
    for k in 0..<4 { try indexed.corpus.write("khác \(k).txt", line(fill(10, from: k))) }
    try indexed.update()
    for query in ["thuy", "thuỷ", "thủy", "THUỶ"] {
      let results = try indexed.search(query)
      #expect(results.paths == ["ba.txt", "hai lần.txt", "một.txt"], "\(query)")
      let scores = results.hits.map(\.score)
      #expect(scores == scores.sorted(by: >) && Set(scores).count == 3, "\(query)")
    }
  }

  @Test func shorterDocumentRanksHigherForTheSameCount() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("ngắn.txt", line(["dân"] + fill(3)))
    try indexed.corpus.write("dài.txt", line(["dân"] + fill(40)))
    try indexed.corpus.write("khác.txt", line(fill(12)))
    try indexed.update()
    #expect(try indexed.search("dan").paths == ["ngắn.txt", "dài.txt"])
  }

  @Test func exactFormsRankBeforeFoldedOnlyMatches() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a đang.txt", line(["đang", "dang", "đang", "Đang"] + fill(4)))
    try indexed.corpus.write("b Đảng.txt", line(["Đảng"] + fill(30)))
    try indexed.corpus.write("c.txt", line(fill(10)))
    try indexed.update()

    let exact = try indexed.search("Đảng")
    #expect(exact.paths == ["b Đảng.txt", "a đang.txt"])
    #expect(exact.hits.map(\.isExactMatch) == [true, false])
    #expect(try indexed.search("đảng").paths == exact.paths)
    #expect(try indexed.search("ĐẢNG").paths == exact.paths)

    // Without marks there is no exact tier: BM25 alone, and the busier short document wins.
    let folded = try indexed.search("dang")
    #expect(folded.paths == ["a đang.txt", "b Đảng.txt"])

    #expect(try indexed.search("Đảng", exact: true).paths == ["b Đảng.txt"])
    #expect(try indexed.search("đang", exact: true).paths == ["a đang.txt"])
  }

  @Test(
    "Old and new tone placement are exact for each other",
    arguments: [
      ("hoà", "hòa"), ("hòa", "hoà"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Hoá", "hóa"),
    ])
  func tonePlacementVariantsAreExact(query: String, other: String) throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("cũ.txt", line([query] + fill(6)))
    try indexed.corpus.write("mới.txt", line([other] + fill(6)))
    let bare = Oracle.fold(query)
    try indexed.corpus.write("không dấu.txt", line([bare, bare, bare] + fill(4)))
    try indexed.corpus.write("khác.txt", line(fill(7)))
    try indexed.update()
    for typed in [query, other, query.decomposedStringWithCanonicalMapping] {
      let results = try indexed.search(typed)
      #expect(Array(results.paths.prefix(2)).sorted() == ["cũ.txt", "mới.txt"], "\(typed)")
      #expect(results.paths.last == "không dấu.txt", "\(typed)")
      #expect(results.hits.map(\.isExactMatch) == [true, true, false], "\(typed)")
      #expect(results.hits[0].score == results.hits[1].score, "\(typed): same length, same count")
      #expect(
        try indexed.search(typed, exact: true).paths.sorted() == ["cũ.txt", "mới.txt"], "\(typed)")
    }
  }

  @Test func adjacentWordsBeatTheSameWordsFarApart() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("xa.txt", line(["dân"] + fill(10) + ["chủ"] + fill(10, from: 10)))
    try indexed.corpus.write("gần.txt", line(["dân", "chủ"] + fill(20)))
    try indexed.corpus.write("vừa.txt", line(["dân"] + fill(3) + ["chủ"] + fill(17, from: 3)))
    try indexed.corpus.write("khác.txt", line(fill(22)))
    try indexed.update()
    for query in ["dân chủ", "dan chu", "chủ dân"] {
      let results = try indexed.search(query)
      #expect(results.paths == ["gần.txt", "vừa.txt", "xa.txt"], "\(query)")
    }
    #expect(try indexed.search("\"dân chủ\"").paths == ["gần.txt"])
    #expect(try indexed.search("\"chủ dân\"").paths == [])
  }

  @Test func tiesAreBrokenTheSameWayEveryTime() throws {
    let indexed = try IndexedCorpus()
    let text = line(["Đảng", "dân", "chủ"] + fill(5))
    for name in ["b.txt", "a.txt", "c/x.txt", "Ả.txt", "á.txt"] {
      try indexed.corpus.write(name, text)
    }
    try indexed.corpus.write("khác.txt", line(fill(8)))
    try indexed.update()
    let first = try indexed.search("dân")
    #expect(Set(first.hits.map(\.score)).count == 1)
    #expect(first.paths == ["a.txt", "b.txt", "c/x.txt", "á.txt", "Ả.txt"])  // byte order of the path
    for _ in 0..<5 {
      #expect(try indexed.search("dân").paths == first.paths)
      #expect(try indexed.search("dân", limit: 3).paths == Array(first.paths.prefix(3)))
    }
  }

  @Test func nfdQueryRanksLikeNFC() throws {
    var random = SeededGenerator(seed: 99)
    let indexed = try IndexedCorpus()
    try RandomCorpus.write(count: 30, into: indexed.corpus, using: &random)
    try indexed.update()
    for query in ["Đảng dân", "\"dân chủ\" hoà", "thuỷ OR khoẻ", "Việt -quý", "nghị quyết"] {
      let nfc = try indexed.search(query)
      let nfd = try indexed.search(query.decomposedStringWithCanonicalMapping)
      #expect(nfd.paths == nfc.paths, "\(query)")
      #expect(nfd.hits.map(\.score) == nfc.hits.map(\.score), "\(query)")
    }
  }
}

@Suite("BM25")
struct BM25Tests {
  @Test func idfFallsWithDocumentFrequencyAndStaysPositive() {
    let bm25 = BM25()
    let values = (1...100).map { bm25.idf(documentFrequency: $0, documentCount: 100) }
    #expect(values == values.sorted(by: >))
    #expect(values.allSatisfy { $0 > 0 })
  }

  @Test func weightGrowsWithFrequencySaturatesAndFallsWithLength() {
    let bm25 = BM25()
    let byFrequency = (1...50).map { bm25.weight(frequency: $0, length: 100, averageLength: 100) }
    #expect(byFrequency == byFrequency.sorted() && Set(byFrequency).count == 50)
    #expect(byFrequency.allSatisfy { $0 < bm25.k1 + 1 })
    #expect(bm25.weight(frequency: 0, length: 100, averageLength: 100) == 0)
    let byLength = [10, 50, 100, 400].map {
      bm25.weight(frequency: 2, length: $0, averageLength: 100)
    }
    #expect(byLength == byLength.sorted(by: >))
    // The textbook value: tf (k1 + 1) / (tf + k1 (1 − b + b·dl/avgdl)).
    let expected = 3.0 * 2.2 / (3.0 + 1.2 * (0.25 + 0.75 * 2))
    #expect(abs(bm25.weight(frequency: 3, length: 200, averageLength: 100) - expected) < 1e-12)
    #expect(abs(bm25.idf(documentFrequency: 1, documentCount: 10) - log(1 + 9.5 / 1.5)) < 1e-12)
  }
}
