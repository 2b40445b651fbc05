import VietText

// MARK: - Lines

extension FoldedText {
  /// `end` moved back over a colon and spaces ("Số: 1140/…").
  func skipColon(_ end: Int) -> Int {
    let e = skipSpacesBack(end, newline: false)
    return e > 0 && chars[e &- 1] == 0x3A ? e &- 1 : end
  }

  /// Whether only spaces stand between the start of the line and `i`.
  func isLineStart(_ i: Int) -> Bool {
    let e = skipSpacesBack(i, newline: false)
    return e == 0 || chars[e &- 1] == 0x0A
  }

  /// Whether only spaces stand between `i` and the end of the line.
  func isLineEnd(_ i: Int) -> Bool {
    let e = skipSpaces(i, newline: false)
    return e >= count || chars[e] == 0x0A
  }
}

// MARK: - Dates

extension FoldedText {
  /// A date that follows a citation: `ngày 18/02/1998`, `, ngày 15/11/2004`,
  /// `ngày 19 tháng 6 năm 2015`, `ngày 15-5-2016`, `ngay 14/8/2023`.
  func date(after end: Int) -> (CitationDate, Int)? {
    var j = skipSpaces(end)
    if j < count, chars[j] == 0x2C { j = skipSpaces(j &+ 1) }
    let w = j..<wordEnd(j)
    guard word(w, is: "ngay") else { return nil }
    return date(at: skipSpaces(w.upperBound))
  }

  /// A date at `i`: `18/02/1998`, `4.3.2010`, `15-5-2016` or `19 tháng 6 năm 2015`.
  func date(at i: Int) -> (CitationDate, Int)? {
    let d = i..<wordEnd(i)
    guard isDigits(d), d.count <= 2 else { return nil }
    var j = d.upperBound
    let month: Range<Int>
    if j < count, chars[j] == 0x2F || chars[j] == 0x2D || chars[j] == 0x2E {
      let separator = chars[j]
      month = (j &+ 1)..<wordEnd(j &+ 1)
      j = month.upperBound
      guard j < count, chars[j] == separator else { return nil }
      j &+= 1
    } else {
      let t1 = skipSpaces(j)
      let w1 = t1..<wordEnd(t1)
      guard word(w1, is: "thang") else { return nil }
      let m = skipSpaces(w1.upperBound)
      month = m..<wordEnd(m)
      let t2 = skipSpaces(month.upperBound)
      let w2 = t2..<wordEnd(t2)
      guard word(w2, is: "nam") else { return nil }
      j = skipSpaces(w2.upperBound)
    }
    let y = j..<wordEnd(j)
    guard isDigits(month), month.count <= 2, isDigits(y), y.count == 4,
      let date = CitationDate(year: intValue(y), month: intValue(month), day: intValue(d))
    else { return nil }
    return (date, y.upperBound)
  }
}

// MARK: - Issuer and pinpoint

extension FoldedText {
  /// Words that end an issuer in any case.
  private static let issuerStops = PhraseIndex(
    Vocabulary.exactPhrases([
      "quy định", "quyết định", "ban hành", "khóa", "khoá", "nhiệm kỳ", "ngày", "số",
    ]), anchor: .first
  ) { $0.folded }

  /// Words that end an issuer when written in lower case (verbs, the subject "về").
  private static let issuerLowerStops = PhraseIndex(
    Vocabulary.exactPhrases([
      "về", "và", "tiếp tục", "thực hiện", "hướng dẫn", "triển khai", "nhằm", "theo", "tại",
      "đã", "gửi", "đối với", "để", "trong", "với", "là", "có", "được", "đề nghị", "chỉ đạo",
      "giao",
    ]), anchor: .first
  ) { $0.folded }

  /// The issuer after a citation: "của Bộ Chính trị" up to the subject ("về …"), a verb or
  /// punctuation. Returns the issuer as written and where it ends.
  func issuer(after end: Int) -> (String, Int)? {
    var j = skipSpaces(end, newline: false)
    let w = j..<wordEnd(j)
    guard word(w, is: "cua") else { return nil }
    j = skipSpaces(w.upperBound, newline: false)
    let start = j
    var last = j
    var words = 0
    while words < 14, j < count, chars[j].isFoldedWordChar {
      if candidates(Self.issuerStops, startingAt: j).contains(where: {
        matchExact($0, at: j) != nil
      }) {
        break
      }
      if !isUpper(j),
        candidates(Self.issuerLowerStops, startingAt: j).contains(where: {
          matchExact($0, at: j) != nil
        })
      {
        break
      }
      if chars[j].isDigitChar { break }
      j = wordEnd(j)
      last = j
      words &+= 1
      let next = skipSpaces(j, newline: false)
      guard next < count else { break }
      if chars[next] == 0x2D, next &+ 1 < count, chars[next &+ 1] != 0x20 { break }
      j = next
    }
    guard last > start else { return nil }
    return (text(start..<last), last)
  }

  /// Words that name a part of a document, in a pinpoint.
  private static let pinpointWords: [StaticString] = ["dieu", "khoan", "diem", "muc", "chuong"]

  /// The pinpoint before a citation: "điểm a khoản 1 Điều 7" in "điểm a khoản 1 Điều 7 Nghị
  /// định số 61/2023/NĐ-CP" (also with "của" between).
  func pinpoint(before start: Int) -> Range<Int>? {
    var k = start
    if let w = previousWord(before: k), word(w, is: "cua") { k = w.lowerBound }
    var pinStart: Int?
    var pinEnd: Int?
    while let value = previousWord(before: k), value.count <= 4,
      let keyword = previousWord(before: value.lowerBound),
      Self.pinpointWords.contains(where: { word(keyword, is: $0) })
    {
      if pinEnd == nil { pinEnd = value.upperBound }
      pinStart = keyword.lowerBound
      k = keyword.lowerBound
      if let comma = Optional(skipSpacesBack(k, newline: false)), comma > 0,
        chars[comma &- 1] == 0x2C
      {
        k = comma &- 1
      }
    }
    guard let pinStart, let pinEnd else { return nil }
    return pinStart..<pinEnd
  }
}

// MARK: - Exact words

extension FoldedText {
  /// Matches a phrase at `i` with its marks: "có" matches "có" or "Có", not "cơ".
  func matchExact(_ phrase: Vocabulary.ExactPhrase, at i: Int) -> Int? {
    guard let e = match(phrase.folded, at: i), isExact(i..<e, phrase) else { return nil }
    return e
  }

  /// Matches a phrase with its marks that ends at `end`; returns its start.
  func matchExact(_ phrase: Vocabulary.ExactPhrase, endingAt end: Int) -> Int? {
    guard let s = match(phrase.folded, endingAt: end), isExact(s..<end, phrase) else {
      return nil
    }
    return s
  }

  /// Whether the text of `range`, in lower case with single spaces, is the phrase.
  ///
  /// Compared in place, scalar by scalar, against the phrase's lower-case bytes: the issuer and
  /// relation loops ask this of nearly every word near a citation.
  private func isExact(_ range: Range<Int>, _ phrase: Vocabulary.ExactPhrase) -> Bool {
    let exact = phrase.exact
    var k = 0
    var lastWasSpace = false
    for j in range {
      let c = chars[j]
      if c == 0x20 || c == 0x0A {
        if !lastWasSpace {
          guard k < exact.count, exact[k] == 0x20 else { return false }
          k &+= 1
        }
        lastWasSpace = true
        continue
      }
      lastWasSpace = false
      let s = byteStart(j)
      let b = bytes[s]
      if b < 0x80 {
        guard k < exact.count, exact[k] == (b &- 0x41 < 26 ? b | 0x20 : b) else { return false }
        k &+= 1
      } else {
        let value = bytes.withUnsafeBufferPointer { UTF8Decoding.decode($0, at: s).value }
        guard let next = Self.matchScalar(LetterCase.lowercase(value), exact, at: k) else {
          return false
        }
        k = next
      }
    }
    return k == exact.count
  }

  /// Whether `exact[k...]` starts with the UTF-8 encoding of `value`; the index past it.
  @inline(__always)
  private static func matchScalar(_ value: UInt32, _ exact: [UInt8], at k: Int) -> Int? {
    let length = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
    guard k &+ length <= exact.count else { return nil }
    if length == 1 { return exact[k] == UInt8(value) ? k &+ 1 : nil }
    var shift = 6 &* (length &- 1)
    let lead: UInt8 = length == 2 ? 0xC0 : length == 3 ? 0xE0 : 0xF0
    guard exact[k] == lead | UInt8(truncatingIfNeeded: value >> UInt32(shift)) else { return nil }
    for offset in 1..<length {
      shift &-= 6
      let byte = 0x80 | UInt8(truncatingIfNeeded: (value >> UInt32(shift)) & 0x3F)
      guard exact[k &+ offset] == byte else { return nil }
    }
    return k &+ length
  }
}
