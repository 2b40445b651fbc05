import Citations
import Corpus
import VietText

/// One document found by a search.
public struct SearchHit: Sendable {
  /// The document's id in the index.
  public var documentID: Int
  /// The stored record's header: path, identities, size, length. Its citations are not decoded
  /// (a search shows none); ``IndexReader/document(_:)`` gives them.
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
  /// The postings the search read, for its snippets.
  package var terms = TermCache()

  /// Results as given.
  public init(hits: [SearchHit], totalMatches: Int) {
    self.hits = hits
    self.totalMatches = totalMatches
  }
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
///
/// Matching reads only documents and frequencies (``TermPostings``), except for phrases, whose
/// positions are read in each document only up to the phrase's first occurrence: how often it
/// occurs is bounded (by its rarest word's count) until the document may rank. What needs
/// positions — a phrase's counts, the proximity boost — is computed for the best candidates
/// only: documents are visited by tier and bound, and the visit stops when the next one could
/// not enter the top `limit` even with the largest boost — the same results, score for score,
/// as counting and boosting every document (`SearcherReferenceTests`).
public struct Searcher: Sendable {
  /// The index searched.
  public let reader: IndexReader
  /// Ranking parameters.
  public var bm25 = BM25()

  /// The largest proximity factor (words side by side).
  static let maximumProximityBoost = 1.5

  /// A searcher over an open index.
  public init(reader: IndexReader) { self.reader = reader }

  /// Searches.
  ///
  /// - Parameters:
  ///   - query: The parsed query.
  ///   - limit: How many hits to return.
  ///   - exactOnly: Keep only exact-form occurrences (`--exact`).
  /// - Complexity: Proportional to the documents of the query's words, plus the positions of
  ///   phrase words and of the best candidates; not to the index.
  public func search(_ query: Query, limit: Int, exactOnly: Bool = false) throws(IndexError)
    -> SearchResults
  {
    var matcher = Matcher(reader: reader, bm25: bm25, exactOnly: exactOnly)
    let documentCount = reader.documentCount
    let lengths = try reader.documentLengths()
    let queryHasDiacritics = query.required.joined().contains { atom in
      atom.words.contains { DiacriticFolding.hasDiacritics($0) }
    }

    // Required clauses: a document must match each; its score sums over the atoms it matches.
    var score = [Double](repeating: 0, count: documentCount)
    var clausesMatched = [Int32](repeating: 0, count: documentCount)
    var allExact = [Bool](repeating: true, count: documentCount)
    var accumulator = ClauseAccumulator(documentCount: documentCount)
    var clauses: [[Matcher.AtomMatches]] = []
    for (number, clause) in query.required.enumerated() {
      var atoms: [Matcher.AtomMatches] = []
      for atom in clause {
        let matches = try matcher.match(atom)
        accumulator.add(
          matches, clause: Int32(number), bm25: bm25, lengths: lengths,
          averageLength: reader.averageLength, score: &score, clausesMatched: &clausesMatched)
        atoms.append(matches)
      }
      accumulator.endClause(Int32(number), allExact: &allExact)
      clauses.append(atoms)
    }

    // Candidates: every clause matched, no exclusion, the filters passed.
    let required = Int32(query.required.count)
    var excluded = [Bool](repeating: false, count: documentCount)
    for atom in query.excluded {
      for document in try matcher.match(atom).documents { excluded[Int(document)] = true }
    }
    var candidates: [UInt32] = []
    for d in 0..<documentCount where clausesMatched[d] == required && !excluded[d] {
      candidates.append(UInt32(d))
    }
    if !query.filters.isEmpty || !query.excludedFilters.isEmpty {
      var kept: [UInt32] = []
      // Only `cites:` needs a document's citations; the others read headers alone.
      let needsCitations = (query.filters + query.excludedFilters).contains { filter in
        if case .cites = filter { true } else { false }
      }
      let ids = candidates.map { Int($0) }
      let stored = needsCitations ? try reader.documents(ids) : []
      let fields =
        needsCitations
        ? stored.map { SearchFilterFields($0.summary.identities.first) }
        : try reader.searchFilterFields(ids)
      // Each `kind:` named resolved to its kinds once, not folded again per candidate.
      var kinds: [String: Set<DocumentKind>] = [:]
      for case .kind(let name) in query.filters + query.excludedFilters {
        kinds[name] = Set(DocumentKind.allCases.filter { DiacriticFolding.fold($0.rawValue) == name })
      }
      for (i, document) in candidates.enumerated() {
        let citations = needsCitations ? stored[i].summary.citations : []
        let isExcluded = query.excludedFilters.contains {
          passes([$0], fields[i], citations, kinds: kinds)
        }
        if !isExcluded && passes(query.filters, fields[i], citations, kinds: kinds) {
          kept.append(document)
        }
      }
      candidates = kept
    }

    // Rank: tier, then score, then id. A phrase's counts are bounds until the document is
    // resolved (its score and tier made exact); proximity is boosted only where it can change
    // the top. Documents are visited best bound first, and the visit stops when the next one
    // could not enter the top `limit` even with the largest boost.
    let isBounded = clauses.joined().contains { $0.isBounded }
    func tier(_ document: UInt32) -> Bool { queryHasDiacritics && allExact[Int(document)] }
    // The best `limit` by bound, then the others: the order among those does not matter.
    let first: [UInt32]
    if limit >= candidates.count / 8 {
      first = Array(
        candidates.sorted { a, b in
          let (tierA, tierB) = (tier(a), tier(b))
          if tierA != tierB { return tierA }
          if score[Int(a)] != score[Int(b)] { return score[Int(a)] > score[Int(b)] }
          return a < b
        }.prefix(limit))
    } else {
      var best = TopHits(limit: limit)
      for document in candidates {
        best.add(document: document, tier: tier(document), score: score[Int(document)])
      }
      first = best.entries.map(\.document)
    }
    var isFirst = [Bool](repeating: false, count: first.isEmpty ? 0 : documentCount)
    for document in first { isFirst[Int(document)] = true }
    var top = TopHits(limit: limit)
    let hasProximity = query.required.count > 1
    // A bound is a sum of the same terms as the score, each no smaller: a relative margin
    // covers the last bit of rounding.
    let largestFactor =
      (hasProximity ? Self.maximumProximityBoost : 1) * (isBounded ? 1 + 1e-9 : 1)
    func visit(_ document: UInt32) throws(IndexError) {
      var phraseStarts: [[[UInt32]?]] = []
      if isBounded {
        (score[Int(document)], allExact[Int(document)], phraseStarts) = try resolve(
          document, length: lengths[Int(document)], clauses: clauses, matcher: matcher)
      }
      let base = score[Int(document)]
      var final = base
      if hasProximity {
        let lists = try matcher.proximityPositions(
          document, clauses: clauses, phraseStarts: phraseStarts)
        if lists.count > 1 {
          let span = Self.smallestWindow(lists)
          let slack = Double(max(0, span - (lists.count - 1)))
          final = base * (1 + 0.5 / (1 + slack))
        }
      }
      top.add(document: document, tier: tier(document), score: final)
    }
    func mayEnter(_ document: UInt32) -> Bool {
      top.mayAdmit(tier: tier(document), bestScore: score[Int(document)] * largestFactor)
    }
    for document in first { try visit(document) }
    if hasProximity || isBounded {
      // The rest that could still pass, in id order so positions are read forward.
      for document in candidates where !isFirst[Int(document)] && mayEnter(document) {
        try visit(document)
      }
    }
    let entries = top.entries
    let documents = try reader.documentHeaders(entries.map { Int($0.document) })
    var hits: [SearchHit] = []
    for (entry, document) in zip(entries, documents) {
      hits.append(
        SearchHit(
          documentID: Int(entry.document), document: document, score: entry.score,
          isExactMatch: allExact[Int(entry.document)]))
    }
    var results = SearchResults(hits: hits, totalMatches: candidates.count)
    results.terms = matcher.terms
    return results
  }

  /// A document's exact score and whether it matched every clause in exact forms, summed as
  /// the first pass sums them, with its phrases' occurrences counted; and, per clause and atom,
  /// the starts of the phrases counted (for the proximity boost, which needs them too).
  private func resolve(
    _ document: UInt32, length: Int, clauses: [[Matcher.AtomMatches]], matcher: Matcher
  ) throws(IndexError) -> (score: Double, allExact: Bool, phraseStarts: [[[UInt32]?]]) {
    var score = 0.0
    var allExact = true
    var phraseStarts: [[[UInt32]?]] = clauses.map { Array(repeating: nil, count: $0.count) }
    for (c, atoms) in clauses.enumerated() {
      var clauseExact = false
      for (a, matches) in atoms.enumerated() {
        guard let k = Matcher.index(of: document, in: matches.documents) else { continue }
        var frequency = Int(matches.frequency[k])
        var exactFrequency = Int(matches.exactFrequency[k])
        if matches.isBounded {
          let counts = try matcher.phraseOccurrences(matches, in: document)
          (frequency, exactFrequency) = (Int(counts.frequency), Int(counts.exactFrequency))
          phraseStarts[c][a] = counts.starts
        }
        var atomScore = matches.idf * bm25.weight(
          frequency: frequency, length: length, averageLength: reader.averageLength)
        if matches.hasDiacritics {
          atomScore += 0.5 * matches.idf * bm25.weight(
            frequency: exactFrequency, length: length, averageLength: reader.averageLength)
        }
        score += atomScore
        if !matches.hasDiacritics || exactFrequency > 0 { clauseExact = true }
      }
      allExact = allExact && clauseExact
    }
    return (score, allExact, phraseStarts)
  }

  /// Whether a document passes every filter, given its first identity's fields and, when a
  /// `cites:` filter asks, its citations; `kinds` holds, per `kind:` name, the kinds whose
  /// folded name it is.
  private func passes(
    _ filters: [Query.Filter], _ identity: SearchFilterFields, _ citations: [LocatedCitation],
    kinds: [String: Set<DocumentKind>]
  ) -> Bool {
    for filter in filters {
      switch filter {
      case .kind(let kind):
        guard let documentKind = identity.kind, kinds[kind]?.contains(documentKind) == true else {
          return false
        }
      case .year(let year):
        guard identity.date?.year == year || identity.year == year else { return false }
      case .issuer(let issuer):
        guard let name = identity.issuer, DiacriticFolding.fold(name).contains(issuer) else {
          return false
        }
      case .cites(let id):
        let wanted = id.lowercased()
        guard citations.contains(where: { $0.citation.id.lowercased() == wanted })
        else { return false }
      }
    }
    return true
  }

  /// The smallest span of positions that holds one position from each list (lists sorted).
  static func smallestWindow(_ lists: [[UInt32]]) -> Int {
    guard !lists.isEmpty, lists.allSatisfy({ !$0.isEmpty }) else { return Int.max / 2 }
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

/// Sums the first pass's scores atom by atom (the hot loop of a search over common words): per
/// posting one BM25 weight, or two when the atom has diacritics, from each document's length
/// norm, computed the first time the document is seen (the same value as
/// ``BM25/weight(frequency:length:averageLength:)``, bit for bit, with one division instead of
/// two).
struct ClauseAccumulator {
  /// What the accumulator keeps of one document.
  private struct Document {
    /// Its BM25 length norm, or 0 until computed (a norm is 0 only for `b = 1` and an empty
    /// document, and is then just computed again).
    var norm = 0.0
    /// The last clause it matched, and the last clause it matched in exact forms.
    var clauseStamp: Int32 = -1
    var exactStamp: Int32 = -1
  }

  private var documents: [Document]
  /// The documents the current clause matched.
  private var touched: [UInt32] = []

  init(documentCount: Int) {
    documents = Array(repeating: Document(), count: documentCount)
  }

  /// Adds one atom of clause `clause`.
  ///
  /// The arrays written are written through buffers (an array's write checks that its storage is
  /// not shared, once a posting); the atom's are read by subscript.
  mutating func add(
    _ matches: Matcher.AtomMatches, clause stamp: Int32, bm25: BM25,
    lengths: IndexReader.DocumentLengths, averageLength: Double, score: inout [Double],
    clausesMatched: inout [Int32]
  ) {
    let idf = matches.idf
    let exactIDF = 0.5 * matches.idf
    let hasDiacritics = matches.hasDiacritics
    touched.reserveCapacity(touched.count + matches.documents.count)
    documents.withUnsafeMutableBufferPointer { documents in
      score.withUnsafeMutableBufferPointer { score in
        clausesMatched.withUnsafeMutableBufferPointer { clausesMatched in
          for (k, document) in matches.documents.enumerated() {
            let d = Int(document)
            var norm = documents[d].norm
            if norm == 0 {
              norm = bm25.norm(length: lengths[d], averageLength: averageLength)
              documents[d].norm = norm
            }
            let exactFrequency = hasDiacritics ? Int(matches.exactFrequency[k]) : 0
            var atomScore = idf * bm25.weight(frequency: Int(matches.frequency[k]), norm: norm)
            if hasDiacritics {
              atomScore += exactIDF * bm25.weight(frequency: exactFrequency, norm: norm)
            }
            score[d] += atomScore
            if documents[d].clauseStamp != stamp {
              documents[d].clauseStamp = stamp
              clausesMatched[d] &+= 1
              touched.append(document)
            }
            if !hasDiacritics || exactFrequency > 0 { documents[d].exactStamp = stamp }
          }
        }
      }
    }
  }

  /// Ends clause `clause`: a document it matched in no exact form is no longer all exact.
  mutating func endClause(_ stamp: Int32, allExact: inout [Bool]) {
    for document in touched where documents[Int(document)].exactStamp != stamp {
      allExact[Int(document)] = false
    }
    touched.removeAll(keepingCapacity: true)
  }
}
