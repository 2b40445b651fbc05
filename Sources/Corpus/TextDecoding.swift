import VietText

/// Turns a file's bytes into text, or says in one sentence why it is not text cancu can read.
///
/// cancu reads UTF-8 only. Old Vietnamese office files are often in TCVN3 (ABC), VNI or
/// Windows-1258; such a file is skipped with a warning that names the encoding it looks like, so the
/// user knows to convert it, instead of being indexed as garbage.
package enum TextDecoding {
  /// The text of a file, or the reason it is skipped.
  package static func decode(_ bytes: [UInt8], path: String) -> Result<String, CorpusError> {
    guard !bytes.isEmpty else { return .failure(.empty(path: path)) }
    if bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF)
    {
      return .failure(.utf16(path: path))
    }
    if let nul = bytes.firstIndex(of: 0) {
      return .failure(looksLikeUTF16(bytes, firstNUL: nul) ? .utf16(path: path) : .binary(path: path))
    }
    if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
    if looksBinary(bytes) { return .failure(.binary(path: path)) }
    let offset = firstInvalidOffset(bytes)
    return .failure(.notUTF8(path: path, byteOffset: offset, legacyEncoding: guessLegacy(bytes)))
  }

  /// Whether bytes that are not UTF-8 (and have no NUL) are binary data rather than text in some
  /// other encoding: at least 1 byte in 100, and at least 2, is a control code that no text
  /// encoding uses.
  ///
  /// Text, in any ASCII-based encoding, uses few C0 codes: tab, line feed, vertical tab, form
  /// feed, carriage return, and SUB (DOS's end-of-file mark). The Vietnamese ones use a few more
  /// as capital letters: TCVN3 (`01 02 04–06 11–17`: Ú, Ụ, Ừ, Ự, Ý, …) and VISCII
  /// (`02 05 06 14 19 1E`), so capitals in a heading such as "THỰC HIỆN" are letters, not noise.
  /// The other 11 codes (`03 07 08 0E 0F 10 18 1B 1C 1D 1F`) are 4.3% of random bytes, and so of
  /// compressed data (images, archives) stripped of its NULs, and not found in text. Without them
  /// the file is named as not UTF-8, with its legacy encoding when it looks like one.
  ///
  /// - Complexity: O(*n*) in the first MiB of `bytes`.
  package static func looksBinary(_ bytes: [UInt8]) -> Bool {
    let sample = bytes.prefix(1 << 20)
    var controls = 0
    for byte in sample where byte < 0x20 && isBinaryControl[Int(byte)] { controls &+= 1 }
    return controls >= 2 && controls * 100 >= sample.count
  }

  /// For each C0 byte, whether no text encoding uses it (see ``looksBinary(_:)``).
  private static let isBinaryControl: [Bool] = (0..<0x20).map { (byte: UInt8) in
    switch byte {
    case 0x09...0x0D, 0x1A: false  // whitespace, SUB
    case 0x01, 0x02, 0x04...0x06, 0x11...0x17: false  // TCVN3 capitals
    case 0x19, 0x1E: false  // VISCII capitals (02, 05, 06, 14 are TCVN3's too)
    default: true  // 00 (never seen here), 03 07 08 0E 0F 10 18 1B 1C 1D 1F
    }
  }

  /// UTF-16 text written without a BOM has a NUL beside almost every ASCII character.
  private static func looksLikeUTF16(_ bytes: [UInt8], firstNUL: Int) -> Bool {
    let sample = bytes.prefix(4096)
    let nuls = sample.lazy.filter { $0 == 0 }.count
    return firstNUL < 2 && nuls * 3 > sample.count
  }

  /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
  package static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
    var i = 0
    while i < bytes.count {
      let lead = bytes[i]
      let length: Int
      let lowerSecond: UInt8
      let upperSecond: UInt8
      switch lead {
      case 0x00...0x7F:
        i += 1
        continue
      case 0xC2...0xDF: (length, lowerSecond, upperSecond) = (2, 0x80, 0xBF)
      case 0xE0: (length, lowerSecond, upperSecond) = (3, 0xA0, 0xBF)
      case 0xE1...0xEC, 0xEE...0xEF: (length, lowerSecond, upperSecond) = (3, 0x80, 0xBF)
      case 0xED: (length, lowerSecond, upperSecond) = (3, 0x80, 0x9F)
      case 0xF0: (length, lowerSecond, upperSecond) = (4, 0x90, 0xBF)
      case 0xF1...0xF3: (length, lowerSecond, upperSecond) = (4, 0x80, 0xBF)
      case 0xF4: (length, lowerSecond, upperSecond) = (4, 0x80, 0x8F)
      default: return i
      }
      guard i + length <= bytes.count, (lowerSecond...upperSecond).contains(bytes[i + 1]) else {
        return i
      }
      for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return bytes.count
  }

  /// Which legacy Vietnamese encoding the bytes look like, if any.
  ///
  /// Both families put Vietnamese in bytes ≥ 0x80 between ASCII letters. In VNI and Windows-1258
  /// a mark byte follows its vowel (`a` + `ø`; `ê` + the acute byte), so high bytes mostly come right
  /// after a vowel or another high byte; in TCVN3 the accented vowel is itself one byte (`¸` for
  /// `á`), so they mostly come after a consonant (`t¸c`). Text whose high bytes are not inside words
  /// is neither. A run of high bytes is inside a word for 4 bytes at most (`đường` in VNI:
  /// `ñ ö ô ø` + `ng`); the rest of a longer run (another script, binary data) is not.
  package static func guessLegacy(_ bytes: [UInt8]) -> LegacyEncoding? {
    var high = 0
    var afterVowel = 0
    var afterLetter = 0
    var run = 0  // high bytes in a row, this one included
    var previous: UInt8 = 0x20
    for byte in bytes.prefix(1 << 20) {
      run = byte >= 0x80 ? run &+ 1 : 0
      if byte >= 0x80 {
        high += 1
        if previous >= 0x80 {
          if run <= 4 {
            afterLetter += 1
            afterVowel += 1
          }
        } else if previous.isASCIILetter {
          afterLetter += 1
          switch previous | 0x20 {
          case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
            UInt8(ascii: "u"), UInt8(ascii: "y"):
            afterVowel += 1
          default: break
          }
        }
      }
      previous = byte
    }
    guard high >= 4, afterLetter * 2 >= high else { return nil }
    return afterVowel * 10 >= afterLetter * 7 ? .vniOrWindows1258 : .tcvn3
  }
}
