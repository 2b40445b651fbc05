import Foundation
import Testing

@testable import VietText

@Suite struct VietnameseAlphabetTests {
  /// The parts of a vowel as the table should report them, from the spec's scalars.
  private static func expectedLetter(_ spec: VowelSpec) -> VietnameseLetter {
    let mark: VietnameseLetter.Mark =
      switch spec.mark {
      case 0x306: .breve
      case 0x302: .circumflex
      case 0x31B: .horn
      default: .none
      }
    let toneIndex = toneMarks.firstIndex { $0 == spec.tone } ?? 0
    return VietnameseLetter(
      base: spec.base.asciiValue ?? 0, mark: mark,
      tone: VietnameseLetter.Tone.allCases[toneIndex], isUppercase: spec.uppercase)
  }

  @Test func theAlphabetHas67LowercaseAnd67UppercasePrecomposedLetters() {
    #expect(precomposedLowercase.count == 67)
    #expect(precomposedUppercase.count == 67)
    #expect(Set(precomposedLetters).count == 134)
    // Every generated letter is one precomposed scalar (Foundation composed it).
    for letter in precomposedLetters { #expect(letter.unicodeScalars.count == 1, "\(letter)") }
  }

  @Test func theTableRowsHoldExactlyTheAlphabetPlusThePlainVowels() {
    let rows = (VietnameseAlphabet.lowercaseRows + VietnameseAlphabet.uppercaseRows).joined()
    let plain = Set("aeiouyAEIOUY".map(String.init))
    let expected = Set(precomposedLetters).subtracting(["đ", "Đ"]).union(plain)
    #expect(Set(rows.map(String.init)) == expected)
    #expect(rows.unicodeScalars.count == 144)
  }

  @Test func scalarTablesCoverExactly134LettersPlusPlainVowels() {
    var found: [UInt32] = []
    for value in UInt32(0)...0x2FFFF where VietnameseAlphabet.letter(value) != nil {
      found.append(value)
    }
    let expected =
      (precomposedLetters + "aeiouyAEIOUY".map(String.init)).flatMap(\.scalarValues).sorted()
    #expect(found == expected)
  }

  @Test(arguments: allVowels)
  func everyVowelDecomposesIntoItsBaseMarkAndTone(_ spec: VowelSpec) throws {
    let composed = spec.composed
    let scalar = try #require(composed.unicodeScalars.first)
    #expect(composed.unicodeScalars.count == 1)
    let letter = try #require(VietnameseAlphabet.letter(scalar.value))
    #expect(letter == Self.expectedLetter(spec))
    // Foundation's NFD of the precomposed letter is base + mark + tone, in that order.
    #expect(composed.nfd.scalarValues == spec.decomposed.nfd.scalarValues)
    // The table's parts, marks in canonical order (the dot below, class 220, before the breve
    // and circumflex, class 230; the horn, class 216, first of all).
    var marks: [UInt32] = []
    if let mark = letter.mark.combiningScalar { marks.append(mark) }
    if let tone = letter.tone.combiningScalar { marks.append(tone) }
    let order = { (value: UInt32) in
      Unicode.Scalar(value)?.properties.canonicalCombiningClass.rawValue ?? 0
    }
    let base = UInt32(letter.base) - (letter.isUppercase ? 0x20 : 0)
    #expect(composed.nfd.scalarValues == [base] + marks.sorted { order($0) < order($1) })
  }

  @Test(arguments: allVowels)
  func scalarForLetterRoundTrips(_ spec: VowelSpec) throws {
    let value = try #require(spec.composed.unicodeScalars.first).value
    let letter = try #require(VietnameseAlphabet.letter(value))
    #expect(VietnameseAlphabet.scalar(for: letter) == value)
    #expect(VietnameseAlphabet.scalar(for: Self.expectedLetter(spec)) == value)
  }

  @Test(arguments: [("đ", false), ("Đ", true)])
  func dWithStrokeIsAConsonantWithTheStrokeMark(text: String, upper: Bool) throws {
    let value = try #require(text.unicodeScalars.first).value
    let letter = try #require(VietnameseAlphabet.letter(value))
    #expect(letter == VietnameseLetter(base: 0x64, mark: .stroke, tone: .level, isUppercase: upper))
    #expect(!letter.isVowel)
    #expect(VietnameseAlphabet.scalar(for: letter) == value)
    // Unicode gives đ no decomposition: Foundation's NFD keeps it whole.
    #expect(text.nfd.exact == text.exact)
  }

  @Test(arguments: [
    VietnameseLetter(base: 0x65, mark: .breve, tone: .level, isUppercase: false),  // ĕ
    VietnameseLetter(base: 0x69, mark: .circumflex, tone: .acute, isUppercase: false),
    VietnameseLetter(base: 0x79, mark: .horn, tone: .grave, isUppercase: true),
    VietnameseLetter(base: 0x75, mark: .circumflex, tone: .level, isUppercase: false),  // û
    VietnameseLetter(base: 0x61, mark: .horn, tone: .level, isUppercase: false),
    VietnameseLetter(base: 0x64, mark: .stroke, tone: .acute, isUppercase: false),  // đ with tone
    VietnameseLetter(base: 0x61, mark: .stroke, tone: .level, isUppercase: false),
    VietnameseLetter(base: 0x64, mark: .none, tone: .level, isUppercase: false),  // plain d
    VietnameseLetter(base: 0x62, mark: .none, tone: .acute, isUppercase: false),  // b́
  ])
  func impossiblePairsHaveNoScalar(_ letter: VietnameseLetter) {
    #expect(VietnameseAlphabet.scalar(for: letter) == nil)
  }

  @Test(arguments: [
    "b", "d", "D", "q", "z", "0", " ", "ñ", "ç", "ð", "Ð", "ĕ", "ŏ", "Ω", "ĳ", "\u{300}",
  ])
  func otherScalarsAreNotVietnameseLetters(_ text: String) throws {
    let value = try #require(text.unicodeScalars.first).value
    #expect(VietnameseAlphabet.letter(value) == nil)
  }
}
