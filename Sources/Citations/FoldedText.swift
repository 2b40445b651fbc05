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
  /// ``FoldTable/table``, held here: ``isUpper(_:)`` runs for nearly every letter near a
  /// citation, and each read of a global goes through its once-only initializer check.
  private let table = FoldTable.table

  /// Folds `text`.
  ///
  /// - Complexity: O(*n*) in the UTF-8 length of `text`.
  init(_ text: String) {
    // A native string's bytes are copied with one memcpy; the generic copy walked them.
    let bytes = text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)
    let n = bytes.count
    var markers: [(at: Int, number: Int)] = []
    var kept = 0
    // Uninitialized buffers: every kept slot is written once, nothing is zero-filled (and the
    // pages of the side buffers that are never written are never touched).
    var starts: [Int32] = []
    let chars = [UInt8](unsafeUninitializedCapacity: n) { c, charCount in
      starts = [Int32](unsafeUninitializedCapacity: n &+ 1) { s, startCount in
        bytes.withUnsafeBufferPointer { b in
          FoldTable.ascii.withUnsafeBufferPointer { ascii in
            FoldTable.table.withUnsafeBufferPointer { table in
              kept = Self.fold(
                b, ascii: ascii, table: table, chars: c, starts: s, markers: &markers)
            }
          }
        }
        startCount = kept &+ 1
      }
      charCount = kept
    }
    var lineEnds: [Int32] = []
    let triggers = [Int32](unsafeUninitializedCapacity: kept / 2 &+ 2) { g, triggerCount in
      lineEnds = [Int32](unsafeUninitializedCapacity: kept &+ 1) { l, lineCount in
        chars.withUnsafeBufferPointer { c in
          (lineCount, triggerCount) = Self.index(c, lineEnds: l, triggers: g)
        }
      }
    }
    self.bytes = bytes
    self.chars = chars
    self.starts = starts
    self.markers = markers
    self.lineEnds = lineEnds
    self.triggers = triggers
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
    guard value < 0x1F00 else { return false }
    let code = table[value]
    return code & 0x80 != 0 && code != FoldTable.dropped
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
