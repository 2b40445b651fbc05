import CitationGraph
import Citations
import Corpus
import Foundation
import SearchIndex
import TestSupport
import Testing

@testable import CancuCLI

/// `cited-by`, `cites` and `show` build the graph of part of the corpus (``GraphScope``): their
/// output must be the output of the same command on the graph of the whole corpus, for every
/// document the corpus cites or holds.
@Suite("Graph scope: partial graphs answer like the whole graph")
struct GraphScopeTests {
  /// Runs a graph command twice — on its scope and on `whole`, the graph of the whole corpus —
  /// and expects the same status, output and errors.
  static func expectSameAnswer(
    _ arguments: [String], whole: inout GraphContext, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let invocation = try Invocation(arguments: arguments)
    let command = GraphCommands(invocation: invocation, terminal: .plain)
    var results: [(CancuCLI.ExitStatus, String, String)] = []
    var output = ""
    var errors = ""
    results.append((command.run(output: &output, errors: &errors), output, errors))
    output = ""
    errors = ""
    results.append((command.run(&whole, output: &output, errors: &errors), output, errors))
    if results[0].1 != results[1].1, let folder = ProcessInfo.processInfo.environment["CANCU_SCOPE_DEBUG"] {
      try? ("\(arguments)\n--- scope\n\(results[0].1)\n--- whole\n\(results[1].1)\n")
        .write(toFile: folder + "/\(abs(arguments.description.hashValue)).txt", atomically: true, encoding: .utf8)
    }
    #expect(results[0].0 == results[1].0, "\(arguments)", sourceLocation: sourceLocation)
    #expect(results[0].1 == results[1].1, "\(arguments)", sourceLocation: sourceLocation)
    #expect(results[0].2 == results[1].2, "\(arguments)", sourceLocation: sourceLocation)
  }

  /// Every question worth asking of a corpus: each id cited or held (as `Kind id` and bare),
  /// each corpus file, and a few that name nothing.
  static func expectSameAnswers(corpus: String, index: String) throws -> Int {
    let common = ["--corpus", corpus, "--index", index]
    #expect(runCancu(["index", "--rebuild"] + common).status == .success)
    let reader = try IndexReader(path: IndexReader.file(inFolder: index))
    let documents = try reader.allDocuments()
    var citations: Set<String> = ["Chỉ thị 99999-CT/TW", "Luật Không có thật"]
    var files: Set<String> = []
    for document in documents {
      files.insert(CorpusLoader(root: corpus).root + "/" + document.relativePath)
      files.insert(document.relativePath)
      for identity in document.summary.identities {
        if let id = identity.id { citations.insert(id) }
      }
      for located in document.summary.citations {
        let citation = located.citation
        if !citation.id.hasPrefix("LAW:"), !citation.id.hasPrefix("NAMED:") {
          citations.insert(citation.kind.rawValue + " " + citation.id)
          // Without a kind, `QĐ` names both families.
          if citation.id.uppercased().contains("QĐ") { citations.insert(citation.id) }
        }
        if let name = citation.name { citations.insert(name) }
      }
    }
    let flags = common + ["--no-refresh"]
    var errors = ""
    var whole = try #require(
      GraphContext.load(try Invocation(arguments: ["stats"] + flags), terminal: .plain, errors: &errors))
    var asked = 0
    for citation in citations.sorted() {
      // (Text and JSON share everything but the writing; both are asked of files below.)
      for extra in [["--json"], ["--transitive"]] {
        try expectSameAnswer(["cited-by", citation] + extra + flags, whole: &whole)
        asked += 1
      }
      try expectSameAnswer(["cites", citation, "--json"] + flags, whole: &whole)
      try expectSameAnswer(["show", citation] + flags, whole: &whole)
      asked += 2
    }
    for file in files.sorted() {
      try expectSameAnswer(["cites", file] + flags, whole: &whole)
      try expectSameAnswer(["cites", file, "--json"] + flags, whole: &whole)
      try expectSameAnswer(["show", file, "--json"] + flags, whole: &whole)
      asked += 3
    }
    return asked
  }

  @Test(.timeLimit(.minutes(5)))
  func seedCorpusAnswersEqualTheWholeGraphs() throws {
    let index = try TemporaryIndexFolder()
    let asked = try Self.expectSameAnswers(corpus: packageRoot.appendingPathComponent("corpus").path, index: index.path)
    #expect(asked > 50)
  }

  /// A generated corpus that exercises every rule of the scope: documents without a number
  /// (resolved by title, several claimed by the same subject), local symbols in three provinces,
  /// `QĐ`/`QĐi`, one number held by two files, laws by name, citation chains for `--transitive`.
  @Test(.timeLimit(.minutes(5)))
  func generatedCorpusAnswersEqualTheWholeGraphs() throws {
    let corpus = try TemporaryIndexFolder()
    let index = try TemporaryIndexFolder()
    try GeneratedCorpus.write(files: 36, seed: 7, into: corpus.path)
    let asked = try Self.expectSameAnswers(corpus: corpus.path, index: index.path)
    #expect(asked > 100)
    // The corpus has what the scope's rules are for.
    let reader = try IndexReader(path: IndexReader.file(inFolder: index.path))
    let graph = CitationGraph(documents: try reader.allDocuments().map(\.summary))
    #expect(graph.nodes.contains { $0.resolution == .title }, "a document resolved by title")
    #expect(graph.nodes.contains { $0.isInCorpus && $0.id == nil }, "a document left without a number")
    let scoped = Set(graph.nodes.filter { $0.key.hasPrefix("35-ct/tu@") }.map(\.key))
    #expect(scoped.count >= 2, "a local symbol in two provinces")
    #expect(graph.nodes.contains { $0.key.hasPrefix("quy-dinh:") })
    #expect(graph.nodes.contains { $0.key.hasPrefix("quyet-dinh:") })
  }

  /// The same over a corpus of `cancu-bench generate` (set `CANCU_SCOPE_CORPUS` to its folder).
  @Test(
    .timeLimit(.minutes(30)),
    .enabled(if: ProcessInfo.processInfo.environment["CANCU_SCOPE_CORPUS"] != nil))
  func benchCorpusAnswersEqualTheWholeGraphs() throws {
    let corpus = ProcessInfo.processInfo.environment["CANCU_SCOPE_CORPUS"] ?? ""
    let index = try TemporaryIndexFolder()
    #expect(try Self.expectSameAnswers(corpus: corpus, index: index.path) > 0)
  }

  /// The scope of a rarely cited document is a few documents, not the corpus (in a corpus where
  /// every document states its number: one that does not draws in every citation of its title).
  @Test func citedByDecodesOnlyTheCitingDocuments() throws {
    let corpus = try TemporaryIndexFolder()
    let index = try TemporaryIndexFolder()
    try GeneratedCorpus.write(files: 36, seed: 7, into: corpus.path, untitled: false)
    #expect(runCancu(["index", "--corpus", corpus.path, "--index", index.path]).status == .success)
    let reader = try IndexReader(path: IndexReader.file(inFolder: index.path))
    let citing = try reader.allDocuments().filter { document in
      document.summary.citations.contains { $0.citation.id == "7-KL/TW" }
    }
    #expect(!citing.isEmpty && citing.count < reader.documentCount / 2)
    let access = IndexAccess(
      invocation: try Invocation(arguments: ["cited-by", "x", "--corpus", corpus.path, "--index", index.path]),
      terminal: .plain)
    let scope = try GraphContext.citedByScope(
      try Citation(parsing: "Kết luận 7-KL/TW"), transitive: false, reader: reader, access: access)
    #expect(Set(scope.map(\.relativePath)).isSuperset(of: citing.map(\.relativePath)))
    #expect(scope.count < reader.documentCount)
  }

  /// A citing file changed since it was indexed (`--no-refresh`): its sentences are not shown.
  @Test func changedCitingFileIsReportedNotQuoted() throws {
    let corpus = try TemporaryIndexFolder()
    let index = try TemporaryIndexFolder()
    try GeneratedCorpus.write(files: 6, seed: 3, into: corpus.path)
    let common = ["--corpus", corpus.path, "--index", index.path]
    #expect(runCancu(["index"] + common).status == .success)
    let before = runCancu(["cited-by", "30-CT/TW", "--no-refresh"] + common)
    #expect(before.status == .success)
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
    let citing = try files.map { corpus.path + "/" + $0 }.first { path in
      try String(contentsOfFile: path, encoding: .utf8).contains("30-CT/TW")
    }
    let path = try #require(citing)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try ("Thêm một dòng.\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
    let after = runCancu(["cited-by", "30-CT/TW", "--no-refresh"] + common)
    #expect(after.status == .error)
    #expect(after.errors.contains("changed since it was indexed"))
    // Refreshing re-indexes first, and the answer is right again.
    #expect(runCancu(["cited-by", "30-CT/TW"] + common).status == .success)
  }
}

/// A folder in the test process's scratch folder, removed when the value is.
final class TemporaryIndexFolder {
  let path: String
  init() throws {
    path = TestScratch.path("cancu-scope")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { TestScratch.remove(path) }
}

/// Small deterministic corpora in the shapes of the seed documents.
enum GeneratedCorpus {

  static let provinces = ["Hưng Yên", "Thái Bình", "Cà Mau"]
  static let titles = [
    "tăng cường sự lãnh đạo của Đảng đối với việc thực hiện dân chủ ở cơ sở",
    "nâng cao chất lượng tiếp công dân",
    "đẩy mạnh cải cách hành chính",
  ]
  static let cited = [
    "Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị",
    "Chỉ thị số 30-CT/TW",
    "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
    "Quy định số 11-QĐ/TW",
    "Quyết định số 11-QĐ/TW ngày 01/3/2016 của Ban Bí thư",
    "Kết luận số 7-KL/TW ngày 10/6/2021 của Bộ Chính trị",
    "Luật Thực hiện dân chủ ở cơ sở",
    "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ",
    "Nghị quyết số 49-NQ/TU ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy",
    "Nghị quyết số 49-NQ/TU",
    "Chỉ thị số 35-CT/TU ngày 02/01/2020 của Ban Thường vụ Tỉnh ủy",
    "Kế hoạch số 12-KH/TU",
    "Kế hoạch số 13-KH/TU ngày 05/5/2021 của Ban Thường vụ Tỉnh ủy",
  ]

  /// Writes `files` documents into `folder`.
  static func write(files: Int, seed: UInt64, into folder: String, untitled withUntitled: Bool = true)
    throws
  {
    var random = SeededGenerator(seed: seed)
    for file in 0..<files {
      let province = random.pick(provinces)
      let title = random.pick(titles)
      let untitled = withUntitled && file % 5 == 0
      // Numbers repeat across files: one number held twice, and citation chains.
      // A document without a number is the Nghị quyết 49-NQ/TU that others cite by title.
      let kind =
        untitled ? ("NGHỊ QUYẾT", "NQ") : random.pick([("KẾ HOẠCH", "KH"), ("NGHỊ QUYẾT", "NQ"), ("CHỈ THỊ", "CT")])
      let day = untitled ? 28 : 1 + file % 27
      let number = [12, 13, 49, 35, 40 + file][file % 5 == 1 ? file % 4 : 4]
      var text = "ĐẢNG BỘ TỈNH \(province.uppercased())\nBAN THƯỜNG VỤ TỈNH ỦY\n\\*\n"
      if !untitled { text += "Số \(number)-\(kind.1)/TU\n" }
      text += "\nĐẢNG CỘNG SẢN VIỆT NAM\n\n*\(province), ngày \(day) tháng 5 năm 2024*\n\n"
      text += "**\(kind.0)**\n**CỦA BAN THƯỜNG VỤ TỈNH ỦY**\n**Về \(title)**\n\n"
      for paragraph in 0..<(2 + Int(random.next() % 4)) {
        var sentence = paragraph % 2 == 0 ? "Thực hiện " : "Căn cứ "
        sentence += random.pick(cited)
        if random.next() % 3 == 0 { sentence += " về " + random.pick(titles) }
        if random.next() % 4 == 0, file > 0 {
          sentence += "; Kế hoạch số \(40 + Int(random.next() % UInt64(file)))-KH/TU"
        }
        if random.next() % 5 == 0 { sentence += "<sup>1</sup>" }
        text += sentence + ", các cấp ủy triển khai thực hiện nghiêm túc.\n\n"
      }
      let name = String(format: "%03d.txt", file)
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
  }
}

@Suite("Readable sentences")
struct ReadableSentenceTests {
  @Test("Tags dropped, footnote markers as superscripts, bold marks dropped, plain text untouched")
  func readable() {
    #expect(GraphContext.readable("theo Chỉ thị số 30-CT/TW<sup>12</sup> của Bộ Chính trị") == "theo Chỉ thị số 30-CT/TW¹² của Bộ Chính trị")
    #expect(GraphContext.readable("**Nghị quyết** số <b>49-NQ/TU</b>") == "Nghị quyết số 49-NQ/TU")
    #expect(GraphContext.readable("a * b < c") == "a * b < c")
    #expect(GraphContext.readable("dân chủ ở cơ sở.") == "dân chủ ở cơ sở.")
    #expect(GraphContext.readable("") == "")
    #expect(GraphContext.readable("x <sup>a</sup> y") == "x a y")
  }
}
