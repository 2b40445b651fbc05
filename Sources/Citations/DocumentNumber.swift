/// A document number read from text: `30-CT/TW`, `59/2023/NĐ-CP`, `1140/UBND-NCKS`.
struct DocumentNumber: Hashable, Sendable {
  /// The number (`"30"`, `"059"` kept as written).
  var number: String
  /// The year of a state identifier.
  var year: Int?
  /// The symbol in official case (`CT/TW`, `NĐ-CP`).
  var symbol: String
  /// Whether the number is in the Party's form `NUMBER-SYMBOL`.
  var isParty: Bool
  /// Whether the text was garbled and repaired.
  var isRepaired: Bool
  /// The kind named by the type code that opens the symbol (`CT`, `NĐ`), when it is a known one.
  var codeKind: DocumentKind?

  /// The canonical id: `30-CT/TW`, `59/2023/NĐ-CP`, `1140/UBND-NCKS`.
  var id: String {
    // Bytes gathered on the stack, then one string: appending strings cost about 900
    // instructions a citation, and `String(unsafeUninitializedCapacity:)` about 600.
    var number = number
    var symbol = symbol
    return number.withUTF8 { n in
      symbol.withUTF8 { s in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n.count &+ s.count &+ 24) { out in
          var o = 0
          for byte in n {
            out[o] = byte
            o &+= 1
          }
          if isParty {
            out[o] = 0x2D
            o &+= 1
          } else if let year {
            out[o] = 0x2F
            o &+= 1
            for byte in String(year).utf8 {
              out[o] = byte
              o &+= 1
            }
            out[o] = 0x2F
            o &+= 1
          } else {
            out[o] = 0x2F
            o &+= 1
          }
          for byte in s {
            out[o] = byte
            o &+= 1
          }
          return String(decoding: UnsafeBufferPointer(rebasing: out[..<o]), as: UTF8.self)
        }
      }
    }
  }

  /// The kind the code names, if any.
  var kindFromCode: DocumentKind? {
    if let codeKind { return codeKind }
    // State symbols without a type code: a law (QH13), an ordinance (UBTVQH11), a letter (UBND-…).
    let head = symbol.utf8.prefix { $0 != 0x2D && $0 != 0x2F }
    if head.starts(with: "UBTVQH".utf8) { return .ordinance }
    if head.starts(with: "QH".utf8) { return .law }
    if !isParty, year == nil, head.elementsEqual("UBND".utf8) { return .officialLetter }
    return nil
  }
}

extension FoldedText {
  /// One part of a number as written: letters and digits, the separator before it, and where
  /// its text in official case was written.
  private struct Segment {
    var range: Range<Int>
    var separator: UInt8
    var text: Range<Int> = 0..<0
  }

  /// The longest part looked at, in folded characters.
  private static let maximumPartLength = 24
  /// The most parts looked at.
  private static let maximumParts = 10

  /// Reads a document number starting at the digit at `i`; returns it and where it ends, or
  /// `nil` (with the end of what was looked at) when the text there is not one.
  func documentNumber(at i: Int) -> (DocumentNumber?, end: Int) {
    // The parts go to the stack first: most numbers here are dates ("15/11/2004", no letter),
    // turned down before anything is allocated.
    withUnsafeTemporaryAllocation(of: Segment.self, capacity: Self.maximumParts) { buffer in
      var count = 0
      var hasLetterPart = false
      var j = i
      var separator: UInt8 = 0
      while count < Self.maximumParts {
        let s = j
        j = wordEnd(j)
        guard j > s, j &- s <= Self.maximumPartLength else { break }
        buffer[count] = Segment(range: s..<j, separator: separator)
        count &+= 1
        if !hasLetterPart, hasLetter(s..<j) { hasLetterPart = true }
        var k = j
        while k < self.count, chars[k] == 0x20 { k &+= 1 }
        guard k < self.count, chars[k] == 0x2F || chars[k] == 0x2D else { break }
        let sep = chars[k]
        k &+= 1
        while k < self.count, chars[k] == 0x20 { k &+= 1 }
        guard k < self.count, chars[k].isFoldedWordChar else { break }
        separator = sep
        j = k
      }
      guard count >= 2, hasLetterPart, isDigits(buffer[0].range), buffer[0].range.count <= 6
      else { return (nil, count > 0 ? buffer[count &- 1].range.upperBound : wordEnd(i)) }
      // Each part in official case, a byte for its separator before it: at most four bytes a
      // character (a scalar's length).
      let capacity = count &* (Self.maximumPartLength &* 4 &+ 1)
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out in
        documentNumber(
          at: i, segments: UnsafeMutableBufferPointer(rebasing: buffer[..<count]), out: out)
      }
    }
  }

  /// Reads a document number from its parts (at least two, the first digits, one with a
  /// letter), writing their texts in official case into `out`.
  ///
  /// The parts are written one after another, each after its separator (`/` or `-`), so the
  /// text from one part to the last is the symbol they make, and strings are made only for what
  /// the number keeps.
  private func documentNumber(
    at i: Int, segments: UnsafeMutableBufferPointer<Segment>,
    out: UnsafeMutableBufferPointer<UInt8>
  ) -> (DocumentNumber?, end: Int) {
    // Keep the valid prefix: letter parts in capitals or a known mixed-case code.
    var validCount = 0
    var o = 0
    var anyLetter = false
    while validCount < segments.count {
      let segment = segments[validCount]
      var start = o
      if validCount > 0 {
        out[start] = segment.separator
        start &+= 1
      }
      guard let length = canonicalPart(segment.range, into: out, at: start) else { break }
      segments[validCount].text = start..<(start &+ length)
      o = start &+ length
      if !anyLetter, hasLetter(segment.range) { anyLetter = true }
      validCount &+= 1
    }
    let end = validCount > 0 ? segments[validCount &- 1].range.upperBound : wordEnd(i)
    guard validCount >= 2, anyLetter else { return (nil, end) }
    let parts = UnsafeBufferPointer(rebasing: segments[..<validCount])
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: out[range])
    }
    func string(_ range: Range<Int>) -> String { String(decoding: bytes(range), as: UTF8.self) }
    /// The symbol made of the parts from `first` to the last.
    func symbol(from first: Int) -> String {
      string(parts[first].text.lowerBound..<parts[validCount &- 1].text.upperBound)
    }
    let number = string(parts[0].text)
    let second = parts[1]
    if second.separator == 0x2D {
      // Party form, NUMBER-CODE/ISSUER; a year inside means a garbled state number.
      guard hasLetter(second.range) else { return (nil, end) }
      if let repaired = repairedState(number: number, parts: parts, out: out) {
        return (repaired, end)
      }
      let codeKind = isLetters(second.range) ? Vocabulary.kindCode(bytes(second.text)) : nil
      return (
        DocumentNumber(
          number: number, year: nil, symbol: symbol(from: 1), isParty: true, isRepaired: false,
          codeKind: codeKind), end
      )
    }
    if isDigits(second.range) {
      let year = intValue(second.range)
      guard second.range.count == 4, (1945...2100).contains(year), validCount >= 3,
        hasLetter(parts[2].range)
      else { return (nil, end) }
      return (
        DocumentNumber(
          number: number, year: year, symbol: symbol(from: 2), isParty: false,
          isRepaired: false, codeKind: Vocabulary.kindCode(bytes(parts[2].text))), end
      )
    }
    // "30/CT-TW": a Party number written the state's way.
    if validCount == 3, parts[2].separator == 0x2D,
      Vocabulary.isPartyIssuer(bytes(parts[2].text)),
      let codeKind = Vocabulary.kindCode(bytes(second.text))
    {
      out[parts[2].text.lowerBound &- 1] = 0x2F
      return (
        DocumentNumber(
          number: number, year: nil, symbol: symbol(from: 1), isParty: true, isRepaired: true,
          codeKind: codeKind), end
      )
    }
    return (
      DocumentNumber(
        number: number, year: nil, symbol: symbol(from: 1), isParty: false, isRepaired: false,
        codeKind: Vocabulary.kindCode(bytes(second.text))), end
    )
  }

  /// `157-NĐ/2007/NĐ-CP` → 157/2007/NĐ-CP; `34-PL/TW34/2007PL-UBTVQH11` → 34/2007/PL-UBTVQH11:
  /// a Party-shaped number with a four-digit year inside, followed by a state symbol.
  private func repairedState(
    number: String, parts: UnsafeBufferPointer<Segment>, out: UnsafeMutableBufferPointer<UInt8>
  ) -> DocumentNumber? {
    guard parts.count >= 3 else { return nil }
    let last = parts[parts.count &- 1].text.upperBound
    for index in 2..<parts.count {
      let text = parts[index].text
      // A run of exactly four digits that is a plausible year.
      var s = text.lowerBound
      while s < text.upperBound {
        guard out[s].isDigitChar else {
          s &+= 1
          continue
        }
        var e = s
        var year = 0
        while e < text.upperBound, out[e].isDigitChar {
          year = year &* 10 &+ Int(out[e] &- 0x30)
          e &+= 1
        }
        if e &- s == 4, (1945...2100).contains(year) {
          // The rest of this part, then the later parts with their separators; a part that
          // ends with the year leaves the next part's separator out.
          var restStart = e
          if e == text.upperBound, index &+ 1 < parts.count { restStart &+= 1 }
          let rest = restStart..<last
          guard !rest.isEmpty, !out[rest.lowerBound].isDigitChar else { return nil }
          var codeEnd = rest.lowerBound
          while codeEnd < last, out[codeEnd] != 0x2D, out[codeEnd] != 0x2F { codeEnd &+= 1 }
          return DocumentNumber(
            number: number, year: year,
            symbol: String(decoding: UnsafeBufferPointer(rebasing: out[rest]), as: UTF8.self),
            isParty: false, isRepaired: true,
            codeKind: Vocabulary.kindCode(UnsafeBufferPointer(rebasing: out[rest.lowerBound..<codeEnd])))
        }
        s = e
      }
    }
    return nil
  }

  /// Whether `range` holds a letter.
  func hasLetter(_ range: Range<Int>) -> Bool {
    for j in range where chars[j].isFoldedLetter { return true }
    return false
  }

  /// Whether `range` holds only letters.
  func isLetters(_ range: Range<Int>) -> Bool {
    for j in range where !chars[j].isFoldedLetter { return false }
    return true
  }

  /// Writes a part of a number in official case at `start` of `out`; returns its length in
  /// bytes, or `nil` when it is a word rather than a code ("Chính" after a dash).
  private func canonicalPart(
    _ range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int
  ) -> Int? {
    var lower = 0
    var upperCount = 0
    var hasDigit = false
    var o = start
    for j in range {
      let c = chars[j]
      guard c.isFoldedLetter else {
        if c.isDigitChar { hasDigit = true }
        out[o] = c
        o &+= 1
        continue
      }
      let s = byteStart(j)
      if isUpper(j) { upperCount &+= 1 } else { lower &+= 1 }
      let b = bytes[s]
      if b < 0x80 {
        out[o] = b & 0xDF
        o &+= 1
      } else if b == 0xC4, bytes[s &+ 1] == 0x91 {  // "đ" → "Đ"
        out[o] = 0xC4
        out[o &+ 1] = 0x90
        o &+= 2
      } else {
        for k in s..<byteEnd(j) {
          out[o] = bytes[k]
          o &+= 1
        }
      }
    }
    let text = UnsafeMutableBufferPointer(rebasing: out[start..<o])
    if range.count == 3, Vocabulary.writeMixedCase(text) { return o &- start }
    if lower > 0, upperCount > 0, lower >= upperCount { return nil }
    // A text in lower case writes codes in lower case too: "nđ-cp", "ubtvqh11"; a longer word
    // without digits is a word.
    if lower > 0, upperCount == 0, lower > 4, !hasDigit { return nil }
    return o &- start
  }
}
