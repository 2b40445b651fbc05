import Citations
import VietText

/// Identity keys: when two citations name the same document.
///
/// The id string is not enough:
/// - `Quy định số 11-QĐ/TW` and `Quy định số 11-QĐi/TW` are one document (the Party abbreviates
///   Quy định as QĐi), while `Quyết định số 11-QĐ/TW` is another: for the QĐ family the kind decides.
/// - Local symbols (`TU`, `HU`, `QU`, `ĐU`, `ĐUK`, `BCĐ`, `UBND`, `HĐND`) are numbered per province:
///   `49-NQ/TU` of Hưng Yên and `49-NQ/TU` of Thái Bình are two documents, so a local id is scoped by
///   the province of the document that cites it (`@?` when that is unknown).
/// Ids compare without case.
public enum NodeKey {
  /// The key of a document with this id and kind, cited from (or issued in) `province`.
  public static func key(id: String, kind: DocumentKind?, province: String?) -> String {
    var base = unscopedKey(id: id, kind: kind)
    if isLocal(id: id) { base += "@" + (province.map { DiacriticFolding.fold($0) } ?? "?") }
    return base
  }

  /// The key without the province scope: what a user's query names.
  public static func unscopedKey(id: String, kind: DocumentKind?) -> String {
    let codes = symbolCodes(of: id)
    guard codes.contains(where: { $0 == "QĐ" || $0 == "QĐI" }) else { return lowercased(id) }
    let normalized = lowercased(id).replacing("qđi", with: "qđ")
    let family: String
    if codes.contains("QĐI") {
      family = "quy-dinh"
    } else {
      switch kind {
      case .regulation: family = "quy-dinh"
      case .decision: family = "quyet-dinh"
      default: family = "qd"
      }
    }
    return family + ":" + normalized
  }

  /// Whether a key without scope matches a node's key (a query for `35-CT/TU` matches every
  /// province's; a query for `11-QĐ/TW` without a kind matches both QĐ families).
  public static func matches(query: String, node: String) -> Bool {
    let nodeBase = node.split(separator: "@", maxSplits: 1).first.map(String.init) ?? node
    if query == nodeBase { return true }
    if query.hasPrefix("qd:") {
      let bare = query.dropFirst(3)
      return nodeBase == "quy-dinh:" + bare || nodeBase == "quyet-dinh:" + bare
    }
    return false
  }

  /// The letter codes of an id's symbol, upper-cased: `49-NQ/TU` → NQ, TU.
  ///
  /// Building a graph asks this several times of every citation, so ids written in ASCII and
  /// `Đ`/`đ` — nearly all of them — are read byte by byte; any other id goes through `String`'s
  /// case mapping and `Character.isLetter`, which give the same answer far more slowly.
  static func symbolCodes(of id: String) -> [String] {
    guard !id.hasPrefix("LAW:"), !id.hasPrefix("NAMED:") else { return [] }
    if let codes = asciiSymbolCodes(of: id) { return codes }
    return id.uppercased().split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
      .filter { code in code.contains { $0.isLetter } }
  }

  /// ``symbolCodes(of:)`` of an id of ASCII and `Đ`/`đ`, or `nil` for any other.
  private static func asciiSymbolCodes(of id: String) -> [String]? {
    var codes: [String] = []
    var segment: [UInt8] = []
    var hasLetter = false
    var utf8 = id.utf8.makeIterator()
    func finish() {
      if hasLetter { codes.append(String(decoding: segment, as: UTF8.self)) }
      segment.removeAll(keepingCapacity: true)
      hasLetter = false
    }
    while let byte = utf8.next() {
      switch byte {
      case 0x2F, 0x2D: finish()
      case 0x61...0x7A:
        segment.append(byte &- 0x20)
        hasLetter = true
      case 0x41...0x5A:
        segment.append(byte)
        hasLetter = true
      case 0xC4:
        guard let next = utf8.next(), next == 0x90 || next == 0x91 else { return nil }
        segment.append(0xC4)
        segment.append(0x90)
        hasLetter = true
      case 0x80...: return nil
      default: segment.append(byte)
      }
    }
    finish()
    return codes
  }

  /// `id.lowercased()`, by bytes for an id of ASCII and `Đ`/`đ`.
  static func lowercased(_ id: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(id.utf8.count)
    var utf8 = id.utf8.makeIterator()
    while let byte = utf8.next() {
      switch byte {
      case 0x41...0x5A: bytes.append(byte | 0x20)
      case 0xC4:
        guard let next = utf8.next(), next == 0x90 || next == 0x91 else { return id.lowercased() }
        bytes.append(0xC4)
        bytes.append(0x91)
      case 0x80...: return id.lowercased()
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let localCodes: Set<String> = ["TU", "HU", "QU", "ĐU", "ĐUK", "BCĐ", "UBND", "HĐND", "TX", "TP"]

  /// Whether the id's symbol is numbered per province.
  public static func isLocal(id: String) -> Bool {
    symbolCodes(of: id).contains { localCodes.contains($0) }
  }

  /// The level of a document from its id and kind.
  public static func level(id: String?, kind: DocumentKind?, name: String?, issuer: String? = nil)
    -> GraphNode.Level
  {
    guard let id else {
      // No number: the issuer tells ("BAN THƯỜNG VỤ TỈNH ỦY" is a provincial Party body).
      let folded = DiacriticFolding.fold(issuer ?? "")
      if ["trung uong", "bo chinh tri", "ban bi thu"].contains(where: folded.contains) {
        return .centralParty
      }
      if ["tinh uy", "huyen uy", "thanh uy", "quan uy", "dang uy", "dang bo"].contains(where: folded.contains) {
        return .localParty
      }
      return .state
    }
    if id.hasPrefix("LAW:") { return .state }
    if id.hasPrefix("NAMED:") {
      let folded = DiacriticFolding.fold(name ?? id)
      return folded.contains("tinh") || folded.contains("khoi") || folded.contains("huyen")
        ? .localParty : .centralParty
    }
    let codes = symbolCodes(of: id)
    if codes.contains("TW") { return .centralParty }
    if codes.contains(where: { ["TU", "HU", "QU", "ĐU", "ĐUK", "BCĐ"].contains($0) }) { return .localParty }
    return .state
  }
}
