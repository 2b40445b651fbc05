/// Reads what ``BitWriter`` wrote, from a mapped file, without trapping on damaged input.
///
/// Reads never leave `bytes` (past its end they see zero bits), and a read that goes past
/// `limit` — the end of the stream it belongs to — marks the reader overrun instead of
/// throwing: a decoding loop checks ``isOverrun`` once, after it, so the per-value path has no
/// error branch. What was decoded from an overrun stream must be thrown away.
package struct BitReader {
  private let bytes: UnsafeRawBufferPointer
  /// The stream's end, in bits from the start of `bytes`.
  private let limit: Int
  /// The next bit to read, from the start of `bytes`.
  package private(set) var position: Int

  /// A reader of the bits of `bytes[start..<end]` (byte offsets), from bit `bit` of the buffer
  /// (the start of the range if `nil`).
  ///
  /// - Precondition: `start <= end <= bytes.count`.
  package init(_ bytes: UnsafeRawBufferPointer, bytes range: Range<Int>, bit: Int? = nil) {
    precondition(range.upperBound <= bytes.count, "bit stream outside its buffer")
    self.bytes = bytes
    limit = range.upperBound &* 8
    position = bit ?? range.lowerBound &* 8
  }

  /// Whether a read went past the end of the stream.
  package var isOverrun: Bool { position > limit }

  /// The stream's end, in bits from the start of the buffer.
  package var limitBit: Int { limit }

  /// The next 56 bits at bit `bit`, low bits first; zeros past the end of `bytes`.
  @inline(__always)
  private func window(at bit: Int) -> UInt64 {
    let byte = bit &>> 3
    let word: UInt64
    if byte &+ 8 <= bytes.count {
      word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
    } else {
      var assembled: UInt64 = 0
      var i = byte
      while i < bytes.count {
        assembled |= UInt64(bytes[i]) &<< UInt64((i &- byte) &* 8)
        i &+= 1
      }
      word = assembled
    }
    return (word &>> UInt64(bit & 7)) & 0x00FF_FFFF_FFFF_FFFF
  }

  /// Moves to bit `bit` of the buffer.
  @inline(__always)
  package mutating func seek(to bit: Int) { position = bit }

  /// The next `count` bits as a number.
  ///
  /// - Precondition: `count` is at most 56.
  @inline(__always)
  package mutating func bits(_ count: Int) -> UInt64 {
    let value = window(at: position) & ((1 &<< UInt64(count)) &- 1)
    position &+= count
    return value
  }

  /// The number of zero bits before the next one bit, which is skipped too.
  @inline(__always)
  package mutating func unary() -> UInt64 {
    var zeros: UInt64 = 0
    while true {
      let word = window(at: position)
      if word != 0 {
        let run = word.trailingZeroBitCount
        position &+= run &+ 1
        return zeros &+ UInt64(run)
      }
      zeros &+= 56
      position &+= 56
      if position >= limit {
        position = limit &+ 1
        return zeros
      }
    }
  }

  /// Reads `count` Rice codes with parameter `k` (at most 31) written low parts first
  /// (``BitWriter/writeRiceSequence(_:parameter:)``), calling `body` with the index and value of
  /// each; leaves the reader after the last high part.
  ///
  /// The high parts are read a 56-bit window at a time, each one bit found by its trailing
  /// zeros, not one ``unary()`` call (and window load) per code: a common word's documents are
  /// tens of thousands of codes a query. A stream that runs out stops the reading, overrun.
  @inline(__always)
  package mutating func readRiceSequence(
    count: Int, parameter k: Int, _ body: (Int, UInt64) -> Void
  ) {
    // Locals, so the loop keeps them in registers: the next low part's bit, and the window of
    // high parts — where it starts, its bits not read yet, how many of them are left.
    var lowBit = position
    var windowStart = position &+ count &* k
    var word = window(at: windowStart)
    var available = 56
    let mask: UInt64 = (1 &<< UInt64(k)) &- 1
    var zeros: UInt64 = 0
    var i = 0
    while i < count {
      guard word != 0 else {
        // The rest of the window is zeros of the current code.
        zeros &+= UInt64(available)
        windowStart &+= 56
        if windowStart >= limit {
          position = limit &+ 1
          return
        }
        word = window(at: windowStart)
        available = 56
        continue
      }
      let run = word.trailingZeroBitCount
      word &>>= UInt64(run &+ 1)
      available &-= run &+ 1
      let low = window(at: lowBit) & mask
      lowBit &+= k
      body(i, ((zeros &+ UInt64(run)) &<< UInt64(k)) | low)
      zeros = 0
      i &+= 1
    }
    position = windowStart &+ 56 &- available
  }

  /// Skips `count` unary codes: moves past the `count`th one bit from here.
  package mutating func skipUnary(_ count: Int) {
    var remaining = count
    while remaining > 0 {
      var word = window(at: position)
      let ones = word.nonzeroBitCount
      if ones < remaining {
        remaining &-= ones
        position &+= 56
        if position >= limit {
          position = limit &+ 1
          return
        }
        continue
      }
      for _ in 1..<remaining { word &= word &- 1 }
      position &+= word.trailingZeroBitCount &+ 1
      return
    }
  }
}
