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
