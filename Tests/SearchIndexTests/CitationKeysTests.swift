import Corpus
import Testing
import TestSupport

/// ``CitationKeys`` compares titles and ids on bytes where it can; these tests hold it to the
/// plain definitions, written here with `Character` and `replacing`.
@Suite("Citation keys")
struct CitationKeysTests {
  /// The definition of a compared title: folded, split at every run of non-letters and
  /// non-digits, a leading "ve" dropped, joined by single spaces.
  static func referenceTitle(_ title: String) -> String {
    var words = CitationKeys.name(title).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    if words.first == "ve" { words.removeFirst() }
    return words.joined(separator: " ")
  }

  static let pieces = [
    "Về", "về", "ve", "Ve", "VE", "vê", "vef", "v", "e", " ", "  ", ",", ".", "-", "–", "\u{00A0}",
    "\u{201C}", "\u{201D}", "tăng", "cường", "Đảng", "đảng", "dân chủ", "ở", "cơ sở", "2023", "30-CT/TW",
    "hoà", "hòa", "khoẻ", "\u{0301}", "e\u{0301}", "Ω", "ß", "Ǆ", "\n", "\t", "(", ")", "ngày",
    "15/5/2016", "QĐi", "qđi", "QĐ", "Ⅻ", "١٢", "🙂",
  ]

  @Test("Titles on bytes equal the Character definition", arguments: [1, 2, 3] as [UInt64])
  func titlesMatchTheDefinition(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    for _ in 0..<3_000 {
      let count = Int.random(in: 0...8, using: &random)
      let text = (0..<count).map { _ in random.pick(Self.pieces) }.joined()
      #expect(CitationKeys.title(text) == Self.referenceTitle(text), "\(text.debugDescription)")
    }
  }

  @Test func titleExamples() {
    #expect(CitationKeys.title("Về tăng cường sự lãnh đạo của Đảng") == "tang cuong su lanh dao cua dang")
    #expect(CitationKeys.title("  về  “dân chủ” ở cơ sở. ") == "dan chu o co so")
    #expect(CitationKeys.title("Về") == "")
    #expect(CitationKeys.title("vef x") == "vef x")
    #expect(CitationKeys.title("") == "")
  }

  @Test("Ids on bytes equal lowercased() and replacing", arguments: [4, 5] as [UInt64])
  func idsMatchTheDefinition(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let pieces = ["QĐi", "qđi", "QĐ", "Qđ", "i", "I", "/", "TW", "11-", "q", "đ", "Đ", "đi", "-", "2015", "NĐ-CP"]
    for _ in 0..<3_000 {
      let count = Int.random(in: 0...6, using: &random)
      let id = (0..<count).map { _ in random.pick(pieces) }.joined()
      #expect(CitationKeys.id(id) == id.lowercased().replacing("qđi", with: "qđ"), "\(id)")
    }
  }
}
