import Testing

@testable import Corpus

/// The keys made on bytes against the keys made through strings (``CitationKeys/id(_:)``,
/// ``CitationKeys/title(_:)``, ``CitationKeys/name(_:)``), which stay the definition.
@Suite("Citation keys made on bytes")
struct CitationKeysTests {
  static let ids = [
    "30-CT/TW", "49-NQ/TU", "11-QĐi/TW", "11-QĐI/TW", "qđi", "QĐi", "xQĐi", "QĐ-UBND", "qđ",
    "1140/UBND-NCKS", "59/2023/NĐ-CP", "403/2017/NQLT-UBTVQH14-ĐCTUBTWMTTQVN", "QĐiQĐi/TW",
    "Q\u{0110}i", "qđí", "qđi\u{0301}", "Luật 2013", "", "đ", "Đ", "ĐU", "01/2016/TTLT-BNV-BTC",
    "12-QĐi/ĐUK", "ÀĐi", "QĐ\u{0300}i",
  ]

  @Test("Ids", arguments: ids)
  func idKeysMatchTheStringPath(id: String) {
    for facet in [CitationKeys.Facet.identity, .cited] {
      #expect(CitationKeys.idKey(facet, id) == CitationKeys.key(facet, CitationKeys.id(id)))
    }
  }

  static let titles = [
    "về tăng cường sự lãnh đạo của Đảng", "Về tăng cường", "về", "ve", "Về", "VỀ CÔNG TÁC",
    "dân chủ ở cơ sở", "  về  xây dựng  ", "vẽ tranh", "về-xây dựng", "vềxây", "Zürich và Đà Lạt",
    "quản lý “đất đai”", "Ёлка", "ngày 18/02/1998", "", "dân\u{0323} chủ", "tiếng 中文",
  ]

  @Test("Titles and names", arguments: titles)
  func titleAndNameKeysMatchTheStringPath(title: String) {
    for facet in [CitationKeys.Facet.untitled, .subject] {
      #expect(CitationKeys.titleKey(facet, title) == CitationKeys.key(facet, CitationKeys.title(title)))
    }
    #expect(CitationKeys.nameKey(.name, title) == CitationKeys.key(.name, CitationKeys.name(title)))
  }
}
