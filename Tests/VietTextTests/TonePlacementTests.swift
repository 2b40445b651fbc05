import Foundation
import Testing

@testable import VietText

/// An open syllable whose nucleus is `oa`, `oe` or `uy`, in the old and new tone placements.
struct ToneSyllable: Sendable, CustomTestStringConvertible {
  var onset: String
  var first: Character
  var second: Character
  var tone: UInt32

  /// Foundation's NFC of `vowel` + `tone`.
  private func toned(_ vowel: Character) -> String {
    var scalars = String(vowel).unicodeScalars
    if let scalar = Unicode.Scalar(tone) { scalars.append(scalar) }
    return String(scalars).foundationNFC
  }

  /// Old style: the tone on the second vowel (`hoà`).
  var old: String { onset + String(first) + toned(second) }
  /// New style: the tone on the first vowel (`hòa`), cancu's canonical form.
  var new: String { onset + toned(first) + String(second) }

  var testDescription: String { "\(old)/\(new)" }
}

/// Onsets before the nucleus, clusters included.
let toneOnsets = ["", "h", "l", "t", "x", "th", "kh", "nh", "ngh", "ng", "tr", "g", "s"]

/// The three nuclei × the five marked tones.
let toneSyllableKinds: [ToneSyllable] = [("o", "a"), ("o", "e"), ("u", "y")].flatMap { pair in
  toneMarks.compactMap { $0 }.map {
    ToneSyllable(onset: "", first: pair.0, second: pair.1, tone: $0)
  }
}

/// The case variants of a syllable: as written, capitalized, all upper case.
func caseVariants(_ text: String) -> [String] {
  [text, text.prefix(1).uppercased() + text.dropFirst(), text.uppercased()]
}

@Suite struct TonePlacementTests {
  @Test func theTableHasEveryNucleusWithEveryTone() {
    #expect(toneSyllableKinds.count == 15)
    #expect(Set(toneSyllableKinds.map(\.old)).count == 15)
    #expect(Set(toneSyllableKinds.map(\.new)).count == 15)
  }

  @Test(arguments: toneSyllableKinds)
  func movesTheToneToTheFirstVowelOfOpenSyllables(_ kind: ToneSyllable) {
    for onset in toneOnsets {
      var syllable = kind
      syllable.onset = onset
      for (old, new) in zip(caseVariants(syllable.old), caseVariants(syllable.new)) {
        #expect(old != new)
        #expect(TonePlacement.canonical(old).exact == new.exact, "\(old)")
        #expect(TonePlacement.canonical(new).exact == new.exact, "\(new)")
      }
    }
  }

  @Test(arguments: toneSyllableKinds)
  func exactFormsOfBothStylesAreEqualInNFCAndNFD(_ kind: ToneSyllable) {
    for onset in toneOnsets {
      var syllable = kind
      syllable.onset = onset
      let expected = syllable.new.lowercased()
      for (old, new) in zip(caseVariants(syllable.old), caseVariants(syllable.new)) {
        #expect(ExactForm.key(old).exact == expected.exact, "\(old)")
        #expect(ExactForm.key(new).exact == expected.exact, "\(new)")
        #expect(ExactForm.key(Normalization.nfc(old.nfd)).exact == expected.exact, "\(old) NFD")
        #expect(ExactForm.key(Normalization.nfc(new.nfd)).exact == expected.exact, "\(new) NFD")
      }
    }
  }

  @Test(arguments: [
    ("hoà", "hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("khoá", "khóa"), ("hoạ", "họa"),
    ("loã", "lõa"), ("xoè", "xòe"), ("tuỳ", "tùy"), ("luỹ", "lũy"), ("nhoà", "nhòa"),
    ("HOÀ", "HÒA"), ("Thuỷ", "Thủy"), ("KHOẺ", "KHỎE"), ("oà", "òa"), ("uỷ", "ủy"),
    ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("(thuỷ lợi), khoá XII; hoà-bình.", "(thủy lợi), khóa XII; hòa-bình."),
    ("Tỉnh uỷ, Thành uỷ, Quận uỷ", "Tỉnh ủy, Thành ủy, Quận ủy"),
  ])
  func rewritesOldStyleWordsAndText(old: String, new: String) {
    #expect(TonePlacement.canonical(old).exact == new.exact)
    #expect(TonePlacement.canonical(new).exact == new.exact)
    #expect(ExactForm.key(old).exact == new.lowercased().exact)
  }

  @Test(arguments: [
    // Closed syllables: both styles agree.
    "hoàn", "hoàng", "thuyết", "khoáng", "toán", "xoẹt", "HOÀNG", "tuyển",
    // The u of "qu" belongs to the onset.
    "quý", "quả", "quẻ", "quỳ", "quỹ", "QUÝ", "Quả", "quá", "quạ",
    // Nucleus of three vowels.
    "khuỷu", "hoài", "ngoáy", "xoáy", "khoèo", "ngoẻo",
    // Single vowels and other nuclei.
    "à", "mẹ", "thủ", "tú", "cá", "thuở", "huế", "khuê", "thuấn", "hóa", "thủy",
    // Level tone, and no vowel at all.
    "hoa", "khoe", "thuy", "nh", "", "30-CT/TW", "đ",
  ])
  func leavesOtherSyllablesAlone(_ word: String) {
    #expect(TonePlacement.canonical(word).exact == word.exact)
    #expect(ExactForm.key(word).exact == word.lowercased().exact)
  }

  @Test func rewritesInPlaceAndReportsTheChange() {
    var scalars = "x hoà".unicodeScalars.map(\.value)
    #expect(TonePlacement.canonicalize(syllable: &scalars, in: 2..<5))
    #expect(scalars == "x hòa".unicodeScalars.map(\.value))
    #expect(!TonePlacement.canonicalize(syllable: &scalars, in: 2..<5))
  }

  @Test func keepsOtherScriptsAndSymbolsIntact() {
    let text = "hoà 中文 👍 Ж ×÷ thuỷ"
    #expect(TonePlacement.canonical(text).exact == "hòa 中文 👍 Ж ×÷ thủy".exact)
  }
}
