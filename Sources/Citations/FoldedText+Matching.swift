extension UInt8 {
  /// A folded letter, `a`–`z`.
  @inline(__always) var isFoldedLetter: Bool { self &- 0x61 < 26 }
  /// A folded letter or digit.
  @inline(__always) var isFoldedWordChar: Bool { self &- 0x61 < 26 || self &- 0x30 < 10 }
  /// A digit.
  @inline(__always) var isDigitChar: Bool { self &- 0x30 < 10 }
}

// MARK: - Words and phrases

extension FoldedText {
  /// The character at `i`, or a line end outside the text.
  @inline(__always)
  subscript(_ i: Int) -> UInt8 { i >= 0 && i < chars.count ? chars[i] : 0x0A }

  /// Whether a word can start at `i`: the character before it is not a letter or digit.
  @inline(__always)
  func isWordStart(_ i: Int) -> Bool { !self[i &- 1].isFoldedWordChar }

  /// The end of the letters and digits starting at `i`.
  @inline(__always)
  func wordEnd(_ i: Int) -> Int {
    var j = i
    while j < chars.count, chars[j].isFoldedWordChar { j &+= 1 }
    return j
  }

  /// The start of the letters and digits ending at `end`.
  @inline(__always)
  func wordStart(endingAt end: Int) -> Int {
    var j = end
    while j > 0, chars[j &- 1].isFoldedWordChar { j &-= 1 }
    return j
  }

  /// Skips spaces forward from `i`, and one line end when `newline` is set (a citation may wrap,
  /// but a blank line ends it).
  @inline(__always)
  func skipSpaces(_ i: Int, newline: Bool = true) -> Int {
    var j = i
    var lines = 0
    while j < chars.count {
      let c = chars[j]
      if c == 0x20 {
        j &+= 1
      } else if c == 0x0A, newline, lines == 0 {
        lines = 1
        j &+= 1
      } else {
        break
      }
    }
    return j
  }

  /// Skips spaces backward from `end` (exclusive), and one line end when `newline` is set.
  @inline(__always)
  func skipSpacesBack(_ end: Int, newline: Bool = true) -> Int {
    var j = end
    var lines = 0
    while j > 0 {
      let c = chars[j &- 1]
      if c == 0x20 {
        j &-= 1
      } else if c == 0x0A, newline, lines == 0 {
        lines = 1
        j &-= 1
      } else {
        break
      }
    }
    return j
  }

  /// Matches a folded phrase at `i`; returns its end.
  ///
  /// A space in `phrase` matches one or more spaces (and at most one line end); the phrase must
  /// end at a word boundary.
  func match(_ phrase: [UInt8], at i: Int) -> Int? {
    var j = i
    var k = 0
    while k < phrase.count {
      let p = phrase[k]
      if p == 0x20 {
        let next = skipSpaces(j)
        // A comma may be followed by no space at all; elsewhere a space is required.
        if next == j, phrase[k &- 1] != 0x2C { return nil }
        j = next
      } else {
        guard j < chars.count, chars[j] == p else { return nil }
        j &+= 1
      }
      k &+= 1
    }
    if let last = phrase.last, last.isFoldedWordChar, self[j].isFoldedWordChar { return nil }
    return j
  }

  /// Matches a folded phrase that ends at `end` (exclusive); returns its start.
  func match(_ phrase: [UInt8], endingAt end: Int) -> Int? {
    var j = end
    var k = phrase.count &- 1
    while k >= 0 {
      let p = phrase[k]
      if p == 0x20 {
        let next = skipSpacesBack(j)
        if next == j, k &+ 1 < phrase.count, phrase[k &+ 1] != 0x2C, phrase[k &- 1] != 0x2C {
          return nil
        }
        j = next
      } else {
        guard j > 0, chars[j &- 1] == p else { return nil }
        j &-= 1
      }
      k &-= 1
    }
    if let first = phrase.first, first.isFoldedWordChar, self[j &- 1].isFoldedWordChar {
      return nil
    }
    return j
  }

  /// The word (letters and digits) that ends before `end`, spaces skipped.
  func previousWord(before end: Int) -> Range<Int>? {
    let e = skipSpacesBack(end)
    guard e > 0, chars[e &- 1].isFoldedWordChar else { return nil }
    return wordStart(endingAt: e)..<e
  }

  /// Whether the folded word at `range` is `word`.
  @inline(__always)
  func word(_ range: Range<Int>, is word: StaticString) -> Bool {
    guard range.count == word.utf8CodeUnitCount else { return false }
    let p = word.utf8Start
    var k = 0
    for j in range {
      if chars[j] != p[k] { return false }
      k &+= 1
    }
    return true
  }

  /// Whether the word at `range` is written in capitals only (a Roman numeral, a code).
  func isAllUpper(_ range: Range<Int>) -> Bool {
    for j in range where chars[j].isFoldedLetter && !isUpper(j) { return false }
    return true
  }

  /// Whether `range` is a Roman numeral written in capitals (`XIII`, `IV`).
  ///
  /// With `anyCase`, lower case counts too ("khóa xii" in a text written in lower case).
  func isRomanNumeral(_ range: Range<Int>, anyCase: Bool = false) -> Bool {
    guard !range.isEmpty, range.count <= 7 else { return false }
    for j in range {
      let c = chars[j]
      guard anyCase || isUpper(j), c == 0x69 || c == 0x76 || c == 0x78 || c == 0x6C else {
        return false
      }
    }
    return true
  }

  /// Whether every character of `range` is a digit.
  func isDigits(_ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return false }
    for j in range where !chars[j].isDigitChar { return false }
    return true
  }

  /// The integer value of the digits in `range`.
  func intValue(_ range: Range<Int>) -> Int {
    var v = 0
    for j in range { v = v &* 10 &+ Int(chars[j] &- 0x30) }
    return v
  }
}
