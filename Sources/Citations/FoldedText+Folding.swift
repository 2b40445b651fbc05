import VietText

// MARK: - Folding

extension FoldedText {
  /// Folds `b` into the preallocated buffers; returns the number of folded characters.
  ///
  /// The extractor's hottest loop: a plain ASCII byte costs one table read, one test and two
  /// stores (``FoldTable/ascii`` sends every other byte, non-ASCII included, to the slow path);
  /// a two-byte letter one more table read. Markup and the rare cases are out of line, so the
  /// loop's pointers stay in registers.
  static func fold(
    _ b: UnsafeBufferPointer<UInt8>, ascii: UnsafeBufferPointer<UInt8>,
    table: UnsafeBufferPointer<UInt8>, chars: UnsafeMutableBufferPointer<UInt8>,
    starts: UnsafeMutableBufferPointer<Int32>, markers: inout [(at: Int, number: Int)]
  ) -> Int {
    precondition(ascii.count == 256 && table.count == 0x1F00)
    let n = b.count
    guard n > 0, let text = b.baseAddress, let out = chars.baseAddress,
      let offsets = starts.baseAddress, let asciiCodes = ascii.baseAddress,
      let codes = table.baseAddress
    else {
      starts[0] = 0
      return 0
    }
    var i = 0
    var o = 0
    while i < n {
      let byte = text[i]
      var code = asciiCodes[Int(byte)]
      if code < 0x80 {
        out[o] = code
        offsets[o] = Int32(truncatingIfNeeded: i)
        o &+= 1
        i &+= 1
        continue
      }
      if byte < 0x80 {
        // "<" (perhaps "<sup>") or "*", which is dropped.
        if byte == 0x3C {
          if let end = supEnd(b, at: i) {
            markers.append((o, supNumber(b, i &+ 5..<end &- 6)))
            i = end
            continue
          }
          out[o] = byte
          offsets[o] = Int32(truncatingIfNeeded: i)
          o &+= 1
        }
        i &+= 1
        continue
      }
      let length: Int
      if byte < 0xE0, i &+ 1 < n {
        // Two bytes: every scalar below U+0800 is in the table.
        let value = Int(byte & 0x1F) << 6 | Int(text[i &+ 1] & 0x3F)
        code = codes[value]
        length = 2
        if code == FoldTable.dropped {
          dropped(value, at: o, b, i, markers: &markers)
          i &+= 2
          continue
        }
      } else if byte < 0xF0, i &+ 2 < n {
        // Three bytes: Vietnamese letters with two marks (U+1EA0–U+1EF9) are in the table;
        // dashes, quotes and spaces above it are coded by hand.
        let value = Int(byte & 0x0F) << 12 | Int(text[i &+ 1] & 0x3F) << 6
          | Int(text[i &+ 2] & 0x3F)
        code = value < 0x1F00 ? codes[value] : FoldTable.code(forWide: value)
        length = 3
        if code == FoldTable.dropped {
          dropped(value, at: o, b, i, markers: &markers)
          i &+= 3
          continue
        }
      } else {
        // A four-byte scalar, or one cut off at the end: U+FFFD, which reads as `other`.
        code = 0
        length = UTF8Decoding.sequenceLength(lead: byte)
      }
      out[o] = code == 0 ? other : code & 0x7F
      offsets[o] = Int32(truncatingIfNeeded: i)
      o &+= 1
      i &+= length
    }
    offsets[o] = Int32(truncatingIfNeeded: n)
    return o
  }

  /// A scalar the fold leaves out: a superscript digit is kept as a footnote marker.
  @inline(never)
  private static func dropped(
    _ value: Int, at o: Int, _ b: UnsafeBufferPointer<UInt8>, _ i: Int,
    markers: inout [(at: Int, number: Int)]
  ) {
    if let digit = FoldTable.superscriptDigit(value) {
      addSuperscript(digit, at: o, b, i, markers: &markers)
    }
  }

  /// The number written inside `<sup>…</sup>`: its digits, other characters skipped.
  private static func supNumber(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
    var number = 0
    for k in range where b[k].isASCIIDigit {
      number = number &* 10 &+ Int(b[k] &- 0x30)
    }
    return number
  }

  /// Records a superscript digit: a new marker, or the next digit of the one just before.
  private static func addSuperscript(
    _ digit: Int, at o: Int, _ b: UnsafeBufferPointer<UInt8>, _ i: Int,
    markers: inout [(at: Int, number: Int)]
  ) {
    if let last = markers.last, last.at == o, i > 0, isSuperscriptEnd(b, i) {
      markers[markers.count &- 1].number = last.number &* 10 &+ digit
    } else {
      markers.append((o, digit))
    }
  }

  /// Per folded character: 1 when it is a trigger initial — a digit, `l`, `b`, `n`, `h`: the
  /// first letters of "luật", "bộ luật", "nghị quyết", "hiến pháp".
  private static let triggerInitials: [UInt8] = (0..<128).map { (c: Int) -> UInt8 in
    let byte = UInt8(c)
    return byte.isDigitChar || byte == 0x6C || byte == 0x62 || byte == 0x6E || byte == 0x68 ? 1 : 0
  }

  /// Records the line ends and the trigger word starts (a word that starts with a trigger
  /// initial) of the folded characters; returns their counts.
  ///
  /// Eight characters at a time in one 64-bit word (folded characters are ASCII, so byte-wise
  /// comparisons cannot carry across bytes): a mask of word characters gives the word starts,
  /// about one in five characters, and only those are looked up. Swift's generic SIMD types were
  /// tried here once and compiled to scalar loops six times slower.
  static func index(
    _ chars: UnsafeBufferPointer<UInt8>, lineEnds: UnsafeMutableBufferPointer<Int32>,
    triggers: UnsafeMutableBufferPointer<Int32>
  ) -> (lines: Int, triggers: Int) {
    guard let base = chars.baseAddress else { return (0, 0) }
    return triggerInitials.withUnsafeBufferPointer { initials in
      let n = chars.count
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = 0x8080_8080_8080_8080
      var lineCount = 0
      var triggerCount = 0
      var carry: UInt64 = 0  // bit 7 set when the character before the block is a word character
      var o = 0
      while o &+ 8 <= n {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))
        // Bit 7 of a byte set when the byte is at least the bound (no byte exceeds 0x7F).
        let letter = (w &+ ones &* (0x80 - 0x61)) & ~(w &+ ones &* (0x80 - 0x7B)) & high
        let digit = (w &+ ones &* (0x80 - 0x30)) & ~(w &+ ones &* (0x80 - 0x3A)) & high
        let word = letter | digit
        var starts = word & ~(word << 8 | carry)
        carry = (word >> 56) & 0x80
        let x = w ^ (ones &* 0x0A)
        var newlines = ~(((x & ~high) &+ ~high) | x) & high
        while starts != 0 {
          let position = o &+ starts.trailingZeroBitCount >> 3
          triggers[triggerCount] = Int32(truncatingIfNeeded: position)
          triggerCount &+= Int(initials[Int(chars[position])])
          starts &= starts &- 1
        }
        while newlines != 0 {
          lineEnds[lineCount] = Int32(truncatingIfNeeded: o &+ newlines.trailingZeroBitCount >> 3)
          lineCount &+= 1
          newlines &= newlines &- 1
        }
        o &+= 8
      }
      var previousIsWord = carry != 0
      while o < n {
        let c = chars[o]
        if c == 0x0A {
          lineEnds[lineCount] = Int32(truncatingIfNeeded: o)
          lineCount &+= 1
        }
        let isWord = c.isFoldedWordChar
        if isWord, !previousIsWord, initials[Int(c)] != 0 {
          triggers[triggerCount] = Int32(truncatingIfNeeded: o)
          triggerCount &+= 1
        }
        previousIsWord = isWord
        o &+= 1
      }
      return (lineCount, triggerCount)
    }
  }

  /// Whether the scalar before `i` is a superscript digit (so the one at `i` extends a marker).
  static func isSuperscriptEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    if i >= 2, b[i &- 2] == 0xC2, b[i &- 1] == 0xB9 || b[i &- 1] == 0xB2 || b[i &- 1] == 0xB3 {
      return true
    }
    return i >= 3 && b[i &- 3] == 0xE2 && b[i &- 2] == 0x81 && b[i &- 1] &- 0xB0 < 10
  }

  /// The end of a `<sup>…</sup>` element (at most 8 characters inside) starting at `i`.
  static func supEnd(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
    guard i &+ 11 <= b.count, b[i &+ 1] | 0x20 == 0x73, b[i &+ 2] | 0x20 == 0x75,
      b[i &+ 3] | 0x20 == 0x70, b[i &+ 4] == 0x3E
    else { return nil }
    var j = i &+ 5
    let limit = min(b.count, j &+ 9)
    while j < limit, b[j] != 0x3C { j &+= 1 }
    guard j &+ 6 <= b.count, b[j &+ 1] == 0x2F, b[j &+ 2] | 0x20 == 0x73,
      b[j &+ 3] | 0x20 == 0x75, b[j &+ 4] | 0x20 == 0x70, b[j &+ 5] == 0x3E
    else { return nil }
    return j &+ 6
  }

}
