import VietText

/// The folding of every scalar below U+1F00 in one table, built once: the folded ASCII byte,
/// with bit 7 set for capitals; ``dropped`` for markup; 0 for other scalars.
///
/// Vietnamese needs U+00C0–U+01B0 and U+1EA0–U+1EF9, so one 7.9 KB table covers every letter and
/// the scanner decodes and looks up a scalar without a call or a branch per letter class.
enum FoldTable {
  /// The code of a scalar the folded text leaves out (`*`, `<` of `<sup>`, superscripts, marks).
  static let dropped: UInt8 = 0xFF

  /// The table, indexed by scalar value.
  static let table: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 0x1F00)
    for value in 0..<0x80 {
      var code = UInt8(value)
      if code &- 0x41 < 26 { code = (code | 0x20) | 0x80 }
      if code == 0x09 || code == 0x0D { code = 0x20 }
      table[value] = code
    }
    table[0x2A] = dropped
    for value in 0x80..<0x1F00 {
      let scalar = UInt32(value)
      if let letter = VietnameseAlphabet.letter(scalar) {
        table[value] = letter.base | (letter.isUppercase ? 0x80 : 0)
        continue
      }
      switch scalar {
      case 0xA0: table[value] = 0x20
      case 0xAB, 0xBB: table[value] = 0x22
      case 0xD0: table[value] = 0x64 | 0x80
      case 0xF0: table[value] = 0x64
      case 0xB9, 0xB2, 0xB3, 0x300...0x36F: table[value] = dropped
      default: break
      }
    }
    return table
  }()

  /// The folded character of each ASCII byte (capital bit cleared), or 0xFF for `<` and `*`,
  /// which may be markup, and for every byte from 0x80 on: the fold's fast path makes one test.
  static let ascii: [UInt8] = (0..<0x100).map { (value: Int) -> UInt8 in
    value >= 0x80 || value == 0x3C || value == 0x2A ? 0xFF : table[value] & 0x7F
  }

  /// The code of a scalar at or above U+1F00: spaces, dashes, quotes, ellipsis, superscripts.
  @inline(__always)
  static func code(forWide value: Int) -> UInt8 {
    switch value {
    case 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: 0x20
    case 0x2010...0x2015, 0x2212: 0x2D
    case 0x201C, 0x201D, 0x201E: 0x22
    case 0x2018, 0x2019: 0x27
    case 0x2026: 0x2E
    case 0x2070...0x2079: dropped
    default: 0
    }
  }

  /// The digit a superscript scalar writes, if it is one.
  @inline(__always)
  static func superscriptDigit(_ value: Int) -> Int? {
    switch value {
    case 0xB9: 1
    case 0xB2: 2
    case 0xB3: 3
    case 0x2070...0x2079: value &- 0x2070
    default: nil
    }
  }
}
