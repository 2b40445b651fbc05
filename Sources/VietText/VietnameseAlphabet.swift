/// The Vietnamese letters as data: every vowel base × every tone, upper and lower case, and `đ`.
///
/// The 67 lower-case and 67 upper-case precomposed letters (12 bases × 6 tones, less the six plain
/// ASCII vowels, plus `đ`) are listed once, as text, in ``lowercaseRows`` and ``uppercaseRows``.
/// Lookup tables indexed by scalar value are built from those rows, so a lookup is one array
/// access; nothing in a hot path searches a dictionary.
package enum VietnameseAlphabet {
  /// One row per vowel base, the tones in the order of ``VietnameseLetter/Tone``:
  /// ngang, huyền, sắc, hỏi, ngã, nặng.
  package static let lowercaseRows: [String] = [
    "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
    "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
  ]

  /// ``lowercaseRows`` in upper case.
  package static let uppercaseRows: [String] = [
    "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
    "OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
  ]

  /// The base and vowel mark of each row.
  package static let rowKeys: [(base: UInt8, mark: VietnameseLetter.Mark)] = [
    (0x61, .none), (0x61, .breve), (0x61, .circumflex), (0x65, .none), (0x65, .circumflex),
    (0x69, .none), (0x6F, .none), (0x6F, .circumflex), (0x6F, .horn), (0x75, .none),
    (0x75, .horn), (0x79, .none),
  ]

  // Packed letter: bits 0–6 base, 7–9 mark, 10–12 tone, 13 upper case, 15 present.
  private static let present: UInt16 = 0x8000

  private static func pack(_ letter: VietnameseLetter) -> UInt16 {
    present | UInt16(letter.base) | UInt16(letter.mark.rawValue) << 7
      | UInt16(letter.tone.rawValue) << 10 | (letter.isUppercase ? 0x2000 : 0)
  }

  @inline(__always)
  private static func unpack(_ packed: UInt16) -> VietnameseLetter? {
    guard packed & present != 0,
      let mark = VietnameseLetter.Mark(rawValue: UInt8(truncatingIfNeeded: packed >> 7 & 0x7)),
      let tone = VietnameseLetter.Tone(rawValue: UInt8(truncatingIfNeeded: packed >> 10 & 0x7))
    else { return nil }
    return VietnameseLetter(
      base: UInt8(truncatingIfNeeded: packed & 0x7F), mark: mark, tone: tone,
      isUppercase: packed & 0x2000 != 0)
  }

  private struct Tables {
    /// Letters among U+0000–U+01B0, indexed by scalar value.
    var low = [UInt16](repeating: 0, count: 0x1B1)
    /// Letters among U+1EA0–U+1EF9, indexed by scalar value − 0x1EA0.
    var extended = [UInt16](repeating: 0, count: 0x5A)
    /// Scalar of (row × 6 + tone) × 2 + (upper ? 1 : 0).
    var compose = [UInt32](repeating: 0, count: 12 * 6 * 2)
  }

  private static let tables: Tables = {
    var tables = Tables()
    for (upper, rows) in [(false, lowercaseRows), (true, uppercaseRows)] {
      for (row, text) in rows.enumerated() {
        let key = rowKeys[row]
        for (toneIndex, scalar) in text.unicodeScalars.enumerated() {
          guard let tone = VietnameseLetter.Tone(rawValue: UInt8(toneIndex)) else {
            preconditionFailure("alphabet row '\(text)' has more than six letters")
          }
          let letter = VietnameseLetter(
            base: key.base, mark: key.mark, tone: tone, isUppercase: upper)
          let value = scalar.value
          if value < 0x1B1 {
            tables.low[Int(value)] = pack(letter)
          } else {
            precondition(value &- 0x1EA0 < 0x5A, "unexpected letter U+\(value)")
            tables.extended[Int(value - 0x1EA0)] = pack(letter)
          }
          tables.compose[(row * 6 + toneIndex) * 2 + (upper ? 1 : 0)] = value
        }
      }
    }
    let d = UInt8(ascii: "d")
    tables.low[0x111] = pack(VietnameseLetter(base: d, mark: .stroke, tone: .level, isUppercase: false))
    tables.low[0x110] = pack(VietnameseLetter(base: d, mark: .stroke, tone: .level, isUppercase: true))
    return tables
  }()

  /// The Vietnamese letter a scalar writes: a vowel (plain ASCII vowels included) or `đ`/`Đ`.
  ///
  /// ASCII consonants, `d` among them, and every other scalar give `nil`.
  @inline(__always)
  package static func letter(_ value: UInt32) -> VietnameseLetter? {
    if value < 0x1B1 { return unpack(tables.low[Int(value)]) }
    if value &- 0x1EA0 < 0x5A { return unpack(tables.extended[Int(value &- 0x1EA0)]) }
    return nil
  }

  /// The precomposed scalar that writes `letter`, if Unicode has one.
  ///
  /// Every base with its own marks and any tone has one; impossible pairs (`e` with a breve)
  /// give `nil`.
  package static func scalar(for letter: VietnameseLetter) -> UInt32? {
    if letter.mark == .stroke {
      guard letter.base == UInt8(ascii: "d"), letter.tone == .level else { return nil }
      return letter.isUppercase ? 0x110 : 0x111
    }
    guard let row = row(base: letter.base, mark: letter.mark) else { return nil }
    return tables.compose[(row * 6 + Int(letter.tone.rawValue)) * 2 + (letter.isUppercase ? 1 : 0)]
  }

  /// The index in ``rowKeys`` of a base with a vowel mark; `nil` for pairs Vietnamese lacks.
  @inline(__always)
  private static func row(base: UInt8, mark: VietnameseLetter.Mark) -> Int? {
    switch (base, mark) {
    case (0x61, .none): 0
    case (0x61, .breve): 1
    case (0x61, .circumflex): 2
    case (0x65, .none): 3
    case (0x65, .circumflex): 4
    case (0x69, .none): 5
    case (0x6F, .none): 6
    case (0x6F, .circumflex): 7
    case (0x6F, .horn): 8
    case (0x75, .none): 9
    case (0x75, .horn): 10
    case (0x79, .none): 11
    default: nil
    }
  }
}
