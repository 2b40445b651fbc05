/// Case mapping that keeps Vietnamese letters precomposed and never allocates for them.
package enum LetterCase {
  /// The lower-case form of a scalar: table lookup for ASCII and Vietnamese letters, Unicode's
  /// simple mapping (when it is one scalar) for the rest.
  @inline(__always)
  package static func lowercase(_ value: UInt32) -> UInt32 {
    if value < 0x80 { return value &- 0x41 < 26 ? value | 0x20 : value }
    if var letter = VietnameseAlphabet.letter(value) {
      guard letter.isUppercase else { return value }
      letter.isUppercase = false
      return VietnameseAlphabet.scalar(for: letter) ?? value
    }
    guard let scalar = Unicode.Scalar(value) else { return value }
    let mapped = scalar.properties.lowercaseMapping.unicodeScalars
    guard mapped.count == 1, let first = mapped.first else { return value }
    return first.value
  }

  /// Appends `bytes[range]` lower-cased to `output`.
  package static func lowercase(
    _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into output: inout [UInt8]
  ) {
    var i = range.lowerBound
    while i < range.upperBound {
      let byte = bytes[i]
      if byte < 0x80 {
        output.append(byte.asciiLowercased)
        i &+= 1
        continue
      }
      let (value, length) = UTF8Decoding.decode(bytes, at: i)
      UTF8Decoding.append(lowercase(value), to: &output)
      i &+= length
    }
  }
}
