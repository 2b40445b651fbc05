import Citations
import Testing

@testable import CitationGraph

@Suite("Graph lint")
struct GraphLintTests {
  private let date1998 = CitationDate(year: 1998, month: 2, day: 18)
  private let typo = CitationDate(year: 1998, month: 2, day: 19)

  @Test func findsEachKindOfProblemWhereItIs() throws {
    let graph = CitationGraph(documents: [
      summary(
        "a.txt", id: "1-NQ/TW", date: CitationDate(year: 2010, month: 1, day: 1),
        citations: [
          ("30-CT/TW", .directive, date1998, 3, false),
          ("30-CT/TW", .directive, date1998, 4, false),
          ("157/2007/NĐ-CP", .decree, nil, 5, true),
          ("99-CT/TW", .directive, CitationDate(year: 2012, month: 5, day: 5), 6, false),
          ("11-QĐi/TW", .regulation, nil, 7, false),
          ("11-QĐi/TW", .regulation, nil, 8, false),
        ]),
      summary(
        "b.txt", id: "2-NQ/TW",
        citations: [
          ("30-CT/TW", .directive, typo, 9, false), ("11-QĐ/TW", .regulation, nil, 10, false),
          ("7-CT/TU", .directive, nil, 11, false),
        ]),
    ])
    let findings = GraphLint.findings(graph)
    let summary = findings.map { "\($0.path):\($0.line) \($0.rule.rawValue)" }
    #expect(summary == [
      "a.txt:5 repaired-citation",
      "a.txt:6 dated-after-citing-document",
      "b.txt:9 conflicting-dates",
      "b.txt:10 near-duplicate-ids",
      "b.txt:11 unscoped-local-symbol",
    ])
    #expect(findings[2].message.contains("1998-02-19") && findings[2].message.contains("1998-02-18"))
    #expect(findings.allSatisfy { !$0.message.contains("\n") })
  }

  @Test func aCleanGraphHasNoFindings() {
    let graph = CitationGraph(documents: [
      summary("a.txt", id: "1-NQ/TW", province: "Hưng Yên", citations: [("7-CT/TU", .directive, nil, 3, false)])
    ])
    #expect(GraphLint.findings(graph).isEmpty)
  }
}
