public import Citations
public import VietText

/// A citation with where it sits in the original file and what the file says there.
public struct LocatedCitation: Hashable, Sendable {
  /// The parsed citation (its `range` is in the normalized text).
  public var citation: Citation
  /// Line, column and original byte offset of its first character.
  public var location: SourceLocation
  /// The original byte offset just past it.
  public var originalEnd: Int
  /// The exact original text of the citation.
  public var text: String

  /// Creates a located citation.
  public init(citation: Citation, location: SourceLocation, originalEnd: Int, text: String) {
    self.citation = citation
    self.location = location
    self.originalEnd = originalEnd
    self.text = text
  }
}

/// What the index keeps of a document besides its words, and what the citation graph is built
/// from: its path, the documents it holds, and its citations with their places.
///
/// `SearchIndex` stores these and `CitationGraph` consumes them; neither module knows the other.
public struct DocumentSummary: Hashable, Sendable {
  /// The path shown to users.
  public var path: String
  /// The documents the file holds, first the main one.
  public var identities: [DocumentIdentity]
  /// The citations, in order of appearance.
  public var citations: [LocatedCitation]
  /// The 1-based line where each identity's text starts (same count as `identities`).
  public var identityLines: [Int]

  /// Creates a summary.
  public init(
    path: String, identities: [DocumentIdentity], citations: [LocatedCitation],
    identityLines: [Int]
  ) {
    self.path = path
    self.identities = identities
    self.citations = citations
    self.identityLines = identityLines
  }
}

extension Document {
  /// The document's summary: identities and located citations.
  public var summary: DocumentSummary {
    let citations = extraction.citations.map { citation in
      LocatedCitation(
        citation: citation, location: location(of: citation.range.lowerBound),
        originalEnd: normalized.originalByteOffset(of: citation.range.upperBound),
        text: originalText(of: citation.range))
    }
    return DocumentSummary(
      path: path, identities: extraction.documents, citations: citations,
      identityLines: extraction.documents.map { location(of: $0.range.lowerBound).line })
  }
}
