/// A parsed search query: clauses that must all match, exclusions, and filters.
///
///     dân chủ "cơ sở" OR "địa phương" -"Nghị quyết này" kind:"nghị quyết" year:2024
///
/// is two required clauses (`dân`, `chủ`), one clause that is an OR of two phrases, an excluded
/// phrase, and two filters.
public struct Query: Equatable, Sendable {
  /// Something to look for: a word or a phrase (consecutive syllables).
  public enum Atom: Equatable, Sendable {
    /// One token.
    case term(String)
    /// Tokens that must stand next to each other, in order.
    case phrase([String])

    /// The tokens, in order.
    public var words: [String] {
      switch self {
      case .term(let word): [word]
      case .phrase(let words): words
      }
    }
  }

  /// A condition on the document's identity or citations.
  public enum Filter: Equatable, Sendable {
    /// `kind:` — the document's kind, folded (`kind:"nghi quyet"`).
    case kind(String)
    /// `year:` — the year of the document's date.
    case year(Int)
    /// `issuer:` — words of the issuer, folded.
    case issuer(String)
    /// `cites:` — the document cites this id (`cites:30-CT/TW`).
    case cites(String)
  }

  /// Clauses that must all match; each clause matches when any of its atoms does.
  public var required: [[Atom]] = []
  /// Atoms that must not match.
  public var excluded: [Atom] = []
  /// Filters, all of which must hold.
  public var filters: [Filter] = []
  /// Negated filters (`-kind:"nghị quyết"`), none of which may hold.
  public var excludedFilters: [Filter] = []

  /// An empty query.
  public init() {}
}
