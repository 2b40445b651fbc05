import Testing

@testable import VietText

@Suite struct ASCIIByteTests {
  @Test func classifiesEveryByteLikeTheStandardLibrary() {
    for byte in UInt8.min...UInt8.max {
      let character = Character(Unicode.Scalar(byte))
      let ascii = byte < 0x80
      #expect(byte.isASCIIDigit == (ascii && character.isWholeNumber), "\(byte)")
      #expect(byte.isASCIILetter == (ascii && character.isLetter), "\(byte)")
      #expect(byte.isASCIIUppercase == (ascii && character.isUppercase), "\(byte)")
      #expect(
        byte.isASCIIAlphanumeric == (ascii && (character.isLetter || character.isWholeNumber)))
      #expect(
        byte.isASCIIWhitespace
          == (ascii && character.isWhitespace && byte != 0x1C
            && byte != 0x1D && byte != 0x1E && byte != 0x1F && byte != 0x85),
        "\(byte)")
      let lower = ascii ? character.lowercased().utf8.first : byte
      #expect(byte.asciiLowercased == lower, "\(byte)")
      #expect(byte.isUTF8Continuation == (0x80...0xBF).contains(byte))
    }
  }
}
