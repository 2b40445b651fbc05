public import Citations

/// A document in the graph: one of the corpus, or one that is only cited.
public struct GraphNode: Hashable, Sendable {
  /// Where a document sits in the hierarchy; decides its shape in DOT.
  public enum Level: String, Hashable, Sendable {
    /// Central Party bodies: symbols ending in `/TW`, Party congresses and plenums.
    case centralParty = "central-party"
    /// Provincial and lower Party bodies: `TU`, `HU`, `QU`, `ĐU`, `ĐUK`, `BCĐ`.
    case localParty = "local-party"
    /// The State: laws, decrees, ministries, people's committees and councils.
    case state
  }

  /// How a citation was linked to a corpus document.
  public enum Resolution: String, Hashable, Sendable {
    /// The cited id is the document's own number.
    case id
    /// The document states no number; kind, issuer and subject matched its title.
    case title
  }

  /// The identity key (see ``NodeKey``).
  public var key: String
  /// The canonical id, when known (for a title-resolved corpus document: the id it is cited as).
  public var id: String?
  /// The kind.
  public var kind: DocumentKind?
  /// A law's name, or a named Party document's words.
  public var name: String?
  /// The date.
  public var date: CitationDate?
  /// The title (corpus documents) or the subject it is cited for.
  public var title: String?
  /// The issuer, as written.
  public var issuer: String?
  /// The province of a local document, when known.
  public var province: String?
  /// Central Party, local Party or State.
  public var level: Level
  /// The corpus file that holds the document, or `nil` for a document only cited.
  public var file: String?
  /// The line of ``file`` where the document starts.
  public var line: Int?
  /// How citations were linked to this corpus document (`nil` for cited-only documents).
  public var resolution: Resolution?
  /// How sure the link is, 0…1: 1 for a matching id; for a title match 0.8, plus 0.1 each when
  /// the issuer and the date could be compared and agreed.
  public var resolutionConfidence: Double?

  /// Whether the document is in the corpus.
  public var isInCorpus: Bool { file != nil }

  /// A label for people: kind and id, or the name.
  public var displayName: String {
    if let id, !id.hasPrefix("LAW:"), !id.hasPrefix("NAMED:") {
      return [kind?.rawValue, id].compactMap { $0 }.joined(separator: " ")
    }
    if let name { return name }
    return [kind?.rawValue, title].compactMap { $0 }.joined(separator: " ")
  }
}

/// One place where a document cites another.
public struct Mention: Hashable, Sendable {
  /// The citing file.
  public var path: String
  /// 1-based line.
  public var line: Int
  /// 1-based column.
  public var column: Int
  /// The citation as written (empty when built from an index, which does not store it: the
  /// file's bytes at ``originalRange`` are the text).
  public var text: String
  /// The relation of this mention.
  public var relation: CitationRelation
  /// Whether it sits in a footnote.
  public var isFootnote: Bool
  /// The citation's byte range in the citing file's normalized text (to quote its sentence).
  public var range: Range<Int>
  /// The citation's byte range in the citing file as it is on disk (its original text).
  public var originalRange: Range<Int>
  /// The id as this citation gives it (the node may spell it otherwise: `QĐ`/`QĐi`).
  public var citedID: String
  /// The date this citation gives the cited document.
  public var date: CitationDate?
  /// Whether the id was garbled and repaired.
  public var isRepaired: Bool
}

/// Every citation from one document to another, grouped.
public struct GraphEdge: Hashable, Sendable {
  /// The citing node's index.
  public var from: Int
  /// The cited node's index.
  public var to: Int
  /// The relations, in the order of ``CitationRelation``'s cases, each once.
  public var relations: [CitationRelation]
  /// Every mention, in file order.
  public var mentions: [Mention]

  /// How many times the citing document cites the other.
  public var count: Int { mentions.count }
}
