import Foundation
import TestSupport
import Testing

@testable import VietText

/// Brute force: the byte offset where each line starts.
private func bruteLineStarts(_ text: String) -> [Int] {
  [0] + text.utf8.enumerated().filter { $0.element == 0x0A }.map { $0.offset + 1 }
}

private let lineIndexInputs: [String] = [
  "", "\n", "\n\n\n", "a", "a\n", "abc\ndef", "abc\ndef\n", "\nabc", "Việt Nam\nĐảng\n",
  "Vie\u{323}\u{302}t Nam\nDa\u{302}n chu\u{309}", "một\n\nhai\n\n", "x\u{301}\u{302}y\nz",
  "hoà hòa\nthuỷ thủy\n\u{301}lead", "ASCII\r\nCRLF\r\n", "\u{370}\u{371}x\u{37B}y",
]

@Suite struct LineIndexTests {
  private func check(_ text: String) {
    let index = LineIndex(text)
    let starts = bruteLineStarts(text)
    let count = text.utf8.count
    #expect(index.lineStarts == starts)
    #expect(index.lineCount == byteLines(text).count)
    #expect(index.byteCount == count)
    for offset in 0...count {
      let expected = starts.lastIndex { $0 <= offset } ?? 0
      #expect(index.lineIndex(containing: offset) == expected, "\(offset)")
    }
    let lines = byteLines(text)
    for (number, line) in lines.enumerated() {
      let range = index.byteRange(ofLine: number)
      #expect(slice(text, range).exact == String(line).exact)
      // Columns count characters: a base and its combining marks once.
      var offset = starts[number]
      var column = 1
      for character in String(line) {
        let value = withBytes(text) {
          LineIndex.column(of: offset, lineStart: starts[number], in: $0)
        }
        #expect(value == column, "\(String(line)) at \(offset)")
        offset += character.utf8.count
        column += 1
      }
      let end = withBytes(text) { LineIndex.column(of: offset, lineStart: starts[number], in: $0) }
      #expect(end == column)
    }
  }

  @Test(arguments: lineIndexInputs)
  func agreesWithBruteForce(_ text: String) {
    check(text)
  }

  @Test(arguments: lineIndexInputs)
  func agreesWithBruteForceInNFD(_ text: String) {
    check(text.nfd)
  }

  @Test func agreesWithBruteForceOnRandomText() {
    var generator = SplitMix64(seed: 2)
    let pieces = [
      "a", "b", " ", "\n", "\n", "đ", "ệ", "e\u{323}\u{302}", "Ư", "u\u{31B}\u{300}", "1", "-",
    ]
    for _ in 0..<300 {
      let length = Int.random(in: 0..<40, using: &generator)
      check((0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
    }
  }

  @Test func agreesWithBruteForceOnTheSeedCorpus() throws {
    for (_, text) in try seedDocuments() {
      let index = LineIndex(text)
      #expect(index.lineStarts == bruteLineStarts(text))
    }
  }

  @Test(arguments: [("aé", 3, 3), ("ae\u{301}x", 4, 3), ("ae\u{301}x", 5, 4), ("Đảng", 5, 3)])
  func columnsCountCharactersNotBytes(text: String, offset: Int, column: Int) {
    #expect(withBytes(text) { LineIndex.column(of: offset, lineStart: 0, in: $0) } == column)
  }
}
