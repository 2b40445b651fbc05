/// Phrases grouped by one of their words (its length and one letter), so a scanner that stands at
/// a word tests only the few phrases that can match there instead of the whole vocabulary.
struct PhraseIndex<Element: Sendable>: Sendable {
  /// Which word of a phrase is its key: the first (for matching forward from a word's start) or
  /// the last (for matching backward from a word's end).
  enum Anchor: Sendable {
    case first
    case last
  }

  private let buckets: [[Element]]
  /// The anchor the phrases were grouped by.
  let anchor: Anchor

  /// Groups `elements` by the key word of `phrase(element)` (folded ASCII).
  init(_ elements: [Element], anchor: Anchor, phrase: (Element) -> [UInt8]) {
    var buckets = [[Element]](repeating: [], count: 16 &* 32)
    for element in elements {
      let words = phrase(element).split { !$0.isFoldedWordChar }
      guard let word = anchor == .first ? words.first : words.last, let first = word.first,
        let last = word.last
      else { continue }
      buckets[Self.slot(length: word.count, char: anchor == .first ? first : last)].append(element)
    }
    self.buckets = buckets
    self.anchor = anchor
  }

  @inline(__always)
  private static func slot(length: Int, char: UInt8) -> Int {
    min(length, 15) &* 32 &+ Int(char & 31)
  }

  /// The phrases whose key word has `length` characters and starts (``Anchor/first``) or ends
  /// (``Anchor/last``) with `char`.
  @inline(__always)
  func candidates(length: Int, char: UInt8) -> [Element] {
    buckets[Self.slot(length: length, char: char)]
  }
}

extension FoldedText {
  /// The phrases of `index` that may start at the word at `i`.
  @inline(__always)
  func candidates<E>(_ index: PhraseIndex<E>, startingAt i: Int) -> [E] {
    guard i < count else { return [] }
    return index.candidates(length: wordEnd(i) &- i, char: chars[i])
  }

  /// The phrases of `index` that may end at the word that ends at `end`.
  @inline(__always)
  func candidates<E>(_ index: PhraseIndex<E>, endingAt end: Int) -> [E] {
    guard end > 0 else { return [] }
    return index.candidates(length: end &- wordStart(endingAt: end), char: chars[end &- 1])
  }
}
