/// The diacritic-sensitive form of a term: lower case, NFC, canonical tone placement.
///
/// Two spellings have the same exact form when they differ only in case or in the old/new tone
/// placement (``TonePlacement``): `Hoà` and `hòa` match exactly, `hoa` does not. Search ranks
/// exact-form matches first when the query has diacritics, and `--exact` keeps only them.
public enum ExactForm {
  /// Appends the exact form of `bytes[range]` (NFC) to `output`.
  ///
  /// - Complexity: O(*n*); an ASCII range is only lower-cased.
  package static func key(
    _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: inout [UInt32],
    into output: inout [UInt8]
  ) {
    var ascii = true
    for i in range where bytes[i] >= 0x80 {
      ascii = false
      break
    }
    if ascii {
      for i in range { output.append(bytes[i].asciiLowercased) }
      return
    }
    scratch.removeAll(keepingCapacity: true)
    var i = range.lowerBound
    while i < range.upperBound {
      let (value, length) = UTF8Decoding.decode(bytes, at: i)
      scratch.append(LetterCase.lowercase(value))
      i &+= length
    }
    var start = 0
    while start < scratch.count {
      guard TonePlacement.isLetter(scratch[start]) else { start &+= 1; continue }
      var end = start
      while end < scratch.count, TonePlacement.isLetter(scratch[end]) { end &+= 1 }
      TonePlacement.canonicalize(syllable: &scratch, in: start..<end)
      start = end
    }
    for value in scratch { UTF8Decoding.append(value, to: &output) }
  }

  /// The exact form of `text`, which must be NFC (see ``Normalization``).
  ///
  ///     ExactForm.key("Hoà Bình")  // "hòa bình"
  public static func key(_ text: String) -> String {
    var text = text
    var output: [UInt8] = []
    var scratch: [UInt32] = []
    text.withUTF8 { key($0, range: 0..<$0.count, scratch: &scratch, into: &output) }
    return String(decoding: output, as: UTF8.self)
  }
}
