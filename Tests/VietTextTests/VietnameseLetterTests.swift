import Testing

@testable import VietText

@Suite struct VietnameseLetterTests {
  @Test(
    arguments: zip(
      VietnameseLetter.Mark.allCases, [nil, 0x306, 0x302, 0x31B, nil] as [UInt32?]))
  func marksHaveTheirCombiningScalars(mark: VietnameseLetter.Mark, scalar: UInt32?) {
    #expect(mark.combiningScalar == scalar)
    if let scalar { #expect(VietnameseLetter.Mark(combining: scalar) == mark) }
  }

  @Test(arguments: zip(VietnameseLetter.Tone.allCases, toneMarks))
  func tonesHaveTheirCombiningScalars(tone: VietnameseLetter.Tone, scalar: UInt32?) {
    #expect(tone.combiningScalar == scalar)
    if let scalar { #expect(VietnameseLetter.Tone(combining: scalar) == tone) }
  }

  @Test(arguments: [0x0301, 0x0308, 0x030C, 0x0340, 0x0341, 0x0327, 0x0000, 0x0061] as [UInt32])
  func otherScalarsAreNotVowelMarks(_ value: UInt32) {
    #expect(VietnameseLetter.Mark(combining: value) == nil)
  }

  @Test(arguments: [0x0302, 0x0306, 0x031B, 0x0308, 0x0340, 0x0341, 0x0342, 0x0061] as [UInt32])
  func otherScalarsAreNotTones(_ value: UInt32) {
    #expect(VietnameseLetter.Tone(combining: value) == nil)
  }

  @Test func onlyDIsAConsonant() {
    for base in Array("aeiouyd".utf8) {
      let letter = VietnameseLetter(base: base, mark: .none, tone: .level, isUppercase: false)
      #expect(letter.isVowel == (base != UInt8(ascii: "d")))
    }
  }
}
