/// Appends bit fields and Rice codes to a byte buffer, least significant bit first.
///
/// Bit `i` of the stream is bit `i % 8` of byte `i / 8`, so a reader loads eight bytes
/// little-endian and shifts: no byte order to undo, no table. ``BitReader`` reads it back.
///
/// A Rice code with parameter `k` writes `value >> k` in unary — that many zero bits, then a one
/// — and then the low `k` bits of `value`. Gaps between positions and documents are about
/// geometric, for which a Rice code is within a few percent of the entropy; the unary part is
/// decoded with one trailing-zero count.
package struct BitWriter {
  /// The completed bytes; the last partial word is added by ``finish()``.
  package private(set) var bytes: [UInt8] = []
  /// Bits written but not yet in `bytes`, low bits first; fewer than 32 between calls.
  private var pending: UInt64 = 0
  private var pendingCount = 0

  package init() {}

  /// The number of bits written so far.
  package var bitCount: Int { bytes.count &* 8 &+ pendingCount }

  /// Appends the low `count` bits of `value`.
  ///
  /// - Precondition: `count` is at most 32 and `value < 1 << count`.
  @inline(__always)
  package mutating func write(_ value: UInt64, bits count: Int) {
    precondition(count <= 32 && value >> UInt64(count) == 0, "bit field too wide")
    pending |= value &<< UInt64(pendingCount)
    pendingCount &+= count
    if pendingCount >= 32 {
      bytes.append(UInt8(truncatingIfNeeded: pending))
      bytes.append(UInt8(truncatingIfNeeded: pending &>> 8))
      bytes.append(UInt8(truncatingIfNeeded: pending &>> 16))
      bytes.append(UInt8(truncatingIfNeeded: pending &>> 24))
      pending &>>= 32
      pendingCount &-= 32
    }
  }

  /// Appends `count` zero bits and then a one bit.
  @inline(__always)
  package mutating func unary(_ count: UInt64) {
    var zeros = count
    while zeros >= 32 {
      write(0, bits: 32)
      zeros &-= 32
    }
    write(1 &<< zeros, bits: Int(zeros) &+ 1)
  }

  /// Appends the Rice code of `value` with parameter `k`: `value >> k` in unary, then the low
  /// `k` bits.
  @inline(__always)
  package mutating func rice(_ value: UInt32, parameter k: Int) {
    unary(UInt64(value &>> UInt32(k)))
    write(UInt64(value) & ((1 &<< UInt64(k)) &- 1), bits: k)
  }

  /// Pads the last byte with zero bits.
  package mutating func finish() {
    while pendingCount > 0 {
      bytes.append(UInt8(truncatingIfNeeded: pending))
      pending &>>= 8
      pendingCount = max(0, pendingCount &- 8)
    }
  }

  /// Forgets what was written, keeping the buffer's capacity.
  package mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    pending = 0
    pendingCount = 0
  }
}
