/// Appends little-endian integers, LEB128 varints and length-prefixed strings to a byte buffer.
///
/// The index never writes the memory layout of Swift values: every field is written explicitly,
/// so the format is the same on every machine.
package struct ByteWriter {
  /// The bytes written so far.
  package var bytes: [UInt8] = []

  package init() {}

  package var count: Int { bytes.count }

  package mutating func uint8(_ value: UInt8) { bytes.append(value) }

  package mutating func uint16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  package mutating func uint32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  package mutating func uint64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  /// An unsigned LEB128 varint: 7 bits a byte, high bit set on all but the last.
  @inline(__always)
  package mutating func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(truncatingIfNeeded: value))
  }

  @inline(__always)
  package mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

  /// A varint length, then the UTF-8 bytes.
  package mutating func string(_ value: String) {
    varint(value.utf8.count)
    bytes.append(contentsOf: value.utf8)
  }

  /// `0` for `nil`, else `1` and the string.
  package mutating func optionalString(_ value: String?) {
    guard let value else { return uint8(0) }
    uint8(1)
    string(value)
  }

  package mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

  /// Pads with zeros to a multiple of `alignment`.
  package mutating func align(to alignment: Int) {
    while bytes.count % alignment != 0 { bytes.append(0) }
  }
}
