import Foundation
import TestSupport
import Testing

@testable import VietText

/// The lines of a file as bytes (without the BOM), split at CRLF, lone CR and LF, with the offset
/// where each starts in the file.
private func originalLines(_ original: String) -> [(start: Int, bytes: [UInt8])] {
  let bytes = Array(original.utf8)
  var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  var lines: [(Int, [UInt8])] = []
  var start = i
  while i < bytes.count {
    if bytes[i] == 0x0A || bytes[i] == 0x0D {
      lines.append((start, Array(bytes[start..<i])))
      i += bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
      start = i
    } else {
      i += 1
    }
  }
  lines.append((start, Array(bytes[start..<bytes.count])))
  return lines
}

/// The text cancu should produce, by Foundation: every line NFC, joined by `\n`.
private func expectedText(_ original: String) -> String {
  originalLines(original).map { String(decoding: $0.bytes, as: UTF8.self).foundationNFC }
    .joined(separator: "\n")
}

/// The characters of a line with their byte offsets.
private func characters(_ bytes: [UInt8]) -> [(offset: Int, character: Character)] {
  let text = String(decoding: bytes, as: UTF8.self)
  var result: [(Int, Character)] = []
  var offset = 0
  for character in text {
    result.append((offset, character))
    offset += character.utf8.count
  }
  return result
}

/// Files whose characters keep their number in NFC, so the original can be checked per character.
let normalizedTextInputs: [String] = [
  "\u{FEFF}Việt Nam\nhoà bình",
  "dòng một\r\ndòng hai\r\n",
  "một\rhai\rba",
  "Việt Nam\r\nhai",
  "Vie\u{323}\u{302}t Nam\nDa\u{302}n chu\u{309}\n",
  "\u{FEFF}Ti\u{EA}\u{301}ng Vie\u{323}\u{302}t\r\nclean line\rn\u{303}o e\u{301}\u{302}"
    + "\n\nĐảng\r\n",
  "x\u{37E} y\u{374} a\u{2000}b \u{212B}",
  "\u{301}stray\n\u{301}",
  "",
  "\n",
  "\r\n\r\n",
  "\u{FEFF}",
  "q\u{301}\ne\u{301}\u{302}",
  "ASCII only\nsecond line\n",
  "Đảng Cộng sản Việt Nam\n30-CT/TW “trích dẫn” – ¹²³",
]

@Suite struct NormalizedTextTests {
  /// Checks `text`, `originalByteOffset(of:)` and `location(of:)` against the oracle above.
  private func check(_ original: String, name: String = "") {
    let normalized = NormalizedText(original: original)
    let expected = expectedText(original)
    #expect(Array(normalized.text.utf8) == Array(expected.utf8), "\(name)")
    #expect(normalized.lines == LineIndex(normalized.text))
    let lines = originalLines(original)
    let normalizedLines = byteLines(expected)
    #expect(normalized.lines.lineCount == lines.count)
    guard normalizedLines.count == lines.count else { return }
    for (number, (line, normalizedLine)) in zip(lines, normalizedLines).enumerated() {
      let lineStart = normalized.lines.lineStarts[number]
      let originalCharacters = characters(line.bytes)
      let normalizedCharacters = characters(Array(normalizedLine.utf8))
      #expect(originalCharacters.count == normalizedCharacters.count, "\(name) line \(number + 1)")
      for (column, (old, new)) in zip(originalCharacters, normalizedCharacters).enumerated() {
        #expect(String(old.character).foundationNFC.exact == String(new.character).exact)
        let offset = lineStart + new.offset
        let location = normalized.location(of: offset)
        #expect(
          location
            == VietText.SourceLocation(
              line: number + 1, column: column + 1, byteOffset: line.start + old.offset),
          "\(name) \(String(new.character).scalarValues) at \(offset)")
        #expect(normalized.originalByteOffset(of: offset) == line.start + old.offset)
      }
      // The line end maps to the end of the original line.
      let end = lineStart + normalizedLine.utf8.count
      #expect(normalized.originalByteOffset(of: end) == line.start + line.bytes.count)
      #expect(
        normalized.location(of: end)
          == VietText.SourceLocation(
            line: number + 1, column: originalCharacters.count + 1,
            byteOffset: line.start + line.bytes.count))
    }
  }

  @Test(arguments: normalizedTextInputs)
  func normalizesAndMapsBackEveryCharacter(_ original: String) {
    check(original)
  }

  @Test(arguments: normalizedTextInputs)
  func isUnchangedExactlyWhenTheTextIsTheOriginal(_ original: String) {
    let normalized = NormalizedText(original: original)
    #expect(normalized.isUnchanged == (Array(normalized.text.utf8) == Array(original.utf8)))
  }

  @Test(arguments: ["", "abc", "Việt Nam\n", "q\u{301}", "中文 👍", "a\n\nb\n"])
  func cleanInputIsUnchanged(_ original: String) {
    let normalized = NormalizedText(original: original)
    #expect(normalized.isUnchanged)
    #expect(normalized.changedLineCount == 0)
    #expect(normalized.text.exact == original.exact)
  }

  @Test(arguments: [
    ("\u{FEFF}abc", 0), ("a\r\nb", 0), ("a\rb", 0), ("a\u{301}\nb\nc\u{302}", 2),
    ("Việt\r\n", 0), ("n\u{303}", 1),
  ])
  func otherInputIsChanged(original: String, changedLines: Int) {
    let normalized = NormalizedText(original: original)
    #expect(!normalized.isUnchanged)
    #expect(normalized.changedLineCount == changedLines)
  }

  @Test(arguments: [0, 1, 2, 3, 4, 5] as [UInt64])
  func mapsRandomFilesBackToTheirOriginal(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let pieces = [
      "a", "b", " ", "ệ", "e\u{323}\u{302}", "Đ", "đ", "ho\u{300}a", "hòa", "\r\n",
      "\r", "\n", "\n", "n\u{303}", "q\u{301}", "u\u{31B}\u{301}", "x\u{37E}", "“", "–", "\u{A0}",
      "30-CT/TW", "Vi\u{EA}\u{323}t", "\u{2000}", "中",
    ]
    for _ in 0..<200 {
      var text = Bool.random(using: &generator) ? "\u{FEFF}" : ""
      for _ in 0..<Int.random(in: 0..<30, using: &generator) {
        text += pieces.randomElement(using: &generator) ?? ""
      }
      check(text, name: text.debugDescription)
      let normalized = NormalizedText(original: text)
      #expect(normalized.isUnchanged == (Array(normalized.text.utf8) == Array(text.utf8)))
    }
  }

  @Test func mapsSeedDocumentsInNFCAndNFDWithCRLFAndBOM() throws {
    for (name, text) in try seedDocuments() {
      check(text, name: name)
      #expect(NormalizedText(original: text).isUnchanged)
      let decomposed = text.nfd
      check(decomposed, name: name + " NFD")
      let windows = "\u{FEFF}" + decomposed.replacingOccurrences(of: "\n", with: "\r\n")
      check(windows, name: name + " NFD CRLF BOM")
      #expect(NormalizedText(original: windows).text.exact == text.exact)
    }
  }

  @Test func mapsEveryTokenOfADecomposedDocumentBackToTheSameCharacters() throws {
    let original =
      "\u{FEFF}Chi\u{309} thi\u{323} so\u{302}\u{301} 30-CT/TW\r\nNghi\u{323} \u{111}i\u{323}nh "
      + "59/2023/N\u{110}-CP nga\u{300}y 18/02/1998\rHo\u{300}a bi\u{300}nh"
    let normalized = NormalizedText(original: original)
    let originalBytes = Array(original.utf8)
    let tokens = Tokenizer.tokens(in: normalized.text)
    #expect(tokens.count == 11)
    for token in tokens {
      let start = normalized.originalByteOffset(of: token.range.lowerBound)
      let end = normalized.originalByteOffset(of: token.range.upperBound)
      let source = String(decoding: originalBytes[start..<end], as: UTF8.self)
      #expect(source.foundationNFC.exact == slice(normalized.text, token.range).exact)
    }
  }

  @Test func linesWhoseClustersMergeStillMapToTheirLine() {
    let original = "a\r\nx\u{1100}\u{1161}y\nz"
    let normalized = NormalizedText(original: original)
    #expect(normalized.text.exact == "a\nx\u{AC00}y\nz".exact)
    let y = normalized.text.utf8.count - 3
    #expect(normalized.location(of: y).line == 2)
    let z = normalized.text.utf8.count - 1
    #expect(
      normalized.location(of: z)
        == VietText.SourceLocation(line: 3, column: 1, byteOffset: original.utf8.count - 1))
  }
}

/// `NormalizedText.lines(_:of:)` reads a few lines of a file: each must be the line the whole
/// normalization gives.
@Suite struct NormalizedLinesTests {
  @Test("Chosen lines equal the whole text's lines", arguments: normalizedTextInputs.indices)
  func chosenLinesEqualTheWholeText(input: Int) {
    let original = normalizedTextInputs[input]
    let expected = expectedText(original).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    let bytes = Array(original.utf8)
    let all = bytes.withUnsafeBufferPointer { NormalizedText.lines(Array(expected.indices), of: $0) }
    #expect(all == expected.map { Optional($0) }, "input \(input)")
    // Any ascending choice, with repeats and lines past the end.
    var random = SeededGenerator(seed: UInt64(input))
    for _ in 0..<20 {
      let numbers = (0..<3).map { _ in Int(random.next() % UInt64(expected.count + 2)) }.sorted()
      let chosen = bytes.withUnsafeBufferPointer { NormalizedText.lines(numbers, of: $0) }
      #expect(chosen == numbers.map { $0 < expected.count ? expected[$0] : nil }, "\(numbers)")
    }
  }

  @Test func aLineThatIsNotUTF8IsNil() {
    let bytes: [UInt8] = Array("một\n".utf8) + [0xC3, 0x28] + Array("\nba".utf8)
    let lines = bytes.withUnsafeBufferPointer { NormalizedText.lines([0, 1, 2], of: $0) }
    #expect(lines == ["một", nil, "ba"])
  }
}
