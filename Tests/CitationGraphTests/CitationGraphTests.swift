import Citations
import Corpus
import Foundation
import Testing

@testable import CitationGraph

@Suite("Citation graph over the seed corpus")
struct CitationGraphTests {
  /// The seeds that cite `text`, optionally only those of `kind`.
  private func citers(_ text: String, kind: String? = nil) throws -> [String] {
    let citation = try Citation(parsing: text)
    let targets = seedGraph.nodes(matching: citation)
    var found: Set<String> = []
    for target in targets {
      for (node, _) in seedGraph.citers(of: target, transitive: false) {
        let citer = seedGraph.nodes[node]
        if let kind, citer.kind?.rawValue.lowercased() != kind { continue }
        found.insert(seedNumber(citer.file))
      }
    }
    return found.sorted()
  }

  @Test("Answers who cites what, as the issue specifies", arguments: [
    ("30-CT/TW", nil, ["000", "001", "002"]),
    ("Chỉ thị số 30-CT/TW", nil, ["000", "001", "002"]),
    ("chi thi 30-CT/TW", nil, ["000", "001", "002"]),
    ("30-CT/TW", "nghị quyết", ["000", "001"]),
    ("Quy định 11-QĐi/TW", nil, ["000", "002"]),
    ("Quy định số 11-QĐ/TW", nil, ["000", "002"]),
    ("35-CT/TW", nil, ["000", "002"]),
    ("35-CT/TU", nil, ["001"]),
    ("59/2023/NĐ-CP", nil, ["000", "003", "004"]),
    ("Luật Thực hiện dân chủ ở cơ sở", nil, ["000", "002", "003", "004"]),
    ("10/2022/QH15", nil, ["000", "002", "003", "004"]),
    ("49-NQ/TU", nil, ["002"]),
  ] as [(String, String?, [String])])
  func citedBy(citation: String, kind: String?, expected: [String]) throws {
    #expect(try citers(citation, kind: kind) == expected)
  }

  @Test func resolvesSeed002sResolutionToSeed000ByTitle() throws {
    let nodes = seedGraph.nodes(matching: try Citation(parsing: "Nghị quyết số 49-NQ/TU"))
    let node = try #require(nodes.first.map { seedGraph.nodes[$0] })
    #expect(nodes.count == 1)
    #expect(seedNumber(node.file) == "000")
    #expect(node.resolution == .title)
    #expect(node.resolutionConfidence == 0.9)
    #expect(node.id == "49-NQ/TU")
    #expect(node.level == .localParty)
  }

  @Test func citesAsManyTimesAsTheGoldAnnotationSays() throws {
    // Oracle: the hand-made gold files. Count mentions per (file, numbered id).
    let goldFolder = packageRoot.appendingPathComponent("Tests/CitationsTests/Fixtures/gold")
    var expected: [String: Int] = [:]
    var expectedPerFile: [String: Int] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: goldFolder.path).sorted()
    where name.hasSuffix(".json") {
      let data = try Data(contentsOf: goldFolder.appendingPathComponent(name))
      let gold = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let citations = try #require(gold["citations"] as? [[String: Any]])
      expectedPerFile[String(name.prefix(3)), default: 0] += citations.count
      for citation in citations {
        guard let id = citation["id"] as? String, !id.hasPrefix("LAW:"), !id.hasPrefix("NAMED:") else {
          continue
        }
        expected["\(name.prefix(3)) \(id.lowercased().replacing("qđi", with: "qđ"))", default: 0] += 1
      }
    }
    var actual: [String: Int] = [:]
    var actualPerFile: [String: Int] = [:]
    for edge in seedGraph.edges {
      for mention in edge.mentions {
        actualPerFile[seedNumber(mention.path), default: 0] += 1
        let id = mention.citedID
        guard !id.hasPrefix("LAW:"), !id.hasPrefix("NAMED:"), !id.hasSuffix("QH15"),
          !id.hasSuffix("QH14"), !id.hasSuffix("QH13")
        else { continue }
        actual["\(seedNumber(mention.path)) \(id.lowercased().replacing("qđi", with: "qđ"))", default: 0] += 1
      }
    }
    #expect(actualPerFile == expectedPerFile)
    // Laws cited by name carry their number here and LAW:… in the gold: compare the others.
    let numbered = expected.filter { key, _ in !key.hasSuffix("qh15") && !key.hasSuffix("qh14") && !key.hasSuffix("qh13") }
    #expect(actual == numbered)
  }

  @Test func hasOneNodePerDocumentAndStableOrder() {
    let again = CitationGraph(documents: seedSummaries.reversed())
    #expect(again.nodes == seedGraph.nodes)
    #expect(again.edges == seedGraph.edges)
    #expect(seedGraph.nodes.filter(\.isInCorpus).count == 6)  // seed 004 holds two documents
    let keys = seedGraph.nodes.map(\.key)
    #expect(Set(keys).count == keys.count)
  }

  @Test func placesEachCitationOfATwoDocumentFileInTheRightDocument() throws {
    // Seed 004: the covering letter 1140/UBND-NCKS forwards 44-CV/BCĐ, which cites 59/2023/NĐ-CP.
    let forwarded = try #require(seedGraph.nodes.firstIndex { $0.id == "44-CV/BCĐ" && $0.isInCorpus })
    let letter = try #require(seedGraph.nodes.firstIndex { $0.id == "1140/UBND-NCKS" })
    let citedByForwarded = seedGraph.edges(citedBy: forwarded).map { seedGraph.nodes[$0.to].id }
    #expect(citedByForwarded.contains("59/2023/NĐ-CP"))
    #expect(seedGraph.edges(citedBy: letter).map { seedGraph.nodes[$0.to].id } == ["44-CV/BCĐ"])
  }

  @Test func transitiveCitersFollowTheChain() throws {
    // 002 cites 49-NQ/TU (= seed 000), which cites 30-CT/TW: both cite 30-CT/TW, 002 also directly.
    let target = try #require(seedGraph.nodes(matching: try Citation(parsing: "49-NQ/TU")).first)
    let direct = seedGraph.citers(of: target, transitive: false).map { seedNumber(seedGraph.nodes[$0.node].file) }
    #expect(direct == ["002"])
    let synthetic = CitationGraph(documents: [
      summary("a.txt", id: "1-NQ/TW", citations: [("2-NQ/TW", .resolution, nil, 3, false)]),
      summary("b.txt", id: "2-NQ/TW", citations: [("3-NQ/TW", .resolution, nil, 4, false)]),
    ])
    let three = try #require(synthetic.nodes.firstIndex { $0.id == "3-NQ/TW" })
    #expect(synthetic.citers(of: three, transitive: false).map { synthetic.nodes[$0.node].file } == ["b.txt"])
    #expect(synthetic.citers(of: three, transitive: true).map { synthetic.nodes[$0.node].file } == ["b.txt", "a.txt"])
  }
}
