import Corpus
import Dispatch
import VietText

/// A line of a found document, with the query's words marked.
public struct Snippet: Hashable, Sendable {
  /// The 1-based line number in the file.
  public var line: Int
  /// The line's text (NFC), shortened around the matches when long.
  public var text: String
  /// The marked words: byte ranges into ``text``, ascending, not overlapping.
  public var highlights: [Range<Int>]
}

/// Picks the lines that show why a document matched.
///
/// The document is read again from the corpus (only the few documents shown), tokenized, and every
/// token whose folded form is a query word is marked — exact forms only with `--exact`. The lines
/// with the most distinct query words win, up to three, shown in file order; a long paragraph is cut
/// to a window around its first match.
public struct SnippetMaker: Sendable {
  /// How many lines per document.
  public var maximumLines = 3
  /// Lines longer than this many characters are cut around the first match.
  public var maximumLineLength = 220

  /// Creates a snippet maker.
  public init() {}

  /// Snippets for `path`, or `[]` when the file cannot be read any more.
  public func snippets(path: String, query: Query, exactOnly: Bool) -> [Snippet] {
    guard case .success(let normalized) = Document.readText(path: path) else { return [] }
    var text = normalized.text
    return text.withUTF8 { bytes in snippets(bytes, lines: normalized.lines, query: query, exactOnly: exactOnly) }
  }

  /// Snippets for several files, made on every core (each file is read and tokenized whole,
  /// which for long documents costs more than the search itself).
  public func snippets(paths: [String], query: Query, exactOnly: Bool) -> [[Snippet]] {
    let results = UnsafeMutableBufferPointer<[Snippet]>.allocate(capacity: paths.count)
    results.initialize(repeating: [])
    defer {
      results.deinitialize()
      results.deallocate()
    }
    nonisolated(unsafe) let slots = results  // each index written by one worker only
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      slots[index] = snippets(path: paths[index], query: query, exactOnly: exactOnly)
    }
    return Array(results)
  }

  /// One word of a query atom: its folded form (an index into the query's distinct folded
  /// words) and its exact form.
  private struct Word {
    var folded: Int
    var exact: [UInt8]
  }

  /// A token of the document that is one of the query's words.
  private struct Found {
    var position: Int
    var range: Range<Int>
    /// Index into the query's distinct folded words.
    var folded: Int
    /// The token's exact form, kept only for `--exact`.
    var exact: [UInt8]
  }

  /// Atoms a snippet search tells apart: one bit each in a mask. Words past the 64th of a query
  /// still find documents; they are just not highlighted.
  private static let maximumAtoms = 64

  private func snippets(
    _ bytes: UnsafeBufferPointer<UInt8>, lines: LineIndex, query: Query, exactOnly: Bool
  ) -> [Snippet] {
    let analyzer = Analyzer()
    let atomTerms = query.required.joined().map { atom in atom.words.flatMap { analyzer.queryTerms($0) } }
      .filter { !$0.isEmpty }.prefix(Self.maximumAtoms)
    var wanted: [[UInt8]] = []
    for term in atomTerms.joined() where !wanted.contains(term.folded) { wanted.append(term.folded) }
    guard !wanted.isEmpty else { return [] }
    let atoms: [[Word]] = atomTerms.map { terms in
      terms.map { Word(folded: wanted.firstIndex(of: $0.folded) ?? 0, exact: $0.exact) }
    }
    // A token can only be a query word if its folded first letter starts one: for an ASCII first
    // byte that is the byte lower-cased, so most tokens are passed over without folding.
    var asciiStarts = [Bool](repeating: false, count: 128)
    for word in wanted where !word.isEmpty && word[0] < 0x80 { asciiStarts[Int(word[0])] = true }
    // The document's tokens that are query words, in order, and for each token position the
    // index of its entry (or -1).
    var found: [Found] = []
    var foundAt: [Int32] = []
    var folded: [UInt8] = []
    var exact: [UInt8] = []
    var scratch: [UInt32] = []
    // Each distinct spelling is folded and looked up once: hits are long documents whose words
    // repeat ("của", "và", "cơ sở"), and folding every token was most of a `cancu search`.
    var spellings = TokenTable(capacity: bytes.count / 64)
    Tokenizer.forEachToken(in: bytes) { token in
      let first = bytes[token.range.lowerBound]
      if first < 0x80 && !asciiStarts[Int(first | (first &- 0x41 < 26 ? 0x20 : 0))] {
        foundAt.append(-1)
        return
      }
      let hash = TokenTable.hash(bytes, token.range)
      let index: Int
      if let (known, _) = spellings.lookup(bytes, token.range, hash: hash) {
        index = known
      } else {
        folded.removeAll(keepingCapacity: true)
        DiacriticFolding.fold(bytes, range: token.range, into: &folded)
        index = wanted.firstIndex(of: folded) ?? -1
        spellings.insert(token.range, hash: hash, term: index, variant: 0)
      }
      guard index >= 0 else {
        foundAt.append(-1)
        return
      }
      exact.removeAll(keepingCapacity: true)
      if exactOnly { ExactForm.key(bytes, range: token.range, scratch: &scratch, into: &exact) }
      foundAt.append(Int32(found.count))
      found.append(Found(position: foundAt.count - 1, range: token.range, folded: index, exact: exact))
    }
    func token(at position: Int) -> Found? {
      guard position >= 0, position < foundAt.count, foundAt[position] >= 0 else { return nil }
      return found[Int(foundAt[position])]
    }
    func matches(_ word: Word, at position: Int) -> Bool {
      guard let token = token(at: position), token.folded == word.folded else { return false }
      return !exactOnly || token.exact == word.exact
    }
    // Mark every occurrence of every atom: a word anywhere, a phrase only where it stands whole.
    // Bit a of marks[p]: atom a covers token position p.
    var marks = [UInt64](repeating: 0, count: foundAt.count)
    for (atomIndex, words) in atoms.enumerated() {
      for start in found.lazy.map(\.position) where matches(words[0], at: start) {
        guard words.indices.allSatisfy({ matches(words[$0], at: start + $0) }) else { continue }
        for offset in words.indices { marks[start + offset] |= 1 << UInt64(atomIndex) }
      }
    }
    // Per line, in line order: marked ranges, distinct atoms, and how many atoms follow their
    // predecessor in the query within a word (so "dân chủ ở cơ sở" in order beats the same words
    // scattered).
    var perLine: [(line: Int, match: LineMatch)] = []
    for found in found where marks[found.position] != 0 {
      let position = found.position
      let atomsHere = marks[position]
      let line = lines.lineIndex(containing: found.range.lowerBound)
      if perLine.last?.line != line { perLine.append((line, LineMatch())) }
      perLine[perLine.count - 1].match.ranges.append(found.range)
      perLine[perLine.count - 1].match.atoms |= atomsHere
      let before = [position - 1, position - 2].first { candidate in
        candidate >= 0 && (marks[candidate] << 1) & atomsHere != 0
      }
      if let before {
        perLine[perLine.count - 1].match.inOrder += 1
        // A long line is shown around its first run of query words in order.
        if perLine[perLine.count - 1].match.anchor == nil {
          perLine[perLine.count - 1].match.anchor = token(at: before)?.range.lowerBound
        }
      }
    }
    let best = perLine.sorted { a, b in
      if a.match.inOrder != b.match.inOrder { return a.match.inOrder > b.match.inOrder }
      let atomsA = a.match.atoms.nonzeroBitCount
      let atomsB = b.match.atoms.nonzeroBitCount
      if atomsA != atomsB { return atomsA > atomsB }
      if a.match.ranges.count != b.match.ranges.count { return a.match.ranges.count > b.match.ranges.count }
      return a.line < b.line
    }.prefix(maximumLines).sorted { $0.line < $1.line }
    return best.map { line, match in
      snippet(bytes, lines: lines, line: line, ranges: match.ranges, anchor: match.anchor)
    }
  }

  /// What one line holds of the query.
  private struct LineMatch {
    var ranges: [Range<Int>] = []
    /// Bit a: atom a is on the line.
    var atoms: UInt64 = 0
    var inOrder = 0
    var anchor: Int?
  }

  private func snippet(
    _ bytes: UnsafeBufferPointer<UInt8>, lines: LineIndex, line: Int, ranges: [Range<Int>],
    anchor: Int?
  ) -> Snippet {
    var lineRange = lines.byteRange(ofLine: line)
    // Trim leading and trailing spaces and Markdown/list marks for display.
    while lineRange.lowerBound < lineRange.upperBound, bytes[lineRange.lowerBound] == 0x20 || bytes[lineRange.lowerBound] == 0x09 {
      lineRange = (lineRange.lowerBound + 1)..<lineRange.upperBound
    }
    var start = lineRange.lowerBound
    var end = lineRange.upperBound
    var prefix = ""
    var suffix = ""
    let characters = charactersBetween(bytes, start, end)
    if characters > maximumLineLength, let first = anchor ?? ranges.first?.lowerBound {
      // A window from about a quarter before the anchor (or the first match).
      start = back(bytes, from: first, characters: maximumLineLength / 4, floor: start)
      end = forward(bytes, from: start, characters: maximumLineLength, ceiling: end)
      if start > lineRange.lowerBound { prefix = "…" }
      if end < lineRange.upperBound { suffix = "…" }
    }
    let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    let shift = prefix.utf8.count - start
    var highlights: [Range<Int>] = []
    for range in ranges where range.lowerBound >= start && range.upperBound <= end {
      let shifted = (range.lowerBound + shift)..<(range.upperBound + shift)
      // Merge words separated only by spaces: "[dân chủ ở cơ sở]".
      if let last = highlights.last, last.upperBound <= shifted.lowerBound,
        bytes[(last.upperBound - shift)..<(shifted.lowerBound - shift)].allSatisfy({ $0 == 0x20 })
      {
        highlights[highlights.count - 1] = last.lowerBound..<shifted.upperBound
      } else {
        highlights.append(shifted)
      }
    }
    return Snippet(line: line + 1, text: prefix + body + suffix, highlights: highlights)
  }

  private func charactersBetween(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    var count = 0
    for i in start..<end where !bytes[i].isUTF8Continuation { count += 1 }
    return count
  }

  /// Moves back `characters` characters, then to the start of a word.
  private func back(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, characters: Int, floor: Int) -> Int {
    var i = offset
    var left = characters
    while i > floor, left > 0 {
      i -= 1
      if !bytes[i].isUTF8Continuation { left -= 1 }
    }
    while i > floor, bytes[i - 1] != 0x20 { i -= 1 }
    return i
  }

  /// Moves forward `characters` characters, then back to the end of a word.
  private func forward(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, characters: Int, ceiling: Int) -> Int {
    var i = offset
    var left = characters
    while i < ceiling, left > 0 {
      i += 1
      while i < ceiling, bytes[i].isUTF8Continuation { i += 1 }
      left -= 1
    }
    if i < ceiling {
      var j = i
      while j > offset, bytes[j - 1] != 0x20 { j -= 1 }
      if j > offset { i = j - 1 }
    }
    return i
  }
}
