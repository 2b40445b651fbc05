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
  let chars: [UInt8]
  /// For each folded character, the UTF-8 offset of its scalar in ``bytes``, plus the end.
  let starts: [Int32]
  /// The NFC text.
  let bytes: [UInt8]
  /// Footnote markers dropped from ``chars``: the folded position they stood at and their number.
  let markers: [(at: Int, number: Int)]
  /// The folded positions of the line ends.
  let lineEnds: [Int32]
  /// The folded positions where a word starts with a digit or with the first letter of a name
  /// trigger (`l`uật, `b`ộ luật, `n`ghị quyết, `h`iến pháp): the only places the scanner visits.
  let triggers: [Int32]

  /// Folds `text`.
  ///
  /// - Complexity: O(*n*) in the UTF-8 length of `text`.
  init(_ text: String) {
    let bytes = Array(text.utf8)
    let n = bytes.count
    var markers: [(at: Int, number: Int)] = []
    var kept = 0
    var lineCount = 0
    var triggerCount = 0
    // Uninitialized buffers: every kept slot is written once by `fold`, nothing is zero-filled
    // (and the pages of the side buffers that are never written are never touched).
    var starts: [Int32] = []
    var lineEnds: [Int32] = []
    var triggers: [Int32] = []
    let chars = [UInt8](unsafeUninitializedCapacity: n) { c, charCount in
      starts = [Int32](unsafeUninitializedCapacity: n &+ 1) { s, startCount in
        lineEnds = [Int32](unsafeUninitializedCapacity: n &+ 1) { l, lineEndCount in
          triggers = [Int32](unsafeUninitializedCapacity: n / 2 &+ 2) { g, triggerBufferCount in
            bytes.withUnsafeBufferPointer { b in
              FoldTable.table.withUnsafeBufferPointer { table in
                var output = FoldOutput(lineEnds: l, triggers: g)
                kept = Self.fold(
                  b, table: table, chars: c, starts: s, markers: &markers, output: &output)
                lineCount = output.lineCount
                triggerCount = output.triggerCount
              }
            }
            triggerBufferCount = triggerCount
          }
          lineEndCount = lineCount
        }
        startCount = kept &+ 1
      }
      charCount = kept
    }
    self.bytes = bytes
    self.chars = chars
    self.starts = starts
    self.markers = markers
    self.lineEnds = lineEnds
    self.triggers = triggers
  }

  /// Where the fold records line ends and trigger word starts besides the characters.
  private struct FoldOutput {
    let lineEnds: UnsafeMutableBufferPointer<Int32>
    let triggers: UnsafeMutableBufferPointer<Int32>
    var lineCount = 0
    var triggerCount = 0

    init(lineEnds: UnsafeMutableBufferPointer<Int32>, triggers: UnsafeMutableBufferPointer<Int32>) {
      self.lineEnds = lineEnds
      self.triggers = triggers
    }
  }

  /// Folds `b` into the preallocated buffers; returns the number of folded characters.
  private static func fold(
    _ b: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>,
    chars: UnsafeMutableBufferPointer<UInt8>, starts: UnsafeMutableBufferPointer<Int32>,
    markers: inout [(at: Int, number: Int)], output: inout FoldOutput
  ) -> Int {
    let n = b.count
    var i = 0
    var o = 0
    // Local copies keep the hot loop in registers; written back at the end.
    let lineEnds = output.lineEnds
    let triggers = output.triggers
    var lineCount = 0
    var triggerCount = 0
    var previous: UInt8 = 0x0A
    @inline(__always)
    func note(_ c: UInt8, at o: Int) {
      if c == 0x0A {
        lineEnds[lineCount] = Int32(truncatingIfNeeded: o)
        lineCount &+= 1
      } else if !previous.isFoldedWordChar, c.isFoldedWordChar,
        c &- 0x30 < 10 || c == 0x6C || c == 0x62 || c == 0x6E || c == 0x68
      {
        triggers[triggerCount] = Int32(truncatingIfNeeded: o)
        triggerCount &+= 1
      }
      previous = c
    }
    while i < n {
      let byte = b[i]
      if byte < 0x80 {
        let code = table[Int(byte)]
        if byte == 0x3C, let end = supEnd(b, at: i) {  // "<sup>…</sup>"
          var number = 0
          for k in (i &+ 5)..<(end &- 6) where b[k].isASCIIDigit {
            number = number &* 10 &+ Int(b[k] &- 0x30)
          }
          markers.append((o, number))
          i = end
          continue
        }
        if code == FoldTable.dropped {  // "*"
          i &+= 1
          continue
        }
        chars[o] = code & 0x7F
        starts[o] = Int32(truncatingIfNeeded: i)
        note(code & 0x7F, at: o)
        o &+= 1
        i &+= 1
        continue
      }
      let value: Int
      let length: Int
      if byte < 0xE0, i &+ 1 < n {
        value = Int(byte & 0x1F) << 6 | Int(b[i &+ 1] & 0x3F)
        length = 2
      } else if byte < 0xF0, i &+ 2 < n {
        value = Int(byte & 0x0F) << 12 | Int(b[i &+ 1] & 0x3F) << 6 | Int(b[i &+ 2] & 0x3F)
        length = 3
      } else {
        value = 0xFFFD
        length = UTF8Decoding.sequenceLength(lead: byte)
      }
      var code = value < table.count ? table[value] : FoldTable.code(forWide: value)
      if code == FoldTable.dropped {
        if let digit = FoldTable.superscriptDigit(value) {
          if let last = markers.last, last.at == o, i > 0, isSuperscriptEnd(b, i) {
            markers[markers.count &- 1].number = last.number &* 10 &+ digit
          } else {
            markers.append((o, digit))
          }
        }
        i &+= length
        continue
      }
      if code == 0 { code = other }
      chars[o] = code & 0x7F
      starts[o] = Int32(truncatingIfNeeded: i)
      note(code & 0x7F, at: o)
      o &+= 1
      i &+= length
    }
    starts[o] = Int32(truncatingIfNeeded: n)
    output.lineCount = lineCount
    output.triggerCount = triggerCount
    return o
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

  /// Whether the scalar of folded character `i` is an upper-case letter.
  @inline(__always)
  func isUpper(_ i: Int) -> Bool {
    let s = Int(starts[i])
    let b = bytes[s]
    if b < 0x80 { return b &- 0x41 < 26 }
    let value: Int
    if b < 0xE0 {
      value = Int(b & 0x1F) << 6 | Int(bytes[s &+ 1] & 0x3F)
    } else if b < 0xF0 {
      value = Int(b & 0x0F) << 12 | Int(bytes[s &+ 1] & 0x3F) << 6 | Int(bytes[s &+ 2] & 0x3F)
    } else {
      return false
    }
    return value < 0x1F00 && FoldTable.table[value] & 0x80 != 0
      && FoldTable.table[value] != FoldTable.dropped
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
