import VietText

extension CitationScanner {
  private static let luat = Vocabulary.folded("luật")
  private static let boLuat = Vocabulary.folded("bộ luật")
  private static let amending = Vocabulary.folded("sửa đổi, bổ sung")
  private static let someArticlesOf = Vocabulary.folded("một số điều của")
  private static let nghiQuyet = Vocabulary.folded("nghị quyết")
  private static let trungUong = Vocabulary.folded("trung ương")
  private static let daiHoi = Vocabulary.folded("đại hội")
  private static let hienPhapExact = Vocabulary.exactPhrases(["hiến pháp"])[0]

  /// Words that end a law name the table does not know.
  private static let nameStops = PhraseIndex(
    Vocabulary.exactPhrases([
      "và", "ngày", "số", "của", "về", "năm", "đã", "có", "được", "quy định", "nhằm", "trong",
      "tại", "để", "thì", "đối với", "theo", "cho", "với", "này", "là", "hiện hành", "đang", "sẽ",
      "và các", "mới", "hướng dẫn", "thi hành", "đến", "từ", "khi", "nêu",
    ]), anchor: .first
  ) { $0.folded }

  /// Words that make "Luật" a common noun or an enacting verb's object, not a citation.
  private static let notLawBefore: [[UInt8]] = ["pháp", "kỷ", "ban hành", "dự án", "dự thảo"].map(
    Vocabulary.folded)

  // MARK: - Laws by name

  /// Handles "Luật …" or "Bộ luật …" at `i`; returns where scanning resumes, or `nil`.
  mutating func scanLaw(at i: Int) -> Int? {
    var kind = DocumentKind.law
    var afterKind: Int
    if let e = t.match(Self.luat, at: i) {
      afterKind = e
      for phrase in Self.notLawBefore where t.match(phrase, endingAt: t.skipSpacesBack(i)) != nil {
        return nil
      }
      if let w = t.previousWord(before: i), t.word(w, is: "bo") { return nil }
    } else if let e = t.match(Self.boLuat, at: i) {
      kind = .code
      afterKind = e
    } else {
      return nil
    }
    var nameStart = t.skipSpaces(afterKind)
    var spanEnd: Int?
    if nameStart < t.count, t.chars[nameStart] == 0x0A, let body = bodyAfterFootnotes(nameStart) {
      // "(Luật" at the foot of a page, its name on the next page after the footnotes.
      spanEnd = afterKind
      nameStart = body
    }
    guard nameStart < t.count, t.chars[nameStart].isFoldedLetter else { return nil }
    let w = nameStart..<t.wordEnd(nameStart)
    if t.word(w, is: "so") { return nil }
    var nameEnd: Int
    var entryKey: [UInt8]
    var isKnown = false
    if kind == .law, let e = t.match(Self.amending, at: nameStart) {
      // "Luật Sửa đổi, bổ sung một số điều của Luật A và Luật B".
      var j = t.skipSpaces(e)
      if let e2 = t.match(Self.someArticlesOf, at: j) { j = t.skipSpaces(e2) }
      guard let e3 = t.match(Self.luat, at: j),
        let first = lawName(at: t.skipSpaces(e3), kind: .law)
      else { return nil }
      nameEnd = first.end
      while true {
        let v = t.skipSpaces(nameEnd)
        let vw = v..<t.wordEnd(v)
        guard t.word(vw, is: "va"), let e4 = t.match(Self.luat, at: t.skipSpaces(vw.upperBound)),
          let next = lawName(at: t.skipSpaces(e4), kind: .law)
        else { break }
        nameEnd = next.end
      }
      entryKey = Array(t.chars[nameStart..<nameEnd])
      isKnown = LawTable.contains(key: normalizedKey(entryKey))
    } else if let name = lawName(at: nameStart, kind: kind, capitalized: t.isUpper(i)) {
      nameEnd = name.end
      entryKey = name.key
      isKnown = name.known
    } else {
      return nil
    }
    var end = nameEnd
    var date: CitationDate?
    var year: Int?
    // "Luật Đất đai số 31/2024/QH15": the number written after the name is the law's id.
    var written: DocumentNumber?
    let so = t.skipSpaces(nameEnd, newline: false)
    let soWord = so..<t.wordEnd(so)
    if t.word(soWord, is: "so") {
      let digits = t.skipSpaces(soWord.upperBound, newline: false)
      if digits < t.count, t.chars[digits].isDigitChar,
        case (let number?, let numberEnd) = t.documentNumber(at: digits)
      {
        written = number
        end = numberEnd
        year = number.year
      }
    }
    if let (d, dateEnd) = t.date(after: end) {
      date = d
      year = d.year
      end = dateEnd
    } else {
      let y = t.skipSpaces(nameEnd, newline: false)
      let yw = y..<t.wordEnd(y)
      if t.word(yw, is: "nam") {
        let digits = t.skipSpaces(yw.upperBound, newline: false)
        let dw = digits..<t.wordEnd(digits)
        if t.isDigits(dw), dw.count == 4 {
          year = t.intValue(dw)
          end = dw.upperBound
        }
      }
    }
    let key = normalizedKey(entryKey)
    let writtenName = t.text(nameStart..<nameEnd)
    let citation: Citation
    if let written {
      let name = isKnown ? LawTable.lookup(key: key, kind: kind, year: year)?.name : nil
      citation = Citation(
        kind: kind, id: written.id, number: written.number, year: written.year,
        symbol: written.symbol,
        name: name ?? (kind == .code ? "Bộ luật " : "Luật ")
          + Self.collapse(writtenName),
        date: date, range: 0..<0, isRepaired: written.isRepaired)
    } else if isKnown, let entry = LawTable.lookup(key: key, kind: kind, year: year) {
      citation = Citation(
        kind: kind, id: entry.number, number: entry.parts.number, year: entry.parts.year,
        symbol: entry.parts.symbol, name: entry.name, date: date, range: 0..<0)
    } else {
      let prefix = kind == .code ? "Bộ luật " : "Luật "
      let collapsed = Self.collapse(writtenName)
      let name = prefix + collapsed
      let lower = TonePlacement.canonical(Self.lowercased(collapsed))
      citation = Citation(
        kind: kind, id: "LAW:" + lower, name: name, date: date, range: 0..<0, confidence: 0.7)
    }
    record(citation, span: i..<(spanEnd ?? end))
    // After a page break, resume right after "Luật": the footnotes between hold citations.
    if let spanEnd { return spanEnd }
    return resume(after: end)
  }

  /// The folded key with single spaces, for the table.
  private func normalizedKey(_ key: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(key.count)
    for c in key {
      if c == 0x20 || c == 0x0A {
        if out.last != 0x20 { out.append(0x20) }
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// A law name at `i`: the longest name in the table, or words from a capital up to a stop word.
  private func lawName(
    at i: Int, kind: DocumentKind, capitalized: Bool = true
  ) -> (end: Int, key: [UInt8], known: Bool)? {
    let entries = LawTable.entries
    for index in LawTable.byFirstLetter[Int(t[i] & 0x7F)] where entries[index].kind == kind {
      if let e = t.match(entries[index].key, at: i) { return (e, entries[index].key, true) }
    }
    // A name the table does not know needs capitals: "Luật Xây dựng", not "kỷ luật Đảng".
    guard capitalized, i < t.count, t.isUpper(i) else { return nil }
    var j = i
    var end = i
    var words = 0
    while words < 10, j < t.count, t.chars[j].isFoldedLetter {
      if words > 0,
        t.candidates(Self.nameStops, startingAt: j).contains(where: {
          t.matchExact($0, at: j) != nil
        })
      {
        break
      }
      j = t.wordEnd(j)
      end = j
      words &+= 1
      let next = t.skipSpaces(j, newline: false)
      if next < t.count, t.chars[next] == 0x2C {
        // "Luật Cán bộ, công chức": a comma inside a name is followed by a lower-case word.
        let after = t.skipSpaces(next &+ 1, newline: false)
        guard after < t.count, t.chars[after].isFoldedLetter, !t.isUpper(after) else { break }
        j = after
        continue
      }
      j = next
    }
    guard words > 0 else { return nil }
    let first = i..<t.wordEnd(i)
    // "Luật này", "Luật sư" and the like are not names.
    if words == 1, t.word(first, is: "nay") { return nil }
    return (end, Array(t.chars[i..<end]), false)
  }

  /// The start of the next body line after the footnotes that interrupt a sentence at `i`
  /// (a line end), or `nil` when no footnote follows.
  private func bodyAfterFootnotes(_ i: Int) -> Int? {
    var line = footnotes.line(of: i) &+ 1
    var skipped = false
    while line < footnotes.isFootnote.count {
      let start = footnotes.lineStarts[line]
      let end = footnotes.lineStarts[line &+ 1] &- 1
      let first = t.skipSpaces(start, newline: false)
      if first >= end {
        line &+= 1
        continue
      }
      if footnotes.isFootnote[line] {
        skipped = true
        line &+= 1
        continue
      }
      return skipped ? first : nil
    }
    return nil
  }

  // MARK: - Named Party resolutions

  /// Handles "Nghị quyết Trung ương 4 khóa XII" and "Nghị quyết Đại hội … khóa XIX" at `i`.
  mutating func scanNamed(at i: Int) -> Int? {
    guard let e = t.match(Self.nghiQuyet, at: i) else { return nil }
    let j = t.skipSpaces(e)
    if let e2 = t.match(Self.trungUong, at: j) {
      let n = t.skipSpaces(e2)
      let number = n..<t.wordEnd(n)
      guard t.isDigits(number), number.count <= 2 else { return nil }
      var k = number.upperBound
      var terms: [Range<Int>] = []
      var end = k
      while true {
        var p = t.skipSpaces(k, newline: false)
        let open = p < t.count && t.chars[p] == 0x28
        let comma = p < t.count && t.chars[p] == 0x2C
        if open || comma { p = t.skipSpaces(p &+ 1, newline: false) }
        if comma, terms.isEmpty { break }
        let kw = p..<t.wordEnd(p)
        guard t.word(kw, is: "khoa") else { break }
        let r = t.skipSpaces(kw.upperBound, newline: false)
        let roman = r..<t.wordEnd(r)
        guard t.isRomanNumeral(roman, anyCase: true) else { break }
        terms.append(roman)
        k = roman.upperBound
        end = k
        if k < t.count, t.chars[k] == 0x29 {
          k &+= 1
          end = k
        }
      }
      let base = "Nghị quyết Trung ương " + t.text(number)
      if terms.isEmpty { return nil }
      for term in terms {
        addNamed(base + " khóa " + t.text(term), span: i..<end)
      }
      return end
    }
    guard let e2 = t.match(Self.daiHoi, at: j) else { return nil }
    var k = t.skipSpaces(e2, newline: false)
    var words = 0
    while words < 9, k < t.count, t.chars[k].isFoldedWordChar {
      let w = k..<t.wordEnd(k)
      let afterKeyword =
        words > 0
        && t.previousWord(before: k).map {
          t.word($0, is: "khoa") || t.word($0, is: "thu")
        } == true
      if t.isRomanNumeral(w, anyCase: afterKeyword) {
        let name = "Nghị quyết " + TonePlacement.canonical(Self.collapse(t.text(j..<w.upperBound)))
        addNamed(name, span: i..<w.upperBound)
        return w.upperBound
      }
      guard Self.congressWords.contains(where: { t.word(w, is: $0) }) else { return nil }
      k = t.skipSpaces(w.upperBound, newline: false)
      words &+= 1
    }
    return nil
  }

  /// Words allowed between "Đại hội" and the congress's number.
  private static let congressWords: [StaticString] = [
    "dang", "bo", "tinh", "khoi", "huyen", "thanh", "pho", "thi", "xa", "quan", "dai", "bieu",
    "toan", "quoc", "lan", "thu", "khoa", "uy",
  ]

  private mutating func addNamed(_ name: String, span: Range<Int>) {
    record(
      Citation(kind: .resolution, id: "NAMED:" + name, name: name, range: 0..<0, confidence: 0.9),
      span: span)
  }

  // MARK: - Constitution

  /// Handles "Hiến pháp" (capitalized) at `i`, with its year when written.
  mutating func scanConstitution(at i: Int) -> Int? {
    // "Hiến pháp" with its marks: "thực hiện pháp luật" folds the same way.
    guard t.isUpper(i), let e = t.matchExact(Self.hienPhapExact, at: i) else { return nil }
    var end = e
    var year: Int?
    var y = t.skipSpaces(e, newline: false)
    let yw = y..<t.wordEnd(y)
    if t.word(yw, is: "nam") { y = t.skipSpaces(yw.upperBound, newline: false) }
    let digits = y..<t.wordEnd(y)
    if t.isDigits(digits), digits.count == 4 {
      year = t.intValue(digits)
      end = digits.upperBound
    }
    let id = "LAW:hiến pháp" + (year.map { " \($0)" } ?? "")
    let name = "Hiến pháp" + (year.map { " năm \($0)" } ?? "")
    record(
      Citation(kind: .constitution, id: id, year: year, name: name, range: 0..<0), span: i..<end)
    return end
  }

  // MARK: - Text helpers

  /// `text` with runs of spaces and line ends made one space.
  static func collapse(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
        var o = 0
        for b in bytes {
          if b == 0x20 || b == 0x0A || b == 0x09 {
            if o > 0, out[o &- 1] == 0x20 { continue }
            out[o] = 0x20
          } else {
            out[o] = b
          }
          o &+= 1
        }
        if o > 0, out[o &- 1] == 0x20 { o &-= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: out[..<o]), as: UTF8.self)
      }
    }
  }

  /// `text` in lower case, Vietnamese letters included.
  static func lowercased(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      var out: [UInt8] = []
      LetterCase.lowercase(bytes, range: 0..<bytes.count, into: &out)
      return String(decoding: out, as: UTF8.self)
    }
  }
}
