/// The term and form of every distinct spelling of a token that a shard has analyzed, so that a
/// spelling seen in an earlier document is neither folded, nor put in exact form, nor looked up
/// as a term again.
///
/// A document's own ``TokenTable`` spares the work for a token's repeats within the document;
/// this spares it for the next document, where most spellings are again ones seen before. Open
/// addressing over a byte arena, like ``PostingsBuilder``'s term table.
struct FormCache {
  private struct Entry {
    var hash: UInt64 = 0
    var start: Int32 = -1
    var length: Int32 = 0
    /// -1 for a token that folds to nothing.
    var term: Int32 = 0
    var variant: Int32 = 0
  }

  private var entries = [Entry](repeating: Entry(), count: 1 << 12)
  private var arena: [UInt8] = []
  private var count = 0

  /// The memory it holds.
  var byteCount: Int { entries.count * MemoryLayout<Entry>.stride + arena.capacity }

  /// The term (-1: none) and variant recorded for a spelling, if any.
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64)
    -> (term: Int, variant: Int)?
  {
    let mask = entries.count &- 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    return arena.withUnsafeBufferPointer { arena in
      while true {
        let entry = entries[slot]
        if entry.start < 0 { return nil }
        if entry.hash == hash, Int(entry.length) == range.count {
          var i = range.lowerBound
          var j = Int(entry.start)
          while i < range.upperBound, bytes[i] == arena[j] {
            i &+= 1
            j &+= 1
          }
          if i == range.upperBound { return (Int(entry.term), Int(entry.variant)) }
        }
        slot = (slot &+ 1) & mask
      }
    }
  }

  /// Records a spelling (not yet recorded) with its term (-1: none) and variant.
  mutating func insert(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64, term: Int, variant: Int
  ) {
    if (count &+ 1) &* 2 > entries.count { grow() }
    let mask = entries.count &- 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while entries[slot].start >= 0 { slot = (slot &+ 1) & mask }
    entries[slot] = Entry(
      hash: hash, start: Int32(truncatingIfNeeded: arena.count), length: Int32(range.count),
      term: Int32(truncatingIfNeeded: term), variant: Int32(truncatingIfNeeded: variant))
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    count &+= 1
  }

  private mutating func grow() {
    let old = entries
    entries = [Entry](repeating: Entry(), count: old.count &* 2)
    let mask = entries.count &- 1
    for entry in old where entry.start >= 0 {
      var slot = Int(truncatingIfNeeded: entry.hash) & mask
      while entries[slot].start >= 0 { slot = (slot &+ 1) & mask }
      entries[slot] = entry
    }
  }
}
