@testable import Citations
import TestSupport
import Testing

/// The packed-integer code tables the number reader asks about every part of every number.
@Suite("Short codes")
struct ShortCodeTests {
  private static func kind(_ code: String) -> DocumentKind? {
    var code = code
    return code.withUTF8 { Vocabulary.kindCode($0) }
  }

  private static func isPartyIssuer(_ code: String) -> Bool {
    var code = code
    return code.withUTF8 { Vocabulary.isPartyIssuer($0) }
  }

  @Test("type codes name their kinds, in official case only")
  func typeCodes() {
    #expect(Self.kind("NĐ") == .decree)
    #expect(Self.kind("QĐ") == .decision)
    #expect(Self.kind("QĐi") == .regulation)
    #expect(Self.kind("CTr") == .programme)
    #expect(Self.kind("TTLT") == .jointCircular)
    #expect(Self.kind("VBHN") == .consolidatedText)
    #expect(Self.kind("L") == .order)
    for notACode in ["", "N", "NQX", "nđ", "ND", "QĐI", "CTR", "TTLTX", "VBHNVBHN", "QĐ\u{0}", "\u{0}QĐ"] {
      #expect(Self.kind(notACode) == nil, "\(notACode)")
    }
  }

  @Test("Party bodies are told from state ones")
  func partyIssuers() {
    for code in ["TW", "TU", "HU", "ĐUK", "BCĐ", "UBKTTW"] { #expect(Self.isPartyIssuer(code)) }
    for code in ["CP", "UBND", "QH15", "T", "TWX", "UBKTTWXY"] { #expect(!Self.isPartyIssuer(code)) }
  }

  @Test("a code read in capitals gets its mixed case in place")
  func mixedCase() {
    for (capitals, mixed) in [("QĐI", "QĐi"), ("CTR", "CTr"), ("TTR", "TTr"), ("TTG", "TTg")] {
      var bytes = Array(capitals.utf8)
      let rewritten = bytes.withUnsafeMutableBufferPointer { Vocabulary.writeMixedCase($0) }
      #expect(rewritten)
      #expect(String(decoding: bytes, as: UTF8.self) == mixed)
    }
    var plain = Array("QĐ".utf8)
    #expect(!plain.withUnsafeMutableBufferPointer { Vocabulary.writeMixedCase($0) })
    #expect(plain == Array("QĐ".utf8))
  }

  @Test("the table's search by halving agrees with a linear scan")
  func tableAgreesWithLinearScan() {
    let entries = ["A", "AB", "B", "BA", "CTr", "ĐU", "ĐUK", "QĐ", "QĐi", "UBKTTW", "Z"]
    let table = ShortCodeTable(
      Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element, $0.offset) }))
    let alphabet = Array("ABĐKQUTWirZ".unicodeScalars).map(String.init)
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<2_000 {
      let length = Int(generator.next() % 4) + 1
      let probe = (0..<length).map { _ in generator.pick(alphabet) }.joined()
      var bytes = Array(probe.utf8)
      let found = bytes.withUnsafeMutableBufferPointer { buffer in
        ShortCode(UnsafeBufferPointer(buffer)).flatMap { table[$0] }
      }
      let expected = bytes.count <= ShortCode.maximumLength ? entries.firstIndex(of: probe) : nil
      #expect(found == expected, "\(probe)")
    }
  }
}
