/// Appends bit fields and Rice codes to a byte buffer, least significant bit first.
///
/// Bit `i` of the stream is bit `i % 8` of byte `i / 8`, so a reader loads eight bytes
/// little-endian and shifts: no byte order to undo, no table. ``BitReader`` reads it back.
///
/// A Rice code with parameter `k` is the low `k` bits of `value` and `value >> k` in unary —
/// that many zero bits, then a one. Gaps between positions and between documents are about
/// geometric, for which a Rice code is within a few percent of the entropy; the unary part is
/// decoded with one trailing-zero count. A sequence of them is written low parts first, so a
/// reader skips values with a multiplication and a population count.
package struct BitWriter {
  /// The stream, once ``finish()`` has been called.
  package private(set) var bytes: [UInt8] = []
  /// Completed 64-bit words, little-endian, so their memory is the stream; appending a word at a
  /// time, not a byte, is what makes writing cheap.
  private var words: [UInt64] = []
  /// Bits written but not yet in `words`, low bits first; fewer than 64 between calls.
  private var pending: UInt64 = 0
  private var pendingCount = 0

  package init() {}

  /// The number of bits written so far.
  package var bitCount: Int { words.count &* 64 &+ pendingCount }

  /// Appends the low `count` bits of `value`.
  ///
  /// - Precondition: `count` is at most 56 and `value < 1 << count`.
  @inline(__always)
  package mutating func write(_ value: UInt64, bits count: Int) {
    precondition(count <= 56 && value &>> UInt64(count) == 0, "bit field too wide")
    pending |= value &<< UInt64(pendingCount)
    let total = pendingCount &+ count
    if total >= 64 {
      // pendingCount ≥ 8 here, so the shift below is 1 to 56.
      words.append(pending.littleEndian)
      pending = value &>> UInt64(64 &- pendingCount)
      pendingCount = total &- 64
    } else {
      pendingCount = total
    }
  }

  /// Appends `count` zero bits and then a one bit.
  @inline(__always)
  package mutating func unary(_ count: UInt64) {
    var zeros = count
    while zeros >= 48 {
      write(0, bits: 48)
      zeros &-= 48
    }
    write(1 &<< zeros, bits: Int(zeros) &+ 1)
  }

  /// Appends the Rice codes of `values` with parameter `k`, low parts first: the low `k` bits
  /// of every value, then every value's `value >> k` in unary. A reader can then skip values
  /// without decoding them (``BitReader/skipUnary(_:)``).
  ///
  /// - Precondition: `k` is at most 32.
  package mutating func writeRiceSequence(_ values: UnsafeBufferPointer<UInt32>, parameter k: Int) {
    precondition(k <= 32, "bit field too wide")
    var state = (pending: pending, count: pendingCount)
    if k > 0 {
      let mask = (1 &<< UInt64(k)) &- 1
      words.reserveCapacity(words.count &+ (values.count &* (k &+ 1)) / 64 &+ 1)
      for value in values { Self.put(UInt64(value) & mask, bits: k, into: &state, words: &words) }
    }
    for value in values {
      var zeros = UInt64(value &>> UInt32(k))
      while zeros >= 48 {
        Self.put(0, bits: 48, into: &state, words: &words)
        zeros &-= 48
      }
      Self.put(1 &<< zeros, bits: Int(zeros) &+ 1, into: &state, words: &words)
    }
    (pending, pendingCount) = state
  }

  /// ``write(_:bits:)`` on state held in registers by a loop.
  @inline(__always)
  private static func put(
    _ value: UInt64, bits count: Int, into state: inout (pending: UInt64, count: Int),
    words: inout [UInt64]
  ) {
    state.pending |= value &<< UInt64(state.count)
    let total = state.count &+ count
    if total >= 64 {
      words.append(state.pending.littleEndian)
      state.pending = value &>> UInt64(64 &- state.count)
      state.count = total &- 64
    } else {
      state.count = total
    }
  }

  /// Ends the stream, padding its last byte with zero bits, and sets ``bytes``.
  package mutating func finish() {
    let count = bitCount
    if pendingCount > 0 { words.append(pending.littleEndian) }
    bytes = words.withUnsafeBytes { Array($0[..<((count &+ 7) &>> 3)]) }
    words = []
    pending = 0
    pendingCount = 0
  }
}
