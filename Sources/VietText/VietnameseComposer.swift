/// Composes decomposed (NFD) Vietnamese into precomposed letters with a table, not Foundation.
///
/// NFD Vietnamese is a base vowel followed by up to two combining marks: a vowel mark (breve,
/// circumflex, horn) and a tone. Foundation's `precomposedStringWithCanonicalMapping` composes it
/// correctly but slowly (about 7 MiB/s even line by line), so lines whose marks are all
/// Vietnamese go through ``VietnameseAlphabet`` instead. Anything else — a mark on a consonant,
/// two tones, an order that canonical composition would block — makes ``compose(_:range:into:offsets:)``
/// return `false`, and the caller falls back to Foundation for that line.
package enum VietnameseComposer {
  /// Appends the NFC form of `bytes[range]` to `output` and, for every byte appended, the offset in
  /// the original line (relative to `range.lowerBound`) of the character it came from; then one
  /// more offset for the end of the line.
  ///
  /// - Returns: `false`, with `output` and `offsets` restored, when the line needs full Unicode
  ///   normalization.
  package static func compose(
    _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into output: inout [UInt8],
    offsets: inout [Int32]
  ) -> Bool {
    let outputCount = output.count
    let offsetCount = offsets.count
    func fail() -> Bool {
      output.removeSubrange(outputCount...)
      offsets.removeSubrange(offsetCount...)
      return false
    }
    let start = range.lowerBound
    var i = start
    while i < range.upperBound {
      let (value, length) = UTF8Decoding.decode(bytes, at: i)
      var next = i &+ length
      let origin = Int32(truncatingIfNeeded: i &- start)
      guard next < range.upperBound, bytes[next] == 0xCC || bytes[next] == 0xCD else {
        // No mark follows (every mark U+0300–U+036F starts with 0xCC or 0xCD).
        if UTF8Decoding.isCombiningMark(value) { return fail() }  // a mark with no base
        for k in i..<next {
          output.append(bytes[k])
          offsets.append(origin)
        }
        i = next
        continue
      }
      guard var letter = VietnameseAlphabet.letter(value), letter.isVowel else { return fail() }
      while next < range.upperBound, bytes[next] == 0xCC || bytes[next] == 0xCD {
        let (mark, markLength) = UTF8Decoding.decode(bytes, at: next)
        if let vowelMark = VietnameseLetter.Mark(combining: mark) {
          // A tone above (class 230) before a breve or circumflex (also 230) blocks composition.
          let blocked = vowelMark != .horn && letter.tone != .level && letter.tone != .dotBelow
          guard letter.mark == .none, !blocked else { return fail() }
          letter.mark = vowelMark
        } else if let tone = VietnameseLetter.Tone(combining: mark) {
          guard letter.tone == .level else { return fail() }
          letter.tone = tone
        } else {
          return fail()
        }
        next &+= markLength
      }
      guard let composed = VietnameseAlphabet.scalar(for: letter) else { return fail() }
      let before = output.count
      UTF8Decoding.append(composed, to: &output)
      for _ in before..<output.count { offsets.append(origin) }
      i = next
    }
    offsets.append(Int32(truncatingIfNeeded: range.count))
    return true
  }
}
