import Foundation
import TestSupport
import Testing

@testable import VietText

@Suite struct DiacriticFoldingTests {
  @Test(arguments: precomposedLetters)
  func foldsEveryPrecomposedLetterLikeFoundationPlusD(_ letter: String) {
    let expected = foldOracle(letter)
    #expect(expected.count == 1 && expected.allSatisfy { "aeiouyd".contains($0) })
    #expect(DiacriticFolding.fold(letter).exact == expected.exact)
  }

  @Test(arguments: precomposedLetters)
  func foldsEveryDecomposedLetterLikeItsPrecomposedForm(_ letter: String) {
    let decomposed = letter.nfd
    #expect(DiacriticFolding.fold(decomposed).exact == foldOracle(letter).exact)
    #expect(DiacriticFolding.fold(decomposed).exact == DiacriticFolding.fold(letter).exact)
  }

  @Test(arguments: allVowels)
  func foldsEveryVowelInBothForms(_ spec: VowelSpec) {
    let expected = String(spec.base)
    #expect(DiacriticFolding.fold(spec.composed).exact == expected.exact)
    #expect(DiacriticFolding.fold(spec.decomposed).exact == expected.exact)
    #expect(foldOracle(spec.composed).exact == expected.exact)
  }

  @Test(arguments: printableASCII)
  func foldsASCIIToLowerCase(_ text: String) {
    #expect(DiacriticFolding.fold(text).exact == foldOracle(text).exact)
    #expect(DiacriticFolding.fold(text).exact == text.lowercased().exact)
  }

  @Test func foldsTheWholeAlphabetAsOneStringInNFCAndNFD() {
    let text = (precomposedLetters + printableASCII).joined()
    #expect(DiacriticFolding.fold(text).exact == foldOracle(text).exact)
    #expect(DiacriticFolding.fold(text.nfd).exact == foldOracle(text).exact)
  }

  @Test(arguments: ["Đ", "đ", "Ð", "ð"])
  func foldsEveryFormOfDWithStrokeToD(_ text: String) {
    #expect(DiacriticFolding.fold(text).exact == "d".exact)
    #expect(DiacriticFolding.fold(text.nfd).exact == "d".exact)
  }

  @Test(arguments: [
    ("Đảng", "dang"), ("ĐẢNG", "dang"), ("Đảng Cộng sản Việt Nam", "dang cong san viet nam"),
    ("dân chủ ở cơ sở", "dan chu o co so"), ("Nghị định 59/2023/NĐ-CP", "nghi dinh 59/2023/nd-cp"),
    ("hoà", "hoa"), ("hòa", "hoa"), ("khoẻ", "khoe"), ("khỏe", "khoe"), ("thuỷ", "thuy"),
    ("thủy", "thuy"), ("ĐỨC", "duc"), ("ÐẢNG", "dang"), ("ðảng", "dang"), ("", ""),
  ])
  func foldsWords(text: String, folded: String) {
    #expect(DiacriticFolding.fold(text).exact == folded.exact)
    #expect(DiacriticFolding.fold(text.nfd).exact == folded.exact)
    #expect(foldOracle(text).exact == folded.exact)
  }

  @Test(arguments: [
    "Hiệp định Genève 1954", "Zürich, Müller, François, Ñandú, Ångström", "Ǎ ǐ ḿ ẅ Ḹ",
    "Москва ЖЁЛТЫЙ", "Ελλάδα ΑΘΗΝΑ", "中华人民共和国 Việt Nam", "👍 tốt ❤️", "× ÷ – — “ ” « »",
    "ø æ ł œ", "¹ ² ³ ½", "tab\tand\nnewline",
  ])
  func foldsTextWithNonVietnameseScalarsLikeFoundation(_ text: String) {
    #expect(DiacriticFolding.fold(text).exact == foldOracle(text).exact)
    #expect(DiacriticFolding.fold(text.nfd).exact == foldOracle(text).exact)
  }

  @Test(arguments: [0, 1, 2] as [UInt64])
  func foldsRandomVietnameseTextLikeFoundation(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let alphabet = precomposedLetters + printableASCII + ["Ð", "ð", "“", "”", "–", "\u{A0}", "\n"]
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator) ?? ""
      }.joined()
      #expect(DiacriticFolding.fold(text).exact == foldOracle(text).exact)
      #expect(DiacriticFolding.fold(text.nfd).exact == foldOracle(text).exact)
    }
  }

  @Test(arguments: ["Zürich", "Ñandú", "François", "Ǎ", "Å"])
  func foldsNFDAndNFCOfOtherLatinLettersAlike(_ text: String) {
    #expect(
      DiacriticFolding.fold(text.nfd).exact == DiacriticFolding.fold(text.foundationNFC).exact)
  }

  @Test func foldsEveryDocumentOfTheSeedCorpusLikeFoundation() throws {
    for (name, text) in try seedDocuments() {
      #expect(DiacriticFolding.fold(text).exact == foldOracle(text).exact, "\(name)")
      #expect(DiacriticFolding.fold(text.nfd).exact == foldOracle(text).exact, "\(name) NFD")
    }
  }

  @Test(arguments: [
    ("dan chu", false), ("dân chủ", true), ("", false), ("Dang", false),
    ("Đang", true), ("a\u{301}", true),
  ])
  func reportsDiacritics(text: String, has: Bool) {
    #expect(DiacriticFolding.hasDiacritics(text) == has)
  }

  @Test func foldsAByteRangeIntoABuffer() {
    let text = "xx Đảng Cộng sản yy"
    let start = text.utf8.count - "Đảng Cộng sản yy".utf8.count
    var output: [UInt8] = Array("prefix:".utf8)
    withBytes(text) {
      DiacriticFolding.fold($0, range: start..<($0.count - 3), into: &output)
    }
    #expect(String(decoding: output, as: UTF8.self).exact == "prefix:dang cong san".exact)
  }
}
