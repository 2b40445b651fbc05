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
