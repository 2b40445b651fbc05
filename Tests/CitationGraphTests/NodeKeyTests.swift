import Citations
import Testing

@testable import CitationGraph

@Suite("Node keys")
struct NodeKeyTests {
  @Test func partyRegulationsMeetWhateverTheirSpelling() {
    let a = NodeKey.key(id: "11-QĐi/TW", kind: .regulation, province: nil)
    let b = NodeKey.key(id: "11-QĐ/TW", kind: .regulation, province: nil)
    let c = NodeKey.key(id: "11-qđi/tw", kind: nil, province: nil)
    let decision = NodeKey.key(id: "11-QĐ/TW", kind: .decision, province: nil)
    #expect(a == b && b == c)
    #expect(decision != a)
    #expect(NodeKey.matches(query: NodeKey.unscopedKey(id: "11-QĐ/TW", kind: nil), node: a))
    #expect(NodeKey.matches(query: NodeKey.unscopedKey(id: "11-QĐ/TW", kind: nil), node: decision))
  }

  @Test func localSymbolsAreScopedByProvince() {
    let hungYen = NodeKey.key(id: "49-NQ/TU", kind: .resolution, province: "Hưng Yên")
    let thaiBinh = NodeKey.key(id: "49-NQ/TU", kind: .resolution, province: "Thái Bình")
    let central = NodeKey.key(id: "49-NQ/TW", kind: .resolution, province: "Hưng Yên")
    #expect(hungYen != thaiBinh)
    #expect(central == "49-nq/tw")
    #expect(NodeKey.key(id: "35-CT/TU", kind: .directive, province: nil).hasSuffix("@?"))
    #expect(NodeKey.matches(query: NodeKey.unscopedKey(id: "49-NQ/TU", kind: nil), node: hungYen))
  }

  @Test("Tells local from central and State symbols", arguments: [
    ("49-NQ/TU", true, GraphNode.Level.localParty), ("161-KH/ĐUK", true, .localParty),
    ("44-CV/BCĐ", true, .localParty), ("1140/UBND-NCKS", true, .state),
    ("30-CT/TW", false, .centralParty), ("59/2023/NĐ-CP", false, .state),
    ("10/2022/QH15", false, .state), ("5714/TTr-UBND", true, .state),
  ])
  func levels(id: String, local: Bool, level: GraphNode.Level) {
    #expect(NodeKey.isLocal(id: id) == local)
    #expect(NodeKey.level(id: id, kind: nil, name: nil) == level)
  }

  @Test func levelOfADocumentWithoutNumberComesFromItsIssuer() {
    #expect(NodeKey.level(id: nil, kind: .resolution, name: nil, issuer: "BAN THƯỜNG VỤ TỈNH ỦY") == .localParty)
    #expect(NodeKey.level(id: nil, kind: .resolution, name: nil, issuer: "Bộ Chính trị") == .centralParty)
    #expect(NodeKey.level(id: nil, kind: .resolution, name: nil, issuer: "Hội đồng nhân dân tỉnh") == .state)
  }
}

/// The byte-level reading of ids against the `String` definitions it replaced.
@Suite("Node keys: byte fast path")
struct NodeKeyFastPathTests {
  static func referenceCodes(_ id: String) -> [String] {
    guard !id.hasPrefix("LAW:"), !id.hasPrefix("NAMED:") else { return [] }
    return id.uppercased().split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
      .filter { code in code.contains { $0.isLetter } }
  }

  static let ids = [
    "49-NQ/TU", "11-QĐ/TW", "11-QĐi/TW", "11-qđi/tw", "59/2023/NĐ-CP", "1140/UBND-NCKS", "35-ct/tu",
    "05/VBHN-VPQH", "01/2016/TTLT-BNV-BTC", "403/2017/NQLT-UBTVQH14-ĐCTUBTWMTTQVN", "LAW:dat-dai",
    "NAMED:nghi quyet dai hoi", "", "-", "//", "12", "a", "ĐUK", "đuk", "30-CT/TW.", "QĐ_1",
    "12-ĈT/TW", "12-ÇT/TU", "12-Ñ/ТУ", "12-QĐ /TW", "7-HD/BCĐ", "7-hd/bcđ", "x-Đ", "Đ",
  ]

  @Test("symbol codes, keys and locality agree with the String definitions", arguments: ids)
  func agrees(id: String) {
    #expect(NodeKey.symbolCodes(of: id) == Self.referenceCodes(id), "\(id)")
    #expect(NodeKey.lowercased(id) == id.lowercased(), "\(id)")
  }

  @Test("random ids of ASCII, Đ and other letters")
  func randomIDs() {
    let alphabet = Array("0123456789/-/-QĐđiITUNqtuwbcdĈéÑ. ")
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let id = String((0..<Int.random(in: 0..<14, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      })
      #expect(NodeKey.symbolCodes(of: id) == Self.referenceCodes(id), "\(id)")
      #expect(NodeKey.lowercased(id) == id.lowercased(), "\(id)")
    }
  }
}
