import Testing

@testable import CancuCLI

@Suite("Terminal text")
struct TerminalTextTests {
  @Test("Shows control characters and escape sequences escaped", arguments: [
    ("\u{1B}[2J clear", "\\u{1b}[2J clear"), ("bell\u{7}", "bell\\u{7}"),
    ("c1 \u{9B}31m", "c1 \\u{9b}31m"), ("tab\tkept", "tab\tkept"), ("Đảng", "Đảng"),
  ])
  func escapes(input: String, expected: String) {
    #expect(TerminalText.safe(input) == expected)
  }

  @Test func colourOnlyWhenAsked() {
    #expect(TerminalText.styled("x", .match, color: false) == "x")
    #expect(TerminalText.styled("x", .match, color: true).contains("\u{1B}["))
  }
}
