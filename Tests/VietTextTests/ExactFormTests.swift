import Foundation
import Testing

@testable import VietText

@Suite struct ExactFormTests {
  @Test(arguments: [
    ("Hoà Bình", "hòa bình"), ("HÒA BÌNH", "hòa bình"), ("ĐẢNG", "đảng"), ("Đảng", "đảng"),
    ("KHOẺ", "khỏe"), ("Thuỷ", "thủy"), ("ASCII Only 30-CT/TW", "ascii only 30-ct/tw"), ("", ""),
  ])
  func lowerCasesAndCanonicalizesTones(text: String, key: String) {
    #expect(ExactForm.key(text).exact == key.exact)
    #expect(ExactForm.key(Normalization.nfc(text.nfd)).exact == key.exact)
  }

  @Test(arguments: precomposedLetters)
  func keyOfEveryLetterIsItsFoundationLowercase(_ letter: String) {
    #expect(ExactForm.key(letter).exact == letter.lowercased().exact)
  }

  @Test(arguments: [("hoa", "hòa"), ("dang", "đang"), ("Dang", "Đảng"), ("thuy", "thủy")])
  func keepsDiacriticsApart(a: String, b: String) {
    #expect(ExactForm.key(a) != ExactForm.key(b))
  }

  @Test func keysAByteRangeIntoABuffer() {
    let text = "-- Cộng Hoà --"
    var output: [UInt8] = []
    var scratch: [UInt32] = []
    withBytes(text) {
      ExactForm.key($0, range: 3..<($0.count - 3), scratch: &scratch, into: &output)
    }
    #expect(String(decoding: output, as: UTF8.self).exact == "cộng hòa".exact)
  }
}
