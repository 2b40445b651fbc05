import Foundation
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

  @Test("Shows bidi controls, zero-width and other format characters and separators escaped",
    arguments: [
      ("abc\u{202E}fdp.exe", "abc\\u{202e}fdp.exe"),  // right-to-left override
      ("\u{202A}\u{202B}\u{202C}\u{202D}", "\\u{202a}\\u{202b}\\u{202c}\\u{202d}"),
      ("\u{2066}x\u{2067}\u{2068}\u{2069}", "\\u{2066}x\\u{2067}\\u{2068}\\u{2069}"),  // isolates
      ("\u{200E}\u{200F}\u{061C}", "\\u{200e}\\u{200f}\\u{61c}"),  // marks
      ("30\u{200B}-CT/TW", "30\\u{200b}-CT/TW"),  // zero-width space
      ("30-CT\u{200D}/TW\u{200C}", "30-CT\\u{200d}/TW\\u{200c}"),  // joiners outside emoji
      ("Đ\u{200D}ảng", "Đ\\u{200d}ảng"),
      ("a\u{2060}b\u{FEFF}c\u{180E}", "a\\u{2060}b\\u{feff}c\\u{180e}"),  // word joiner, BOM
      ("tag\u{E0041}\u{E007F}", "tag\\u{e0041}\\u{e007f}"),  // tag characters
      ("line\u{2028}para\u{2029}", "line\\u{2028}para\\u{2029}"),
      ("nel\u{85}", "nel\\u{85}"),
    ])
  func escapesFormatCharacters(input: String, expected: String) {
    #expect(TerminalText.safe(input) == expected)
    #expect(TerminalText.safe(Substring(input)) == expected)
  }

  @Test("Keeps what is common in real text and disguises nothing", arguments: [
    "Cộng hoà xã hội chủ nghĩa Việt Nam — “Đảng” … ‘x’ – 30-CT/TW",
    "hyphen\u{AD}ation",  // soft hyphen
    "👨\u{200D}👩\u{200D}👧 family",  // joiners between emoji
    "❤\u{FE0F}\u{200D}🔥 👩🏽\u{200D}💻",  // after a presentation selector, a skin tone
    "Dân chủ ở cơ sở".decomposedStringWithCanonicalMapping,  // combining marks are letters
  ])
  func keepsOrdinaryText(input: String) {
    #expect(TerminalText.safe(input) == input)
  }

  @Test func escapesAJoinerBesideOnlyOneEmoji() {
    #expect(TerminalText.safe("👨\u{200D}x") == "👨\\u{200d}x")
    #expect(TerminalText.safe("1\u{200D}👨") == "1\\u{200d}👨")
    #expect(TerminalText.safe("\u{200D}") == "\\u{200d}")
  }

  @Test func colourOnlyWhenAsked() {
    #expect(TerminalText.styled("x", .match, color: false) == "x")
    #expect(TerminalText.styled("x", .match, color: true).contains("\u{1B}["))
  }

  @Test("Every scalar below U+3000, alone and in Vietnamese text, is shown or escaped as isHidden says")
  func everyScalarAgreesWithIsHidden() {
    for value in UInt32(0)..<0x3000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let hidden = TerminalText.isHidden(scalar, before: nil, after: nil)
      let expected = hidden ? "\\u{" + String(value, radix: 16) + "}" : String(Character(scalar))
      // After a dash, which takes the slow path, and after plain Vietnamese, which may not.
      for prefix in ["–", "Đảng "] {
        #expect(
          TerminalText.safe(prefix + String(Character(scalar)) + "x") == prefix + expected + "x",
          "U+\(String(value, radix: 16))")
      }
    }
  }
}
