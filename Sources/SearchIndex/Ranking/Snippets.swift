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
/// Every token whose folded form is a query word is a candidate — exact forms only with
/// `--exact`. The lines with the most query words in query order, then the most distinct query
/// words, win, up to three, shown in file order; a long paragraph is cut to a window around its
/// first match.
///
/// For search results the tokens come from the index: the query words' postings give their
/// positions in the document and the lines section (``LineTokens``) the line of each, so only
/// the chosen lines are read from the file, normalized and tokenized, to find the words' bytes.
/// A file changed since it was indexed (its size, time, or the tokens of a chosen line differ)
/// is read and tokenized whole instead, as ``snippets(path:query:exactOnly:)`` does.
public struct SnippetMaker: Sendable {
  /// How many lines per document.
  public var maximumLines = 3
  /// Lines longer than this many characters are cut around the first match.
  public var maximumLineLength = 220

  /// Creates a snippet maker.
  public init() {}

  /// Snippets for `path`, read and tokenized whole, or `[]` when the file cannot be read.
  public func snippets(path: String, query: Query, exactOnly: Bool) -> [Snippet] {
    let words = QueryWords(query)
    guard !words.wanted.isEmpty else { return [] }
    return wholeFileSnippets(path: path, words: words, exactOnly: exactOnly)
  }

  /// Snippets for search results, their lines found through the index.
  ///
  /// - Parameters:
  ///   - results: The results of `query` in `reader`.
  ///   - paths: Where each hit's file is read (the path shown may be relative to elsewhere).
  public func snippets(
    for results: SearchResults, paths: [String], reader: IndexReader, query: Query,
    exactOnly: Bool
  ) -> [[Snippet]] {
    let words = QueryWords(query)
    guard !words.wanted.isEmpty else { return results.hits.map { _ in [] } }
    var snippets = indexedSnippets(
      for: results, paths: paths, reader: reader, words: words, exactOnly: exactOnly)
    // Files read whole, on every core: a long one costs more than the search.
    let whole = snippets.indices.filter { snippets[$0] == nil }
    if !whole.isEmpty {
      let slots = UnsafeMutableBufferPointer<[Snippet]>.allocate(capacity: whole.count)
      slots.initialize(repeating: [])
      defer {
        slots.deinitialize()
        slots.deallocate()
      }
      nonisolated(unsafe) let shared = slots  // each index written by one worker only
      DispatchQueue.concurrentPerform(iterations: whole.count) { k in
        shared[k] = wholeFileSnippets(path: paths[whole[k]], words: words, exactOnly: exactOnly)
      }
      for (k, index) in whole.enumerated() { snippets[index] = slots[k] }
    }
    return snippets.map { $0 ?? [] }
  }

  /// The snippets of each hit that the index can give, `nil` for the files to read whole.
  package func indexedSnippets(
    for results: SearchResults, paths: [String], reader: IndexReader, query: Query,
    exactOnly: Bool
  ) -> [[Snippet]?] {
    indexedSnippets(
      for: results, paths: paths, reader: reader, words: QueryWords(query), exactOnly: exactOnly)
  }

  private func indexedSnippets(
    for results: SearchResults, paths: [String], reader: IndexReader, words: QueryWords,
    exactOnly: Bool
  ) -> [[Snippet]?] {
    // The postings the search read (a word the index lacks has none).
    guard
      let postings: [TermPostings?] = try? words.wanted.map({ folded throws(IndexError) in
        try results.terms.postings(folded, in: reader)
      })
    else { return results.hits.map { _ in nil } }
    return results.hits.indices.map { index in
      try? indexedSnippets(
        results.hits[index], path: paths[index], reader: reader, postings: postings, words: words,
        exactOnly: exactOnly)
    }
  }

  /// One word of a query atom: its folded form (an index into ``QueryWords/wanted``) and its
  /// exact form.
  private struct Word {
    var folded: Int
    /// Index into ``QueryWords/forms``.
    var exact: Int
  }

  /// The query's words as snippets look for them.
  private struct QueryWords {
    /// The distinct folded words.
    var wanted: [[UInt8]] = []
    /// The distinct exact forms.
    var forms: [[UInt8]] = []
    /// Per atom (word or phrase), its words.
    var atoms: [[Word]] = []

    init(_ query: Query) {
      let analyzer = Analyzer()
      let atomTerms = query.required.joined()
        .map { atom in atom.words.flatMap { analyzer.queryTerms($0) } }
        .filter { !$0.isEmpty }.prefix(SnippetMaker.maximumAtoms)
      for term in atomTerms.joined() {
        if !wanted.contains(term.folded) { wanted.append(term.folded) }
        if !forms.contains(term.exact) { forms.append(term.exact) }
      }
      atoms = atomTerms.map { terms in
        terms.map {
          Word(folded: wanted.firstIndex(of: $0.folded) ?? 0, exact: forms.firstIndex(of: $0.exact) ?? 0)
        }
      }
    }

    /// The index of an exact form in ``forms``, or -1.
    func form(_ exact: [UInt8]) -> Int32 { Int32(forms.firstIndex(of: exact) ?? -1) }
  }

  /// A token of the document that is one of the query's words (plain values: thousands are
  /// sorted per document).
  private struct Found {
    var position: Int32
    /// Index into ``QueryWords/wanted``.
    var folded: Int32
    /// Index into ``QueryWords/forms`` (-1: none of them), kept only for `--exact`.
    var exact: Int32
    /// The 0-based line it is on.
    var line: Int32 = 0
  }

  /// A line chosen to show, with the positions of its marked tokens and of the token its
  /// window starts near.
  private struct ChosenLine {
    var line: Int
    var positions: [Int]
    var anchor: Int?
  }

  /// Atoms a snippet search tells apart: one bit each in a mask. Words past the 64th of a query
  /// still find documents; they are just not highlighted.
  fileprivate static let maximumAtoms = 64

  // MARK: - Through the index

  /// Snippets of one hit from its postings and line table, reading only the lines shown; `nil`
  /// when the index has no lines for it or the file is not the one indexed.
  private func indexedSnippets(
    _ hit: SearchHit, path: String, reader: IndexReader, postings: [TermPostings?],
    words: QueryWords, exactOnly: Bool
  ) throws(IndexError) -> [Snippet]? {
    let document = hit.document
    guard
      let lineStarts = try reader.lineStarts(
        ofDocument: hit.documentID, tokenCount: document.tokenCount)
    else { return nil }
    var found: [Found] = []
    var positions: [UInt32] = []
    let id = UInt32(hit.documentID)
    for (word, term) in postings.enumerated() {
      guard let term else { continue }
      for variant in term.variants.indices {
        guard let index = term.variants[variant].documents.sortedIndex(of: id) else { continue }
        positions.removeAll(keepingCapacity: true)
        try term.positions(variant: variant, index: index, into: &positions)
        let exact = exactOnly ? words.form(term.variants[variant].form) : 0
        for position in positions {
          found.append(
            Found(position: Int32(truncatingIfNeeded: position), folded: Int32(word), exact: exact))
        }
      }
    }
    found.sort { $0.position < $1.position }
    // Lines in one pass beside the positions: a position is on the last line starting at or
    // before it (empty lines share their start with the next).
    var line = 0
    for k in found.indices {
      let position = Int(found[k].position)
      while line + 2 < lineStarts.count, lineStarts[line + 1] <= position { line += 1 }
      found[k].line = Int32(line)
    }
    let chosen = choose(found, words: words, exactOnly: exactOnly)
    guard !chosen.isEmpty else { return [] }
    guard
      let texts = Document.readLines(
        chosen.map(\.line), path: path, size: document.size,
        modificationTime: document.modificationTime)
    else { return nil }
    var snippets: [Snippet] = []
    var folded: [UInt8] = []
    for (choice, text) in zip(chosen, texts) {
      guard var text else { return nil }
      let first = lineStarts[choice.line]
      let made = text.withUTF8 { bytes -> Snippet? in
        var ranges: [Range<Int>] = []
        Tokenizer.forEachToken(in: bytes) { ranges.append($0.range) }
        // The line must still hold the tokens the index counted, and the marked ones the words.
        guard ranges.count == lineStarts[choice.line + 1] - first,
          choice.positions.allSatisfy({ $0 - first >= 0 && $0 - first < ranges.count }),
          choice.anchor.map({ $0 - first >= 0 && $0 - first < ranges.count }) ?? true
        else { return nil }
        for position in choice.positions {
          folded.removeAll(keepingCapacity: true)
          DiacriticFolding.fold(bytes, range: ranges[position - first], into: &folded)
          guard words.wanted.contains(folded) else { return nil }
        }
        var snippet = self.snippet(
          bytes, lines: LineIndex(bytes), line: 0,
          ranges: choice.positions.map { ranges[$0 - first] },
          anchor: choice.anchor.map { ranges[$0 - first].lowerBound })
        snippet.line = choice.line + 1
        return snippet
      }
      guard let made else { return nil }
      snippets.append(made)
    }
    return snippets
  }

  // MARK: - Reading the file whole

  private func wholeFileSnippets(path: String, words: QueryWords, exactOnly: Bool) -> [Snippet] {
    guard case .success(let normalized) = Document.readText(path: path) else { return [] }
    var text = normalized.text
    return text.withUTF8 { bytes in
      wholeTextSnippets(bytes, lines: normalized.lines, words: words, exactOnly: exactOnly)
    }
  }

  private func wholeTextSnippets(
    _ bytes: UnsafeBufferPointer<UInt8>, lines: LineIndex, words: QueryWords, exactOnly: Bool
  ) -> [Snippet] {
    let wanted = words.wanted
    // A token can only be a query word if its folded first letter starts one: for an ASCII first
    // byte that is the byte lower-cased, so most tokens are passed over without folding.
    var asciiStarts = [Bool](repeating: false, count: 128)
    for word in wanted where !word.isEmpty && word[0] < 0x80 { asciiStarts[Int(word[0])] = true }
    // The document's tokens that are query words, in order, with their bytes.
    var found: [Found] = []
    var ranges: [Range<Int>] = []
    var folded: [UInt8] = []
    var exact: [UInt8] = []
    var scratch: [UInt32] = []
    // Each distinct spelling is folded and looked up once: hits are long documents whose words
    // repeat ("của", "và", "cơ sở").
    var spellings = TokenTable(capacity: bytes.count / 64)
    var position = -1
    Tokenizer.forEachToken(in: bytes) { token in
      position += 1
      let first = bytes[token.range.lowerBound]
      if first < 0x80 && !asciiStarts[Int(first | (first &- 0x41 < 26 ? 0x20 : 0))] { return }
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
      guard index >= 0 else { return }
      var form: Int32 = 0
      if exactOnly {
        exact.removeAll(keepingCapacity: true)
        ExactForm.key(bytes, range: token.range, scratch: &scratch, into: &exact)
        form = words.form(exact)
      }
      let line = lines.lineIndex(containing: token.range.lowerBound)
      found.append(
        Found(
          position: Int32(truncatingIfNeeded: position), folded: Int32(index), exact: form,
          line: Int32(truncatingIfNeeded: line)))
      ranges.append(token.range)
    }
    let foundPositions = found.map { Int($0.position) }
    func range(at position: Int) -> Range<Int> {
      ranges[foundPositions.sortedIndex(of: position)!]
    }
    return choose(found, words: words, exactOnly: exactOnly).map { choice in
      snippet(
        bytes, lines: lines, line: choice.line, ranges: choice.positions.map(range(at:)),
        anchor: choice.anchor.map { range(at: $0).lowerBound })
    }
  }

  // MARK: - Choosing lines

  /// The lines to show, in line order, from the query words' tokens in position order.
  ///
  /// Positions are distinct and ascending, so the token at position *p* + 1, when it is a query
  /// word, is the next one found: phrases and word order are checked on neighbours, without
  /// searching.
  private func choose(_ found: [Found], words: QueryWords, exactOnly: Bool) -> [ChosenLine] {
    func matches(_ word: Word, _ k: Int) -> Bool {
      Int(found[k].folded) == word.folded && (!exactOnly || Int(found[k].exact) == word.exact)
    }
    // Mark every occurrence of every atom: a word anywhere, a phrase only where it stands whole.
    // Bit a of marks[k]: atom a covers found token k.
    var marks = [UInt64](repeating: 0, count: found.count)
    for (atomIndex, atom) in words.atoms.enumerated() {
      let bit: UInt64 = 1 << UInt64(atomIndex)
      for k in found.indices where matches(atom[0], k) {
        guard k + atom.count <= found.count,
          Int(found[k + atom.count - 1].position) == Int(found[k].position) + atom.count - 1,
          atom.indices.dropFirst().allSatisfy({ matches(atom[$0], k + $0) })
        else { continue }
        for offset in atom.indices { marks[k + offset] |= bit }
      }
    }
    // Per line, in line order: marked tokens, distinct atoms, and how many atoms follow their
    // predecessor in the query within a word (so "dân chủ ở cơ sở" in order beats the same words
    // scattered).
    var perLine: [(line: Int, match: LineMatch)] = []
    var current = LineMatch()
    var currentLine = -1
    for (k, token) in found.enumerated() where marks[k] != 0 {
      let position = Int(token.position)
      let atomsHere = marks[k]
      if Int(token.line) != currentLine {
        if currentLine >= 0 { perLine.append((currentLine, current)) }
        currentLine = Int(token.line)
        current = LineMatch()
      }
      current.positions.append(position)
      current.atoms |= atomsHere
      // The token one or two positions before, if it is a query word: found k − 1 or k − 2.
      var before: Int?
      var j = k - 1
      while j >= 0, j >= k - 2 {
        let distance = position - Int(found[j].position)
        if distance <= 2, (marks[j] << 1) & atomsHere != 0 {
          before = j
          break
        }
        if distance >= 2 { break }
        j -= 1
      }
      if let before {
        current.inOrder += 1
        // A long line is shown around its first run of query words in order, on this line: a
        // phrase may begin at the end of the line before.
        let anchor = found[before].line == token.line ? before : k
        if current.anchor == nil { current.anchor = Int(found[anchor].position) }
      }
    }
    if currentLine >= 0 { perLine.append((currentLine, current)) }
    return perLine.sorted { a, b in
      if a.match.inOrder != b.match.inOrder { return a.match.inOrder > b.match.inOrder }
      let atomsA = a.match.atoms.nonzeroBitCount
      let atomsB = b.match.atoms.nonzeroBitCount
      if atomsA != atomsB { return atomsA > atomsB }
      if a.match.positions.count != b.match.positions.count {
        return a.match.positions.count > b.match.positions.count
      }
      return a.line < b.line
    }.prefix(maximumLines).sorted { $0.line < $1.line }.map { line, match in
      ChosenLine(line: line, positions: match.positions, anchor: match.anchor)
    }
  }

  /// What one line holds of the query.
  private struct LineMatch {
    var positions: [Int] = []
    /// Bit a: atom a is on the line.
    var atoms: UInt64 = 0
    var inOrder = 0
    /// The position the line's window starts near.
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
