import VietText

extension CitationScanner {
  /// The documents the text holds: one per header number (a covering letter and the document
  /// it forwards), or one without a number.
  func documents() -> [DocumentIdentity] {
    let lineCount = footnotes.isFootnote.count
    var starts: [Int] = [0]
    var numbers: [HeaderNumber?] = []
    for (index, header) in headers.enumerated() {
      if index == 0 {
        numbers.append(header)
        continue
      }
      var line = header.line
      while line > 0, isHeaderLine(line &- 1) { line &-= 1 }
      if line <= starts[starts.count &- 1] {
        continue
      }
      starts.append(line)
      numbers.append(header)
    }
    if numbers.isEmpty { numbers.append(nil) }
    var documents: [DocumentIdentity] = []
    for (index, startLine) in starts.enumerated() {
      let endLine = index &+ 1 < starts.count ? starts[index &+ 1] : lineCount
      documents.append(identity(lines: startLine..<endLine, header: numbers[index]))
    }
    return documents
  }

  /// The folded range of line `line`, without its line end.
  func lineRange(_ line: Int) -> Range<Int> {
    footnotes.lineStarts[line]..<(footnotes.lineStarts[line &+ 1] &- 1)
  }

  /// The line's content without spaces at either end.
  private func trimmed(_ line: Int) -> Range<Int> {
    let r = lineRange(line)
    var s = r.lowerBound
    var e = r.upperBound
    while s < e, t.chars[s] == 0x20 || t.chars[s] == 0x23 { s &+= 1 }
    while e > s, t.chars[e &- 1] == 0x20 { e &-= 1 }
    return s..<e
  }

  /// Whether a line can belong to a header block: empty, in capitals, or a place-date line.
  private func isHeaderLine(_ line: Int) -> Bool {
    let r = trimmed(line)
    if r.isEmpty { return true }
    if t.isAllUpper(r) { return true }
    return placeDate(line) != nil
  }

  /// "Thái Bình, ngày 29 tháng 3 năm 2024": the place and the date.
  private func placeDate(_ line: Int) -> (String, CitationDate)? {
    let r = trimmed(line)
    guard r.count < 80, let comma = r.firstIndex(where: { t.chars[$0] == 0x2C }),
      let (date, _) = t.date(after: comma &+ 1), comma > r.lowerBound
    else { return nil }
    return (t.text(r.lowerBound..<comma), date)
  }

  private func identity(lines: Range<Int>, header: HeaderNumber?) -> DocumentIdentity {
    let start = footnotes.lineStarts[lines.lowerBound]
    let endLine = lines.upperBound
    let end = endLine < footnotes.isFootnote.count ? footnotes.lineStarts[endLine] : t.count
    var document = DocumentIdentity(range: t.byteRange(start..<max(start, end)))
    if let header {
      document.id = header.number.id
      document.number = header.number.number
      document.year = header.number.year
      document.symbol = header.number.symbol
      document.kind = header.number.kindFromCode
    }
    let headLines = lines.lowerBound..<min(lines.upperBound, lines.lowerBound &+ 40)
    var titleLine: Int?
    var issuerLines: [String] = []
    var sawMotto = false
    for line in headLines {
      let r = trimmed(line)
      guard !r.isEmpty else { continue }
      // The header ends where the first body paragraph starts.
      if r.count > 120, !t.isAllUpper(r) { break }
      if document.date == nil, let (place, date) = placeDate(line) {
        document.date = date
        if document.province == nil { document.province = place }
        continue
      }
      if t.word(r.lowerBound..<t.wordEnd(r.lowerBound), is: "v"), t[r.lowerBound &+ 1] == 0x2F {
        document.kind = document.kind ?? .officialLetter
        titleLine = titleLine ?? line
        continue
      }
      if t.isAllUpper(r) {
        if let kind = Vocabulary.kindNames.first(where: {
          t.match($0.phrase, at: r.lowerBound)
            == r.upperBound
        })?.kind {
          if document.kind == nil || header == nil { document.kind = kind }
          if titleLine == nil { titleLine = nextTitleLine(after: line, limit: headLines) }
          continue
        }
        let folded = t.folded(r)
        if folded.hasPrefix("cong hoa") || folded.hasPrefix("dang cong san") {
          sawMotto = true
          continue
        }
        if folded.hasPrefix("doc lap") { continue }
        if folded.hasPrefix("cua ") {
          issuerLines = [t.text((r.lowerBound &+ 4)..<r.upperBound)]
          continue
        }
        let beforeBody = titleLine == nil || issuerLines.isEmpty
        if !sawMotto || titleLine != nil, beforeBody, issuerLines.count < 3,
          header == nil || line < header?.line ?? 0 || titleLine != nil
        {
          issuerLines.append(t.text(r))
        }
        if document.province == nil, let p = provinceInCapitals(r) { document.province = p }
      }
    }
    if let titleLine { document.title = title(from: titleLine, limit: lines) }
    if !issuerLines.isEmpty { document.issuer = Self.collapse(issuerLines.joined(separator: " ")) }
    if document.date == nil { document.date = passedDate(in: start..<max(start, end)) }
    if document.province == nil { document.province = provinceInText(start..<max(start, end)) }
    return document
  }

  /// The first non-empty line after `line` that is not the issuer ("CỦA …").
  private func nextTitleLine(after line: Int, limit: Range<Int>) -> Int? {
    var l = line &+ 1
    while l < limit.upperBound {
      let r = trimmed(l)
      if !r.isEmpty, !t.folded(r).hasPrefix("cua ") { return l }
      l &+= 1
    }
    return nil
  }

  /// The title that starts on `line`, with the lines that follow it up to a blank line.
  private func title(from line: Int, limit: Range<Int>) -> String {
    var parts: [String] = []
    var l = line
    while l < limit.upperBound {
      let r = trimmed(l)
      if r.isEmpty {
        // A title wrapped across a blank line goes on in lower case ("… thực hiện" / "quy chế …").
        var next = l &+ 1
        while next < limit.upperBound, trimmed(next).isEmpty { next &+= 1 }
        guard next < limit.upperBound, next &- l <= 2 else { break }
        let n = trimmed(next)
        guard t.chars[n.lowerBound].isFoldedLetter, !t.isUpper(n.lowerBound), n.count < 120
        else { break }
        l = next
        continue
      }
      parts.append(t.text(r))
      l &+= 1
    }
    return Self.collapse(parts.joined(separator: " "))
  }

  private static let tinh = Vocabulary.exactPhrases(["tỉnh"])[0]

  /// "TỈNH ỦY HÀ TĨNH", "TỈNH THÁI BÌNH": the province name, in title case.
  private func provinceInCapitals(_ r: Range<Int>) -> String? {
    var j = r.lowerBound
    while j < r.upperBound {
      let w = j..<t.wordEnd(j)
      if t.matchExact(Self.tinh, at: j) != nil {
        var k = t.skipSpaces(w.upperBound, newline: false)
        let next = k..<t.wordEnd(k)
        if t.word(next, is: "uy") { k = t.skipSpaces(next.upperBound, newline: false) }
        guard k < r.upperBound else { return nil }
        return Self.titleCased(t.text(k..<r.upperBound))
      }
      j = t.skipSpaces(w.upperBound, newline: false)
      if j == w.upperBound { j &+= 1 }
    }
    return nil
  }

  /// The first "tỉnh Hưng Yên" in the text: capitalized words after "tỉnh".
  private func provinceInText(_ range: Range<Int>) -> String? {
    var j = range.lowerBound
    while let hit = t.firstPosition(of: "tinh", in: j..<range.upperBound) {
      j = hit
      guard t.isWordStart(j), let e = t.matchExact(Self.tinh, at: j), !t.isUpper(j) else {
        j &+= 1
        continue
      }
      var k = t.skipSpaces(e, newline: false)
      let s = k
      var words = 0
      while words < 3, k < t.count, t.chars[k].isFoldedLetter, t.isUpper(k) {
        let w = t.wordEnd(k)
        guard !t.isAllUpper(k..<w) || w &- k == 1 else { break }
        k = w
        words &+= 1
        let next = t.skipSpaces(k, newline: false)
        guard next < t.count, t.isUpper(next) else { break }
        k = next
      }
      if words >= 2 { return Self.collapse(t.text(s..<t.skipSpacesBack(k, newline: false))) }
      j = e
    }
    return nil
  }

  /// "thông qua ngày 09 tháng 12 năm 2024": the date a council passed the document.
  private func passedDate(in range: Range<Int>) -> CitationDate? {
    let phrase = Vocabulary.folded("thông qua")
    var j = range.lowerBound
    while let hit = t.firstPosition(of: "thong", in: j..<range.upperBound) {
      if t.isWordStart(hit), let e = t.match(phrase, at: hit), let (date, _) = t.date(after: e) {
        return date
      }
      j = hit &+ 1
    }
    return nil
  }

  /// "HÀ TĨNH" → "Hà Tĩnh".
  static func titleCased(_ text: String) -> String {
    var out: [UInt8] = []
    var atWordStart = true
    for scalar in text.unicodeScalars {
      var value = LetterCase.lowercase(scalar.value)
      if atWordStart, var letter = VietnameseAlphabet.letter(value) {
        letter.isUppercase = true
        value = VietnameseAlphabet.scalar(for: letter) ?? value
      } else if atWordStart, value &- 0x61 < 26 {
        value &-= 0x20
      }
      UTF8Decoding.append(value, to: &out)
      atWordStart = scalar.value == 0x20
    }
    return collapse(String(decoding: out, as: UTF8.self))
  }
}
