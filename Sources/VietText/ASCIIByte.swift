/// Byte-level classification of ASCII, shared by every scanner in cancu.
///
/// Scanners work on UTF-8 bytes (STYLE.md § 7); these helpers keep the tests for a digit or a letter
/// to one subtraction and one comparison.
extension UInt8 {
  /// `0`–`9`.
  @inlinable @inline(__always) package var isASCIIDigit: Bool { self &- 0x30 < 10 }

  /// `A`–`Z` or `a`–`z`.
  @inlinable @inline(__always) package var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }

  /// `A`–`Z`.
  @inlinable @inline(__always) package var isASCIIUppercase: Bool { self &- 0x41 < 26 }

  /// A letter or a digit.
  @inlinable @inline(__always) package var isASCIIAlphanumeric: Bool {
    isASCIIDigit || isASCIILetter
  }

  /// Space, tab, or a line end.
  @inlinable @inline(__always) package var isASCIIWhitespace: Bool {
    self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0B || self == 0x0C
  }

  /// The lower-case form of an ASCII letter; any other byte unchanged.
  @inlinable @inline(__always) package var asciiLowercased: UInt8 {
    isASCIIUppercase ? self | 0x20 : self
  }

  /// Whether this byte continues a multi-byte UTF-8 sequence (`10xxxxxx`).
  @inlinable @inline(__always) package var isUTF8Continuation: Bool { self & 0xC0 == 0x80 }
}
