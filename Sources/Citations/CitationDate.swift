/// A calendar date as written in a citation or a document header.
public struct CitationDate: Hashable, Sendable, Comparable {
  /// The year, four digits.
  public var year: Int
  /// The month, 1...12.
  public var month: Int
  /// The day, 1...31.
  public var day: Int

  /// Creates a date; returns `nil` when a field is out of range.
  ///
  /// - Parameters:
  ///   - year: The year, 1900...2100.
  ///   - month: The month, 1...12.
  ///   - day: The day, 1...31 (not checked against the month's length).
  public init?(year: Int, month: Int, day: Int) {
    guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The ISO 8601 form, `"2024-05-28"`.
  public var iso: String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }

  /// Orders dates chronologically.
  public static func < (a: CitationDate, b: CitationDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }
}
