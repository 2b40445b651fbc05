/// A code of one to seven UTF-8 bytes (`NĐ`, `QĐi`, `UBKTTW`) held in one integer: the bytes,
/// first byte lowest, and the length in the top byte, so no two byte strings share a value.
///
/// The number reader asks the code tables about a part of every number it reads; a `String` key
/// would be hashed through Unicode normalization each time.
struct ShortCode: Hashable, Comparable, Sendable {
  /// The longest code, in bytes.
  static let maximumLength = 7

  /// The bytes, first byte lowest, and the length in the top byte.
  let value: UInt64

  /// The code of `bytes`, or `nil` when there are none or more than ``maximumLength``.
  @inline(__always)
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard !bytes.isEmpty, bytes.count <= Self.maximumLength else { return nil }
    var value = UInt64(bytes.count) << 56
    for k in bytes.indices { value |= UInt64(bytes[k]) << UInt64(8 &* k) }
    self.value = value
  }

  /// The code of a string literal in the vocabulary; it must have one to seven bytes.
  init(_ string: String) {
    var string = string
    let code = string.withUTF8 { ShortCode($0) }
    precondition(code != nil, "a short code has one to seven bytes: \(string)")
    self = code!
  }

  static func < (a: ShortCode, b: ShortCode) -> Bool { a.value < b.value }
}

/// A small table keyed by ``ShortCode``: sorted keys searched by halving, no hashing.
struct ShortCodeTable<Value: Sendable>: Sendable {
  private let keys: [ShortCode]
  private let values: [Value]

  /// Builds the table from codes written as strings.
  init(_ entries: [String: Value]) {
    let sorted = entries.map { (ShortCode($0.key), $0.value) }.sorted { $0.0 < $1.0 }
    keys = sorted.map(\.0)
    values = sorted.map(\.1)
  }

  /// The value of `code`, if the table has it.
  subscript(_ code: ShortCode) -> Value? {
    var low = 0
    var high = keys.count
    while low < high {
      let middle = (low &+ high) >> 1
      let key = keys[middle]
      if key == code { return values[middle] }
      if key < code { low = middle &+ 1 } else { high = middle }
    }
    return nil
  }
}

extension ShortCodeTable where Value == Bool {
  /// A set of codes: each member maps to `true`.
  init(members: [String]) {
    self.init(Dictionary(uniqueKeysWithValues: members.map { ($0, true) }))
  }
}
