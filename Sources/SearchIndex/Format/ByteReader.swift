/// Reads what ``ByteWriter`` wrote, with every read bounds-checked.
///
/// A read past the end, an overlong varint or invalid UTF-8 throws ``IndexError/damaged(path:detail:)``
/// instead of trapping: a damaged index is reported, never a crash.
package struct ByteReader {
  package let bytes: UnsafeRawBufferPointer
  package var offset: Int
  package let path: String

  package init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, path: String) {
    self.bytes = bytes
    self.offset = offset
    self.path = path
  }

  package var isAtEnd: Bool { offset >= bytes.count }

  package func damaged(_ detail: String) -> IndexError { .damaged(path: path, detail: detail) }

  @inline(__always)
  package mutating func need(_ count: Int) throws(IndexError) {
    guard count >= 0, offset <= bytes.count - count else {
      throw damaged("unexpected end of data at byte \(offset)")
    }
  }

  package mutating func uint8() throws(IndexError) -> UInt8 {
    try need(1)
    defer { offset += 1 }
    return bytes[offset]
  }

  package mutating func uint16() throws(IndexError) -> UInt16 {
    try need(2)
    defer { offset += 2 }
    return UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  package mutating func uint32() throws(IndexError) -> UInt32 {
    try need(4)
    defer { offset += 4 }
    return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  package mutating func uint64() throws(IndexError) -> UInt64 {
    try need(8)
    defer { offset += 8 }
    return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  @inline(__always)
  package mutating func varint() throws(IndexError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count else { throw damaged("unexpected end of data in a number") }
      let byte = bytes[offset]
      offset += 1
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
      guard shift < 64 else { throw damaged("number too long at byte \(offset)") }
    }
  }

  /// A varint that must fit in `Int` and be at most `limit`.
  package mutating func count(limit: Int = Int(Int32.max)) throws(IndexError) -> Int {
    let value = try varint()
    guard value <= UInt64(limit) else { throw damaged("count \(value) out of range at byte \(offset)") }
    return Int(value)
  }

  package mutating func string() throws(IndexError) -> String {
    let length = try count()
    try need(length)
    let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    offset += length
    guard let string = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
      throw damaged("invalid text at byte \(offset - length)")
    }
    return string
  }

  package mutating func optionalString() throws(IndexError) -> String? {
    switch try uint8() {
    case 0: return nil
    case 1: return try string()
    case let flag: throw damaged("bad flag \(flag) at byte \(offset - 1)")
    }
  }

  /// The next `count` bytes, as a slice of the same buffer.
  package mutating func slice(_ count: Int) throws(IndexError) -> UnsafeRawBufferPointer {
    try need(count)
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
  }
}
