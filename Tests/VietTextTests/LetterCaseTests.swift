import Foundation
import Testing

@testable import VietText

@Suite struct LetterCaseTests {
  @Test(arguments: precomposedLetters + printableASCII + ["Ð", "ð", "Ñ", "Ω", "Σ", "Ж", "Ǆ"])
  func lowercasesOneScalarLikeFoundation(_ text: String) throws {
    let value = try #require(text.unicodeScalars.first).value
    let expected = text.lowercased()
    #expect(expected.unicodeScalars.count == 1)
    #expect(LetterCase.lowercase(value) == expected.unicodeScalars.first?.value)
  }

  @Test(arguments: zip(precomposedUppercase, precomposedLowercase))
  func upperAndLowerAlphabetsPairUp(upper: String, lower: String) throws {
    let value = try #require(upper.unicodeScalars.first).value
    #expect(LetterCase.lowercase(value) == lower.unicodeScalars.first?.value)
    #expect(upper.lowercased() == lower)
  }

  @Test func scalarsWhoseLowercaseIsSeveralScalarsAreKept() {
    // İ lower-cases to i + U+0307: not one scalar, so the scalar stays.
    #expect(LetterCase.lowercase(0x130) == 0x130)
  }

  @Test(arguments: [
    "ĐẢNG CỘNG SẢN VIỆT NAM", "Nghị Quyết 30-CT/TW", "ƯỚC TÍNH", "Ω Σ ЖЁ", "Đ đ Ð ð", "",
    "HOÀ HÒA THUỶ THỦY", "ÁP DỤNG 100%",
  ])
  func lowercasesTextLikeFoundation(_ text: String) {
    var output: [UInt8] = []
    withBytes(text) { LetterCase.lowercase($0, range: 0..<$0.count, into: &output) }
    #expect(String(decoding: output, as: UTF8.self).exact == text.lowercased().exact)
  }
}
