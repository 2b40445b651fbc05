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
  /// The terms read, handed on with the results for the snippets.
  let terms = TermCache()
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
    /// For a phrase: its words' forms, to count its occurrences in a document.
    var phrase: PhraseForms?
    /// Whether `frequency` and `exactFrequency` are upper bounds (a phrase's), not counts.
    var isBounded = false
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
    if let postings = try terms.postings(folded, in: reader) {
      word.documentFrequency = postings.documentFrequency
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
    let documentCount = reader.documentCount
    var frequency = [Int32](repeating: 0, count: documentCount)
    let anyExact = used.contains { word.isExactForm[$0] }
    var exact = [Int32](repeating: 0, count: anyExact ? documentCount : 0)
    // A document is collected the first time one of its forms adds to it (frequencies are at
    // least 1), and the decoder checked that a form's documents ascend below `documentCount`:
    // at most `min(postingCount, documentCount)` of them.
    let postingCount = used.reduce(0) { $0 + postings.variants[$1].documents.count }
    var touchedCount = 0
    var touched = [UInt32](unsafeUninitializedCapacity: min(postingCount, documentCount)) {
      touched, initialized in
      frequency.withUnsafeMutableBufferPointer { frequency in
        exact.withUnsafeMutableBufferPointer { exact in
          for v in used {
            let isExact = word.isExactForm[v]
            postings.variants[v].documents.withUnsafeBufferPointer { documents in
              postings.variants[v].frequencies.withUnsafeBufferPointer { frequencies in
                for k in documents.indices {
                  let d = Int(documents[k])
                  let added = Int64(frequencies[k])
                  if frequency[d] == 0 {
                    touched[touchedCount] = documents[k]
                    touchedCount &+= 1
                  }
                  frequency[d] = Int32(clamping: Int64(frequency[d]) &+ added)
                  if isExact { exact[d] = Int32(clamping: Int64(exact[d]) &+ added) }
                }
              }
            }
          }
        }
      }
      initialized = touchedCount
    }
    // Most documents touched: collecting them in order beats sorting them.
    if touched.count > documentCount / 16 {
      touched.withUnsafeMutableBufferPointer { touched in
        frequency.withUnsafeBufferPointer { frequency in
          var n = 0
          for d in 0..<documentCount where frequency[d] > 0 {
            touched[n] = UInt32(truncatingIfNeeded: d)
            n &+= 1
          }
        }
      }
    } else {
      touched.sort()
    }
    matches.documents = touched
    matches.frequency = Self.gather(frequency, at: touched)
    matches.exactFrequency =
      anyExact ? Self.gather(exact, at: touched) : Array(repeating: 0, count: touched.count)
  }

  /// `values[documents[i]]` for each `i`.
  private static func gather(_ values: [Int32], at documents: [UInt32]) -> [Int32] {
    [Int32](unsafeUninitializedCapacity: documents.count) { output, initialized in
      values.withUnsafeBufferPointer { values in
        documents.withUnsafeBufferPointer { documents in
          for i in documents.indices { output[i] = values[Int(documents[i])] }
        }
      }
      initialized = documents.count
    }
  }

  /// A phrase: the documents where it occurs, each left at its first occurrence.
  ///
  /// Of these documents only a few can rank, so `frequency` and `exactFrequency` are bounds
  /// here — the fewest occurrences of a word, and of a word in an exact form — and
  /// `isBounded` is set: ``phraseOccurrences(_:in:)`` gives the counts of a document that may
  /// rank. The first occurrence is found by leapfrogging: each word, the rarest in the document
  /// first, reads its positions up to where the phrase would put it, and a word found further
  /// on moves the phrase's start there.
  private func matchPhrase(_ words: [Word], into matches: inout AtomMatches) throws(IndexError) {
    guard let phrase = PhraseForms(words: words, exactOnly: exactOnly) else { return }
    matches.phrase = phrase
    matches.isBounded = true
    let forms = phrase.forms
    let formsStart = phrase.formsStart
    // Documents with every word, in any used form.
    var seen = [Int32](repeating: 0, count: reader.documentCount)
    for w in 0..<words.count {
      for f in formsStart[w]..<formsStart[w &+ 1] {
        for document in forms[f].documents where seen[Int(document)] == Int32(w) {
          seen[Int(document)] = Int32(w + 1)
        }
      }
    }
    var cursors = [Int](repeating: 0, count: forms.count)
    var present = [Int](repeating: -1, count: forms.count)
    var counts = [Int](repeating: 0, count: words.count)
    var exactCounts = [Int](repeating: 0, count: words.count)
    var order = [Int](repeating: 0, count: words.count)
    // Per form, its positions in the document and the one it stands at (`UInt64.max`: none left).
    var streams: [PositionStream?] = Array(repeating: nil, count: forms.count)
    var current = [UInt64](repeating: 0, count: forms.count)
    for d in 0..<reader.documentCount where seen[d] == Int32(words.count) {
      let document = UInt32(d)
      for w in 0..<words.count {
        counts[w] = 0
        exactCounts[w] = 0
      }
      for f in 0..<forms.count {
        var k = cursors[f]
        let documents = forms[f].documents
        while k < documents.count, documents[k] < document { k &+= 1 }
        cursors[f] = k
        if k < documents.count, documents[k] == document {
          present[f] = k
          let frequency = Int(forms[f].frequencies[k])
          counts[forms[f].word] &+= frequency
          if forms[f].isExact { exactCounts[forms[f].word] &+= frequency }
        } else {
          present[f] = -1
        }
      }
      Self.sortByCount(&order, counts)
      for f in 0..<forms.count {
        streams[f] = nil
        guard present[f] >= 0 else { continue }
        var stream = try phrase.postings[forms[f].word].positionStream(
          variant: forms[f].variant, index: present[f])
        current[f] = stream.next().map(UInt64.init) ?? .max
        streams[f] = stream
      }
      // Leapfrog: `start` is where the phrase would begin; `agreed` words in a row stand there.
      var start: UInt64 = 0
      var agreed = 0
      var turn = 0
      var found = false
      while true {
        let w = order[turn]
        let target = start &+ UInt64(w)
        var value = UInt64.max
        for f in formsStart[w]..<formsStart[w &+ 1] where present[f] >= 0 {
          while current[f] < target {
            current[f] = streams[f]?.next().map(UInt64.init) ?? .max
          }
          value = min(value, current[f])
        }
        guard value != .max else { break }
        if value == target {
          agreed &+= 1
          if agreed == words.count {
            found = true
            break
          }
        } else {
          start = value &- UInt64(w)
          agreed = 1
        }
        turn = turn &+ 1 == words.count ? 0 : turn &+ 1
      }
      for f in 0..<forms.count {
        if let damage = streams[f]?.damage { throw .damaged(path: reader.path, detail: damage) }
      }
      guard found else { continue }
      matches.documents.append(document)
      matches.frequency.append(Int32(clamping: counts[order[0]]))
      matches.exactFrequency.append(Int32(clamping: exactCounts.min() ?? 0))
    }
  }

  /// Sorts word indices by their count, fewest first (ties by place in the phrase).
  private static func sortByCount(_ order: inout [Int], _ counts: [Int]) {
    for w in 0..<counts.count {
      var i = w
      while i > 0, counts[order[i &- 1]] > counts[w] {
        order[i] = order[i &- 1]
        i &-= 1
      }
      order[i] = w
    }
  }

  /// How often a phrase matched by ``match(_:)`` occurs in `document`, in all and with every
  /// word in its exact form, and where it starts.
  ///
  /// In the document, the candidate starts come from the word with the fewest occurrences
  /// there, and each other word, rarest first, keeps the candidates it continues: sorted lists
  /// intersected in step, one used form at a time (a position holds one form), without sorting
  /// merged occurrences and without decoding the words left once no candidate remains.
  func phraseOccurrences(_ atom: AtomMatches, in document: UInt32) throws(IndexError)
    -> (frequency: Int32, exactFrequency: Int32, starts: [UInt32])
  {
    guard let phrase = atom.phrase else { return (0, 0, []) }
    let forms = phrase.forms
    let formsStart = phrase.formsStart
    let wordCount = formsStart.count - 1
    var present = [Int](repeating: -1, count: forms.count)
    var counts = [Int](repeating: 0, count: wordCount)
    for f in 0..<forms.count {
      if let k = Self.index(of: document, in: forms[f].documents) {
        present[f] = k
        counts[forms[f].word] &+= Int(forms[f].frequencies[k])
      }
    }
    var order = [Int](repeating: 0, count: wordCount)
    Self.sortByCount(&order, counts)
    // Candidates as `start << 1 | exact`, ascending.
    var candidates: [UInt64] = []
    var scratch: [UInt32] = []
    var kept: [Bool] = []
    let pivot = order[0]
    var pivotForms = 0
    for f in formsStart[pivot]..<formsStart[pivot &+ 1] where present[f] >= 0 {
      scratch.removeAll(keepingCapacity: true)
      try phrase.postings[pivot].positions(
        variant: forms[f].variant, index: present[f], into: &scratch)
      let exactBit: UInt64 = forms[f].isExact ? 1 : 0
      for position in scratch where position >= UInt32(pivot) {
        candidates.append(UInt64(position &- UInt32(pivot)) &<< 1 | exactBit)
      }
      pivotForms &+= 1
    }
    // One form's positions already ascend; several must be merged (starts are distinct).
    if pivotForms > 1 { candidates.sort() }
    for rank in 1..<wordCount {
      guard !candidates.isEmpty else { break }
      let w = order[rank]
      kept.removeAll(keepingCapacity: true)
      kept.append(contentsOf: repeatElement(false, count: candidates.count))
      for f in formsStart[w]..<formsStart[w &+ 1] where present[f] >= 0 {
        scratch.removeAll(keepingCapacity: true)
        try phrase.postings[w].positions(variant: forms[f].variant, index: present[f], into: &scratch)
        let isExact = forms[f].isExact
        var i = 0
        var j = 0
        while i < candidates.count, j < scratch.count {
          let target = (candidates[i] &>> 1) &+ UInt64(w)
          let position = UInt64(scratch[j])
          if target < position {
            i &+= 1
          } else if target > position {
            j = Self.firstIndex(in: scratch, from: j &+ 1, atLeast: target)
          } else {
            kept[i] = true
            if !isExact { candidates[i] &= ~1 }
            i &+= 1
            j &+= 1
          }
        }
      }
      var count = 0
      for i in 0..<candidates.count where kept[i] {
        candidates[count] = candidates[i]
        count &+= 1
      }
      candidates.removeLast(candidates.count &- count)
    }
    var exactFrequency: Int32 = 0
    var starts: [UInt32] = []
    starts.reserveCapacity(candidates.count)
    for candidate in candidates {
      exactFrequency &+= Int32(candidate & 1)
      starts.append(UInt32(truncatingIfNeeded: candidate &>> 1))
    }
    return (Int32(candidates.count), exactFrequency, starts)
  }

  /// The first index at or after `start` whose value is at least `target` (`values.count` if
  /// none), by galloping: a word's positions are often far denser than the candidates.
  @inline(__always)
  private static func firstIndex(in values: [UInt32], from start: Int, atLeast target: UInt64)
    -> Int
  {
    var low = start
    var step = 1
    var high = start
    while high < values.count, UInt64(values[high]) < target {
      low = high &+ 1
      high &+= step
      step &<<= 1
    }
    high = min(high, values.count)
    while low < high {
      let middle = (low &+ high) &>> 1
      if UInt64(values[middle]) < target { low = middle &+ 1 } else { high = middle }
    }
    return low
  }

  /// The used forms of every word of a phrase, flat: each with its word, variant, exactness
  /// and documents; word `w`'s are `forms[formsStart[w]..<formsStart[w + 1]]`.
  struct PhraseForms {
    struct Form {
      var word: Int
      var variant: Int
      var isExact: Bool
      var documents: [UInt32]
      var frequencies: [UInt32]
    }

    var postings: [TermPostings] = []
    var forms: [Form] = []
    var formsStart = [0]

    /// Nil when a word is not in the index.
    init?(words: [Word], exactOnly: Bool) {
      for (w, word) in words.enumerated() {
        guard let list = word.postings else { return nil }
        postings.append(list)
        for v in word.usedVariants(exactOnly: exactOnly) {
          let variant = list.variants[v]
          forms.append(
            Form(
              word: w, variant: v, isExact: word.isExactForm[v], documents: variant.documents,
              frequencies: variant.frequencies))
        }
        formsStart.append(forms.count)
      }
    }
  }

  /// Per clause, the sorted positions where its matched atoms occur in `document`.
  ///
  /// - Parameter phraseStarts: Per clause and atom, a phrase's starts in `document` when they
  ///   were found already (counting its occurrences finds them): they are not read again.
  func proximityPositions(
    _ document: UInt32, clauses: [[AtomMatches]], phraseStarts: [[[UInt32]?]] = []
  ) throws(IndexError) -> [[UInt32]] {
    var lists: [[UInt32]] = []
    for (c, clause) in clauses.enumerated() {
      var positions: [UInt32] = []
      for (a, atom) in clause.enumerated() {
        guard Self.index(of: document, in: atom.documents) != nil else { continue }
        if c < phraseStarts.count, let starts = phraseStarts[c][a] {
          positions += starts
        } else if atom.isPhrase {
          positions += try phraseOccurrences(atom, in: document).starts
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
    documents.sortedIndex(of: document)
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
    if entries.count >= limit {
      guard let last = entries.last, Self.precedes(entry, last) else { return }
    }
    let index = entries.firstIndex { Self.precedes(entry, $0) } ?? entries.count
    guard index < limit else { return }
    entries.insert(entry, at: index)
    if entries.count > limit { entries.removeLast() }
  }
}

/// The postings of the terms one search read, each looked up and decoded once: the snippets of
/// its results read the same words' positions.
///
/// Not for concurrent use (``TermPostings`` remembers where it last read): a search and then
/// its snippets use it in turn.
package final class TermCache: @unchecked Sendable {
  private var postings: [[UInt8]: TermPostings?] = [:]

  /// The postings of folded term `key`, or `nil` when the index has no such term.
  func postings(_ key: [UInt8], in reader: IndexReader) throws(IndexError) -> TermPostings? {
    if let known = postings[key] { return known }
    let found = try reader.lookup(key).map { entry throws(IndexError) in try reader.termPostings(entry) }
    postings[key] = found
    return found
  }
}
