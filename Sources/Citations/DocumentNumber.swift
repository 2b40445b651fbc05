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
  /// The type code that opens the symbol (`CT`, `NĐ`), when it has one.
  var code: String?

  /// The canonical id: `30-CT/TW`, `59/2023/NĐ-CP`, `1140/UBND-NCKS`.
  var id: String {
    // One string built in place: chained `+` made two or three intermediate strings per citation.
    var id = ""
    id.reserveCapacity(number.utf8.count &+ symbol.utf8.count &+ 6)
    id += number
    if isParty {
      id += "-"
    } else if let year {
      id += "/"
      id += String(year)
      id += "/"
    } else {
      id += "/"
    }
    id += symbol
    return id
  }

  /// The kind the code names, if any.
  var kindFromCode: DocumentKind? {
    if let code, let kind = Vocabulary.kindCodes[code] { return kind }
    // State symbols without a type code: a law (QH13), an ordinance (UBTVQH11), a letter (UBND-…).
    let head = symbol.prefix { $0 != "-" && $0 != "/" }
    if head.hasPrefix("QH") { return .law }
    if head.hasPrefix("UBTVQH") { return .ordinance }
    if !isParty, year == nil, head == "UBND" { return .officialLetter }
    return nil
  }
}

extension FoldedText {
  /// One part of a number as written: letters and digits, and the separator before it.
  private struct Segment {
    var range: Range<Int>
    var separator: UInt8
  }

  /// Reads a document number starting at the digit at `i`; returns it and where it ends, or
  /// `nil` (with the end of what was looked at) when the text there is not one.
  func documentNumber(at i: Int) -> (DocumentNumber?, end: Int) {
    // The parts go to the stack first: most numbers here are dates ("15/11/2004", no letter),
    // turned down before anything is allocated.
    withUnsafeTemporaryAllocation(of: Segment.self, capacity: 10) { buffer in
      var count = 0
      var hasLetterPart = false
      var j = i
      var separator: UInt8 = 0
      while count < 10 {
        let s = j
        j = wordEnd(j)
        guard j > s, j &- s <= 24 else { break }
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
      return documentNumber(at: i, segments: UnsafeBufferPointer(rebasing: buffer[..<count]))
    }
  }

  /// Reads a document number from its parts (at least two, the first digits, one with a
  /// letter).
  private func documentNumber(at i: Int, segments: UnsafeBufferPointer<Segment>)
    -> (DocumentNumber?, end: Int)
  {
    // Keep the valid prefix: letter parts in capitals or a known mixed-case code.
    var valid: [(segment: Segment, text: String)] = []
    valid.reserveCapacity(segments.count)
    for segment in segments {
      guard let text = canonicalPart(segment.range) else { break }
      valid.append((segment, text))
    }
    let end = valid.last.map { $0.segment.range.upperBound } ?? wordEnd(i)
    guard valid.count >= 2, valid.contains(where: { hasLetter($0.segment.range) }) else {
      return (nil, end)
    }
    let number = valid[0].text
    let second = valid[1]
    func join(_ parts: ArraySlice<(segment: Segment, text: String)>) -> String {
      var out = ""
      for (index, part) in parts.enumerated() {
        if index > 0 { out.append(part.segment.separator == 0x2F ? "/" : "-") }
        out += part.text
      }
      return out
    }
    if second.segment.separator == 0x2D {
      // Party form, NUMBER-CODE/ISSUER; a year inside means a garbled state number.
      guard hasLetter(second.segment.range) else { return (nil, end) }
      if let repaired = repairedState(number: number, parts: valid) {
        return (repaired, end)
      }
      let symbol = join(valid[1...])
      let code = isLetters(second.segment.range) ? second.text : nil
      return (
        DocumentNumber(
          number: number, year: nil, symbol: symbol, isParty: true, isRepaired: false,
          code: code), end
      )
    }
    if isDigits(second.segment.range) {
      let year = intValue(second.segment.range)
      guard second.segment.range.count == 4, (1945...2100).contains(year), valid.count >= 3,
        hasLetter(valid[2].segment.range)
      else { return (nil, end) }
      let symbol = join(valid[2...])
      return (
        DocumentNumber(
          number: number, year: year, symbol: symbol, isParty: false, isRepaired: false,
          code: Vocabulary.kindCodes[valid[2].text] != nil ? valid[2].text : nil), end
      )
    }
    // "30/CT-TW": a Party number written the state's way.
    if valid.count == 3, valid[2].segment.separator == 0x2D,
      Vocabulary.partyIssuers.contains(valid[2].text), Vocabulary.kindCodes[second.text] != nil
    {
      return (
        DocumentNumber(
          number: number, year: nil, symbol: second.text + "/" + valid[2].text, isParty: true,
          isRepaired: true, code: second.text), end
      )
    }
    let symbol = join(valid[1...])
    return (
      DocumentNumber(
        number: number, year: nil, symbol: symbol, isParty: false, isRepaired: false,
        code: Vocabulary.kindCodes[second.text] != nil ? second.text : nil), end
    )
  }

  /// `157-NĐ/2007/NĐ-CP` → 157/2007/NĐ-CP; `34-PL/TW34/2007PL-UBTVQH11` → 34/2007/PL-UBTVQH11:
  /// a Party-shaped number with a four-digit year inside, followed by a state symbol.
  private func repairedState(
    number: String, parts: [(segment: Segment, text: String)]
  ) -> DocumentNumber? {
    guard parts.count >= 3 else { return nil }
    for index in 2..<parts.count {
      let text = parts[index].text
      let utf8 = Array(text.utf8)
      // A run of exactly four digits that is a plausible year.
      var s = 0
      while s < utf8.count {
        guard utf8[s].isDigitChar else {
          s &+= 1
          continue
        }
        var e = s
        while e < utf8.count, utf8[e].isDigitChar { e &+= 1 }
        if e &- s == 4, let year = Int(String(decoding: utf8[s..<e], as: UTF8.self)),
          (1945...2100).contains(year)
        {
          var rest = String(decoding: utf8[e...], as: UTF8.self)
          for later in parts[(index &+ 1)...] {
            if !rest.isEmpty { rest.append(later.segment.separator == 0x2F ? "/" : "-") }
            rest += later.text
          }
          guard let head = rest.utf8.first, !head.isDigitChar else { return nil }
          let code = String(rest.prefix { $0 != "-" && $0 != "/" })
          return DocumentNumber(
            number: number, year: year, symbol: rest, isParty: false, isRepaired: true,
            code: Vocabulary.kindCodes[code] != nil ? code : nil)
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

  /// A part of a number in official case, or `nil` when it is a word rather than a code
  /// ("Chính" after a dash).
  func canonicalPart(_ range: Range<Int>) -> String? {
    var lower = 0
    var upperCount = 0
    var hasDigit = false
    // A letter takes at most 3 bytes (its NFC scalar); "đ" becomes "Đ", two bytes.
    let text = String(unsafeUninitializedCapacity: range.count &* 3) { out in
      var o = 0
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
        } else if b == 0xC4, bytes[s &+ 1] == 0x91 {
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
      return o
    }
    if range.count == 3, let mixed = Vocabulary.mixedCase[text] { return mixed }
    if lower > 0, upperCount > 0, lower >= upperCount { return nil }
    // A text in lower case writes codes in lower case too: "nđ-cp", "ubtvqh11"; a longer word
    // without digits is a word.
    if lower > 0, upperCount == 0, lower > 4, !hasDigit { return nil }
    return text
  }
}
