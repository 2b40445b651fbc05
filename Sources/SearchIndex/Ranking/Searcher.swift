import Citations
import Corpus
import VietText

/// One document found by a search.
public struct SearchHit: Sendable {
  /// The document's id in the index.
  public var documentID: Int
  /// The stored record: path, identity, citations.
  public var document: StoredDocument
  /// BM25 with the exact-form and proximity boosts.
  public var score: Double
  /// Whether every term typed with diacritics matched in its exact form.
  public var isExactMatch: Bool
}

/// The results of a search.
public struct SearchResults: Sendable {
  /// The best documents, best first.
  public var hits: [SearchHit]
  /// How many documents matched in all.
  public var totalMatches: Int
}

/// Runs queries against an index.
///
/// Each query word is folded and looked up once; its postings give, per document, how often it
/// occurs and in which exact forms. Documents must match every required clause and no exclusion.
/// Ranking is BM25 over folded terms, with two refinements:
/// - **exact forms first**: when the query has diacritics, documents where every such word occurs
///   in its exact form (tone placement aside: `hoà` = `hòa`) rank above the others, and score an
///   extra half weight for exact occurrences; `--exact` keeps only those occurrences;
/// - **proximity**: the closer the query's words stand together, the higher (up to ×1.5).
/// Ties are broken by document id, so the order is deterministic.
public struct Searcher: Sendable {
  /// The index searched.
  public let reader: IndexReader
  /// Ranking parameters.
  public var bm25 = BM25()

  /// A searcher over an open index.
  public init(reader: IndexReader) { self.reader = reader }

  /// Per-document match of one atom.
  private struct AtomMatch {
    var frequency = 0
    var exactFrequency = 0
    var positions: [UInt32] = []
  }

  /// A query word, analyzed.
  private struct Word {
    var folded: [UInt8]
    var exact: [UInt8]
    var hasDiacritics: Bool
    var postings: PostingsList?
    var exactVariants: Set<UInt16>
  }

  /// Searches.
  ///
  /// - Parameters:
  ///   - query: The parsed query.
  ///   - limit: How many hits to return.
  ///   - exactOnly: Keep only exact-form occurrences (`--exact`).
  /// - Complexity: Proportional to the postings of the query's words, not to the index.
  public func search(_ query: Query, limit: Int, exactOnly: Bool = false) throws(IndexError)
    -> SearchResults
  {
    var cache: [[UInt8]: Word] = [:]
    let analyzer = Analyzer()
    func words(_ atom: Query.Atom) throws(IndexError) -> [Word] {
      var result: [Word] = []
      for text in atom.words {
        for (folded, exact) in analyzer.queryTerms(text) {
          let key = folded + [0] + exact
          if let word = cache[key] {
            result.append(word)
            continue
          }
          let postings = try reader.lookup(folded).map { entry throws(IndexError) in
            try reader.postings(entry)
          }
          var exactVariants = Set<UInt16>()
          if let postings {
            for (index, form) in postings.variants.enumerated() where form == exact {
              exactVariants.insert(UInt16(index))
            }
          }
          let word = Word(
            folded: folded, exact: exact, hasDiacritics: exact.contains { $0 >= 0x80 },
            postings: postings, exactVariants: exactVariants)
          cache[key] = word
          result.append(word)
        }
      }
      return result
    }

    // Match every atom.
    func match(_ atom: Query.Atom) throws(IndexError) -> (matches: [UInt32: AtomMatch], idf: Double, diacritics: Bool) {
      let atomWords = try words(atom)
      let idf = atomWords.reduce(0.0) { sum, word in
        sum + bm25.idf(
          documentFrequency: word.postings?.documents.count ?? 0, documentCount: reader.documentCount)
      }
      let diacritics = atomWords.contains { $0.hasDiacritics }
      return (matchWords(atomWords, exactOnly: exactOnly), idf, diacritics)
    }

    var candidates: [UInt32: Double]?
    var exactTier: [UInt32: Bool] = [:]
    var positionsForProximity: [UInt32: [[UInt32]]] = [:]
    let queryHasDiacritics = query.required.joined().contains { atom in
      atom.words.contains { DiacriticFolding.hasDiacritics($0) }
    }
    for clause in query.required {
      var clauseScores: [UInt32: Double] = [:]
      var clauseExact: [UInt32: Bool] = [:]
      var clausePositions: [UInt32: [UInt32]] = [:]
      for atom in clause {
        let (matches, idf, diacritics) = try match(atom)
        for (document, found) in matches {
          let length = try reader.documentLength(Int(document))
          var score = idf * bm25.weight(
            frequency: found.frequency, length: length, averageLength: reader.averageLength)
          if diacritics {
            score += 0.5 * idf * bm25.weight(
              frequency: found.exactFrequency, length: length, averageLength: reader.averageLength)
          }
          clauseScores[document, default: 0] += score
          let exact = !diacritics || found.exactFrequency > 0
          clauseExact[document] = (clauseExact[document] ?? false) || exact
          clausePositions[document, default: []] += found.positions
        }
      }
      if let previous = candidates {
        var next: [UInt32: Double] = [:]
        for (document, score) in previous {
          if let more = clauseScores[document] { next[document] = score + more }
        }
        candidates = next
      } else {
        candidates = clauseScores
      }
      for (document, exact) in clauseExact {
        exactTier[document] = (exactTier[document] ?? true) && exact
        positionsForProximity[document, default: []].append(
          (clausePositions[document] ?? []).sorted())
      }
    }
    var scores: [UInt32: Double]
    if let candidates {
      scores = candidates
    } else {
      scores = [:]  // filters only: every document is a candidate
      for document in 0..<reader.documentCount { scores[UInt32(document)] = 0 }
    }
    for atom in query.excluded {
      for document in try match(atom).matches.keys { scores[document] = nil }
    }
    if !query.filters.isEmpty || !query.excludedFilters.isEmpty {
      for document in Array(scores.keys) {
        let stored = try reader.document(Int(document))
        let excluded = query.excludedFilters.contains { passes([$0], stored) }
        if excluded || !passes(query.filters, stored) { scores[document] = nil }
      }
    }
    // Proximity: the smallest window holding one occurrence of each clause.
    if query.required.count > 1 {
      for (document, score) in scores {
        guard let lists = positionsForProximity[document], lists.count > 1 else { continue }
        let span = Self.smallestWindow(lists)
        let slack = Double(max(0, span - (lists.count - 1)))
        scores[document] = score * (1 + 0.5 / (1 + slack))
      }
    }
    let ranked = scores.sorted { a, b in
      let tierA = queryHasDiacritics && (exactTier[a.key] ?? false)
      let tierB = queryHasDiacritics && (exactTier[b.key] ?? false)
      if tierA != tierB { return tierA }
      if a.value != b.value { return a.value > b.value }
      return a.key < b.key
    }
    var hits: [SearchHit] = []
    for (document, score) in ranked.prefix(limit) {
      hits.append(
        SearchHit(
          documentID: Int(document), document: try reader.document(Int(document)), score: score,
          isExactMatch: exactTier[document] ?? false))
    }
    return SearchResults(hits: hits, totalMatches: scores.count)
  }

  /// Documents where the words occur (one word) or stand in sequence (a phrase).
  private func matchWords(_ words: [Searcher.Word], exactOnly: Bool) -> [UInt32: AtomMatch] {
    guard let first = words.first, let firstPostings = first.postings else { return [:] }
    var result: [UInt32: AtomMatch] = [:]
    if words.count == 1 {
      for index in firstPostings.documents.indices {
        var found = AtomMatch()
        for k in firstPostings.occurrences(index) {
          let exact = first.exactVariants.contains(firstPostings.variantOfOccurrence[k])
          if exactOnly && !exact { continue }
          found.frequency += 1
          if exact { found.exactFrequency += 1 }
          found.positions.append(firstPostings.positions[k])
        }
        if found.frequency > 0 { result[firstPostings.documents[index]] = found }
      }
      return result
    }
    // A phrase: every word's postings, positions by document.
    var lists: [PostingsList] = []
    for word in words {
      guard let postings = word.postings else { return [:] }
      lists.append(postings)
    }
    var documentIndex = lists.map { _ in 0 }
    for (firstIndex, document) in firstPostings.documents.enumerated() {
      // Find the document in every other list (documents ascend).
      var indices = [firstIndex]
      var present = true
      for w in 1..<lists.count {
        let documents = lists[w].documents
        while documentIndex[w] < documents.count, documents[documentIndex[w]] < document {
          documentIndex[w] += 1
        }
        guard documentIndex[w] < documents.count, documents[documentIndex[w]] == document else {
          present = false
          break
        }
        indices.append(documentIndex[w])
      }
      guard present else { continue }
      // Occurrences of each word in this document: position → exact?
      var found = AtomMatch()
      let firstRange = lists[0].occurrences(indices[0])
      for k in firstRange {
        let start = lists[0].positions[k]
        var allExact = words[0].exactVariants.contains(lists[0].variantOfOccurrence[k])
        var matched = true
        for w in 1..<lists.count {
          let range = lists[w].occurrences(indices[w])
          let target = start &+ UInt32(w)
          guard let hit = range.first(where: { lists[w].positions[$0] == target }) else {
            matched = false
            break
          }
          allExact = allExact && words[w].exactVariants.contains(lists[w].variantOfOccurrence[hit])
        }
        guard matched, !exactOnly || allExact else { continue }
        found.frequency += 1
        if allExact { found.exactFrequency += 1 }
        found.positions.append(start)
      }
      if found.frequency > 0 { result[document] = found }
    }
    return result
  }

  private func passes(_ filters: [Query.Filter], _ document: StoredDocument) -> Bool {
    let identity = document.summary.identities.first
    for filter in filters {
      switch filter {
      case .kind(let kind):
        guard let name = identity?.kind?.rawValue, DiacriticFolding.fold(name) == kind else {
          return false
        }
      case .year(let year):
        guard identity?.date?.year == year || identity?.year == year else { return false }
      case .issuer(let issuer):
        guard let name = identity?.issuer, DiacriticFolding.fold(name).contains(issuer) else {
          return false
        }
      case .cites(let id):
        let wanted = id.lowercased()
        guard document.summary.citations.contains(where: { $0.citation.id.lowercased() == wanted })
        else { return false }
      }
    }
    return true
  }

  /// The smallest span of positions that holds one position from each list (lists sorted).
  static func smallestWindow(_ lists: [[UInt32]]) -> Int {
    guard lists.allSatisfy({ !$0.isEmpty }) else { return Int.max / 2 }
    var cursors = lists.map { _ in 0 }
    var best = Int.max
    while true {
      var low = 0
      var lowValue = UInt32.max
      var highValue: UInt32 = 0
      for (i, list) in lists.enumerated() {
        let value = list[cursors[i]]
        if value < lowValue {
          lowValue = value
          low = i
        }
        highValue = max(highValue, value)
      }
      best = min(best, Int(highValue - lowValue))
      cursors[low] += 1
      if cursors[low] == lists[low].count { return best }
    }
  }
}
