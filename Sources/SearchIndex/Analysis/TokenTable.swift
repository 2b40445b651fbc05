/// The distinct tokens of one document, by their bytes, so a repeated token is folded and put in
/// exact form only the first time it is seen.
///
/// Open addressing over the document's own bytes: an entry remembers where the token first
/// occurred, and a probe compares bytes there. No token is copied or allocated. (``FormCache``
/// uses the same table over bytes it keeps, for spellings seen in earlier documents.)
struct TokenTable {
  private struct Entry {
    var hash: UInt64 = 0
    var start: Int32 = -1
    var length: Int32 = 0
    var term: Int32 = 0
    var variant: Int32 = 0
  }

  private var entries: [Entry]
  private var mask: Int
  private var count = 0

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    entries = Array(repeating: Entry(), count: size)
    mask = size - 1
  }

  /// FNV-1a of the token's bytes.
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for i in range { hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01B3 }
    return hash
  }

  /// The memory the table holds.
  var byteCount: Int { entries.count * MemoryLayout<Entry>.stride }

  /// The term and variant recorded for a token with these bytes, if any.
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash: UInt64)
    -> (term: Int, variant: Int)?
  {
    lookup(bytes, range, storedIn: bytes, hash: hash)
  }

  /// The term and variant recorded for the token `bytes[range]`, the recorded tokens' ranges
  /// being ranges of `stored`.
  func lookup(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, storedIn stored: UnsafeBufferPointer<UInt8>,
    hash: UInt64
  ) -> (term: Int, variant: Int)? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = entries[slot]
      if entry.start < 0 { return nil }
      if entry.hash == hash, Int(entry.length) == range.count,
        Self.equal(bytes, range, stored, Int(entry.start))
      {
        return (Int(entry.term), Int(entry.variant))
      }
      slot = (slot + 1) & mask
    }
  }

  /// Records a token's term and variant, `range` being where its bytes are (in the document, or
  /// in the bytes later lookups name as `stored`).
  mutating func insert(
    _ range: Range<Int>, hash: UInt64, term: Int, variant: Int
  ) {
    if (count + 1) * 2 > entries.count { grow() }
    var slot = Int(truncatingIfNeeded: hash) & mask
    while entries[slot].start >= 0 { slot = (slot + 1) & mask }
    entries[slot] = Entry(
      hash: hash, start: Int32(range.lowerBound), length: Int32(range.count), term: Int32(term),
      variant: Int32(variant))
    count += 1
  }

  private mutating func grow() {
    let old = entries
    entries = Array(repeating: Entry(), count: old.count * 2)
    mask = entries.count - 1
    for entry in old where entry.start >= 0 {
      var slot = Int(truncatingIfNeeded: entry.hash) & mask
      while entries[slot].start >= 0 { slot = (slot + 1) & mask }
      entries[slot] = entry
    }
  }

  @inline(__always)
  private static func equal(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ stored: UnsafeBufferPointer<UInt8>,
    _ start: Int
  ) -> Bool {
    var i = range.lowerBound
    var j = start
    while i < range.upperBound {
      if bytes[i] != stored[j] { return false }
      i += 1
      j += 1
    }
    return true
  }
}
