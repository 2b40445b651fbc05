import Foundation
import Testing
import TestSupport

@testable import CancuCLI

/// A corpus and an index folder in the test process's scratch folder, with spaces and Vietnamese
/// in their names; removed when dropped.
private final class Workspace: @unchecked Sendable {
  let root: String
  var corpus: String { root + "/kho văn bản" }
  var index: String { root + "/chỉ mục" }
  var indexFile: String { index + "/cancu.index" }

  init() throws {
    root = TestScratch.path("cancu-cli")
    try FileManager.default.createDirectory(
      atPath: root + "/kho văn bản", withIntermediateDirectories: true)
    try write(
      "Nghị quyết 49.txt",
      """
      NGHỊ QUYẾT
      Về tăng cường sự lãnh đạo của Đảng đối với việc thực hiện dân chủ ở cơ sở

      Thực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị về dân chủ ở cơ sở.
      Cộng hoà xã hội chủ nghĩa Việt Nam.

      """)
    try write("b/kế hoạch.md", "Kế hoạch thực hiện dân chủ ở cơ sở năm 2024.\nĐảng bộ tỉnh.\n")
    try write("c.txt", "Thuỷ lợi và khoẻ mạnh.\r\nDang dở công việc.\r\n")
  }

  deinit { TestScratch.remove(root) }

  func write(_ relative: String, _ text: String) throws {
    try write(relative, bytes: Array(text.utf8))
  }

  func write(_ relative: String, bytes: [UInt8]) throws {
    try TestScratch.write(bytes, to: corpus + "/" + relative)
  }

  /// `cancu` with this workspace's `--corpus` and `--index`.
  func run(_ arguments: [String]) -> (status: CancuCLI.ExitStatus, output: String, errors: String) {
    runCancu(arguments + ["--corpus", corpus, "--index", index])
  }
}

/// The JSON objects of JSON Lines output.
private func jsonLines(_ output: String) throws -> [[String: Any]] {
  try output.split(separator: "\n").map { line in
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any], "not an object: \(line)")
  }
}

/// The time limits guard against hangs, not speed: on a 2-core runner these tests share the
/// pool with suites that block threads waiting for child processes, and one that takes a second
/// alone took 48 s of wall time in a full `swift test` (93 s with other work on the machine).
@Suite("cancu index and cancu search")
struct IndexSearchCommandTests {
  @Test(.timeLimit(.minutes(5)))
  func indexPrintsAOneLineSummary() throws {
    let workspace = try Workspace()
    let result = workspace.run(["index"])
    #expect(result.status == .success)
    #expect(result.errors.isEmpty)
    #expect(result.output.hasSuffix("\n"))
    #expect(result.output.split(separator: "\n").count == 1)
    #expect(result.output.contains("3 documents indexed"))
    #expect(result.output.contains("3 new, 0 changed, 0 removed, 0 unchanged"))
    #expect(FileManager.default.fileExists(atPath: workspace.indexFile))

    let again = workspace.run(["index"])
    #expect(again.status == .success)
    #expect(again.output.contains("0 new, 0 changed, 0 removed, 3 unchanged"))
    #expect(!again.output.contains("touched"))

    // A file saved again as it was: its time is updated, nothing is read but it.
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_900_000_000)],
      ofItemAtPath: workspace.corpus + "/c.txt")
    let touched = workspace.run(["index"])
    #expect(touched.status == .success)
    #expect(touched.output.contains("0 new, 0 changed, 0 removed, 3 unchanged"))
    #expect(touched.output.contains("; 1 touched file (same content): times updated"))
    #expect(touched.output.split(separator: "\n").count == 1)
  }

  @Test(.timeLimit(.minutes(5)))
  func searchBuildsAMissingIndexFirst() throws {
    let workspace = try Workspace()
    #expect(!FileManager.default.fileExists(atPath: workspace.indexFile))
    let result = workspace.run(["search", "dan chu co so"])
    #expect(result.status == .success, "\(result.errors)")
    #expect(result.output.contains("Nghị quyết 49.txt"))
    #expect(result.output.contains("kế hoạch.md"))
    #expect(!result.output.contains("c.txt"))
    #expect(result.output.contains("[dân chủ] ở [cơ sở]"), "\(result.output)")
    #expect(FileManager.default.fileExists(atPath: workspace.indexFile))
  }

  @Test func textOutputShowsRankPathScoreAndMarkedLines() throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", "thuy"])
    #expect(result.status == .success)
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    #expect(lines.first?.hasPrefix("1.  " + workspace.corpus + "/c.txt") == true, "\(lines)")
    #expect(lines.first?.contains("score ") == true)
    #expect(lines.contains("   \(workspace.corpus)/c.txt:1: [Thuỷ] lợi và khoẻ mạnh."), "\(lines)")
  }

  @Test func noMatchExitsOne() throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", "xyzzy"])
    #expect(result.status == .noResults)
    #expect(result.output.isEmpty)
    let json = workspace.run(["search", "xyzzy", "--json"])
    #expect(json.status == .noResults)
    #expect(json.output.isEmpty)
  }

  @Test(
    "An invalid query exits two with a one-line message", arguments: ["year:abc", "OR", "dân OR"])
  func invalidQueryExitsTwo(query: String) throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", query])
    #expect(result.status == .error)
    #expect(result.output.isEmpty)
    #expect(result.errors.hasSuffix("\n"))
    #expect(result.errors.split(separator: "\n").count == 1, "\(result.errors)")
    #expect(result.errors.contains("query"))
  }

  @Test(.timeLimit(.minutes(5)))
  func jsonLinesHaveTheContractKeys() throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", "\"dân chủ\"", "--json", "--limit", "5"])
    #expect(result.status == .success)
    let objects = try jsonLines(result.output)
    #expect(objects.count == 2)
    for object in objects {
      for key in ["file", "id", "kind", "date", "title", "score", "snippets"] {
        #expect(object.keys.contains(key), "missing \(key)")
      }
      let file = try #require(object["file"] as? String)
      #expect(file.hasPrefix(workspace.corpus + "/"))
      #expect(object["score"] is Double || object["score"] is Int || object["score"] is NSNumber)
      let snippets = try #require(object["snippets"] as? [[String: Any]])
      #expect(!snippets.isEmpty && snippets.count <= 3)
      for snippet in snippets {
        let line = try #require(snippet["line"] as? Int)
        #expect(line >= 1)
        #expect(snippet["text"] is String)
      }
      let texts = snippets.compactMap { $0["text"] as? String }
      #expect(texts.contains { $0.lowercased().contains("dân chủ") })
    }
    let files = objects.compactMap { $0["file"] as? String }
    #expect(
      Set(files) == [workspace.corpus + "/Nghị quyết 49.txt", workspace.corpus + "/b/kế hoạch.md"])
    let scores = objects.compactMap { ($0["score"] as? NSNumber)?.doubleValue }
    #expect(scores == scores.sorted(by: >))
    let limited = workspace.run(["search", "dân", "--json", "--limit", "1"])
    #expect(try jsonLines(limited.output).count == 1)
  }

  @Test func jsonSnippetLinesPointAtTheFile() throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", "dang", "--json"])
    let objects = try jsonLines(result.output)
    let c = try #require(objects.first { ($0["file"] as? String)?.hasSuffix("/c.txt") == true })
    let snippets = try #require(c["snippets"] as? [[String: Any]])
    #expect(snippets.compactMap { $0["line"] as? Int } == [2])
    #expect(snippets.compactMap { $0["text"] as? String } == ["Dang dở công việc."])
  }

  @Test func exactFlagKeepsOnlyExactForms() throws {
    let workspace = try Workspace()
    let folded = workspace.run(["search", "Đảng", "--json"])
    #expect(try jsonLines(folded.output).count == 3)
    let exact = workspace.run(["search", "Đảng", "--exact", "--json"])
    let files = try jsonLines(exact.output).compactMap { $0["file"] as? String }
    #expect(
      Set(files) == [workspace.corpus + "/Nghị quyết 49.txt", workspace.corpus + "/b/kế hoạch.md"])
  }

  @Test func noRefreshOnAMissingIndexSaysToRunIndex() throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", "dân", "--no-refresh"])
    #expect(result.status == .error)
    #expect(result.output.isEmpty)
    #expect(result.errors.contains("cancu index"))
    #expect(result.errors.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: workspace.indexFile))
  }

  @Test func noRefreshUsesTheIndexAsItIs() throws {
    let workspace = try Workspace()
    #expect(workspace.run(["index"]).status == .success)
    try workspace.write("mới.txt", "một văn bản mới về thuỷ lợi\n")
    let stale = workspace.run(["search", "thuy", "--no-refresh", "--json"])
    #expect(try jsonLines(stale.output).count == 1)
    let refreshed = workspace.run(["search", "thuy", "--json"])
    #expect(try jsonLines(refreshed.output).count == 2)
  }

  @Test(.timeLimit(.minutes(5)))
  func damagedIndexIsReportedAndRebuildFixesIt() throws {
    let workspace = try Workspace()
    #expect(workspace.run(["index"]).status == .success)
    let intact = workspace.run(["search", "dân", "--json"])
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.indexFile)))
    // A byte of the section table: the header checksum no longer matches.
    bytes[20] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: workspace.indexFile))

    let damaged = workspace.run(["search", "dân", "--no-refresh"])
    #expect(damaged.status == .error)
    #expect(damaged.output.isEmpty)
    #expect(damaged.errors.contains("index is damaged"))
    #expect(damaged.errors.contains("run `cancu index --rebuild`"))
    #expect(damaged.errors.split(separator: "\n").count == 1)

    let rebuilt = workspace.run(["index", "--rebuild"])
    #expect(rebuilt.status == .success)
    let after = workspace.run(["search", "dân", "--json", "--no-refresh"])
    #expect(after.status == .success)
    #expect(after.output == intact.output)
  }

  @Test(.timeLimit(.minutes(5)))
  func damagedPostingsAreReportedWhenSearchedAndRebuildFixesThem() throws {
    let workspace = try Workspace()
    #expect(workspace.run(["index"]).status == .success)
    let intact = workspace.run(["search", "dân", "--json"])
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.indexFile)))
    // Every byte of the postings section (id 3), found in the section table.
    let sectionCount = Int(bytes[8]) | Int(bytes[9]) << 8
    let entry = try #require((0..<sectionCount).map { 16 + 24 * $0 }.first { bytes[$0] == 3 })
    var offset = 0
    var length = 0
    for k in 0..<8 {
      offset |= Int(bytes[entry + 4 + k]) << (8 * k)
      length |= Int(bytes[entry + 12 + k]) << (8 * k)
    }
    #expect(length > 0)
    for k in offset..<(offset + length) { bytes[k] ^= 0x55 }
    try Data(bytes).write(to: URL(fileURLWithPath: workspace.indexFile))

    let damaged = workspace.run(["search", "dân"])
    #expect(damaged.status == .error)
    #expect(damaged.output.isEmpty)
    #expect(damaged.errors.contains("index is damaged"))
    #expect(damaged.errors.contains("run `cancu index --rebuild`"))

    #expect(workspace.run(["index", "--rebuild"]).status == .success)
    #expect(workspace.run(["search", "dân", "--json"]).output == intact.output)
  }

  @Test(.timeLimit(.minutes(5)))
  func indexWithoutRebuildRepairsADamagedIndexAndSaysSo() throws {
    let workspace = try Workspace()
    #expect(workspace.run(["index"]).status == .success)
    let intact = workspace.run(["search", "dân", "--json"])
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.indexFile)))
    bytes[bytes.count - 3] ^= 0xFF  // the last document record
    try Data(bytes).write(to: URL(fileURLWithPath: workspace.indexFile))
    let result = workspace.run(["index"])
    #expect(result.status == .success)
    #expect(result.errors.contains("warning: the previous index was unusable and was rebuilt"))
    #expect(result.errors.contains("index is damaged"))
    #expect(result.output.contains("3 new, 0 changed, 0 removed, 0 unchanged"))
    #expect(workspace.run(["search", "dân", "--json", "--no-refresh"]).output == intact.output)
  }

  @Test func controlCharactersNeverReachTheTextOutputRaw() throws {
    let workspace = try Workspace()
    try workspace.write(
      "độc hại \u{1B}[2J.txt",
      "Dòng có \u{1B}[31mĐảng\u{1B}[0m và chuông \u{07} và \u{9B}31m xoá \u{08}\u{08} dân chủ\n")
    let result = workspace.run(["search", "dân chủ"])
    #expect(result.status == .success)
    #expect(result.output.contains("độc hại"))
    for scalar in result.output.unicodeScalars where scalar != "\n" {
      let value = scalar.value
      #expect(
        !(value < 0x20 && value != 0x09) && !(0x7F...0x9F).contains(value),
        "raw U+\(String(value, radix: 16))")
    }
    for scalar in result.errors.unicodeScalars where scalar != "\n" {
      #expect(scalar.value >= 0x20 && scalar.value != 0x1B, "raw control on stderr")
    }
    let json = workspace.run(["search", "dân chủ", "--json"])
    let objects = try jsonLines(json.output)
    let texts = objects.flatMap {
      ($0["snippets"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }
    #expect(texts.contains { $0.contains("\u{1B}[31m") }, "JSON keeps the text, escaped")
    #expect(!json.output.contains("\u{1B}"))
  }

  @Test func textOutputSaysWhenTheLimitHidesResults() throws {
    let workspace = try Workspace()
    let result = workspace.run(["search", "dang", "--limit", "1"])
    #expect(result.status == .success)
    #expect(result.output.hasPrefix("1.  "))
    #expect(!result.output.contains("\n2.  "))
    #expect(result.output.hasSuffix("(1 of 3 documents; --limit N for more)\n"))
  }

  @Test func searchOfAMissingCorpusExitsTwo() throws {
    let workspace = try Workspace()
    let result = runCancu([
      "search", "dân", "--corpus", workspace.root + "/không có", "--index", workspace.index,
    ])
    #expect(result.status == .error)
    #expect(result.output.isEmpty)
    #expect(result.errors.contains("không có"))
    #expect(result.errors.split(separator: "\n").count == 1)
  }

  @Test func searchWithoutDiacriticsFindsEveryForm() throws {
    let workspace = try Workspace()
    try workspace.write(
      "d/hoà bình.txt", "Hòa bình và HOÀ hợp\r\n".decomposedStringWithCanonicalMapping)
    let result = workspace.run(["search", "hoa", "--json"])
    let files = try jsonLines(result.output).compactMap { $0["file"] as? String }
    #expect(
      Set(files) == [workspace.corpus + "/Nghị quyết 49.txt", workspace.corpus + "/d/hoà bình.txt"])
    let nfd = workspace.run(["search", "hoà".decomposedStringWithCanonicalMapping, "--json"])
    let nfc = workspace.run(["search", "hòa", "--json"])
    #expect(nfd.output == nfc.output)
  }

  @Test func colouredOutputStillEscapesTheDocumentsControlCharacters() throws {
    let workspace = try Workspace()
    try workspace.write(
      "độc.txt", "Dòng \u{1B}[2J có \u{1B}[31mĐảng\u{1B}[0m \u{07} \u{9B}31m dân chủ\n")
    var output = ""
    var errors = ""
    let status = Runner(terminal: Terminal(colorOutput: true, interactiveErrors: false)).run(
      ["search", "dân chủ", "--corpus", workspace.corpus, "--index", workspace.index],
      output: &output, errors: &errors)
    #expect(status == .success)
    #expect(output.contains("\u{1B}["), "styled")
    for raw in ["\u{1B}[2J", "\u{1B}[31mĐảng", "Đảng\u{1B}[0m", "\u{07}", "\u{9B}"] {
      #expect(
        !output.contains(raw), "raw \(raw.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  @Test func noRefreshSearchesTheIndexWhenTheCorpusIsGone() throws {
    let workspace = try Workspace()
    #expect(workspace.run(["index"]).status == .success)
    try FileManager.default.removeItem(atPath: workspace.corpus)
    let result = workspace.run(["search", "thuy", "--no-refresh", "--json"])
    #expect(result.status == .success)
    let objects = try jsonLines(result.output)
    #expect(objects.compactMap { $0["file"] as? String } == [workspace.corpus + "/c.txt"])
    #expect((objects.first?["snippets"] as? [Any])?.isEmpty == true, "no file, no lines")
    let refreshed = workspace.run(["search", "thuy"])
    #expect(refreshed.status == .error)
    #expect(refreshed.errors.contains("kho văn bản"))
  }

  /// Results name files in the corpus given on the command line, even when the index was built
  /// from the same files under another folder name.
  @Test
  func resultsPointIntoTheCorpusGiven() throws {
    let workspace = try Workspace()
    #expect(workspace.run(["index"]).status == .success)
    let moved = workspace.root + "/kho đã chuyển"
    try FileManager.default.moveItem(atPath: workspace.corpus, toPath: moved)
    let result = runCancu([
      "search", "thuy", "--json", "--corpus", moved, "--index", workspace.index,
    ])
    #expect(result.status == .success)
    let objects = try jsonLines(result.output)
    #expect(objects.compactMap { $0["file"] as? String } == [moved + "/c.txt"])
    #expect((objects.first?["snippets"] as? [Any])?.count == 1)
  }

  @Test func indexOfAMissingCorpusExitsTwo() throws {
    let workspace = try Workspace()
    let result = runCancu([
      "index", "--corpus", workspace.root + "/không có", "--index", workspace.index,
    ])
    #expect(result.status == .error)
    #expect(result.errors.contains("không có"))
    #expect(result.errors.split(separator: "\n").count == 1)
  }

  @Test func skippedFilesAreWarnedAboutOnce() throws {
    let workspace = try Workspace()
    try workspace.write("ảnh.txt", bytes: [0x00, 0x01, 0x02, 0x00, 0xFF])
    let first = workspace.run(["index"])
    #expect(first.status == .success)
    #expect(first.errors.contains("ảnh.txt"))
    #expect(first.output.contains("1 warning"))
    let second = workspace.run(["index"])
    #expect(!second.errors.contains("ảnh.txt"))
  }
}
