import Citations
import Testing

@Suite("Citation parsing")
struct CitationParsingTests {
  @Test func rejectsEmptyQuery() {
    #expect(throws: CitationError.self) { try Citation(parsing: "  ") }
  }
}
