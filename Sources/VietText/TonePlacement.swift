/// One place for the tone mark: `hoà`/`hòa`, `khoẻ`/`khỏe`, `thuỷ`/`thủy` compare equal.
///
/// Vietnamese has two conventions for where the tone mark sits in the open syllables whose
/// nucleus is `oa`, `oe` or `uy`: the old style puts it on the second vowel (`hoà`, `khoẻ`,
/// `thuỷ`), the new style on the first (`hòa`, `khỏe`, `thủy`). Both occur in the seed corpus, often
/// in one document. cancu's canonical form is the **new style**, the one of the official name
/// "Cộng hòa xã hội chủ nghĩa Việt Nam" in current documents.
///
/// The rule moves the tone only where the two styles disagree:
/// - the nucleus is exactly `o`+`a`, `o`+`e` or `u`+`y`, without vowel marks;
/// - the syllable is open: no consonant after the nucleus (`hoàn`, `thuyết` are the same in both
///   styles and are left alone; so is `khuỷu`, whose nucleus is `uyu`);
/// - the `u` of `qu` is part of the consonant, so `quý`, `quả`, `quẻ` are never touched.
public enum TonePlacement {
  /// Rewrites one syllable (its scalars, in any case) to the canonical tone placement, in place.
  ///
  /// - Returns: Whether anything changed.
  @discardableResult
  package static func canonicalize(syllable: inout [UInt32], in range: Range<Int>) -> Bool {
    var first = range.lowerBound
    while first < range.upperBound, !isVowel(syllable[first]) { first &+= 1 }
    guard first < range.upperBound else { return false }
    // The u of "qu" belongs to the onset.
    if first > range.lowerBound, isBase(syllable[first], 0x75),
      isBase(syllable[first &- 1], 0x71)
    {
      first &+= 1
    }
    let second = first &+ 1
    // Open syllable with a two-vowel nucleus: the second vowel ends the syllable.
    guard second &+ 1 == range.upperBound,
      var a = VietnameseAlphabet.letter(syllable[first]),
      var b = VietnameseAlphabet.letter(syllable[second]),
      a.mark == .none, b.mark == .none,
      (a.base, b.base) == (0x6F, 0x61) || (a.base, b.base) == (0x6F, 0x65)
        || (a.base, b.base) == (0x75, 0x79),
      a.tone == .level, b.tone != .level
    else { return false }
    a.tone = b.tone
    b.tone = .level
    guard let newA = VietnameseAlphabet.scalar(for: a), let newB = VietnameseAlphabet.scalar(for: b)
    else { return false }
    syllable[first] = newA
    syllable[second] = newB
    return true
  }

  /// `text` with every syllable in the canonical tone placement (case kept).
  ///
  ///     TonePlacement.canonical("Cộng hoà, khoẻ, thuỷ")  // "Cộng hòa, khỏe, thủy"
  public static func canonical(_ text: String) -> String {
    var scalars = text.unicodeScalars.map(\.value)
    var changed = false
    var start = 0
    while start < scalars.count {
      guard isLetter(scalars[start]) else { start += 1; continue }
      var end = start
      while end < scalars.count, isLetter(scalars[end]) { end += 1 }
      if canonicalize(syllable: &scalars, in: start..<end) { changed = true }
      start = end
    }
    guard changed else { return text }
    var output = String.UnicodeScalarView()
    for value in scalars { if let scalar = Unicode.Scalar(value) { output.append(scalar) } }
    return String(output)
  }

  @inline(__always)
  private static func isVowel(_ value: UInt32) -> Bool {
    VietnameseAlphabet.letter(value)?.isVowel ?? false
  }

  @inline(__always)
  private static func isBase(_ value: UInt32, _ ascii: UInt32) -> Bool { value | 0x20 == ascii }

  @inline(__always)
  package static func isLetter(_ value: UInt32) -> Bool {
    if value < 0x80 { return value &- 0x41 < 26 || value &- 0x61 < 26 }
    return VietnameseAlphabet.letter(value) != nil
      || (value >= 0xC0 && !UTF8Decoding.isCombiningMark(value) && value != 0xD7 && value != 0xF7
        && value < 0x2000)
  }
}
