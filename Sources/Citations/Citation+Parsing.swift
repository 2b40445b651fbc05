import VietText

extension Citation {
  /// Parses a citation that a user typed, such as `30-CT/TW`, `Chỉ thị số 30-CT/TW`,
  /// `chi thi 30-CT/TW` or `Luật Tiếp công dân`.
  ///
  /// The query goes through the same scanner as documents, so every form the extractor reads
  /// works here; a bare number takes its kind from its code (`CT` → ``DocumentKind/directive``),
  /// and a bare law name ("Tiếp công dân") is tried as "Luật …".
  ///
  ///     try Citation(parsing: "chi thi 30-CT/TW").id  // "30-CT/TW"
  ///
  /// - Parameter query: The text to parse; any normalization form and case.
  /// - Throws: ``CitationError/empty`` for blank input, ``CitationError/unrecognized(_:)``
  ///   when no document can be read from it.
  public init(parsing query: String) throws(CitationError) {
    let text = Normalization.nfc(query).replacing("\r\n", with: "\n")
    guard text.contains(where: { !$0.isWhitespace }) else { throw .empty }
    if let citation = Self.firstCitation(in: text) {
      self = citation
      return
    }
    if let law = Self.firstCitation(in: "Luật " + text), law.kind == .law,
      !law.id.hasPrefix("LAW:")
    {
      self = law
      let shift = "Luật ".utf8.count
      range = max(0, law.range.lowerBound - shift)..<max(0, law.range.upperBound - shift)
      return
    }
    throw .unrecognized(query)
  }

  /// The first citation the scanner reads in `text`, or the number of a line that only holds
  /// "Số: …" (which in a document would be the header).
  private static func firstCitation(in text: String) -> Citation? {
    var scanner = CitationScanner(text)
    scanner.scan()
    scanner.applyPartyRegulationCode()
    if let first = scanner.found.indices.min(by: {
      scanner.found[$0].span.lowerBound < scanner.found[$1].span.lowerBound
    }) {
      return scanner.citations[first]
    }
    guard let header = scanner.headers.first else { return nil }
    return Citation(
      kind: header.number.kindFromCode ?? .document, id: header.number.id,
      number: header.number.number, year: header.number.year, symbol: header.number.symbol,
      range: scanner.t.byteRange(header.span), isRepaired: header.number.isRepaired)
  }
}
