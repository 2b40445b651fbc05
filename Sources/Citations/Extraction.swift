/// What the extractor reads from one text: the documents it holds and the citations in it.
public struct Extraction: Hashable, Sendable {
  /// The documents the text holds, in order (usually one; a covering letter adds a second).
  public var documents: [DocumentIdentity]
  /// The citations of other documents, in order of appearance.
  public var citations: [Citation]

  /// Creates an extraction result.
  ///
  /// - Parameters:
  ///   - documents: The documents the text holds.
  ///   - citations: The citations, in order of appearance.
  public init(documents: [DocumentIdentity], citations: [Citation]) {
    self.documents = documents
    self.citations = citations
  }
}
