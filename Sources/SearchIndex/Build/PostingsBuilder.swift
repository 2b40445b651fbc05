import VietText

/// The terms and build-time postings gathered by one indexing worker: a shard of an index being
/// built.
///
/// Every worker thread owns one builder and adds the documents it analyzed without locking;
/// ``IndexWriter/serialize()`` merges the shards term by term. Documents never straddle shards,
/// so merging a term is concatenating its shards' postings (``PostingsEncoder`` sorts them by
/// document).
///
/// Keys live in one byte arena, found through an open-addressing table of term ids: a lookup
/// hashes the bytes once and allocates nothing, where a `[[UInt8]: Int]` dictionary hashed every
/// key with SipHash and kept one array per key.
///
/// Build-time postings of a term are varints, documents in any order: document (or slot) id,
/// frequency, then per occurrence position delta and variant index (see ``PostingsEncoder``).
package struct PostingsBuilder {
  /// Term id + 1 per slot, 0 for empty.
  private var table = [Int32](repeating: 0, count: 1 << 12)
  private var hashes: [UInt64] = []
  private var keyBytes: [UInt8] = []
  /// Where each key starts in ``keyBytes``; one more entry than terms.
  private var keyStarts: [Int] = [0]
  /// For each term, its exact forms, in order of first appearance here.
  private(set) var variants: [[[UInt8]]] = []
  /// For each term, its build-time postings.
  private(set) var postings: [ByteWriter] = []
  /// Bytes allocated for build-time postings (capacity, not count: arrays grow by doubling).
  private var postingsBytes = 0
  /// The spellings analyzed so far, with their terms and forms.
  private var forms = FormCache()

  /// About how much memory the shard holds: its postings' and keys' buffers, and a fixed cost per
  /// term for the arrays and tables that find them.
  package var byteCount: Int {
    postingsBytes + keyBytes.capacity + termCount * 96 + table.count * 4 + forms.byteCount
  }

  package init() {}

  /// The number of terms.
  package var termCount: Int { variants.count }

  /// A term's key bytes.
  func key(_ term: Int) -> ArraySlice<UInt8> {
    keyBytes[keyStarts[term]..<keyStarts[term + 1]]
  }

  /// The id of a term, added when new.
  mutating func termID(_ key: [UInt8]) -> Int {
    let hash = key.withUnsafeBytes { fnv1a($0) }
    var slot = Int(truncatingIfNeeded: hash) & (table.count - 1)
    while table[slot] != 0 {
      let term = Int(table[slot]) - 1
      if hashes[term] == hash, keyBytes[keyStarts[term]..<keyStarts[term + 1]].elementsEqual(key) {
        return term
      }
      slot = (slot + 1) & (table.count - 1)
    }
    let term = variants.count
    table[slot] = Int32(term + 1)
    hashes.append(hash)
    keyBytes.append(contentsOf: key)
    keyStarts.append(keyBytes.count)
    variants.append([])
    postings.append(ByteWriter())
    if variants.count * 2 > table.count { grow() }
    return term
  }

  private mutating func grow() {
    table = [Int32](repeating: 0, count: table.count * 2)
    let mask = table.count - 1
    for (term, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while table[slot] != 0 { slot = (slot + 1) & mask }
      table[slot] = Int32(term + 1)
    }
  }

  /// The index of an exact form among a term's variants, added when new.
  mutating func variantIndex(term: Int, _ form: [UInt8]) -> Int {
    if let index = variants[term].firstIndex(of: form) { return index }
    variants[term].append(form)
    return variants[term].count - 1
  }

  /// Adds the postings of a newly analyzed document under its id (or build-time slot).
  package mutating func add(document id: Int, analysis: DocumentAnalysis) {
    precondition(id >= 0, "document \(id) out of range")
    for (local, key) in analysis.terms.enumerated() {
      let term = termID(key)
      let map = analysis.variants[local].map { variantIndex(term: term, $0) }
      let occurrences = analysis.occurrences[local]
      let before = postings[term].bytes.capacity
      defer { postingsBytes += postings[term].bytes.capacity - before }
      postings[term].varint(id)
      postings[term].varint(occurrences.count / 2)
      var previous: UInt32 = 0
      var i = 0
      while i < occurrences.count {
        let position = occurrences[i]
        postings[term].varint(UInt64(position &- previous))
        postings[term].varint(map[Int(occurrences[i &+ 1])])
        previous = position
        i &+= 2
      }
    }
  }

  /// Adds, for one term of the previous index, the postings of the documents carried over, form
  /// by form, without merging them by position (the encoder splits them by form again).
  ///
  /// - Parameter keeps: Whether a previous document is carried over; its slot is its previous id.
  package mutating func addCarriedOver(
    term key: [UInt8], postings list: TermPostings, keeps: (Int) -> Bool
  ) throws(IndexError) {
    var term: Int?
    var positions: [UInt32] = []
    for (v, variant) in list.variants.enumerated() {
      var mapped = -1
      for (k, document) in variant.documents.enumerated() where keeps(Int(document)) {
        let id = term ?? termID(key)
        term = id
        if mapped < 0 { mapped = variantIndex(term: id, variant.form) }
        positions.removeAll(keepingCapacity: true)
        try list.positions(variant: v, index: k, into: &positions)
        let before = postings[id].bytes.capacity
        defer { postingsBytes += postings[id].bytes.capacity - before }
        postings[id].varint(UInt64(document))
        postings[id].varint(positions.count)
        var previous: UInt32 = 0
        for position in positions {
          postings[id].varint(UInt64(position &- previous))
          postings[id].varint(mapped)
          previous = position
        }
      }
    }
  }
}

// MARK: - Analyzing straight into the shard

extension PostingsBuilder {
  /// What one worker reuses from document to document, so analyzing allocates nothing per token
  /// and almost nothing per document.
  package struct Scratch {
    /// Per token of the document (its index is its position): its local term (high half) and
    /// variant, the term's index in ``variants`` (low half); ``skipped`` for a token not kept.
    fileprivate var tokenTerms: [UInt64] = []
    /// Per local term (order of first appearance in the document): its term id.
    fileprivate var localTerms: [Int32] = []
    /// Per term id: its local index in the current document, or -1.
    fileprivate var localOf: [Int32] = []
    fileprivate var grouped: [Int32] = []
    fileprivate var folded: [UInt8] = []
    fileprivate var exact: [UInt8] = []
    fileprivate var formScratch: [UInt32] = []
    /// Per token of the document: its start (high half) and end (low half); a file is at most
    /// 1 GiB (`CorpusLoader.defaultMaximumFileSize`), so each fits in 32 bits.
    fileprivate var tokenRanges: [UInt64] = []

    package init() {}
  }

  /// Analyzes NFC text and adds its postings under `id`, as
  /// `add(document: id, analysis: Analyzer().analyze(text))` would, without building a
  /// ``DocumentAnalysis``: each distinct token is folded once (``TokenTable``) and resolved to
  /// this shard's term and form ids at once, and the occurrences are grouped by term in reused
  /// buffers.
  ///
  /// - Returns: The number of tokens (the document length for BM25).
  package mutating func add(
    document id: Int, text bytes: UnsafeBufferPointer<UInt8>, analyzer: Analyzer = Analyzer(),
    scratch s: inout Scratch
  ) -> Int {
    var lines = LineTokens.Counter(lineStarts: [0])
    return add(document: id, text: bytes, lines: &lines, analyzer: analyzer, scratch: &s)
  }

  /// Analyzes NFC text and adds its postings under `id`, counting the tokens of each line on the
  /// way (``LineTokens``).
  ///
  /// - Returns: The number of tokens (the document length for BM25).
  package mutating func add(
    document id: Int, text bytes: UnsafeBufferPointer<UInt8>, lines: inout LineTokens.Counter,
    analyzer: Analyzer = Analyzer(), scratch s: inout Scratch
  ) -> Int {
    precondition(id >= 0, "document \(id) out of range")
    s.localTerms.removeAll(keepingCapacity: true)
    // The tokens' byte ranges first, then a plain loop over them: done in the closure the
    // tokenizer calls, a token's work kept the builder's state behind the closure's context.
    var tokenRanges = s.tokenRanges
    s.tokenRanges = []
    tokenRanges.removeAll(keepingCapacity: true)
    tokenRanges.reserveCapacity(bytes.count / 4)
    Tokenizer.forEachToken(in: bytes) { token in
      tokenRanges.append(
        UInt64(truncatingIfNeeded: token.range.lowerBound) << 32
          | UInt64(truncatingIfNeeded: token.range.upperBound))
    }
    defer { s.tokenRanges = tokenRanges }
    let tokenCount = tokenRanges.count
    // Each token's local term and variant, written in place (no append, so no uniqueness check
    // a token): the buffer is reused from document to document and only grows.
    var tokenTerms = s.tokenTerms
    s.tokenTerms = []
    if tokenTerms.count < tokenCount {
      tokenTerms.append(contentsOf: repeatElement(0, count: tokenCount - tokenTerms.count))
    }
    defer { s.tokenTerms = tokenTerms }
    var seen = TokenTable(capacity: bytes.count / 32)
    let maximumLength = analyzer.maximumTermLength
    tokenTerms.withUnsafeMutableBufferPointer { tokenTerms in
      for index in 0..<tokenCount {
        tokenTerms[index] = Self.skipped
        let packed = tokenRanges[index]
        let range = Int(packed >> 32)..<Int(packed & 0xFFFF_FFFF)
        lines.token(at: range.lowerBound)
        guard range.count <= maximumLength else { continue }
        let hash = TokenTable.hash(bytes, range)
        if let (local, variant) = seen.lookup(bytes, range, hash: hash) {
          tokenTerms[index] = UInt64(truncatingIfNeeded: local) << 32 | UInt64(truncatingIfNeeded: variant)
          continue
        }
        let term: Int
        let variant: Int
        if let known = forms.lookup(bytes, range, hash: hash) {
          guard known.term >= 0 else { continue }
          (term, variant) = known
        } else {
          s.folded.removeAll(keepingCapacity: true)
          DiacriticFolding.fold(bytes, range: range, into: &s.folded)
          guard !s.folded.isEmpty else {
            forms.insert(bytes, range, hash: hash, term: -1, variant: 0)
            continue
          }
          s.exact.removeAll(keepingCapacity: true)
          ExactForm.key(bytes, range: range, scratch: &s.formScratch, into: &s.exact)
          term = termID(s.folded)
          variant = variantIndex(term: term, s.exact)
          forms.insert(bytes, range, hash: hash, term: term, variant: variant)
        }
        if s.localOf.count < termCount {
          s.localOf.append(contentsOf: repeatElement(-1, count: termCount - s.localOf.count))
        }
        var local = Int(s.localOf[term])
        if local < 0 {
          local = s.localTerms.count
          s.localOf[term] = Int32(local)
          s.localTerms.append(Int32(term))
        }
        seen.insert(range, hash: hash, term: local, variant: variant)
        tokenTerms[index] = UInt64(truncatingIfNeeded: local) << 32 | UInt64(truncatingIfNeeded: variant)
      }
    }
    // Group the kept tokens by local term (a counting sort, positions stay ascending), then write
    // each term's run: document, frequency, then position delta and variant per occurrence.
    var starts = [Int](repeating: 0, count: s.localTerms.count + 1)
    if s.grouped.count < tokenCount {
      s.grouped.append(contentsOf: repeatElement(0, count: tokenCount - s.grouped.count))
    }
    tokenTerms.withUnsafeBufferPointer { tokenTerms in
      starts.withUnsafeMutableBufferPointer { starts in
        for index in 0..<tokenCount where tokenTerms[index] != Self.skipped {
          starts[Int(tokenTerms[index] >> 32) &+ 1] &+= 1
        }
        for local in 0..<(starts.count &- 1) { starts[local &+ 1] &+= starts[local] }
      }
    }
    var next = starts
    tokenTerms.withUnsafeBufferPointer { tokenTerms in
      s.grouped.withUnsafeMutableBufferPointer { grouped in
        next.withUnsafeMutableBufferPointer { next in
          for index in 0..<tokenCount where tokenTerms[index] != Self.skipped {
            let local = Int(tokenTerms[index] >> 32)
            grouped[next[local]] = Int32(truncatingIfNeeded: index)
            next[local] &+= 1
          }
        }
      }
    }
    var run = ByteWriter()
    for (local, term) in s.localTerms.enumerated() {
      run.bytes.removeAll(keepingCapacity: true)
      run.varint(id)
      run.varint(starts[local + 1] - starts[local])
      var previous: UInt32 = 0
      for slot in starts[local]..<starts[local + 1] {
        let index = Int(s.grouped[slot])
        let position = UInt32(truncatingIfNeeded: index)
        run.varint(UInt64(position &- previous))
        run.varint(tokenTerms[index] & 0xFFFF_FFFF)
        previous = position
      }
      let before = postings[Int(term)].bytes.capacity
      postings[Int(term)].bytes.append(contentsOf: run.bytes)
      postingsBytes += postings[Int(term)].bytes.capacity - before
      s.localOf[Int(term)] = -1
    }
    return tokenCount
  }

  /// ``Scratch``'s mark for a token that is not kept (too long, or folding to nothing). Computed,
  /// not stored: a stored static is read through its once-only initializer check.
  private static var skipped: UInt64 { .max }
}
