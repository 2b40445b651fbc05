/// The words the citation scanner knows, as data: kind names, type codes, governing verbs.
///
/// Phrases are written in Vietnamese and folded once (``folded(_:)``), so the tables read as the
/// documents do and the scanner compares folded ASCII.
enum Vocabulary {
  /// Folds a phrase written in Vietnamese: lower case, no marks, `đ` → `d`.
  static func folded(_ phrase: String) -> [UInt8] {
    FoldedText(phrase).chars
  }

  /// A phrase matched with its marks: folded for the first test, then lower-case NFC bytes.
  struct ExactPhrase: Sendable {
    /// The folded phrase.
    var folded: [UInt8]
    /// The phrase in lower case, NFC, tone marks in the text's placement.
    var exact: [UInt8]
  }

  /// Phrases matched with their marks ("có" is not "cơ").
  static func exactPhrases(_ phrases: [String]) -> [ExactPhrase] {
    phrases.map { ExactPhrase(folded: folded($0), exact: Array($0.utf8)) }
  }

  /// Verbs for other actions than carrying out a document: a citation they govern only mentions.
  static let otherVerbs: [[UInt8]] = [
    "tập huấn", "tuyên truyền", "quán triệt", "phổ biến", "học tập", "nghiên cứu", "ban hành",
    "rà soát", "kiểm tra", "giám sát", "sơ kết", "tổng kết", "đánh giá",
  ].map(folded)

  /// ``otherVerbs`` grouped by their last word.
  static let otherVerbIndex = PhraseIndex(otherVerbs, anchor: .last) { $0 }

  /// Kind names as they precede a number, longest first so "Thông tư liên tịch" wins over
  /// "Thông tư".
  static let kindNames: [(phrase: [UInt8], kind: DocumentKind)] = {
    let table: [(String, DocumentKind)] = [
      ("Nghị quyết liên tịch", .jointResolution), ("Thông tư liên tịch", .jointCircular),
      ("Văn bản hợp nhất", .consolidatedText), ("Chương trình hành động", .programme),
      ("Nghị quyết", .resolution), ("Chỉ thị", .directive), ("Kết luận", .conclusion),
      ("Quyết định", .decision), ("Quy định", .regulation), ("Thông báo", .notice),
      ("Đề án", .scheme), ("Kế hoạch", .plan), ("Công văn", .officialLetter),
      ("Văn bản", .document), ("Tờ trình", .submission), ("Chương trình", .programme),
      ("Hướng dẫn", .guidance), ("Nghị định", .decree), ("Thông tư", .circular),
      ("Pháp lệnh", .ordinance), ("Bộ luật", .code), ("Luật", .law), ("Hiến pháp", .constitution),
      ("Công điện", .dispatch), ("Báo cáo", .report), ("Điều lệ", .charter),
      ("Quy chế", .statute), ("Biên bản", .minutes), ("Lệnh", .order),
    ]
    return table.map { (folded($0.0), $0.1) }.sorted { $0.phrase.count > $1.phrase.count }
  }()

  /// ``kindNames`` grouped by their last word.
  static let kindNameIndex = PhraseIndex(kindNames, anchor: .last) { $0.phrase }

  /// Type codes, as they open a symbol (`CT` in `30-CT/TW`, `NĐ` in `59/2023/NĐ-CP`), in
  /// official case.
  static let kindCodes = ShortCodeTable<DocumentKind>([
    "NQ": .resolution, "NQLT": .jointResolution, "CT": .directive, "KL": .conclusion,
    "QĐ": .decision, "QĐi": .regulation, "TB": .notice, "ĐA": .scheme, "KH": .plan,
    "CV": .officialLetter, "TTr": .submission, "CTr": .programme, "HD": .guidance,
    "NĐ": .decree, "TT": .circular, "TTLT": .jointCircular, "PL": .ordinance,
    "CĐ": .dispatch, "VBHN": .consolidatedText, "BC": .report, "QC": .statute,
    "BB": .minutes, "L": .order,
  ])

  /// Codes written in mixed case; a symbol segment is looked up in capitals.
  static let mixedCase = ShortCodeTable<ShortCode>([
    "QĐI": ShortCode("QĐi"), "CTR": ShortCode("CTr"), "TTR": ShortCode("TTr"),
    "TTG": ShortCode("TTg"),
  ])

  /// Symbol parts that name a Party body: central (TW) and local committees.
  static let partyIssuers = ShortCodeTable(members: [
    "TW", "TU", "HU", "QU", "TXU", "ĐU", "ĐUK", "BCĐ", "ĐĐ", "BCS", "UBKTTW", "BTGTW", "BTCTW",
    "BDVTW", "VPTW",
  ])

  /// The kind a type code names (`NĐ` → decree), given the code's bytes in official case.
  @inline(__always)
  static func kindCode(_ bytes: UnsafeBufferPointer<UInt8>) -> DocumentKind? {
    ShortCode(bytes).flatMap { kindCodes[$0] }
  }

  /// Whether a symbol part names a Party body (`TW`, `TU`, `ĐUK`).
  @inline(__always)
  static func isPartyIssuer(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    ShortCode(bytes).flatMap { partyIssuers[$0] } ?? false
  }

  /// Rewrites a code read in capitals (`QĐI`) in its mixed case (`QĐi`), in place; whether it
  /// was one. Each mixed-case code has as many bytes as its capitals.
  static func writeMixedCase(_ text: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    guard let code = ShortCode(UnsafeBufferPointer(text)), let mixed = mixedCase[code] else {
      return false
    }
    for k in text.indices { text[k] = UInt8(truncatingIfNeeded: mixed.value >> UInt64(8 &* k)) }
    return true
  }

  /// Verbs that govern a citation, with the relation they give.
  static let governors: [(phrase: [UInt8], relation: CitationRelation)] = {
    let table: [(String, CitationRelation)] = [
      ("sửa đổi, bổ sung một số điều của", .amends), ("sửa đổi, bổ sung", .amends),
      ("sửa đổi", .amends), ("thay thế", .replaces), ("bãi bỏ", .repeals),
      ("hướng dẫn thi hành", .guides), ("hướng dẫn thực hiện", .guides), ("hướng dẫn", .guides),
      ("thực hiện", .implements), ("thi hành", .implements),
    ]
    return table.map { (folded($0.0), $0.1) }
  }()

  /// ``governors`` grouped by their last word.
  static let governorIndex = PhraseIndex(governors, anchor: .last) { $0.phrase }

  /// Words that put a citation inside another's subject or a prepositional phrase: a citation
  /// after them only mentions.
  static let blockers = exactPhrases([
    "về", "của", "tại", "theo", "là", "như", "trong", "nhận được", "xét",
  ])

  /// ``blockers`` grouped by their last word.
  static let blockerIndex = PhraseIndex(blockers, anchor: .last) { $0.folded }

  /// The words that open a legal-basis clause ("Căn cứ Luật …").
  static let basisPhrases: [[UInt8]] = ["căn cứ vào", "căn cứ"].map(folded)
}
