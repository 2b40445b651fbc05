extension CitationScanner {
  /// How the text before `start` governs a citation there, and whether the citation is nested
  /// (in parentheses, or inside the subject of another citation).
  ///
  /// `Căn cứ` right before it gives ``CitationRelation/basis``; a governing verb a few words
  /// before it (`thực hiện có hiệu quả …`) gives its relation, unless the verb itself sits in a
  /// subject ("về tiếp tục thực hiện …") or a prepositional phrase ("của", "tại") comes first. A
  /// list member ("…; Pháp lệnh số …", "…, Nghị định số …") shares the relation of the list's
  /// first member.
  func relation(before start: Int) -> (CitationRelation, nested: Bool) {
    let line = footnotes.line(of: start)
    let lineStart = footnotes.lineStarts[line]
    let j = t.skipSpacesBack(start, newline: false)
    guard j > lineStart else { return (.mentions, false) }
    let previousChar = t.chars[j &- 1]
    if previousChar == 0x28 { return (.mentions, true) }  // "("
    for phrase in Vocabulary.basisPhrases where t.match(phrase, endingAt: j) != nil {
      return (.basis, false)
    }
    var isListMember = previousChar == 0x2C || previousChar == 0x3B
    if let w = t.previousWord(before: j), t.word(w, is: "va") || t.word(w, is: "hoac") {
      isListMember = true
    }
    if isListMember, let head = listHead(before: start, lineStart: lineStart) {
      return (citations[head].relation, false)
    }
    // Look back a few words for a governing verb.
    var k = j
    var words = 0
    let previousEnd = found.indices.last.map { found[$0].extentEnd } ?? -1
    while words < 14, k > lineStart {
      k = t.skipSpacesBack(k, newline: false)
      guard k > lineStart else { break }
      let c = t.chars[k &- 1]
      if c == 0x2C || c == 0x2D {
        k &-= 1
        continue
      }
      guard c.isFoldedWordChar else { break }
      if k <= previousEnd { return (.mentions, true) }
      for (phrase, relation) in t.candidates(Vocabulary.governorIndex, endingAt: k) {
        guard let s = t.match(phrase, endingAt: k) else { continue }
        if isSubject(before: s) { return (.mentions, true) }
        if let previous = found.indices.last, found[previous].span.lowerBound >= lineStart,
          isTitle(of: previous, verbAt: s)
        {
          return (.mentions, true)
        }
        return (relation, false)
      }
      for phrase in t.candidates(Vocabulary.blockerIndex, endingAt: k)
      where t.matchExact(phrase, endingAt: k) != nil {
        return (.mentions, true)
      }
      for phrase in t.candidates(Vocabulary.otherVerbIndex, endingAt: k)
      where t.match(phrase, endingAt: k) != nil {
        return (.mentions, false)
      }
      k = t.wordStart(endingAt: k)
      words &+= 1
    }
    return (.mentions, false)
  }

  /// The first member of the list that a citation at `start` continues: the last citation of
  /// the same sentence that is not nested; its index in ``found``.
  private func listHead(before start: Int, lineStart: Int) -> Int? {
    var index = found.count &- 1
    while index >= 0 {
      let span = found[index].span
      guard span.lowerBound >= lineStart else { return nil }
      if !found[index].nested, span.upperBound <= start {
        return t.hasSentenceEnd(span.upperBound..<start) ? nil : index
      }
      index &-= 1
    }
    return nil
  }

  /// Whether a verb at `verbStart` opens the title of `found[previous]`: "Thông báo số 304-TB/TW … của
  /// Bộ Chính trị tiếp tục đẩy mạnh việc thực hiện …" — no punctuation after a citation that
  /// has a date or an issuer.
  private func isTitle(of previous: Int, verbAt verbStart: Int) -> Bool {
    let extentEnd = found[previous].extentEnd
    guard extentEnd <= verbStart else { return false }
    if t.wordsBetween(extentEnd, verbStart) == 0 { return true }
    guard citations[previous].date != nil || citations[previous].issuer != nil else {
      return false
    }
    for j in extentEnd..<verbStart {
      let c = t.chars[j]
      if !c.isFoldedWordChar, c != 0x20 { return false }
    }
    return true
  }

  /// Whether the verb at `verbStart` belongs to a subject: "về (việc) (tiếp tục) thực hiện".
  private func isSubject(before verbStart: Int) -> Bool {
    var k = verbStart
    for _ in 0..<8 {
      k = t.skipSpacesBack(k, newline: false)
      if k > 0, t.chars[k &- 1] == 0x2C { k &-= 1 }
      guard let w = t.previousWord(before: k) else { return false }
      if t.word(w, is: "ve") || t.word(w, is: "cua") { return true }
      let filler =
        t.word(w, is: "tiep") || t.word(w, is: "tuc") || t.word(w, is: "viec")
        || t.word(w, is: "chuc") || t.word(w, is: "to") || t.word(w, is: "khai")
        || t.word(w, is: "trien")
      guard filler else { return false }
      k = w.lowerBound
    }
    return false
  }
}

extension FoldedText {
  /// Whether a sentence ends in `range`: a full stop followed by a space and a capital.
  ///
  /// The full stops are found with `memchr`: the range runs from the previous citation, often
  /// a long way back on a long line.
  func hasSentenceEnd(_ range: Range<Int>) -> Bool {
    var from = range.lowerBound
    while let j = firstPosition(of: ".", in: from..<range.upperBound) {
      let next = skipSpaces(j &+ 1, newline: false)
      if next > j &+ 1, next < count, isUpper(next) { return true }
      from = j &+ 1
    }
    return false
  }

  /// The number of words between two positions.
  func wordsBetween(_ a: Int, _ b: Int) -> Int {
    var n = 0
    var j = a
    while j < b {
      if chars[j].isFoldedWordChar {
        n &+= 1
        j = wordEnd(j)
      } else {
        j &+= 1
      }
    }
    return n
  }
}
