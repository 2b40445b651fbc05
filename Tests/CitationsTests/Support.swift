import Citations
import Foundation
import VietText

/// The five seed texts and their hand-made gold annotation.
enum Seeds {
  /// The seed file names, without extension.
  static let names = [
    "000_2c65e7f53e3cbb00", "001_ba05320cfa27a912", "002_c2006f905afa915a",
    "003_ad70d050397d151c", "004_5eb50ab86d8b2fa5",
  ]

  /// The package root, found from this file's path.
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The raw text of a seed, from the package's `corpus/` folder.
  static func text(_ name: String) throws -> String {
    let url = packageRoot.appendingPathComponent("corpus").appendingPathComponent(name + ".txt")
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// The gold annotation of a seed, from the test bundle.
  static func gold(_ name: String) throws -> GoldFile {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "json", subdirectory: "Fixtures/gold")
    else { throw GoldError.missing(name) }
    return try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: url))
  }
}

/// A gold file could not be found.
enum GoldError: Error {
  case missing(String)
}

/// One gold file (see `Fixtures/gold/README.md`).
struct GoldFile: Decodable {
  var identity: GoldDocument
  var citations: [GoldCitation]

  enum CodingKeys: String, CodingKey {
    case identity = "self"
    case citations
  }
}

/// A document's own identity in the gold (`self`, and the forwarded `second_document`).
struct GoldDocument: Decodable {
  var type: String
  var number: String?
  var date: String?
  var secondDocument: GoldSecondDocument?

  enum CodingKeys: String, CodingKey {
    case type, number, date
    case secondDocument = "second_document"
  }
}

/// The forwarded document that seed 004 holds.
struct GoldSecondDocument: Decodable {
  var type: String
  var number: String?
  var date: String?
}

/// One gold citation.
struct GoldCitation: Decodable {
  var line: Int
  var col: Int
  var text: String
  var type: String
  var id: String
  var date: String?
  var relation: String
  var inFootnote: Bool

  enum CodingKeys: String, CodingKey {
    case line, col, text, type, id, date, relation
    case inFootnote = "in_footnote"
  }
}

/// A citation as the scoring sees it: its line and what identifies it.
struct ScoredCitation {
  var line: Int
  var citation: Citation
}

extension Citation {
  /// Whether this citation names the same document as a gold id: ids compared without case;
  /// `LAW:` ids match the law's name; `NAMED:` ids match without case and tone placement.
  func matches(goldID: String) -> Bool {
    func key(_ s: String) -> String { TonePlacement.canonical(s).lowercased() }
    if key(id) == key(goldID) { return true }
    if goldID.hasPrefix("LAW:"), let name {
      let law = DiacriticFolding.fold(String(goldID.dropFirst(4)))
      var mine = DiacriticFolding.fold(name)
      for prefix in ["bo luat ", "luat "] where mine.hasPrefix(prefix) {
        mine = String(mine.dropFirst(prefix.count))
        break
      }
      return mine == law
    }
    return false
  }
}

/// Precision and recall against the gold, with the misses listed.
struct GoldScore {
  var gold = 0
  var predicted = 0
  var matched = 0
  var datedGold = 0
  var datesRight = 0
  var basisGold = 0
  var basisRight = 0
  var misses: [String] = []
  var extras: [String] = []
  var wrongDates: [String] = []
  var wrongBasis: [String] = []
  var relationsRight = 0
  var footnotesRight = 0
  var otherDifferences: [String] = []

  var recall: Double { gold == 0 ? 1 : Double(matched) / Double(gold) }
  var precision: Double { predicted == 0 ? 1 : Double(matched) / Double(predicted) }
  var dateAccuracy: Double { datedGold == 0 ? 1 : Double(datesRight) / Double(datedGold) }

  /// Scores the citations of one file.
  mutating func add(file: String, gold: [GoldCitation], found: [ScoredCitation]) {
    self.gold += gold.count
    predicted += found.count
    var used = Array(repeating: false, count: found.count)
    for g in gold {
      var best: Int?
      for (index, f) in found.enumerated()
      where !used[index] && f.line == g.line && f.citation.matches(goldID: g.id) {
        best = index
        break
      }
      guard let index = best else {
        misses.append("\(file):\(g.line) \(g.id) «\(g.text)»")
        if g.date != nil { datedGold += 1 }
        if g.relation == "basis" {
          basisGold += 1
          wrongBasis.append("\(file):\(g.line) \(g.id) (missing)")
        }
        continue
      }
      used[index] = true
      matched += 1
      let c = found[index].citation
      if let date = g.date {
        datedGold += 1
        if c.date?.iso == date {
          datesRight += 1
        } else {
          wrongDates.append("\(file):\(g.line) \(g.id) gold \(date) got \(c.date?.iso ?? "nil")")
        }
      }
      if c.relation.rawValue == g.relation {
        relationsRight += 1
      } else {
        otherDifferences.append(
          "\(file):\(g.line) \(g.id) relation \(g.relation) got \(c.relation)")
      }
      if c.isFootnote == g.inFootnote {
        footnotesRight += 1
      } else {
        otherDifferences.append("\(file):\(g.line) \(g.id) footnote \(g.inFootnote)")
      }
      if g.relation == "basis" {
        basisGold += 1
        if c.relation == .basis {
          basisRight += 1
        } else {
          wrongBasis.append("\(file):\(g.line) \(g.id) got \(c.relation)")
        }
      }
    }
    for (index, f) in found.enumerated() where !used[index] {
      extras.append("\(file):\(f.line) \(f.citation.id)")
    }
  }
}

/// The citations of a seed with their 1-based lines, extracted from normalized text.
func scoredCitations(of normalized: NormalizedText) -> [ScoredCitation] {
  CitationExtractor().citations(in: normalized.text).map {
    ScoredCitation(line: normalized.location(of: $0.range.lowerBound).line, citation: $0)
  }
}
