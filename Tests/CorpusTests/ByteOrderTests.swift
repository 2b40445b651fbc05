import Corpus
import Testing

@Suite("Byte order of paths")
struct ByteOrderTests {
  static let names = [
    "", "a", "A", "ab", "a/b", "a.txt", "a-", "a0", "hoà.txt", "hòa.txt", "hoa\u{0300}.txt",
    "Đảng", "đảng", "Đa\u{0309}ng", "ý kiến.md", "z", "~", "\u{00A0}", "日本", "🙂", "a\u{0}b",
    "001/002.txt", "001/0021.txt", "0010/002.txt", String(repeating: "x", count: 40),
  ]

  @Test("utf8Precedes is the order of the UTF-8 bytes, NFC and NFD apart")
  func matchesTheBytes() {
    for a in Self.names {
      for b in Self.names {
        #expect(a.utf8Precedes(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
      }
    }
    // Canonically equivalent, not equal as bytes: ordered, never equal both ways.
    #expect("hòa".utf8Precedes("ho\u{0300}a") != "ho\u{0300}a".utf8Precedes("hòa"))
  }
}
