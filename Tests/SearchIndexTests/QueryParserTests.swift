import Foundation
import Testing

@testable import SearchIndex

private func query(
  _ required: [[Query.Atom]], excluded: [Query.Atom] = [], filters: [Query.Filter] = []
) -> Query {
  var query = Query()
  query.required = required
  query.excluded = excluded
  query.filters = filters
  return query
}

@Suite("Query parser")
struct QueryParserTests {
  static let valid: [(String, Query)] = [
    ("dang", query([[.term("dang")]])),
    ("dân chủ", query([[.term("dân")], [.term("chủ")]])),
    ("dan chu co so", query([[.term("dan")], [.term("chu")], [.term("co")], [.term("so")]])),
    ("\"dân chủ ở cơ sở\"", query([[.phrase(["dân", "chủ", "ở", "cơ", "sở"])]])),
    ("Đảng \"cơ sở\"", query([[.term("Đảng")], [.phrase(["cơ", "sở"])]])),
    ("hoà OR hòa", query([[.term("hoà"), .term("hòa")]])),
    (
      "dân \"cơ sở\" OR \"địa phương\"",
      query([[.term("dân")], [.phrase(["cơ", "sở"]), .phrase(["địa", "phương"])]])
    ),
    ("a OR b OR c", query([[.term("a"), .term("b"), .term("c")]])),
    ("dân -đảng", query([[.term("dân")]], excluded: [.term("đảng")])),
    (
      "dân -\"Nghị quyết này\"",
      query([[.term("dân")]], excluded: [.phrase(["Nghị", "quyết", "này"])])
    ),
    ("kind:\"nghị quyết\" dân", query([[.term("dân")]], filters: [.kind("nghi quyet")])),
    ("kind:\"Nghị Quyết\"", query([], filters: [.kind("nghi quyet")])),
    ("year:2024 dân", query([[.term("dân")]], filters: [.year(2024)])),
    ("issuer:\"Bộ Chính trị\" Đảng", query([[.term("Đảng")]], filters: [.issuer("bo chinh tri")])),
    ("issuer:Tỉnh", query([], filters: [.issuer("tinh")])),
    ("cites:30-CT/TW", query([], filters: [.cites("30-CT/TW")])),
    (
      "cites:30-CT/TW year:1998 thị",
      query([[.term("thị")]], filters: [.cites("30-CT/TW"), .year(1998)])
    ),
    ("30-CT/TW", query([[.term("30-CT/TW")]])),
    ("59/2023/NĐ-CP", query([[.term("59/2023/NĐ-CP")]])),
    ("dân-chủ", query([[.phrase(["dân", "chủ"])]])),
    ("kinh tế-xã hội", query([[.term("kinh")], [.phrase(["tế", "xã"])], [.term("hội")]])),
    ("  dân   chủ  ", query([[.term("dân")], [.term("chủ")]])),
    ("“dân chủ”", query([[.phrase(["dân", "chủ"])]])),
    ("\"dân chủ", query([[.phrase(["dân", "chủ"])]])),
  ]

  @Test("Parses", arguments: valid)
  func parses(text: String, expected: Query) throws {
    #expect(try Query(parsing: text) == expected)
  }

  @Test("An NFD query equals the NFC one", arguments: valid.map(\.0))
  func nfdEqualsNFC(text: String) throws {
    let nfd = text.decomposedStringWithCanonicalMapping
    #expect(try Query(parsing: nfd) == Query(parsing: text))
  }

  @Test func nfdQueryWordsComeOutNFC() throws {
    let parsed = try Query(parsing: "Đảng hoà".decomposedStringWithCanonicalMapping)
    #expect(parsed.required == [[.term("Đảng")], [.term("hoà")]])
    #expect(
      parsed.required.joined().allSatisfy { atom in
        atom.words.allSatisfy { $0 == $0.precomposedStringWithCanonicalMapping }
      })
  }

  @Test(
    "Rejects queries with nothing to search or a bad filter",
    arguments: [
      "", "   ", "OR", "OR OR", "dân OR", "OR dân", "year:abc", "year:", "year:20245", "kind:",
      "-dân",
      "\"\"", "!!! ...",
    ])
  func rejects(text: String) {
    #expect {
      try Query(parsing: text)
    } throws: { error in
      guard let error = error as? IndexError, case .invalidQuery(let message) = error else {
        return false
      }
      return !message.isEmpty && !message.contains("\n")
    }
  }

  /// `-kind:"nghị quyết"` asks to leave resolutions out; whatever the parser does with it, it must
  /// not turn the value into a phrase every result has to contain.
  @Test
  func negatedFilterIsNeverARequiredPhrase() {
    do {
      let parsed = try Query(parsing: "dân -kind:\"nghị quyết\"")
      #expect(!parsed.required.joined().contains(.phrase(["nghị", "quyết"])), "\(parsed)")
      #expect(!parsed.required.joined().contains(.term("nghị")), "\(parsed)")
    } catch {
      guard case .invalidQuery = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
  }

  @Test func yearFilterMessageNamesTheValue() {
    #expect {
      try Query(parsing: "year:abc")
    } throws: { error in
      (error as? IndexError).map { "\($0)" }?.contains("'abc'") ?? false
    }
  }
}
