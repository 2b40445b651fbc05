/// Search folding: every tone and vowel mark removed, `đ`/`Đ` → `d`, case folded.
///
/// People type `dan chu co so` for `dân chủ ở cơ sở` and `dang` for `Đảng`. Foundation's
/// `folding(options: .diacriticInsensitive)` keeps `đ` (it has no Unicode decomposition), and so
/// does SQLite FTS5, so cancu folds with its own table (``VietnameseAlphabet``). `Ð`/`ð` (U+00D0,
/// U+00F0) fold to `d` too: they are what `Đ` becomes when a Windows-1252 reader misreads it.
///
///     DiacriticFolding.fold("Đảng Cộng sản")  // "dang cong san"
public enum DiacriticFolding {
  /// The folded form of a scalar, when it is one ASCII byte: ASCII letters lower-cased, Vietnamese
  /// letters reduced to their base, `Ð`/`ð` → `d`. Other scalars give `nil`.
  @inline(__always)
  package static func foldedASCII(_ value: UInt32) -> UInt8? {
    if value < 0x80 { return UInt8(truncatingIfNeeded: value).asciiLowercased }
    if value == 0xD0 || value == 0xF0 { return UInt8(ascii: "d") }
    return VietnameseAlphabet.letter(value)?.base
  }

  /// Appends the folded form of `bytes[range]` to `output`.
  ///
  /// Combining marks (U+0300–U+036F) are dropped, so NFD input folds like NFC. Scalars outside the
  /// Vietnamese alphabet are lower-cased and kept, except that precomposed Latin, Greek and
  /// Cyrillic letters lose their marks as their NFD would (`Zürich` → `zurich`, `Ё` → `е`).
  ///
  /// - Precondition: `bytes[range]` is valid UTF-8 on scalar boundaries.
  /// - Complexity: O(*n*) in the length of `range`; ASCII costs one comparison per byte.
  package static func fold(
    _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into output: inout [UInt8]
  ) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let byte = bytes[i]
      if byte < 0x80 {
        output.append(byte.asciiLowercased)
        i &+= 1
        continue
      }
      let (value, length) = UTF8Decoding.decode(bytes, at: i)
      i &+= length
      if let ascii = foldedASCII(value) {
        output.append(ascii)
      } else if !UTF8Decoding.isCombiningMark(value) {
        // `ñ` folds like `n` + U+0303 (whose mark is dropped above): to its base letter.
        let base = Normalization.baseLetter(value) ?? value
        UTF8Decoding.append(LetterCase.lowercase(base), to: &output)
      }
    }
  }

  /// The folded form of `text`.
  public static func fold(_ text: String) -> String {
    var text = text
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    text.withUTF8 { fold($0, range: 0..<$0.count, into: &output) }
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether `text` has any non-ASCII letter or mark, i.e. whether folding changes more than case.
  ///
  /// A query term with marks asks for its exact form to rank first.
  public static func hasDiacritics(_ text: String) -> Bool {
    text.utf8.contains { $0 >= 0x80 }
  }
}
