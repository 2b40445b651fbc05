/// An order-2 Markov chain over whitespace-separated words, learned from real documents.
///
/// Trained on the paragraphs of `corpus/`, it writes text with the vocabulary, word frequencies
/// and local word order of Vietnamese administrative prose, which is what the tokenizer, the
/// folding and the postings of a search index are sensitive to. Lookups only: no dictionary is
/// ever iterated, so the output depends on the seed alone.
struct MarkovChain {
  /// Every distinct word, as UTF-8; ids index this array. Ids 0 and 1 are the paragraph's start
  /// and end.
  private(set) var words: [[UInt8]] = [[], []]
  private var ids: [[UInt8]: Int32] = [:]
  /// The words seen after each pair of words, with repeats, so a uniform pick follows frequency.
  private var followers: [UInt64: [Int32]] = [:]

  private static let start: Int32 = 0
  private static let end: Int32 = 1

  /// Learns from paragraphs (one per element); short lines such as headings are left out.
  init(paragraphs: [String]) {
    for paragraph in paragraphs {
      let tokens = paragraph.utf8.split(separator: UInt8(ascii: " ")).map(Array.init)
      guard tokens.count >= 8 else { continue }
      var previous = (Self.start, Self.start)
      for token in tokens where !token.isEmpty {
        let id = intern(token)
        followers[Self.key(previous), default: []].append(id)
        previous = (previous.1, id)
      }
      followers[Self.key(previous), default: []].append(Self.end)
    }
  }

  /// Whether anything was learned.
  var isEmpty: Bool { followers.isEmpty }

  /// Appends one paragraph of at most `maximumWords` words to `output`.
  func paragraph(
    maximumWords: Int, into output: inout [UInt8], random: inout SplitMix64,
    between insert: (inout [UInt8], inout SplitMix64) -> Void
  ) {
    var state = (Self.start, Self.start)
    var count = 0
    while count < maximumWords, let next = followers[Self.key(state)] {
      let word = next[random.below(next.count)]
      if word == Self.end { break }
      if count > 0 { output.append(UInt8(ascii: " ")) }
      output.append(contentsOf: words[Int(word)])
      insert(&output, &random)
      state = (state.1, word)
      count += 1
    }
  }

  private mutating func intern(_ word: [UInt8]) -> Int32 {
    if let id = ids[word] { return id }
    let id = Int32(words.count)
    words.append(word)
    ids[word] = id
    return id
  }

  private static func key(_ pair: (Int32, Int32)) -> UInt64 {
    UInt64(UInt32(bitPattern: pair.0)) << 32 | UInt64(UInt32(bitPattern: pair.1))
  }
}
