/// The term and form of every distinct spelling of a token that a shard has analyzed, so that a
/// spelling seen in an earlier document is neither folded, nor put in exact form, nor looked up
/// as a term again.
///
/// A document's own ``TokenTable`` spares the work for a token's repeats within the document;
/// this spares it for the next document, where most spellings are again ones seen before. The
/// same table, over a byte arena that keeps each spelling (term -1: folds to nothing).
struct FormCache {
  private var table = TokenTable(capacity: 2048)
  private var arena: [UInt8] = []

  /// The memory it holds.
  var byteCount: Int { table.byteCount + arena.capacity }

  /// The term (-1: none) and variant recorded for a spelling, if any.
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64)
    -> (term: Int, variant: Int)?
  {
    arena.withUnsafeBufferPointer { table.lookup(bytes, range, storedIn: $0, hash: hash) }
  }

  /// Records a spelling (not yet recorded) with its term (-1: none) and variant.
  mutating func insert(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64, term: Int, variant: Int
  ) {
    table.insert(arena.count..<(arena.count + range.count), hash: hash, term: term, variant: variant)
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
  }
}
