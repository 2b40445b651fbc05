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
  /// The stream as 64-bit words, bit `i` in bit `i % 64` of word `i / 64`, zero past the end:
  /// writing a field is one or two ORs, a unary code's zeros cost nothing.
  private var words: [UInt64] = []
  /// The number of bits written so far.
  package private(set) var bitCount = 0

  package init() {}

  /// Makes room for `count` more bits, as zero words.
  @inline(__always)
  private mutating func reserve(_ count: Int) {
    let needed = (bitCount &+ count &+ 63) &>> 6
    if words.count < needed {
      words.append(contentsOf: repeatElement(0, count: needed &- words.count))
    }
  }

  /// Appends the low `count` bits of `value`.
  ///
  /// - Precondition: `count` is at most 56 and `value < 1 << count`.
  @inline(__always)
  package mutating func write(_ value: UInt64, bits count: Int) {
    precondition(count <= 56 && value &>> UInt64(count) == 0, "bit field too wide")
    reserve(count)
    words.withUnsafeMutableBufferPointer { Self.put(value, bits: count, at: bitCount, in: $0) }
    bitCount &+= count
  }

  /// Appends `count` zero bits and then a one bit.
  package mutating func unary(_ count: UInt64) {
    reserve(Int(count) &+ 1)
    bitCount &+= Int(count)
    words[bitCount &>> 6] |= 1 &<< UInt64(bitCount & 63)
    bitCount &+= 1
  }

  /// Appends the Rice codes of `values` with parameter `k`, low parts first: the low `k` bits
  /// of every value, then every value's `value >> k` in unary. A reader can then skip values
  /// without decoding them (``BitReader/skipUnary(_:)``).
  ///
  /// - Precondition: `k` is at most 31.
  package mutating func writeRiceSequence(_ values: UnsafeBufferPointer<UInt32>, parameter k: Int) {
    precondition(k <= 31, "Rice parameter too large")
    var highBits = values.count
    for value in values { highBits &+= Int(value &>> UInt32(k)) }
    reserve(values.count &* k &+ highBits)
    var bit = bitCount
    words.withUnsafeMutableBufferPointer { words in
      if k > 0 {
        let mask = (1 &<< UInt64(k)) &- 1
        for value in values {
          Self.put(UInt64(value) & mask, bits: k, at: bit, in: words)
          bit &+= k
        }
      }
      for value in values {
        bit &+= Int(value &>> UInt32(k))
        words[bit &>> 6] |= 1 &<< UInt64(bit & 63)
        bit &+= 1
      }
    }
    bitCount = bit
  }

  /// ORs the `count`-bit `value` in at bit `bit` of `words`, which has room for it.
  @inline(__always)
  private static func put(
    _ value: UInt64, bits count: Int, at bit: Int, in words: UnsafeMutableBufferPointer<UInt64>
  ) {
    let index = bit &>> 6
    let offset = bit & 63
    words[index] |= value &<< UInt64(offset)
    if offset &+ count > 64 { words[index &+ 1] |= value &>> UInt64(64 &- offset) }
  }

  /// Ends the stream, padding its last byte with zero bits, and sets ``bytes``.
  package mutating func finish() {
    for index in words.indices { words[index] = words[index].littleEndian }
    let count = (bitCount &+ 7) &>> 3
    bytes = words.withUnsafeBytes { Array($0[..<count]) }
    words = []
    bitCount = 0
  }
}
