import Testing

@testable import VietText

@Suite struct TokenTests {
  @Test func storesItsRangeAndKind() {
    let token = Token(range: 3..<9, kind: .symbol)
    #expect(token.range == 3..<9 && token.kind == .symbol)
    #expect(token != Token(range: 3..<9, kind: .word))
  }
}
