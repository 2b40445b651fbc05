/// Makes document text safe to print on a terminal, and colours what should stand out.
///
/// A document can hold control characters and ANSI escape sequences (OCR output, hostile files);
/// printed raw they could move the cursor or rewrite the screen. It can also hold invisible
/// format characters: a bidi override (U+202E) makes a terminal show `txt.exe` as `exe.txt`, a
/// zero-width space splits `30-CT/TW` without showing (the "Trojan Source" tricks), a line
/// separator breaks a line where none seems to be. Every piece of document text goes through
/// ``safe(_:)`` before it reaches human output; JSON escapes the same characters itself.
enum TerminalText {
  /// `text` with every character that a terminal would obey or hide, rather than show, written as
  /// `\u{…}` (see ``isHidden(_:before:after:)``).
  ///
  ///     TerminalText.safe("a\u{1B}[2J b\u{202E}c")  // a\u{1b}[2J b\u{202e}c
  static func safe(_ text: some StringProtocol) -> String {
    let hides =
      text.utf8.withContiguousStorageIfAvailable { mayHide($0) }
      ?? Array(text.utf8).withUnsafeBufferPointer { mayHide($0) }
    guard hides else { return String(text) }
    let scalars = Array(text.unicodeScalars)
    // Built as bytes: appending scalar by scalar to a String was a third of a large `cited-by`.
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count + 16)
    for k in scalars.indices {
      let scalar = scalars[k]
      // Printable ASCII and the Latin letters Vietnamese is written in are never hidden: no
      // Unicode property lookup for them.
      let value = scalar.value
      let shown =
        value &- 0x20 < 0x5F || value &- 0xC0 < 0x190 || value &- 0x1E00 < 0x100
        || !isHidden(
          scalar, before: k > 0 ? scalars[k - 1] : nil,
          after: k + 1 < scalars.count ? scalars[k + 1] : nil)
      if shown {
        UTF8.encode(scalar) { output.append($0) }
      } else {
        output += Array(("\\u{" + String(value, radix: 16) + "}").utf8)
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether a terminal would obey `scalar`, or draw nothing for it, instead of showing it.
  ///
  /// Hidden: controls (Unicode category Cc: C0, DEL, C1, tab aside), format characters (Cf: the
  /// bidi embeddings, overrides, isolates and marks, zero-width space and (non-)joiner, word
  /// joiner, BOM, tag characters, …) and the line and paragraph separators (Zl, Zp). Two format
  /// characters are shown as they are, because they are common in real text and disguise
  /// nothing: the soft hyphen (U+00AD, hyphenation points pasted from word processors and web
  /// pages; terminals draw it as a hyphen or not at all) and the zero-width joiner *between two
  /// emoji*, where it builds one emoji (👨‍👩‍👧) and cannot split a word or an identifier.
  /// Elsewhere the joiner is escaped: Vietnamese never needs it, and inside `30-CT/TW` it would
  /// make two different strings look the same.
  static func isHidden(_ scalar: Unicode.Scalar, before: Unicode.Scalar?, after: Unicode.Scalar?)
    -> Bool
  {
    switch scalar.value {
    case 0x09, 0xAD: return false
    case 0x200D: return !(before.map(isEmojiPart) == true && after.map(isEmoji) == true)
    default: break
    }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }

  /// A pictographic emoji (not a digit, `#` or `*`, which are emoji only in keycaps).
  private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x80 && scalar.properties.isEmoji
  }

  /// What can come right before a joiner inside an emoji sequence: an emoji, or the emoji
  /// presentation selector U+FE0F that follows one (❤️‍🔥).
  private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value == 0xFE0F || isEmoji(scalar)
  }

  /// Whether `bytes` may hold a hidden character: a cheap test on UTF-8 lead bytes, so that
  /// ordinary Vietnamese lines are returned as they are without decoding a scalar.
  ///
  /// Cc, Cf, Zl and Zp scalars start with a byte below 0x20, 0x7F, `C2 80`–`C2 9F` (C1), `D8`,
  /// `DB`, `DC` (Arabic and Syriac format marks), `E0 A2`, `E0 A3` (U+0890, U+0891, U+08E2), `E1 A0` (U+180E), `E2 80 8B`–
  /// `E2 80 8F`, `E2 80 A8`–`E2 80 AE`, `E2 81 A0`–`E2 81 AF` (U+200B–U+206F: not the dashes,
  /// quotes and ellipsis of ordinary text), `EF` (BOM, U+FFF9–U+FFFB) or `F0`/`F3` (format
  /// characters and tags above U+FFFF). The soft hyphen U+00AD is shown, so `C2 AD` is not
  /// looked at. `E1` alone starts most Vietnamese letters (U+1EA0–U+1EF9), hence the second byte.
  private static func mayHide(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // The byte before, and the one before it.
    var previous: UInt8 = 0
    var first: UInt8 = 0
    for byte in bytes {
      switch byte {
      case 0x00...0x08, 0x0A...0x1F, 0x7F, 0xD8, 0xDB, 0xDC, 0xEF, 0xF0, 0xF3:
        return true
      case 0x80...0x9F where previous == 0xC2: return true  // C1 controls; not NBSP, «, », ¹²³
      case 0xA0 where previous == 0xE1, 0xA2...0xA3 where previous == 0xE0: return true
      // U+200B–U+200F, U+2028–U+202E, U+2060–U+206F; not the dashes, quotes and ellipsis.
      case 0x8B...0x8F where previous == 0x80 && first == 0xE2,
        0xA8...0xAE where previous == 0x80 && first == 0xE2,
        0xA0...0xAF where previous == 0x81 && first == 0xE2:
        return true
      default: break
      }
      first = previous
      previous = byte
    }
    return false
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
