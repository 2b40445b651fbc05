import VietText

/// One pass over a text: finds citations, header numbers and the document identities.
///
/// Works on a ``FoldedText``; results carry byte ranges into the NFC text.
struct CitationScanner {
  /// Where a citation of ``citations`` stands in the folded text.
  struct Found {
    /// Folded span: kind word through number and date.
    var span: Range<Int>
    /// Where what belongs to the citation ends: its date or its issuer.
    var extentEnd: Int
    /// Whether the citation sits inside another's subject or in parentheses.
    var nested: Bool
  }

  /// A header number line: `Số: 1140/UBND-NCKS`, `Số 44 -CV/BCĐ`.
  struct HeaderNumber {
    var number: DocumentNumber
    var line: Int
    var span: Range<Int>
  }

  let t: FoldedText
  let footnotes: Footnotes
  /// The citations found, in the order found.
  var citations: [Citation] = []
  /// Where each of ``citations`` stands (kept apart, so the citations leave the scanner as they
  /// are, without a copy).
  var found: [Found] = []
  var headers: [HeaderNumber] = []

  init(_ text: String) {
    t = FoldedText(text)
    footnotes = Footnotes(t)
    // Dense texts hold a citation every 400 characters or so.
    found.reserveCapacity(t.count / 256 &+ 4)
    citations.reserveCapacity(t.count / 256 &+ 4)
  }

  // MARK: - Main loop

  mutating func scan() {
    let chars = t.chars
    let triggers = t.triggers
    let n = chars.count
    chars.withUnsafeBufferPointer { p in
      var resume = 0
      for position in triggers {
        let i = Int(position)
        guard i >= resume else { continue }
        let c = p[i]
        let previous = i > 0 ? p[i &- 1] : 0x0A
        let second = i &+ 1 < n ? p[i &+ 1] : 0
        var next: Int?
        switch c {
        case 0x30...0x39:
          guard previous != 0x2F, previous != 0x2D, previous != 0x2E else { break }
          // A number is a document number only when a slash or a dash follows it.
          var j = i &+ 1
          while j < n, p[j].isFoldedWordChar { j &+= 1 }
          while j < n, p[j] == 0x20 { j &+= 1 }
          if j < n, p[j] == 0x2F || p[j] == 0x2D { next = max(scanNumber(at: i), i &+ 1) }
        case 0x6C where second == 0x75 && Self.follows(p, i, "uat"):  // Luật
          next = scanLaw(at: i)
        case 0x62 where second == 0x6F && Self.follows(p, i, "o l"):  // Bộ luật
          next = scanLaw(at: i)
        case 0x6E where second == 0x67 && Self.follows(p, i, "ghi q"):  // Nghị quyết
          next = scanNamed(at: i)
        case 0x68 where second == 0x69 && Self.follows(p, i, "ien p"):  // Hiến pháp
          next = scanConstitution(at: i)
        default: break
        }
        if let next, next > i { resume = next }
      }
    }
  }

  /// Whether the folded characters after position `i` are `rest` (a quick test before a full
  /// match: most words that start like a trigger are not one).
  @inline(__always)
  private static func follows(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ rest: StaticString)
    -> Bool
  {
    let n = rest.utf8CodeUnitCount
    guard i &+ n < p.count else { return false }
    let r = rest.utf8Start
    for k in 0..<n where p[i &+ 1 &+ k] != r[k] { return false }
    return true
  }

  // MARK: - Numbered citations

  /// Handles the digit at `i`; returns where scanning resumes.
  mutating func scanNumber(at i: Int) -> Int {
    let (parsed, end) = t.documentNumber(at: i)
    guard let number = parsed else { return end }
    var k = i
    var hasSo = false
    if let w = t.previousWord(before: t.skipColon(k)), t.word(w, is: "so") {
      k = w.lowerBound
      hasSo = true
    }
    // A header number: "Số: 1140/UBND-NCKS" alone on its line is the document's own identity.
    if hasSo, t.isLineStart(k), t.isLineEnd(end) {
      headers.append(HeaderNumber(number: number, line: footnotes.line(of: i), span: k..<end))
      return end
    }
    if let (kind, kindStart) = kindBefore(k) {
      add(number: number, kind: kind, span: kindStart..<end, numberStart: i)
      return resume(after: end)
    }
    if let (kind, kindStart, firstNumber) = compressedList(before: k) {
      var first = number
      first.number = t.text(firstNumber)
      add(
        number: first, kind: kind, span: kindStart..<firstNumber.upperBound, numberStart: i,
        dated: false)
      add(number: number, kind: kind, span: i..<end, numberStart: i)
      // The issuer written once applies to both.
      let count = found.count
      if citations[count - 2].issuer == nil {
        citations[count - 2].issuer = citations[count - 1].issuer
      }
      return resume(after: end)
    }
    // A list member: "Nghị định số 04/2015/NĐ-CP, số 60/2013/NĐ-CP".
    if let last = found.indices.last, isConnector(from: found[last].extentEnd, to: k) {
      add(
        number: number, kind: citations[last].kind, span: (hasSo ? k : i)..<end,
        numberStart: i)
      return resume(after: end)
    }
    guard let kind = number.kindFromCode else { return end }
    add(number: number, kind: kind, span: (hasSo ? k : i)..<end, numberStart: i, confidence: 0.7)
    return resume(after: end)
  }

  /// Where scanning resumes after a citation that ends at `end`: past what the last one found
  /// took in (its date, its issuer).
  @inline(__always)
  func resume(after end: Int) -> Int {
    found.last.map { max($0.extentEnd, end) } ?? end
  }

  /// The kind word that ends at `end` (spaces skipped), with its start.
  func kindBefore(_ end: Int) -> (DocumentKind, Int)? {
    let e = t.skipSpacesBack(end)
    for (phrase, kind) in t.candidates(Vocabulary.kindNameIndex, endingAt: e) {
      if let s = t.match(phrase, endingAt: e) { return (kind, s) }
    }
    return nil
  }

  /// "Quyết định số 1383 và" before a number: the kind, its start and the first bare number.
  func compressedList(before end: Int) -> (DocumentKind, Int, Range<Int>)? {
    var e = t.skipSpacesBack(end, newline: false)
    if e > 0, t.chars[e &- 1] == 0x2C {
      e &-= 1
    } else if let w = t.previousWord(before: e), t.word(w, is: "va") {
      e = w.lowerBound
    } else {
      return nil
    }
    guard let digits = t.previousWord(before: e), t.isDigits(digits), digits.count <= 6
    else { return nil }
    var k = digits.lowerBound
    if let w = t.previousWord(before: k), t.word(w, is: "so") { k = w.lowerBound }
    guard let (kind, start) = kindBefore(k) else { return nil }
    return (kind, start, digits)
  }

  /// Whether the text from `start` to `end` holds only a list connector: spaces, a comma, "và",
  /// "hoặc".
  ///
  /// `start` may lie past `end` — a citation's extent can reach over the next number's "số"
  /// (`lệnh 7/số 0/T`, found by fuzzing) — and then nothing connects them.
  func isConnector(from start: Int, to end: Int) -> Bool {
    guard start < end else { return false }
    let range = start..<end
    guard range.count <= 12 else { return false }
    var j = range.lowerBound
    var sawConnector = false
    while j < range.upperBound {
      let c = t.chars[j]
      if c == 0x20 || c == 0x0A {
        j &+= 1
      } else if c == 0x2C {
        sawConnector = true
        j &+= 1
      } else if c.isFoldedLetter {
        let w = j..<t.wordEnd(j)
        guard t.word(w, is: "va") || t.word(w, is: "hoac") else { return false }
        sawConnector = true
        j = w.upperBound
      } else {
        return false
      }
    }
    return sawConnector
  }

  /// Records a numbered citation: reads its date, issuer, pinpoint and relation.
  mutating func add(
    number: DocumentNumber, kind: DocumentKind, span: Range<Int>, numberStart: Int,
    dated: Bool = true, confidence: Double = 1
  ) {
    var end = span.upperBound
    var date: CitationDate?
    if dated, let (d, dateEnd) = t.date(after: end) {
      date = d
      end = dateEnd
    }
    record(
      Citation(
        kind: kind, id: number.id, number: number.number, year: number.year,
        symbol: number.symbol, date: date, range: 0..<0,
        isRepaired: number.isRepaired,
        confidence: number.isRepaired ? min(confidence, 0.8) : confidence),
      span: span.lowerBound..<end)
  }

  /// Fills in what every citation gets (range, issuer, pinpoint, relation, footnote) and keeps it.
  ///
  /// Takes the citation over (`consuming`): it is moved into ``citations``, not copied.
  mutating func record(_ citation: consuming Citation, span: Range<Int>) {
    var extentEnd = span.upperBound
    if let (issuer, issuerEnd) = t.issuer(after: span.upperBound) {
      citation.issuer = issuer
      extentEnd = issuerEnd
    }
    var governed = span.lowerBound
    if let pin = t.pinpoint(before: span.lowerBound) {
      citation.pinpoint = t.text(pin)
      governed = pin.lowerBound
    }
    let (relation, nested) = relation(before: governed)
    citation.relation = relation
    citation.range = t.byteRange(span)
    citation.isFootnote = footnotes.contains(span.lowerBound)
    citations.append(citation)
    found.append(Found(span: span, extentEnd: extentEnd, nested: nested))
  }
}
