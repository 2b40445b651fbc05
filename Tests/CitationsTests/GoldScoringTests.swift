import Citations
import Foundation
import Testing
import VietText

@Suite("Gold scoring")
struct GoldScoringTests {
  @Test func scoresAllSeedsAgainstTheGold() throws {
    var score = GoldScore()
    for name in Seeds.names {
      let normalized = NormalizedText(original: try Seeds.text(name))
      let gold = try Seeds.gold(name)
      score.add(
        file: String(name.prefix(3)), gold: gold.citations, found: scoredCitations(of: normalized))
    }
    print(
      """
      gold citations: \(score.gold), found: \(score.predicted), matched: \(score.matched)
      recall \(score.recall), precision \(score.precision), dates \(score.dateAccuracy) \
      (\(score.datesRight)/\(score.datedGold)), basis \(score.basisRight)/\(score.basisGold)
      """)
    print(
      "relations \(score.relationsRight)/\(score.matched), footnotes"
        + " \(score.footnotesRight)/\(score.matched) (informational)")
    for difference in score.otherDifferences { print("  note  \(difference)") }
    for miss in score.misses { print("  miss  \(miss)") }
    for extra in score.extras { print("  extra \(extra)") }
    for wrong in score.wrongDates { print("  date  \(wrong)") }
    for wrong in score.wrongBasis { print("  basis \(wrong)") }
    #expect(score.recall >= 0.98)
    #expect(score.precision >= 0.98)
    #expect(score.dateAccuracy >= 0.98)
    #expect(score.basisRight == score.basisGold)
  }

  @Test("Reads each seed's own identity as the gold states it", arguments: Seeds.names)
  func readsDocumentIdentities(name: String) throws {
    let normalized = NormalizedText(original: try Seeds.text(name))
    let documents = CitationExtractor().extract(from: normalized.text).documents
    let gold = try Seeds.gold(name).identity
    var expected = [(gold.type, gold.number, gold.date)]
    if let second = gold.secondDocument {
      expected.append((second.type, second.number, second.date))
    }
    #expect(documents.count == expected.count)
    for (document, (type, number, date)) in zip(documents, expected) {
      #expect(document.kind?.rawValue == type)
      #expect(document.id == number)
      #expect(document.date?.iso == date)
      #expect(document.province != nil)
    }
  }

  @Test("Upper and lower case give the same citations", arguments: Seeds.names)
  func caseDoesNotMatter(name: String) throws {
    let text = NormalizedText(original: try Seeds.text(name)).text
    let extractor = CitationExtractor()
    func ids(_ text: String) -> [String] {
      extractor.citations(in: text).map { DiacriticFolding.fold($0.id) }
    }
    #expect(ids(text.uppercased()) == ids(text))
    // In lower case, "Đại hội xiii" is not known to be a Roman numeral: named documents aside.
    let numbered = { (ids: [String]) in ids.filter { !$0.hasPrefix("named:") } }
    #expect(numbered(ids(text.lowercased())) == numbered(ids(text)))
  }

  @Test(arguments: Seeds.names)
  func nfdWithCRLFGivesTheSameLinesAndIDs(name: String) throws {
    let original = try Seeds.text(name)
    let nfd = original.decomposedStringWithCanonicalMapping
      .replacingOccurrences(of: "\n", with: "\r\n")
    let a = scoredCitations(of: NormalizedText(original: original)).map {
      "\($0.line) \($0.citation.id)"
    }
    let b = scoredCitations(of: NormalizedText(original: nfd)).map {
      "\($0.line) \($0.citation.id)"
    }
    #expect(a == b)
    #expect(!a.isEmpty)
  }
}
