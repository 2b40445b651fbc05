/// Makes document text safe to print on a terminal, and colours what should stand out.
///
/// A document can hold control characters and ANSI escape sequences (OCR output, hostile files);
/// printed raw they could move the cursor or rewrite the screen. Every piece of document text goes
/// through ``safe(_:)`` before it reaches human output; JSON escapes them itself.
enum TerminalText {
  /// `text` with every C0/C1 control character (tab aside) shown as `\u{…}`.
  static func safe(_ text: some StringProtocol) -> String {
    var needsWork = false
    for byte in text.utf8 where byte < 0x20 && byte != 0x09 || byte == 0x7F || byte == 0xC2 {
      needsWork = true
      break
    }
    guard needsWork else { return String(text) }
    var output = ""
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value) {
        output += "\\u{" + String(value, radix: 16) + "}"
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// ANSI styles used in human output.
  enum Style: String {
    case path = "\u{1B}[35m"
    case line = "\u{1B}[32m"
    case identifier = "\u{1B}[1m"
    case match = "\u{1B}[1;31m"
    case dim = "\u{1B}[2m"
  }

  /// `text` in `style` when colour is on.
  static func styled(_ text: String, _ style: Style, color: Bool) -> String {
    color ? style.rawValue + text + "\u{1B}[0m" : text
  }
}
