import Citations
import Testing

@Suite("Citation parsing")
struct CitationParsingTests {
  @Test(
    "Parses what users type",
    arguments: [
      ("30-CT/TW", "30-CT/TW", DocumentKind.directive),
      ("Chỉ thị số 30-CT/TW", "30-CT/TW", .directive),
      ("chi thi 30-CT/TW", "30-CT/TW", .directive),
      ("chi thi 30-ct/tw", "30-CT/TW", .directive),
      ("Chi\u{0309} thi\u{0323} 30-CT/TW", "30-CT/TW", .directive),
      ("59/2023/NĐ-CP", "59/2023/NĐ-CP", .decree),
      ("Số 44 -CV/BCĐ", "44-CV/BCĐ", .officialLetter),
      ("Quy định 11-QĐi/TW", "11-QĐi/TW", .regulation),
      ("Luật Tiếp công dân", "42/2013/QH13", .law),
      ("luat tiep cong dan", "42/2013/QH13", .law),
      ("Tiếp công dân", "42/2013/QH13", .law),
      ("Nghị quyết Trung ương 4 khoá XII", "NAMED:Nghị quyết Trung ương 4 khóa XII", .resolution),
    ])
  func parsesQueries(query: String, id: String, kind: DocumentKind) throws {
    let citation = try Citation(parsing: query)
    #expect(citation.id == id)
    #expect(citation.kind == kind)
  }

  @Test func rejectsEmptyQuery() {
    #expect(throws: CitationError.empty) { try Citation(parsing: "  ") }
  }

  @Test func rejectsTextWithoutADocument() {
    #expect(throws: CitationError.unrecognized("dân chủ ở cơ sở")) {
      try Citation(parsing: "dân chủ ở cơ sở")
    }
    #expect(CitationError.empty.description.hasPrefix("empty citation"))
  }
}
