@testable import Citations
import Testing
import VietText

/// The fold against a plain scalar-by-scalar oracle: the fast path steps byte by byte and selects
/// without branches, so any slip in decoding a length or a continuation byte shows here.
@Suite("Folded text")
struct FoldedTextTests {
  /// The fold, written the obvious way over `unicodeScalars`: markup and marks dropped, every
  /// other scalar one character at its UTF-8 offset. (No `<sup>` here: markup has its own tests.)
  static func oracle(_ text: String) -> (chars: [UInt8], starts: [Int32]) {
    var chars: [UInt8] = []
    var starts: [Int32] = []
    var offset = 0
    for scalar in text.unicodeScalars {
      let value = Int(scalar.value)
      defer { offset += UTF8.width(scalar) }
      let code: UInt8
      if value < 0x80 {
        if value == 0x2A { continue }
        code = FoldTable.table[value] & 0x7F
      } else {
        let raw = value < 0x1F00 ? FoldTable.table[value] : FoldTable.code(forWide: value)
        if raw == FoldTable.dropped { continue }
        code = raw == 0 ? FoldedText.other : raw & 0x7F
      }
      chars.append(code)
      starts.append(Int32(offset))
    }
    starts.append(Int32(text.utf8.count))
    return (chars, starts)
  }

  /// The line ends and trigger word starts of folded characters, one character at a time.
  static func indexOracle(_ chars: [UInt8]) -> (lineEnds: [Int32], triggers: [Int32]) {
    var lineEnds: [Int32] = []
    var triggers: [Int32] = []
    for (position, c) in chars.enumerated() {
      if c == 0x0A { lineEnds.append(Int32(position)) }
      let isWordStart = position == 0 || !chars[position - 1].isFoldedWordChar
      if isWordStart, c.isDigitChar || "lbnh".utf8.contains(c) { triggers.append(Int32(position)) }
    }
    return (lineEnds, triggers)
  }

  static func check(_ text: String) {
    let folded = FoldedText(text)
    let expected = oracle(text)
    #expect(folded.chars == expected.chars, "\(text.debugDescription)")
    #expect(folded.starts == expected.starts, "\(text.debugDescription)")
    let index = indexOracle(folded.chars)
    #expect(folded.lineEnds == index.lineEnds, "\(text.debugDescription)")
    #expect(folded.triggers == index.triggers, "\(text.debugDescription)")
  }

  @Test(
    "fold and index match the scalar oracles",
    arguments: [
      "", "a", "Đ", "ậ", "ab", "Nghị quyết số 30-CT/TW", "CHỈ THỊ", "x😀y", "😀", "a😀",
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nxét Tờ trình",
      "a\u{00A0}b\u{2013}c\u{201C}d\u{2026}", "*đậm* Đảng", "hoà hòa", "a²b", "số¹ ²³",
      "e\u{0301}", "ĐĐĐĐĐĐĐĐ", "ở", "ởở", "aở", "aaở", "\t\r", "<b>x</b> < 3",
      "luật Luật\nbộ luật 12/2020/QH14 nghị quyết hiến pháp", "ab1 cd2 ef3 gh4 ij5 kl6 mn7 op8 q",
      "\n\n\n\n\n\n\n\n\n\n", "abcdefghijklmnopqrstuvwxyz0123456789 lbnh LBNH",
    ])
  func foldMatchesOracle(_ text: String) {
    Self.check(text)
  }

  @Test("fold and index match the scalar oracles on random Vietnamese text")
  func foldMatchesOracleOnRandomText() {
    let alphabet = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƯƠÂ 0123456789/-.,;:\n\n  lbnh\u{A0}–😀²*é")
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let length = Int.random(in: 0..<120, using: &generator)
      let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
      Self.check(text)
    }
  }
}
