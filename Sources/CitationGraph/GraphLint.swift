import Citations

/// A data problem a legal editor wants to know about.
public struct LintFinding: Hashable, Sendable {
  /// What kind of problem.
  public enum Rule: String, Hashable, Sendable, CaseIterable {
    /// One document cited with different dates: a typo somewhere.
    case conflictingDates = "conflicting-dates"
    /// A citation whose id was garbled and repaired.
    case repairedCitation = "repaired-citation"
    /// A citation dated after the document that cites it.
    case datedAfterCitingDocument = "dated-after-citing-document"
    /// A local symbol (TU, HU, UBND…) cited from a document whose province is unknown.
    case unscopedLocalSymbol = "unscoped-local-symbol"
    /// One document whose id is written two ways (QĐ/QĐi, letter case).
    case nearDuplicateIDs = "near-duplicate-ids"
  }

  /// The rule.
  public var rule: Rule
  /// The file.
  public var path: String
  /// The 1-based line.
  public var line: Int
  /// One sentence for people.
  public var message: String
}

/// Finds data problems in a citation graph.
public enum GraphLint {
  /// Every finding, sorted by path, line and rule.
  public static func findings(_ graph: CitationGraph) -> [LintFinding] {
    var findings: [LintFinding] = []
    var mentionsOf: [Int: [Mention]] = [:]
    for edge in graph.edges { mentionsOf[edge.to, default: []] += edge.mentions }

    for edge in graph.edges {
      let citing = graph.nodes[edge.from]
      let cited = graph.nodes[edge.to]
      for mention in edge.mentions {
        if let date = mention.date, let own = citing.date, date > own {
          findings.append(
            LintFinding(
              rule: .datedAfterCitingDocument, path: mention.path, line: mention.line,
              message: "\(cited.displayName) is cited with date \(date.iso), after this document's own date \(own.iso)"))
        }
        if mention.isRepaired {
          findings.append(
            LintFinding(
              rule: .repairedCitation, path: mention.path, line: mention.line,
              message: "garbled citation '\(mention.text)' was read as \(mention.citedID); check the source"))
        }
        if NodeKey.isLocal(id: mention.citedID), citing.province == nil {
          findings.append(
            LintFinding(
              rule: .unscopedLocalSymbol, path: mention.path, line: mention.line,
              message: "local symbol \(mention.citedID) is cited but this document's province could not be read, so it cannot be told from another province's \(mention.citedID)"))
        }
      }
    }

    for (node, mentions) in mentionsOf {
      let name = graph.nodes[node].displayName
      // Dates: the most common one is taken as right; each other is reported where it stands.
      let dated = mentions.compactMap { mention in mention.date.map { (mention, $0) } }
      let dateCounts = Dictionary(grouping: dated, by: { $0.1 }).mapValues(\.count)
      if dateCounts.count > 1, let usual = mostCommon(dateCounts) {
        for (mention, date) in dated where date != usual {
          findings.append(
            LintFinding(
              rule: .conflictingDates, path: mention.path, line: mention.line,
              message: "\(name) is dated \(date.iso) here but \(usual.iso) in \(dateCounts[usual] ?? 0) other citation\(dateCounts[usual] == 1 ? "" : "s")"))
        }
      }
      // Spellings of the id.
      let spellings = Dictionary(grouping: mentions, by: \.citedID).mapValues(\.count)
      if spellings.count > 1, let usual = mostCommon(spellings) {
        for mention in mentions where mention.citedID != usual {
          findings.append(
            LintFinding(
              rule: .nearDuplicateIDs, path: mention.path, line: mention.line,
              message: "\(mention.citedID) and \(usual) name the same document; \(usual) is used \(spellings[usual] ?? 0) time\(spellings[usual] == 1 ? "" : "s")"))
        }
      }
    }
    return findings.sorted {
      ($0.path, $0.line, $0.rule.rawValue, $0.message) < ($1.path, $1.line, $1.rule.rawValue, $1.message)
    }
  }

  /// The most common key; ties go to the smallest, so the result is stable.
  private static func mostCommon<Key: Comparable>(_ counts: [Key: Int]) -> Key? {
    counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
  }
}
