/// Decoding one scalar at a time from bytes that are known to be valid UTF-8.
///
/// cancu validates every file once, when it is read (see `Corpus`); after that the scanners decode
/// scalars only where the lead byte is ≥ `0xC0`, with no validation in the hot path.
@usableFromInline package enum UTF8Decoding {
  /// The scalar value starting at `index` and the number of bytes it takes.
  ///
  /// - Precondition: `bytes` is valid UTF-8 and `index` is on a scalar boundary.
  @inline(__always)
  package static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int)
    -> (value: UInt32, length: Int)
  {
    let b0 = UInt32(bytes[index])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 {
      guard index &+ 1 < bytes.count else { return (0xFFFD, 1) }
      return ((b0 & 0x1F) << 6 | UInt32(bytes[index &+ 1] & 0x3F), 2)
    }
    if b0 < 0xF0 {
      guard index &+ 2 < bytes.count else { return (0xFFFD, 1) }
      return (
        (b0 & 0x0F) << 12 | UInt32(bytes[index &+ 1] & 0x3F) << 6
          | UInt32(bytes[index &+ 2] & 0x3F), 3
      )
    }
    guard index &+ 3 < bytes.count else { return (0xFFFD, 1) }
    return (
      (b0 & 0x07) << 18 | UInt32(bytes[index &+ 1] & 0x3F) << 12
        | UInt32(bytes[index &+ 2] & 0x3F) << 6 | UInt32(bytes[index &+ 3] & 0x3F), 4
    )
  }

  /// The number of bytes of the scalar whose lead byte is `lead` (1 for a stray continuation byte).
  @inlinable @inline(__always)
  package static func sequenceLength(lead: UInt8) -> Int {
    if lead < 0xC0 { return 1 }
    if lead < 0xE0 { return 2 }
    if lead < 0xF0 { return 3 }
    return 4
  }

  /// Appends the UTF-8 encoding of `value` to `output`.
  package static func append(_ value: UInt32, to output: inout [UInt8]) {
    switch value {
    case 0..<0x80:
      output.append(UInt8(truncatingIfNeeded: value))
    case 0x80..<0x800:
      output.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
      output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
      output.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
      output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
    default:
      output.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
      output.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
      output.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
      output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
    }
  }

  /// Whether `value` is a combining diacritical mark (U+0300–U+036F), the marks NFD Vietnamese
  /// text is made of.
  @inline(__always)
  package static func isCombiningMark(_ value: UInt32) -> Bool { value &- 0x300 < 0x70 }
}
