import Foundation
import TestSupport
import Testing

@testable import VietText

/// Inputs that are not NFC in ways the Vietnamese table does not cover, or mixed with it.
let mixedNormalizationInputs: [String] = [
  "a\u{302}\u{301}",  // ấ from its NFD
  "\u{E2}\u{301}",  // â + acute
  "a\u{306}\u{323}", "a\u{323}\u{306}",  // ặ, both mark orders
  "A\u{323}\u{306}", "o\u{301}\u{31B}", "o\u{31B}\u{301}", "u\u{323}\u{31B}",
  "\u{1EA1}\u{302}",  // ạ + circumflex → ậ
  "n\u{303}",  // ñ: not Vietnamese, Foundation composes it
  "e\u{301}\u{302}",  // é + circumflex: composition is blocked, stays decomposed
  "a\u{300}\u{302}", "d\u{301}", "đ\u{301}", "y\u{306}", "q\u{301}",
  "\u{1100}\u{1161}\u{11A8}",  // Hangul jamo → 각
  "\u{301}abc", "\u{301}",  // a stray mark at the start of a line
  "x\n\u{301}a\u{301}",  // a stray mark at the start of the second line
  "a\u{2000}b", "a\u{2001}b",  // en quad / em quad → en space / em space
  "\u{212B}ngstr\u{F6}m",  // Angstrom sign → Å
  "a\u{340}", "a\u{341}", "\u{340}",  // grave/acute tone marks (singletons)
  "x\u{37E} y\u{374}",  // Greek question mark and numeral sign: singletons
  "\u{37E}x", "a\n\u{374}", "\u{37E}a\u{301}",  // the same at the start of a line
  "a\u{301}\u{37E}", "Vi\u{1EC7}t\u{37E}", "tie\u{302}\u{301}ng Vie\u{323}\u{302}t\u{37E}",
  "o\u{308}\u{301}", "A\u{30A}", "c\u{327}", "a\u{301}\u{301}",
  "ho\u{300}a\r\nthu\u{309}y\n", "\u{FEFF}Vie\u{302}\u{323}t", "ti\u{EA}\u{301}ng Vi\u{1EC7}t",
  "e\u{302}\u{301} \u{1100}\u{1161} n\u{303} Vie\u{323}\u{302}t",
]

@Suite struct NormalizationTests {
  @Test(arguments: precomposedLetters)
  func composesEveryDecomposedLetter(_ letter: String) {
    #expect(Normalization.nfc(letter.nfd).exact == letter.exact)
    #expect(Normalization.nfc(letter.nfd).exact == letter.nfd.foundationNFC.exact)
  }

  @Test(arguments: allVowels)
  func composesEveryVowelFromItsCanonicalNFD(_ spec: VowelSpec) {
    #expect(Normalization.nfc(spec.decomposed).exact == spec.composed.exact)
  }

  @Test func composesTheWholeAlphabetInOneLine() {
    let text = (precomposedLetters + printableASCII).joined(separator: " ")
    #expect(Normalization.nfc(text.nfd).exact == text.exact)
  }

  @Test func composesEveryDecomposedSeedDocumentLikeFoundation() throws {
    for (name, text) in try seedDocuments() {
      let decomposed = text.nfd
      #expect(decomposed.exact != text.exact, "\(name)")
      let expected = text.foundationNFC
      #expect(expected.exact == text.exact, "\(name) is NFC")
      #expect(Normalization.nfc(decomposed).exact == expected.exact, "\(name)")
    }
  }

  @Test(arguments: mixedNormalizationInputs)
  func normalizesMixedInputLikeFoundation(_ text: String) {
    let result = Normalization.nfc(text)
    #expect(Array(result.utf8) == Array(text.foundationNFC.utf8), "\(result.scalarValues)")
  }

  @Test(arguments: [0, 1, 2, 3] as [UInt64])
  func normalizesRandomMarkSequencesLikeFoundation(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let bases = [
      "a", "e", "o", "u", "y", "i", "A", "O", "U", "d", "n", "q", "đ", "Đ", "ư", "ơ",
      "â", "ă", "ê", "ô", "ạ", "á", "ò", "ế", "Ư", "ñ", "ö", "1", " ", "-", "中", "ж",
    ]
    let marks: [UInt32] = [
      0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31B, 0x308, 0x30A,
      0x327, 0x340, 0x341, 0x344, 0x37E, 0x374,
    ]
    for _ in 0..<2_000 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        scalars.append(contentsOf: (bases.randomElement(using: &generator) ?? "a").unicodeScalars)
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
          if let mark = marks.randomElement(using: &generator), let scalar = Unicode.Scalar(mark) {
            scalars.append(scalar)
          }
        }
      }
      let text = String(scalars)
      #expect(Normalization.nfc(text).exact == text.foundationNFC.exact)
    }
  }

  @Test(arguments: [
    "", "\n", "a\n\nb\n", "Đảng Cộng sản Việt Nam", "hòa hoà thủy thuỷ", "30-CT/TW ¹²³ “x” – —",
    "q\u{301}", "\u{E9}\u{302}", "\u{301}stray", "中文 Ж 👍❤️", "\r\n", "ñ ç ü Å",
  ])
  func returnsAlreadyNormalizedTextUnchanged(_ text: String) {
    #expect(text.foundationNFC.exact == text.exact)
    #expect(Array(Normalization.nfc(text).utf8) == Array(text.utf8))
  }

  @Test func returnsAlreadyNormalizedSeedDocumentsUnchanged() throws {
    for (name, text) in try seedDocuments() {
      #expect(Normalization.nfc(text).exact == text.exact, "\(name)")
    }
  }

  @Test(arguments: [
    ("abc", Normalization.LineClass.clean), ("Đảng Việt “x” – ¹", .clean),
    ("a\u{301}", .combiningMarks), ("中", .needsCheck), ("\u{2000}", .needsCheck),
  ])
  func classifiesLines(text: String, lineClass: Normalization.LineClass) {
    #expect(withBytes(text) { Normalization.classify($0, range: 0..<$0.count) } == lineClass)
  }

  @Test(arguments: mixedNormalizationInputs.filter { !$0.contains("\n") })
  func appendNFCMapsEveryOutputByteIntoTheLine(_ line: String) {
    var output: [UInt8] = []
    var offsets: [Int32] = []
    let changed = withBytes(line) {
      Normalization.appendNFC($0, range: 0..<$0.count, into: &output, offsets: &offsets)
    }
    #expect(output == Array(line.foundationNFC.utf8))
    if changed {
      #expect(offsets.count == output.count + 1)
      #expect(offsets.last == Int32(line.utf8.count))
      #expect(offsets.dropLast().allSatisfy { $0 >= 0 && $0 < Int32(line.utf8.count) })
      #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 })
    } else {
      #expect(offsets.isEmpty)
      #expect(output == Array(line.utf8))
    }
  }
}
