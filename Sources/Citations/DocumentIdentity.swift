/// A document's own identity, read from its header and signature block.
public struct DocumentIdentity: Hashable, Sendable {
  /// The kind of the document, when its header names one.
  public var kind: DocumentKind?
  /// The canonical id; `nil` when the text never states its number.
  public var id: String?
  /// The number as written in the header.
  public var number: String?
  /// The year of a state identifier.
  public var year: Int?
  /// The symbol in official case.
  public var symbol: String?
  /// The date in the header ("Hưng Yên, ngày 28 tháng 5 năm 2024").
  public var date: CitationDate?
  /// The issuing body, from the header.
  public var issuer: String?
  /// The title (the subject line after the kind, such as "về tăng cường …").
  public var title: String?
  /// The province, when it can be read from the header or the place-date line.
  public var province: String?
  /// The UTF-8 byte range of the part of the NFC text that this document covers.
  public var range: Range<Int>

  /// Creates an identity from its parts.
  ///
  /// - Parameter range: The UTF-8 byte range of the document in the NFC text.
  public init(
    kind: DocumentKind? = nil, id: String? = nil, number: String? = nil, year: Int? = nil,
    symbol: String? = nil, date: CitationDate? = nil, issuer: String? = nil,
    title: String? = nil, province: String? = nil, range: Range<Int>
  ) {
    self.kind = kind
    self.id = id
    self.number = number
    self.year = year
    self.symbol = symbol
    self.date = date
    self.issuer = issuer
    self.title = title
    self.province = province
    self.range = range
  }
}
