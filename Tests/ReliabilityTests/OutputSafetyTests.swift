import Foundation
import Testing

/// Control characters a hostile file can carry: ESC (CSI, OSC), BEL, backspace, CR, DEL, and the
/// C1 CSI U+009B that some terminals obey like ESC [; then invisible format characters: the bidi
/// override, isolate, marks and pop (Trojan Source), zero-width space, joiner and non-joiner, BOM,
/// a tag character, and the line and paragraph separators.
private let hostile =
  "\u{1B}[2J\u{1B}]0;owned\u{07}\u{08}\r\u{7F}\u{9B}31m"
  + "\u{202E}lmth.exe\u{202C} \u{2067}\u{200F}\u{200E}\u{061C}\u{2069}"
  + " 30\u{200B}-CT\u{200D}/TW\u{200C}"
  + " \u{FEFF}\u{E0041}\u{2028}\u{2029}end"

/// A corpus whose file names, titles, issuers and citing sentences are hostile.
private func hostileWorkspace() throws -> (Workspace, file: String) {
  let workspace = try Workspace()
  let name = "độc \u{1B}[31mhại\u{07} \u{9B}1m\nxuống dòng \u{202E}fdp.txt"
  try workspace.write(
    name,
    """
    NGHỊ QUYẾT
    Về \u{1B}[31mdân chủ\u{1B}[0m ở cơ sở \(hostile) "trích" \\ gạch

    Thực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị \(hostile) về dân chủ ở cơ sở.
    Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ\u{1B}[5m quy định.

    """)
  try workspace.write(
    "kế hoạch.txt",
    """
    KẾ HOẠCH
    Số 161-KH/ĐUK
    Thực hiện Chỉ thị số 30-CT/TW ngày 19/03/1999 của Bộ\u{1B}[0m Chính trị \(hostile).

    """)  // another date for 30-CT/TW: something for lint to report
  #expect(workspace.run(["index"]).status == 0)
  return (workspace, workspace.path(name))
}

/// The raw control characters in `text` other than line ends (and tabs, which are harmless), and
/// the raw invisible format characters and line or paragraph separators (none of the outputs
/// here holds the soft hyphen or an emoji, the two exceptions of human output).
private func rawControls(_ text: String, allowTab: Bool = true) -> [String] {
  text.unicodeScalars.filter { scalar in
    let value = scalar.value
    if value == 0x0A || (allowTab && value == 0x09) { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }.map { "U+" + String($0.value, radix: 16) }
}

@Suite("Output safety: hostile titles, text and file names")
struct OutputSafetyTests {
  @Test("Human output shows control characters escaped", arguments: [
    ["citations"], ["cited-by", "30-CT/TW"], ["cited-by", "30-CT/TW", "--transitive"],
    ["cites"], ["show"], ["show", "30-CT/TW"], ["graph"], ["graph", "--around", "30-CT/TW"],
    ["stats"], ["lint"], ["search", "thực hiện"],
  ])
  func humanOutputIsEscaped(command: [String]) throws {
    let (workspace, file) = try hostileWorkspace()
    // citations, cites and show take the hostile file itself.
    let arguments = ["citations", "cites", "show"].contains(command) ? command + [file] : command
    let result = workspace.run(arguments)
    #expect(result.status == 0, "\(result.errors)")
    #expect(!result.output.isEmpty)
    #expect(rawControls(result.output) == [], "stdout of \(command)")
    #expect(rawControls(result.errors) == [], "stderr of \(command)")
  }

  @Test("JSON output escapes every string and keeps it intact", arguments: [
    ["citations"], ["cited-by", "30-CT/TW"], ["cites"], ["show"], ["show", "30-CT/TW"],
    ["graph", "--format", "json"], ["stats"], ["lint"], ["search", "thực hiện"],
  ])
  func jsonOutputIsEscaped(command: [String]) throws {
    let (workspace, file) = try hostileWorkspace()
    let arguments =
      (["citations", "cites", "show"].contains(command) ? command + [file] : command)
      + (command.first == "graph" ? [] : ["--json"])
    let result = workspace.run(arguments)
    #expect(result.status == 0, "\(result.errors)")
    #expect(rawControls(result.output, allowTab: false) == [], "stdout of \(command)")
    // Every line is JSON, and the hostile text is still there once parsed (oracle: Foundation).
    let objects = try jsonLines(result.output)
    #expect(!objects.isEmpty)
    let parsed = try JSONSerialization.data(withJSONObject: objects)
    let strings = try #require(String(data: parsed, encoding: .utf8))
    if !["cites", "stats", "lint"].contains(command[0]) {
      #expect(strings.contains("\\u001b") || strings.contains("\u{1B}"), "the text is kept, escaped")
      #expect(strings.contains("\\u202e") || strings.contains("\u{202E}"), "bidi kept, escaped")
    }
  }

  @Test func citedByNamesTheCitingFileEscaped() throws {
    let (workspace, file) = try hostileWorkspace()
    let result = workspace.run(["cited-by", "30-CT/TW"])
    let escapedName = "độc \\u{1b}[31mhại\\u{7} \\u{9b}1m\\u{a}xuống dòng \\u{202e}fdp.txt"
    #expect(result.output.contains(escapedName))
    #expect(!result.output.contains(file))
  }

  /// Trojan Source in a citing sentence: shown escaped, in the order the file has it.
  @Test func citingSentencesShowBidiAndZeroWidthCharactersEscaped() throws {
    let (workspace, file) = try hostileWorkspace()
    let result = workspace.run(["cited-by", "30-CT/TW"])  // prints the citing sentences
    #expect(result.status == 0)
    #expect(!result.output.contains(file))
    #expect(result.output.contains(#"\u{202e}lmth.exe\u{202c} \u{2067}\u{200f}\u{200e}"#))
    #expect(result.output.contains(#"\u{200e}\u{61c}\u{2069}"#))
    #expect(result.output.contains(#"30\u{200b}-CT\u{200d}/TW\u{200c} \u{feff}\u{e0041}"#))
    #expect(result.output.contains(#"\u{2028}\u{2029}end"#))
  }

  @Test func jsonNamesTheFileWithC1ControlsEscaped() throws {
    let (workspace, file) = try hostileWorkspace()
    let result = workspace.run(["show", file, "--json"])
    #expect(result.output.contains(#"\u009b1m\nxu"#))
    #expect(result.output.contains(#"dòng \u202efdp.txt"#))
    let object = try #require(try jsonLines(result.output).first)
    #expect(object["file"] as? String == file)
  }

  @Test(.enabled(if: Graphviz.path != nil))
  func dotOutputRendersWithGraphviz() throws {
    let (workspace, _) = try hostileWorkspace()
    let result = workspace.run(["graph"])
    #expect(result.status == 0)
    #expect(rawControls(result.output) == [])
    let dot = Process()
    dot.executableURL = URL(fileURLWithPath: try #require(Graphviz.path))
    dot.arguments = ["-Tsvg", "-o", "/dev/null"]
    let input = Pipe()
    let errors = Pipe()
    dot.standardInput = input
    dot.standardError = errors
    try dot.run()
    input.fileHandleForWriting.write(Data(result.output.utf8))
    try input.fileHandleForWriting.close()
    dot.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(dot.terminationStatus == 0, "\(message)")
    #expect(message.isEmpty, "Graphviz warns: \(message)")
  }
}

enum Graphviz {
  static let path = ["/usr/bin/dot", "/usr/local/bin/dot"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
