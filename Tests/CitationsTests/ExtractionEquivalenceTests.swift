import Citations
import Foundation
import Testing
import VietText

/// The fast scanner must read a text the same wherever it sits: the citations of pieces put
/// together are the citations of each piece, moved by the bytes before it. A fold or an index
/// that went wrong past a block, a buffer end or a line count would break this.
@Suite("Extraction equivalence")
struct ExtractionEquivalenceTests {
  /// The seeds, normalized as the corpus loader does.
  static func seeds() throws -> [String] {
    try Seeds.names.map { NormalizedText(original: try Seeds.text($0)).text }
  }

  /// `citation` moved `offset` bytes later.
  static func shifted(_ citation: Citation, by offset: Int) -> Citation {
    var c = citation
    c.range = (c.range.lowerBound + offset)..<(c.range.upperBound + offset)
    return c
  }

  /// The first place two citation lists differ, for a short failure message; `nil` when equal.
  static func firstDifference(_ a: [Citation], _ b: [Citation]) -> String? {
    for (index, (x, y)) in zip(a, b).enumerated() where x != y {
      return "citation \(index): \(x.id) at \(x.range) vs \(y.id) at \(y.range)"
    }
    return a.count == b.count ? nil : "\(a.count) citations vs \(b.count)"
  }

  @Test func concatenatedSeedsGiveEachSeedsCitations() throws {
    let seeds = try Self.seeds()
    let extractor = CitationExtractor()
    let alone = seeds.map { extractor.citations(in: $0) }
    let separator = "\n\n\n"
    for first in seeds.indices {
      for second in seeds.indices where second != first {
        let text = seeds[first] + separator + seeds[second]
        let offset = seeds[first].utf8.count + separator.utf8.count
        let expected = alone[first] + alone[second].map { Self.shifted($0, by: offset) }
        let found = extractor.citations(in: text)
        #expect(Self.firstDifference(found, expected) == nil, "seeds \(first) + \(second)")
      }
    }
  }

  @Test func aRepeatedSeedRepeatsItsCitations() throws {
    let extractor = CitationExtractor()
    for seed in try Self.seeds() {
      let piece = seed + "\n\n"
      let once = extractor.citations(in: piece)
      let copies = 7
      let found = extractor.citations(in: String(repeating: piece, count: copies))
      var expected: [Citation] = []
      for copy in 0..<copies {
        expected += once.map { Self.shifted($0, by: copy * piece.utf8.count) }
      }
      #expect(Self.firstDifference(found, expected) == nil)
    }
  }

  @Test func decomposedAndCRLFTextGivesTheSameCitations() throws {
    for name in Seeds.names {
      let original = try Seeds.text(name)
      let mutated = original.decomposedStringWithCanonicalMapping
        .replacingOccurrences(of: "\n", with: "\r\n")
      let a = CitationExtractor().citations(in: NormalizedText(original: original).text)
      let b = CitationExtractor().citations(in: NormalizedText(original: mutated).text)
      #expect(Self.firstDifference(a, b) == nil, "\(name)")
    }
  }
}
