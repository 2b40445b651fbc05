/// One reference from a document to another document, as found in its text.
///
///     let c = CitationExtractor().citations(in: "Căn cứ Chỉ thị số 30-CT/TW ngày 18/02/1998")[0]
///     c.id        // "30-CT/TW"
///     c.relation  // .basis
public struct Citation: Hashable, Sendable {
  /// The kind of the cited document.
  public var kind: DocumentKind
  /// The canonical id (`30-CT/TW`, `59/2023/NĐ-CP`, `1140/UBND-NCKS`, `10/2022/QH15`).
  ///
  /// A law cited by a name missing from the law table gets `LAW:<folded lower-case name>`; a
  /// Party document named without a number gets `NAMED:<text>`.
  public var id: String
  /// The number as written, without leading zeros stripped (`"30"`, `"01"`).
  public var number: String?
  /// The year that state identifiers carry (`2023` in `59/2023/NĐ-CP`).
  public var year: Int?
  /// The symbol in official case (`CT/TW`, `NĐ-CP`, `QĐi/TW`).
  public var symbol: String?
  /// The name of a document cited by name (`Luật Tiếp công dân`).
  public var name: String?
  /// The date of the cited document, when the citation states it.
  public var date: CitationDate?
  /// The issuing body as written after "của" (`Bộ Chính trị`).
  public var issuer: String?
  /// How the citing document relates to the cited one.
  public var relation: CitationRelation
  /// The UTF-8 byte range in the NFC text: the kind word through the date when there is one.
  public var range: Range<Int>
  /// Whether the citation sits in a footnote.
  public var isFootnote: Bool
  /// The part of the cited document referred to (`"điểm a khoản 1 Điều 7"`).
  public var pinpoint: String?
  /// Whether the identifier was garbled in the text and repaired (`157-NĐ/2007/NĐ-CP`).
  public var isRepaired: Bool
  /// How sure the extractor is, 0...1.
  public var confidence: Double

  /// Creates a citation from its parts.
  ///
  /// - Parameters:
  ///   - kind: The kind of the cited document.
  ///   - id: The canonical id.
  ///   - range: The UTF-8 byte range of the citation in the NFC text.
  ///   - relation: How the citing document relates to the cited one.
  public init(
    kind: DocumentKind, id: String, number: String? = nil, year: Int? = nil,
    symbol: String? = nil, name: String? = nil, date: CitationDate? = nil,
    issuer: String? = nil, relation: CitationRelation = .mentions, range: Range<Int> = 0..<0,
    isFootnote: Bool = false, pinpoint: String? = nil, isRepaired: Bool = false,
    confidence: Double = 1
  ) {
    self.kind = kind
    self.id = id
    self.number = number
    self.year = year
    self.symbol = symbol
    self.name = name
    self.date = date
    self.issuer = issuer
    self.relation = relation
    self.range = range
    self.isFootnote = isFootnote
    self.pinpoint = pinpoint
    self.isRepaired = isRepaired
    self.confidence = confidence
  }
}
