import Foundation
import Testing
import TestSupport

@testable import CancuCLI

/// The graph commands on the shipped corpus, through `Runner`, with an index in a temp folder
/// (shared by the suite, removed with the test process's scratch folder).
@Suite("Graph commands", .serialized)
struct GraphCommandTests {
  private static let index = TestScratch.path("cancu-graph-cli")
  private let corpus = packageRoot.appendingPathComponent("corpus").path

  private func run(_ arguments: [String]) -> (status: CancuCLI.ExitStatus, output: String, errors: String) {
    runCancu(arguments + ["--corpus", corpus, "--index", Self.index])
  }

  private func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test func citedByFollowsTheContract() throws {
    let result = run(["cited-by", "Chỉ thị 30-CT/TW", "--kind", "nghi quyet", "--json"])
    #expect(result.status == .success)
    let rows = try jsonLines(result.output)
    #expect(rows.compactMap { ($0["file"] as? String).map { String($0.suffix(24).prefix(3)) } } == ["000", "001"])
    for row in rows {
      #expect(Set(row.keys).isSuperset(of: ["file", "id", "kind", "date", "title", "score", "mentions"]))
      let mentions = try #require(row["mentions"] as? [[String: Any]])
      #expect(!mentions.isEmpty)
      #expect(mentions.allSatisfy { ($0["line"] as? Int ?? 0) > 0 && (($0["text"] as? String)?.contains("30-CT/TW") ?? false) })
    }
    // Newest first: 49-NQ/TU (2024, resolved by title) before 02-NQ/TU (2017).
    #expect(rows.first?["id"] as? String == "49-NQ/TU")
  }

  @Test func citedByWithARelationAndTransitively() throws {
    let basis = run(["cited-by", "10/2022/QH15", "--relation", "basis", "--json"])
    #expect(basis.status == .success)
    #expect(try jsonLines(basis.output).count == 1)  // seed 003: "Căn cứ Luật Thực hiện dân chủ ở cơ sở"
    let direct = try jsonLines(run(["cited-by", "30-CT/TW", "--json"]).output).count
    let transitive = try jsonLines(run(["cited-by", "30-CT/TW", "--transitive", "--json"]).output).count
    #expect(transitive >= direct)
  }

  @Test func unknownCitationsAndUncitedDocuments() {
    let none = run(["cited-by", "999-CT/TW"])
    #expect(none.status == .noResults)
    #expect(none.errors.contains("999-CT/TW"))
    let garbage = run(["cited-by", "hello"])
    #expect(garbage.status == .error)
    #expect(garbage.errors.contains("'hello'"))
  }

  @Test func citesListsCitedDocumentsWithResolution() throws {
    let result = run(["cites", "corpus/002_c2006f905afa915a.txt", "--json"])
    #expect(result.status == .success)
    let rows = try jsonLines(result.output)
    let resolution = try #require(rows.first { $0["id"] as? String == "49-NQ/TU" })
    #expect((resolution["file"] as? String)?.hasSuffix("000_2c65e7f53e3cbb00.txt") == true)
    #expect(resolution["resolved_by"] as? String == "title")
    #expect((resolution["relations"] as? [String])?.contains("implements") == true)
    #expect(rows.allSatisfy { Set($0.keys) == ["id", "kind", "date", "title", "file", "resolved_by", "confidence", "relations", "mentions"] })
    // Kind and issuer compared and agreed; seed 000 states no date, so it was not compared.
    #expect(resolution["confidence"] as? Double == 0.9)
    let unresolved = try #require(rows.first { $0["id"] as? String == "30-CT/TW" })
    #expect(unresolved["file"] is NSNull)
  }

  @Test func showAndStatsAndLint() throws {
    let show = run(["show", "49-NQ/TU"])
    #expect(show.status == .success)
    #expect(show.output.contains("by title"))
    #expect(show.output.contains("000_2c65e7f53e3cbb00.txt"))
    let stats = try jsonLines(run(["stats", "--json"]).output)
    #expect(stats.first?["documents"] as? Int == 6)
    #expect(stats.first?["citations"] as? Int == 208)
    let lint = run(["lint"])
    #expect(lint.status == .success)
    #expect(lint.output.contains("repaired-citation"))
    #expect(lint.output.split(separator: "\n").allSatisfy { $0.contains(".txt:") })
  }

  @Test func graphWritesDOTAndJSON() throws {
    let dot = run(["graph", "--around", "49-NQ/TU"])
    #expect(dot.status == .success)
    #expect(dot.output.hasPrefix("digraph cancu {"))
    let file = TestScratch.path("cancu-graph-cli") + "-graph.json"
    defer { TestScratch.remove(file) }
    let json = run(["graph", "--format", "json", "-o", file])
    #expect(json.status == .success && json.output.isEmpty)
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    let graph = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    // 6 corpus documents + 66 cited ones, 2 of which are corpus documents (49-NQ/TU, 44-CV/BCĐ).
    #expect((graph["nodes"] as? [Any])?.count == 70)
    #expect((graph["edges"] as? [Any])?.isEmpty == false)
    let unknown = run(["graph", "--around", "999-CT/TW"])
    #expect(unknown.status == .noResults)
  }
}

/// `cited-by` quotes each mention's sentence from the citing file, normalizing only the quoted
/// line: whatever the file's encoding, the sentence is the NFC one.
@Suite("Cited-by sentences")
struct CitedBySentenceTests {
  enum Encoding: String, CaseIterable, Sendable { case plain, crlf, cr, nfd, bomCRLFAndNFD }

  @Test("The sentence is the NFC one, whatever the encoding", arguments: Encoding.allCases)
  func sentenceIsNFC(encoding: Encoding) throws {
    let lines = [
      "NGHỊ QUYẾT", "", "Mở đầu dòng hai.",
      "Thực hiện tốt Chỉ thị số 30-CT/TW của Bộ Chính trị về dân chủ ở cơ sở; hoà giải, khoẻ mạnh.",
      "Cuối.",
    ]
    var text = lines.joined(separator: "\n") + "\n"
    var bytes: [UInt8]
    switch encoding {
    case .plain: bytes = Array(text.utf8)
    case .crlf: bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    case .cr: bytes = Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)
    case .nfd: bytes = Array(text.decomposedStringWithCanonicalMapping.utf8)
    case .bomCRLFAndNFD:
      text = text.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n")
      bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }
    let corpus = TestScratch.path("cited-by-\(encoding.rawValue)")
    let index = corpus + "-index"
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: corpus + "/nghị quyết.txt"))
    let result = runCancu(["cited-by", "30-CT/TW", "--json", "--corpus", corpus, "--index", index])
    #expect(result.status == .success, "\(result.errors)")
    let row = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let mentions = try #require(row["mentions"] as? [[String: Any]])
    #expect(mentions.map { $0["line"] as? Int } == [4])
    #expect(
      mentions.map { $0["text"] as? String }
        == ["Thực hiện tốt Chỉ thị số 30-CT/TW của Bộ Chính trị về dân chủ ở cơ sở;"])
  }
}
