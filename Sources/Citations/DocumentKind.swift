/// The type of a Vietnamese legal or Party document (loại văn bản).
///
/// The raw value is the Vietnamese display name with its diacritics, as the gold annotation
/// and the JSON output spell it (`"Nghị quyết"`, `"Chỉ thị"`).
public enum DocumentKind: String, CaseIterable, Hashable, Sendable {
  /// Resolution (Nghị quyết, code "NQ").
  case resolution = "Nghị quyết"
  /// Joint resolution (Nghị quyết liên tịch, code "NQLT").
  case jointResolution = "Nghị quyết liên tịch"
  /// Directive (Chỉ thị, code "CT").
  case directive = "Chỉ thị"
  /// Conclusion (Kết luận, code "KL").
  case conclusion = "Kết luận"
  /// Decision (Quyết định, code "QĐ").
  case decision = "Quyết định"
  /// Regulation (Quy định, code "QĐi" in Party documents).
  case regulation = "Quy định"
  /// Notice (Thông báo, code "TB").
  case notice = "Thông báo"
  /// Scheme or project (Đề án, code "ĐA").
  case scheme = "Đề án"
  /// Plan (Kế hoạch, code "KH").
  case plan = "Kế hoạch"
  /// Official letter (Công văn, code "CV").
  case officialLetter = "Công văn"
  /// Document in general (Văn bản), as in "Văn bản số 12/UBND-NC".
  case document = "Văn bản"
  /// Submission (Tờ trình, code "TTr").
  case submission = "Tờ trình"
  /// Programme (Chương trình, code "CTr").
  case programme = "Chương trình"
  /// Guidance (Hướng dẫn, code "HD").
  case guidance = "Hướng dẫn"
  /// Decree (Nghị định, code "NĐ").
  case decree = "Nghị định"
  /// Circular (Thông tư, code "TT").
  case circular = "Thông tư"
  /// Joint circular (Thông tư liên tịch, code "TTLT").
  case jointCircular = "Thông tư liên tịch"
  /// Ordinance (Pháp lệnh, code "PL").
  case ordinance = "Pháp lệnh"
  /// Law (Luật).
  case law = "Luật"
  /// Code of law (Bộ luật), such as Bộ luật Dân sự.
  case code = "Bộ luật"
  /// Constitution (Hiến pháp).
  case constitution = "Hiến pháp"
  /// Urgent dispatch (Công điện, code "CĐ").
  case dispatch = "Công điện"
  /// Consolidated text (Văn bản hợp nhất, code "VBHN").
  case consolidatedText = "Văn bản hợp nhất"
  /// Report (Báo cáo, code "BC").
  case report = "Báo cáo"
  /// Charter (Điều lệ).
  case charter = "Điều lệ"
  /// Statute or rules of procedure (Quy chế, code "QC").
  case statute = "Quy chế"
  /// Minutes (Biên bản, code "BB").
  case minutes = "Biên bản"
  /// Order (Lệnh, code "L-CTN"), as in a presidential promulgation order.
  case order = "Lệnh"
}

extension DocumentKind {
  /// The case's position in the declaration, which is its position in `allCases`.
  ///
  /// Read from the value's one byte: a Swift enum without payloads is stored as the declaration
  /// index of its case.
  @inline(__always)
  public var ordinal: Int { Int(withUnsafeBytes(of: self) { $0[0] }) }

  /// Compares cases, not raw values: `RawRepresentable`'s default compares the Vietnamese names.
  @inline(__always)
  public static func == (a: DocumentKind, b: DocumentKind) -> Bool { a.ordinal == b.ordinal }

  /// Hashes the case, not the raw value: `RawRepresentable`'s default hashes the Vietnamese name,
  /// which normalizes it scalar by scalar each time (a tenth of planning an index's documents,
  /// where every citation's target is hashed with its kind).
  public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}
