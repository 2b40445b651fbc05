/// A token of text: a syllable, a number, or a symbol such as `30-CT/TW`.
public struct Token: Hashable, Sendable {
  /// What a token is made of.
  public enum Kind: UInt8, Hashable, Sendable {
    /// Letters only: one Vietnamese syllable (`dân`) or a word of another language.
    case word
    /// Digits only, with `.` or `,` between digit groups (`1.000`, `2,5`).
    case number
    /// Letters and digits joined by `-` or `/` into one unit: document numbers (`30-CT/TW`,
    /// `59/2023/NĐ-CP`), dates (`18/02/1998`), `V/v`.
    case symbol
  }

  /// The token's bytes in the text it was read from.
  public var range: Range<Int>
  /// What the token is made of.
  public var kind: Kind

  /// Creates a token.
  public init(range: Range<Int>, kind: Kind) {
    self.range = range
    self.kind = kind
  }
}
