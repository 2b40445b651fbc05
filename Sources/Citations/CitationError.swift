/// Errors from parsing a citation that a user typed.
public enum CitationError: Error, Hashable, Sendable {
  /// The query is empty or only whitespace.
  case empty
  /// The query has no document number, symbol or known document name.
  case unrecognized(String)
}

extension CitationError: CustomStringConvertible {
  /// A one-line message for the user.
  public var description: String {
    switch self {
    case .empty:
      "empty citation: expected a document such as '30-CT/TW' or 'Chỉ thị số 30-CT/TW'"
    case .unrecognized(let text):
      "unrecognized citation '\(text)': expected a number and symbol such as '30-CT/TW'"
        + " or a law name such as 'Luật Tiếp công dân'"
    }
  }
}
