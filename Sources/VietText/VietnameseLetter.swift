/// A Vietnamese letter taken apart into its base, vowel mark, tone and case.
///
/// Vietnamese writes each vowel as one of twelve bases (`a ă â e ê i o ô ơ u ư y`) with one of six
/// tones; `đ` is `d` with a stroke. Taking letters apart lets folding, case mapping, composition of
/// decomposed (NFD) text and tone placement share one table (``VietnameseAlphabet``).
public struct VietnameseLetter: Hashable, Sendable {
  /// The vowel mark (dấu phụ) or the stroke of `đ`.
  public enum Mark: UInt8, Hashable, Sendable, CaseIterable {
    /// No mark: `a e i o u y d`.
    case none
    /// Breve (trăng), U+0306: `ă`.
    case breve
    /// Circumflex (mũ), U+0302: `â ê ô`.
    case circumflex
    /// Horn (râu), U+031B: `ơ ư`.
    case horn
    /// The stroke of `đ`; it has no combining form, which is why Unicode never decomposes `đ`.
    case stroke
  }

  /// The tone (thanh điệu), in the order of the alphabet tables.
  public enum Tone: UInt8, Hashable, Sendable, CaseIterable {
    /// Thanh ngang: no mark.
    case level
    /// Thanh huyền, U+0300.
    case grave
    /// Thanh sắc, U+0301.
    case acute
    /// Thanh hỏi, U+0309.
    case hook
    /// Thanh ngã, U+0303.
    case tilde
    /// Thanh nặng, U+0323.
    case dotBelow
  }

  /// The lower-case ASCII letter under the marks: one of `a e i o u y d`.
  public var base: UInt8
  /// The vowel mark, or `.stroke` for `đ`.
  public var mark: Mark
  /// The tone.
  public var tone: Tone
  /// Whether the letter is upper case.
  public var isUppercase: Bool

  /// Creates a letter from its parts.
  public init(base: UInt8, mark: Mark, tone: Tone, isUppercase: Bool) {
    self.base = base
    self.mark = mark
    self.tone = tone
    self.isUppercase = isUppercase
  }

  /// Whether the letter is a vowel (every Vietnamese letter in the table but `d`/`đ`).
  public var isVowel: Bool { base != UInt8(ascii: "d") }
}

extension VietnameseLetter.Mark {
  /// The combining scalar of the mark, or `nil` for none and for the stroke.
  package var combiningScalar: UInt32? {
    switch self {
    case .none, .stroke: nil
    case .breve: 0x306
    case .circumflex: 0x302
    case .horn: 0x31B
    }
  }

  /// The vowel mark written by a combining scalar, if it is one.
  package init?(combining value: UInt32) {
    switch value {
    case 0x306: self = .breve
    case 0x302: self = .circumflex
    case 0x31B: self = .horn
    default: return nil
    }
  }
}

extension VietnameseLetter.Tone {
  /// The combining scalar of the tone mark, or `nil` for the level tone.
  package var combiningScalar: UInt32? {
    switch self {
    case .level: nil
    case .grave: 0x300
    case .acute: 0x301
    case .hook: 0x309
    case .tilde: 0x303
    case .dotBelow: 0x323
    }
  }

  /// The tone written by a combining scalar, if it is one.
  package init?(combining value: UInt32) {
    switch value {
    case 0x300: self = .grave
    case 0x301: self = .acute
    case 0x309: self = .hook
    case 0x303: self = .tilde
    case 0x323: self = .dotBelow
    default: return nil
    }
  }
}
