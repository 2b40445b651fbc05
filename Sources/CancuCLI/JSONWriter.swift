/// Writes JSON objects with keys in the order given, for JSON Lines output with stable keys.
///
/// Foundation's `JSONEncoder` sorts keys or keeps none in order, and escapes `/`; results here must
/// read `"30-CT/TW"` and keep the contract's key order, so cancu writes its JSON itself.
public struct JSONWriter {
  private var output = ""
  private var needsComma: [Bool] = []

  /// A JSON value.
  public enum Value {
    case string(String?)
    case int(Int?)
    case double(Double?)
    case bool(Bool)
    case raw(String)
  }

  /// Starts an empty writer.
  public init() {}

  /// The JSON written so far.
  public var text: String { output }

  /// `{`
  public mutating func beginObject(key: String? = nil) {
    separate(key: key)
    output += "{"
    needsComma.append(false)
  }

  /// `}`
  public mutating func endObject() {
    output += "}"
    needsComma.removeLast()
  }

  /// `[`
  public mutating func beginArray(key: String? = nil) {
    separate(key: key)
    output += "["
    needsComma.append(false)
  }

  /// `]`
  public mutating func endArray() {
    output += "]"
    needsComma.removeLast()
  }

  /// A member of the current object, or an element of the current array when `key` is `nil`.
  public mutating func value(_ value: Value, key: String? = nil) {
    separate(key: key)
    switch value {
    case .string(let string?): Self.appendQuoted(string, to: &output)
    case .int(let number?): output += String(number)
    case .double(let number?):
      output += number.isFinite ? String((number * 10_000).rounded() / 10_000) : "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .raw(let json): output += json
    case .string(nil), .int(nil), .double(nil): output += "null"
    }
  }

  /// A member that is an array of strings.
  public mutating func strings(_ values: [String], key: String) {
    beginArray(key: key)
    for value in values { self.value(.string(value)) }
    endArray()
  }

  private mutating func separate(key: String?) {
    if let last = needsComma.indices.last {
      if needsComma[last] { output += "," }
      needsComma[last] = true
    }
    if let key {
      Self.appendQuoted(key, to: &output)
      output += ":"
    }
  }

  /// Appends `string` as a JSON string literal: quotes and backslashes escaped, and every
  /// control character (C0, DEL, C1), format character (bidi controls, zero-width characters,
  /// BOM, tags: Unicode category Cf) and line or paragraph separator as `\uXXXX`, so hostile
  /// document text can neither break a JSON line, nor reach a terminal raw when the JSON is
  /// printed, nor end a JavaScript string (U+2028). A JSON parser reads the same string back.
  public static func appendQuoted(_ string: String, to output: inout String) {
    output += "\""
    // Nearly every string needs no escape: checked scalar by scalar, appended whole (appending
    // scalar by scalar was most of the time of `cancu citations --json`).
    if string.unicodeScalars.allSatisfy({ $0 != "\"" && $0 != "\\" && !needsEscape($0) }) {
      output += string
      output += "\""
      return
    }
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if needsEscape(scalar) {
          appendEscaped(scalar, to: &output)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }

  /// Controls, format characters and separators: the characters a terminal or a JavaScript
  /// parser obeys, or draws as nothing (see `TerminalText.isHidden`).
  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII and the Latin blocks of Vietnamese letters hold no Cf but the soft hyphen: no
    // property lookup for them.
    switch scalar.value {
    case 0..<0x20, 0x7F...0x9F: return true
    case 0x20..<0x7F, 0xA0..<0x600, 0x1E00..<0x2000: return scalar.value == 0xAD
    default: break
    }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }

  /// `\uXXXX`, as a UTF-16 surrogate pair above U+FFFF (tags, U+E0001…), as JSON requires.
  private static func appendEscaped(_ scalar: Unicode.Scalar, to output: inout String) {
    for unit in String(scalar).utf16 {
      let hex = String(unit, radix: 16)
      output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
  }
}
