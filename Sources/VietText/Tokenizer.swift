/// Splits NFC text into tokens on UTF-8 bytes, with no allocation per token.
///
/// Vietnamese writes one syllable per space-separated word, so a token is a syllable; phrase
/// search over syllable positions then matches words without a segmenter. Document numbers stay
/// whole: a run of letters and digits joined by `-` or `/` is one ``Token/Kind/symbol`` token when it
/// has a `/` or a digit (`30-CT/TW`, `59/2023/NĐ-CP`, `18/02/1998`), so `kinh tế-xã hội` still splits
/// into syllables.
///
/// Everything that is not a letter, digit or mark separates tokens: punctuation, non-breaking
/// spaces, dashes, curly quotes, superscript footnote digits (`¹`), Markdown (`**`, `#`), HTML tags
/// (`<sup>`, `</sup>`, skipped whole so `sup` is never a token) and HTML entities (`&nbsp;`).
///
///     Tokenizer.tokens(in: "Chỉ thị số 30-CT/TW")  // Chỉ, thị, số, 30-CT/TW
public enum Tokenizer {
  /// Calls `body` with every token of `bytes`, in order.
  ///
  /// - Precondition: `bytes` is valid UTF-8.
  /// - Complexity: O(*n*).
  ///
  /// Inlinable, with its helpers: the index builder calls it with a closure that does the work
  /// of every token, and inlined into the builder the closure is a loop body whose state stays in
  /// registers instead of a call through a context per token.
  @inlinable
  package static func forEachToken(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void
  ) {
    var i = 0
    let count = bytes.count
    while i < count {
      let width = wordScalarWidth(bytes, at: i)
      if width == 0 {
        i = skipSeparator(bytes, at: i)
        continue
      }
      // A chain of segments joined by '-' or '/'.
      let start = i
      var hasDigit = false
      var hasSlash = false
      var segments = 1
      var hasLetter = false
      i = scanSegment(bytes, from: i, hasDigit: &hasDigit, hasLetter: &hasLetter)
      while i &+ 1 < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "/"),
        wordScalarWidth(bytes, at: i &+ 1) > 0
      {
        if bytes[i] == UInt8(ascii: "/") { hasSlash = true }
        segments &+= 1
        i = scanSegment(bytes, from: i &+ 1, hasDigit: &hasDigit, hasLetter: &hasLetter)
      }
      if segments == 1 {
        body(Token(range: start..<i, kind: hasLetter ? (hasDigit ? .symbol : .word) : .number))
      } else if hasSlash || hasDigit {
        body(Token(range: start..<i, kind: .symbol))
      } else {
        // Letters joined by hyphens ("tế-xã"): one token per segment.
        var s = start
        while s < i {
          var segmentDigit = false
          var segmentLetter = false
          let end = scanSegment(bytes, from: s, hasDigit: &segmentDigit, hasLetter: &segmentLetter)
          body(Token(range: s..<end, kind: .word))
          s = end &+ 1
        }
      }
    }
  }

  /// The tokens of `text`, with byte ranges into `text.utf8`.
  public static func tokens(in text: String) -> [Token] {
    var text = text
    var tokens: [Token] = []
    text.withUTF8 { bytes in forEachToken(in: bytes) { tokens.append($0) } }
    return tokens
  }

  /// The end of the run of word scalars that starts at `i`; digit groups may be joined by `.` or
  /// `,` (`1.000.000`, `2,5`).
  @inlinable @inline(__always)
  package static func scanSegment(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, hasDigit: inout Bool,
    hasLetter: inout Bool
  ) -> Int {
    var i = start
    let count = bytes.count
    while i < count {
      let byte = bytes[i]
      if byte.isASCIIDigit {
        hasDigit = true
        i &+= 1
        if i &+ 1 < count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ","),
          bytes[i &+ 1].isASCIIDigit
        {
          i &+= 1
        }
        continue
      }
      let width = wordScalarWidth(bytes, at: i)
      if width == 0 { break }
      hasLetter = true
      i &+= width
    }
    return i
  }

  /// The byte length of the scalar at `i` if it is part of a word (letter, digit, combining mark),
  /// else 0.
  @inlinable @inline(__always)
  package static func wordScalarWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let byte = bytes[i]
    if byte < 0x80 { return byte.isASCIIAlphanumeric ? 1 : 0 }
    switch byte {
    case 0xC2:
      return 0  // U+0080–U+00BF: NBSP, ¹ ² ³, «, », §, soft hyphen
    case 0xC3:
      // × and ÷ are the only non-letters in U+00C0–U+00FF.
      guard i &+ 1 < bytes.count else { return 0 }
      return bytes[i &+ 1] == 0x97 || bytes[i &+ 1] == 0xB7 ? 0 : 2
    case 0xC4...0xDF:
      return 2
    case 0xE2:
      return 0  // U+2000–U+2FFF: punctuation, dashes, quotes, superscripts, symbols
    case 0xE3 where i &+ 1 < bytes.count && bytes[i &+ 1] == 0x80:
      return 0  // U+3000–U+303F: CJK punctuation
    case 0xEF where i &+ 2 < bytes.count && bytes[i &+ 1] == 0xBB && bytes[i &+ 2] == 0xBF:
      return 0  // BOM / zero-width no-break space
    case 0xEF where i &+ 1 < bytes.count && bytes[i &+ 1] == 0xBF:
      return 0  // U+FFC0–U+FFFF: specials, replacement character
    case 0xEF where i &+ 2 < bytes.count && bytes[i &+ 1] == 0xB8 && bytes[i &+ 2] < 0x90:
      return 0  // U+FE00–U+FE0F: variation selectors, as in the emoji "❤️" (U+2764 U+FE0F)
    case 0xEE:
      return 0  // U+E000–U+EFFF: private use
    case 0xEF where i &+ 1 < bytes.count && bytes[i &+ 1] < 0xA4:
      return 0  // U+F000–U+F8FF: private use, such as the symbol-font bullet U+F0B7
    case 0xE0...0xEF:
      return 3
    case 0xF0 where i &+ 1 < bytes.count && bytes[i &+ 1] == 0x9F:
      return 0  // emoji and pictographs
    case 0xF0...0xF4:
      return 4
    default:
      return 0  // a stray continuation byte
    }
  }

  /// The index after the separator at `i`: a whole HTML tag or entity, else one scalar.
  @inlinable
  package static func skipSeparator(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let byte = bytes[i]
    if byte == UInt8(ascii: "<"), i &+ 1 < bytes.count {
      let next = bytes[i &+ 1]
      if next.isASCIILetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") {
        var j = i &+ 2
        let limit = min(bytes.count, i &+ 512)
        while j < limit, bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "<"),
          bytes[j] != 0x0A
        {
          j &+= 1
        }
        if j < limit, bytes[j] == UInt8(ascii: ">") { return j &+ 1 }
      }
    } else if byte == UInt8(ascii: "&"), i &+ 2 < bytes.count {
      var j = i &+ 1
      let limit = min(bytes.count, i &+ 12)
      while j < limit, bytes[j].isASCIIAlphanumeric || bytes[j] == UInt8(ascii: "#") { j &+= 1 }
      if j < limit, j > i &+ 1, bytes[j] == UInt8(ascii: ";") { return j &+ 1 }
    }
    return i &+ UTF8Decoding.sequenceLength(lead: byte)
  }
}
