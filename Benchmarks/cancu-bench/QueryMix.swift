/// The fixed query mix, written once per engine.
///
/// Each entry is one information need: how a cancu user types it, and the closest query each peer
/// can express (`nil` when it cannot: FTS5 and tantivy know nothing of kinds, years or exact
/// diacritics). The peers fold diacritics too, so their queries are the folded words.
struct BenchQuery {
  var label: String
  var cancu: String
  var exactOnly = false
  var fts5: String?
  var tantivy: String?
}

enum QueryMix {
  static let all: [BenchQuery] = [
    BenchQuery(
      label: "common words", cancu: "dan chu co so", fts5: "dan chu co so",
      tantivy: "+dan +chu +co +so"),
    BenchQuery(
      label: "phrase", cancu: "\"dân chủ ở cơ sở\"", fts5: "\"dan chu o co so\"",
      tantivy: "\"dan chu o co so\""),
    BenchQuery(label: "rarer words", cancu: "tôn giáo", fts5: "ton giao", tantivy: "+ton +giao"),
    BenchQuery(
      label: "old tone placement", cancu: "hoà giải", fts5: "hoa giai", tantivy: "+hoa +giai"),
    BenchQuery(
      label: "place name", cancu: "\"Sóc Trăng\"", fts5: "\"soc trang\"", tantivy: "\"soc trang\""),
    BenchQuery(label: "exact diacritics", cancu: "Đảng", exactOnly: true, fts5: nil, tantivy: nil),
    BenchQuery(
      label: "OR of phrases", cancu: "\"cơ sở\" OR \"địa phương\"",
      fts5: "\"co so\" OR \"dia phuong\"", tantivy: "\"co so\" OR \"dia phuong\""),
    BenchQuery(
      label: "exclusion", cancu: "dân chủ -\"nông thôn mới\"",
      fts5: "dan chu NOT \"nong thon moi\"", tantivy: "+dan +chu -\"nong thon moi\""),
    BenchQuery(label: "symbol", cancu: "30-CT/TW", fts5: "\"30 ct tw\"", tantivy: "\"30 ct tw\""),
    BenchQuery(
      label: "filters", cancu: "dân chủ kind:\"nghị quyết\" year:2020", fts5: nil, tantivy: nil),
  ]

  /// The query whole-process runs time, for cancu and the `sqlite3` CLI.
  static let processQuery = all[0]
  /// The document `cited-by` asks about: the seeds' most cited one.
  static let citedBy = "Chỉ thị 30-CT/TW"
}
