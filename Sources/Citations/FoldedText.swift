import VietText

/// A folded view of NFC text that the citation scanner matches on: one ASCII byte per kept
/// scalar, with the way back to the scalar's bytes.
///
/// Vietnamese letters fold to their base letter and lower case (`Đ` → `d`, `Chỉ` → `chi`), so
/// "Chỉ thị", "CHỈ THỊ", "Chi thị" (OCR) and "chi thi" all read `chi thi`. Non-breaking and other
/// Unicode spaces read as a space, every dash (`–`, `—`, `‑`, `−`) as `-`, curly quotes as `"`.
/// Markup that interrupts a citation is dropped: `*` (Markdown emphasis), `<sup>n</sup>` and
/// superscript digits (footnote markers). Other scalars read as ``FoldedText/other``.
struct FoldedText {
  /// The byte that stands for a scalar that is not a letter, digit, space or known punctuation.
  static let other: UInt8 = 0x7F

  /// The folded characters.
  var chars: [UInt8] = []
  /// For each folded character, the UTF-8 offset of its scalar in ``bytes``.
  var starts: [Int32] = []
  /// Whether the scalar of each folded character is an upper-case letter.
  var upper: [Bool] = []
  /// The NFC text.
  let bytes: [UInt8]
  /// Footnote markers dropped from ``chars``: the folded position they stood at and their number.
  var markers: [(at: Int, number: Int)] = []

  /// Folds `text`.
  ///
  /// - Complexity: O(*n*) in the UTF-8 length of `text`.
  init(_ text: String) {
    bytes = Array(text.utf8)
    chars.reserveCapacity(bytes.count)
    starts.reserveCapacity(bytes.count)
    upper.reserveCapacity(bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      fold(buffer)
    }
  }

  private mutating func fold(_ b: UnsafeBufferPointer<UInt8>) {
    let n = b.count
    var i = 0
    while i < n {
      let byte = b[i]
      if byte < 0x80 {
        if byte == 0x2A {  // "*"
          i &+= 1
          continue
        }
        if byte == 0x3C, let end = Self.supEnd(b, at: i) {  // "<sup>…</sup>"
          var number = 0
          for k in (i &+ 5)..<(end &- 6) where b[k].isASCIIDigit {
            number = number &* 10 &+ Int(b[k] &- 0x30)
          }
          markers.append((chars.count, number))
          i = end
          continue
        }
        var c = byte
        var isUpper = false
        if byte &- 0x41 < 26 {
          c = byte | 0x20
          isUpper = true
        } else if byte == 0x09 || byte == 0x0D {
          c = 0x20
        }
        chars.append(c)
        starts.append(Int32(truncatingIfNeeded: i))
        upper.append(isUpper)
        i &+= 1
        continue
      }
      let (value, length) = UTF8Decoding.decode(b, at: i)
      let c: UInt8
      var isUpper = false
      if let letter = VietnameseAlphabet.letter(value) {
        c = letter.base
        isUpper = letter.isUppercase
      } else {
        switch value {
        case 0xA0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: c = 0x20
        case 0x2010...0x2015, 0x2212: c = 0x2D
        case 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: c = 0x22
        case 0x2018, 0x2019: c = 0x27
        case 0x2026: c = 0x2E
        case 0xB9, 0xB2, 0xB3, 0x2070...0x2079:
          let digit = value == 0xB9 ? 1 : value == 0xB2 ? 2 : value == 0xB3 ? 3 : Int(value - 0x2070)
          if let last = markers.last, last.at == chars.count, i > 0, Self.isSuperscriptEnd(b, i) {
            markers[markers.count - 1].number = last.number &* 10 &+ digit
          } else {
            markers.append((chars.count, digit))
          }
          i &+= length
          continue
        case 0x0300...0x036F:
          i &+= length
          continue
        case 0xD0, 0xF0:
          c = 0x64
          isUpper = value == 0xD0
        default: c = Self.other
        }
      }
      chars.append(c)
      starts.append(Int32(truncatingIfNeeded: i))
      upper.append(isUpper)
      i &+= length
    }
    starts.append(Int32(truncatingIfNeeded: n))
  }

  /// Whether the scalar before `i` is a superscript digit (so the one at `i` extends a marker).
  private static func isSuperscriptEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    if i >= 2, b[i &- 2] == 0xC2, b[i &- 1] == 0xB9 || b[i &- 1] == 0xB2 || b[i &- 1] == 0xB3 {
      return true
    }
    return i >= 3 && b[i &- 3] == 0xE2 && b[i &- 2] == 0x81 && b[i &- 1] &- 0xB0 < 10
  }

  /// The end of a `<sup>…</sup>` element (at most 8 characters inside) starting at `i`.
  private static func supEnd(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
    guard i &+ 11 <= b.count, b[i &+ 1] | 0x20 == 0x73, b[i &+ 2] | 0x20 == 0x75,
      b[i &+ 3] | 0x20 == 0x70, b[i &+ 4] == 0x3E
    else { return nil }
    var j = i &+ 5
    let limit = min(b.count, j &+ 9)
    while j < limit, b[j] != 0x3C { j &+= 1 }
    guard j &+ 6 <= b.count, b[j &+ 1] == 0x2F, b[j &+ 2] | 0x20 == 0x73,
      b[j &+ 3] | 0x20 == 0x75, b[j &+ 4] | 0x20 == 0x70, b[j &+ 5] == 0x3E
    else { return nil }
    return j &+ 6
  }

  /// The number of folded characters.
  var count: Int { chars.count }

  /// The UTF-8 offset where the scalar of folded character `i` starts (`bytes.count` at the end).
  @inline(__always)
  func byteStart(_ i: Int) -> Int { Int(starts[i]) }

  /// The UTF-8 offset just past the scalar of folded character `i`.
  @inline(__always)
  func byteEnd(_ i: Int) -> Int {
    let s = Int(starts[i])
    return s &+ UTF8Decoding.sequenceLength(lead: bytes[s])
  }

  /// The byte range in the text covered by folded characters `range`.
  func byteRange(_ range: Range<Int>) -> Range<Int> {
    guard !range.isEmpty else { return byteStart(range.lowerBound)..<byteStart(range.lowerBound) }
    return byteStart(range.lowerBound)..<byteEnd(range.upperBound &- 1)
  }

  /// The original text of folded characters `range`.
  func text(_ range: Range<Int>) -> String {
    let r = byteRange(range)
    return String(decoding: bytes[r], as: UTF8.self)
  }

  /// The folded characters of `range` as a string.
  func folded(_ range: Range<Int>) -> String {
    String(decoding: chars[range], as: UTF8.self)
  }
}
