import Citations
import Corpus
import Foundation
import Testing

@testable import CitationGraph

@Suite("DOT writer")
struct DOTWriterTests {
  private static let canRender = dotPath != nil || ProcessInfo.processInfo.environment["CI"] != nil

  @Test(.enabled(if: canRender, "Graphviz is not installed (.ci/run installs it)"))
  func seedGraphRendersWithoutAnyGraphvizMessage() throws {
    let dot = DOTWriter().write(seedGraph)
    let result = try renderWithGraphviz(dot)
    #expect(result.status == 0)
    #expect(result.errors.isEmpty, "Graphviz said: \(result.errors)")
    #expect(String(decoding: result.output, as: UTF8.self).contains("<svg"))
  }

  @Test(.enabled(if: canRender, "Graphviz is not installed (.ci/run installs it)"))
  func hostileTitlesStillRender() throws {
    let hostile = "Về \"trích dẫn\" \\ gạch chéo\nxuống dòng <b>{}</b> ; -> } digraph { \u{1B}[31m"
    let graph = CitationGraph(documents: [
      summary("x\"y\\z.txt", id: "1-NQ/TW", title: hostile, citations: [("2-CT/TW", .directive, nil, 2, false)]),
      summary("b.txt", id: nil, title: hostile),
    ])
    let dot = DOTWriter().write(graph)
    #expect(!dot.contains("\u{1B}"))
    let result = try renderWithGraphviz(dot)
    #expect(result.status == 0)
    #expect(result.errors.isEmpty, "Graphviz said: \(result.errors)")
  }

  @Test func escapesEveryString() {
    #expect(DOTWriter.quoted("a\"b\\c\nd\te\u{7}") == "\"a\\\"b\\\\c\\nd e\"")
  }

  @Test func dropsFormatCharactersAndSpacesSeparators() {
    // Bidi override and isolate, zero-width space and joiner, BOM, tag; separators as spaces.
    let hostile = "49-NQ\u{202E}/TU\u{2066}\u{200B}\u{200D}\u{FEFF}\u{E0041} a\u{2028}b\u{2029}c"
    #expect(DOTWriter.quoted(hostile) == "\"49-NQ/TU a b c\"")
    #expect(DOTWriter.quoted("Đảng hyphen\u{AD}ation") == "\"Đảng hyphen\u{AD}ation\"")
  }

  @Test func neighbourhoodAndStableOutput() throws {
    let center = try #require(seedGraph.nodes(matching: try Citation(parsing: "49-NQ/TU")).first)
    let around = seedGraph.neighbourhood(of: [center], depth: 1)
    let dot = DOTWriter().write(seedGraph, subset: around, highlight: [center])
    #expect(dot == DOTWriter().write(CitationGraph(documents: seedSummaries.reversed()), subset: around, highlight: [center]))
    #expect(dot.contains("161-KH/ĐUK"))  // 002 cites it
    #expect(dot.contains("30-CT/TW"))  // it cites 30-CT/TW
    #expect(dot.contains("penwidth=2.5"))
    #expect(!dot.contains("1140/UBND-NCKS"))  // two steps away at least
    // Corpus documents are filled, cited-only ones are not.
    let filledLines = dot.split(separator: "\n").filter { $0.contains("filled") }
    #expect(filledLines.count == around.filter { seedGraph.nodes[$0].isInCorpus }.count)
  }
}
