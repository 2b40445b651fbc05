import VietText

/// Finds, for one query atom (a word or a phrase), the documents it matches and how often, in
/// all forms and in its exact form; and, on demand, where — for the proximity boost.
///
/// Each query word is looked up and its documents decoded once per search.
struct Matcher {
  let reader: IndexReader
  let bm25: BM25
  let exactOnly: Bool
  private var cache: [[UInt8]: Word] = [:]
  private let analyzer = Analyzer()

  init(reader: IndexReader, bm25: BM25, exactOnly: Bool) {
    self.reader = reader
    self.bm25 = bm25
    self.exactOnly = exactOnly
  }

  /// A query word, analyzed, with its postings.
  struct Word {
    var documentFrequency: Int
    var hasDiacritics: Bool
    var postings: TermPostings?
    /// Per exact form of the term, whether it is the form typed.
    var isExactForm: [Bool]

    /// The forms an occurrence may take: all, or the exact one only.
    func usedVariants(exactOnly: Bool) -> [Int] {
      isExactForm.indices.filter { !exactOnly || isExactForm[$0] }
    }
  }

  /// The documents an atom matches, ascending, with per-document counts.
  struct AtomMatches {
    var words: [Word]
    var isPhrase: Bool
    var idf: Double
    var hasDiacritics: Bool
    var documents: [UInt32] = []
    var frequency: [Int32] = []
    var exactFrequency: [Int32] = []
    /// For a phrase: where it starts in each matched document (same order as `documents`).
    var phraseStarts: [[UInt32]] = []
  }

  mutating func match(_ atom: Query.Atom) throws(IndexError) -> AtomMatches {
    var atomWords: [Word] = []
    for text in atom.words {
      for (folded, exact) in analyzer.queryTerms(text) {
        atomWords.append(try word(folded: folded, exact: exact))
      }
    }
    let idf = atomWords.reduce(0.0) { sum, word in
      sum + bm25.idf(documentFrequency: word.documentFrequency, documentCount: reader.documentCount)
    }
    var matches = AtomMatches(
      words: atomWords, isPhrase: atomWords.count > 1, idf: idf,
      hasDiacritics: atomWords.contains { $0.hasDiacritics })
    if atomWords.count == 1 {
      matchWord(atomWords[0], into: &matches)
    } else if !atomWords.isEmpty {
      try matchPhrase(atomWords, into: &matches)
    }
    return matches
  }

  private mutating func word(folded: [UInt8], exact: [UInt8]) throws(IndexError) -> Word {
    let key = folded + [0] + exact
    if let word = cache[key] { return word }
    var word = Word(
      documentFrequency: 0, hasDiacritics: exact.contains { $0 >= 0x80 }, postings: nil,
      isExactForm: [])
    if let entry = try reader.lookup(folded) {
      let postings = try reader.termPostings(entry)
      word.documentFrequency = entry.documentFrequency
      word.postings = postings
      word.isExactForm = postings.variants.map { $0.form == exact }
    }
    cache[key] = word
    return word
  }

  /// One word: its forms' documents merged, frequencies summed.
  private func matchWord(_ word: Word, into matches: inout AtomMatches) {
    guard let postings = word.postings else { return }
    let used = word.usedVariants(exactOnly: exactOnly)
    if used.count == 1 {
      let variant = postings.variants[used[0]]
      matches.documents = variant.documents
      matches.frequency = variant.frequencies.map { Int32(clamping: $0) }
      matches.exactFrequency = word.isExactForm[used[0]] ? matches.frequency : Array(repeating: 0, count: variant.documents.count)
      return
    }
    // Several forms: add into dense counters, then collect the touched documents in order.
    var frequency = [Int32](repeating: 0, count: reader.documentCount)
    var exact = [Int32](repeating: 0, count: reader.documentCount)
    var touched: [UInt32] = []
    for v in used {
      let variant = postings.variants[v]
      for (k, document) in variant.documents.enumerated() {
        let d = Int(document)
        if frequency[d] == 0 { touched.append(document) }
        frequency[d] += Int32(clamping: variant.frequencies[k])
        if word.isExactForm[v] { exact[d] += Int32(clamping: variant.frequencies[k]) }
      }
    }
    touched.sort()
    matches.documents = touched
    matches.frequency = touched.map { frequency[Int($0)] }
    matches.exactFrequency = touched.map { exact[Int($0)] }
  }

  /// A phrase: documents holding every word, then positions checked in those only.
  private func matchPhrase(_ words: [Word], into matches: inout AtomMatches) throws(IndexError) {
    var postings: [TermPostings] = []
    for word in words {
      guard let list = word.postings else { return }
      postings.append(list)
    }
    // Documents with every word, in any used form.
    var seen = [Int32](repeating: 0, count: reader.documentCount)
    for (w, word) in words.enumerated() {
      for v in word.usedVariants(exactOnly: exactOnly) {
        for document in postings[w].variants[v].documents where seen[Int(document)] == Int32(w) {
          seen[Int(document)] = Int32(w + 1)
        }
      }
    }
    // Per word, per used form: its documents, its exactness, and a cursor into the documents.
    let used = words.map { $0.usedVariants(exactOnly: exactOnly) }
    let documentLists = (0..<words.count).map { w in used[w].map { postings[w].variants[$0].documents } }
    let exactness = (0..<words.count).map { w in used[w].map { words[w].isExactForm[$0] } }
    var cursors = used.map { forms in forms.map { _ in 0 } }
    var occurrences: [[(position: UInt32, exact: Bool)]] = words.map { _ in [] }
    var scratch: [UInt32] = []
    for d in 0..<reader.documentCount where seen[d] == Int32(words.count) {
      let document = UInt32(d)
      // Each word's occurrences in this document, from every used form, by position.
      for w in 0..<words.count {
        occurrences[w].removeAll(keepingCapacity: true)
        var forms = 0
        for f in 0..<used[w].count {
          let documents = documentLists[w][f]
          var k = cursors[w][f]
          while k < documents.count, documents[k] < document { k += 1 }
          cursors[w][f] = k
          guard k < documents.count, documents[k] == document else { continue }
          scratch.removeAll(keepingCapacity: true)
          try postings[w].positions(variant: used[w][f], index: k, into: &scratch)
          let exact = exactness[w][f]
          for position in scratch { occurrences[w].append((position, exact)) }
          forms += 1
        }
        // One form's positions already ascend; several must be merged.
        if forms > 1 { occurrences[w].sort { $0.position < $1.position } }
      }
      var frequency: Int32 = 0
      var exactFrequency: Int32 = 0
      var starts: [UInt32] = []
      var pointers = words.map { _ in 0 }
      for first in occurrences[0] {
        var allExact = first.exact
        var matched = true
        for w in 1..<words.count {
          let target = first.position &+ UInt32(w)
          let list = occurrences[w]
          var p = pointers[w]
          while p < list.count, list[p].position < target { p += 1 }
          pointers[w] = p
          guard p < list.count, list[p].position == target else {
            matched = false
            break
          }
          allExact = allExact && list[p].exact
        }
        guard matched else { continue }
        frequency += 1
        if allExact { exactFrequency += 1 }
        starts.append(first.position)
      }
      guard frequency > 0 else { continue }
      matches.documents.append(document)
      matches.frequency.append(frequency)
      matches.exactFrequency.append(exactFrequency)
      matches.phraseStarts.append(starts)
    }
  }

  /// Per clause, the sorted positions where its matched atoms occur in `document`.
  func proximityPositions(_ document: UInt32, clauses: [[AtomMatches]]) throws(IndexError)
    -> [[UInt32]]
  {
    var lists: [[UInt32]] = []
    for clause in clauses {
      var positions: [UInt32] = []
      for atom in clause {
        guard let k = Self.index(of: document, in: atom.documents) else { continue }
        if atom.isPhrase {
          positions += atom.phraseStarts[k]
        } else if let word = atom.words.first, let postings = word.postings {
          for v in word.usedVariants(exactOnly: exactOnly) {
            if let i = Self.index(of: document, in: postings.variants[v].documents) {
              try postings.positions(variant: v, index: i, into: &positions)
            }
          }
        }
      }
      lists.append(positions.sorted())
    }
    return lists
  }

  /// Binary search in ascending document ids.
  static func index(of document: UInt32, in documents: [UInt32]) -> Int? {
    var low = 0
    var high = documents.count
    while low < high {
      let middle = (low + high) / 2
      if documents[middle] < document { low = middle + 1 } else { high = middle }
    }
    return low < documents.count && documents[low] == document ? low : nil
  }
}

/// The best `limit` documents seen so far, by tier, then score, then id.
struct TopHits {
  struct Entry {
    var document: UInt32
    var tier: Bool
    var score: Double
  }

  let limit: Int
  private(set) var entries: [Entry] = []

  init(limit: Int) { self.limit = max(0, limit) }

  private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
    if a.tier != b.tier { return a.tier }
    if a.score != b.score { return a.score > b.score }
    return a.document < b.document
  }

  /// Whether a document of this tier scoring at most `bestScore` could still enter.
  func mayAdmit(tier: Bool, bestScore: Double) -> Bool {
    guard entries.count >= limit else { return true }
    guard let last = entries.last else { return false }
    if last.tier != tier { return tier }
    return bestScore >= last.score
  }

  mutating func add(document: UInt32, tier: Bool, score: Double) {
    let entry = Entry(document: document, tier: tier, score: score)
    let index = entries.firstIndex { Self.precedes(entry, $0) } ?? entries.count
    guard index < limit else { return }
    entries.insert(entry, at: index)
    if entries.count > limit { entries.removeLast() }
  }
}
