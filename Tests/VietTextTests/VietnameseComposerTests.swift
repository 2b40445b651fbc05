import Foundation
import Testing

@testable import VietText

@Suite struct VietnameseComposerTests {
  private func compose(_ text: String) -> (ok: Bool, output: [UInt8], offsets: [Int32]) {
    var output: [UInt8] = Array("kept".utf8)
    var offsets: [Int32] = [7]
    let ok = withBytes(text) {
      VietnameseComposer.compose($0, range: 0..<$0.count, into: &output, offsets: &offsets)
    }
    return (ok, output, offsets)
  }

  @Test(arguments: allVowels)
  func composesEveryVowelLikeFoundation(_ spec: VowelSpec) {
    let result = compose("x" + spec.decomposed + "y")
    #expect(result.ok)
    #expect(result.output == Array(("kept" + "x" + spec.composed + "y").utf8))
  }

  @Test(arguments: [
    ("a\u{306}\u{323}", "ặ"), ("a\u{323}\u{306}", "ặ"), ("\u{E2}\u{301}", "ấ"),
    ("\u{1EA1}\u{302}", "ậ"), ("o\u{301}\u{31B}", "ớ"), ("U\u{323}\u{31B}", "Ự"),
    ("\u{1B0}\u{300}", "ừ"),
  ])
  func composesMarksInEitherOrderWhenNFCWould(input: String, expected: String) {
    #expect(input.foundationNFC.exact == expected.exact)
    let result = compose(input)
    #expect(result.ok)
    #expect(result.output == Array(("kept" + expected).utf8))
  }

  @Test(arguments: [
    "n\u{303}", "e\u{301}\u{302}", "a\u{300}\u{302}", "d\u{301}", "đ\u{301}", "y\u{306}",
    "a\u{308}", "a\u{301}\u{301}", "a\u{302}\u{306}", "\u{301}", "x \u{301}", "a\u{340}",
    "c\u{327}", "o\u{30A}", "1\u{301}",
  ])
  func refusesNonVietnameseMarksAndRestoresTheBuffers(_ text: String) {
    let result = compose(text)
    #expect(!result.ok)
    #expect(result.output == Array("kept".utf8))
    #expect(result.offsets == [7])
  }

  @Test func mapsEveryOutputByteToTheStartOfItsCharacter() {
    let line = "Vie\u{323}\u{302}t Nam a\u{306}\u{301}"
    let result = compose(line)
    #expect(result.ok)
    let output = Array(result.output.dropFirst(4))
    let offsets = Array(result.offsets.dropFirst())
    #expect(String(decoding: output, as: UTF8.self).exact == "Việt Nam ắ".exact)
    #expect(offsets.count == output.count + 1)
    #expect(offsets.last == Int32(line.utf8.count))
    // "ệ" (3 bytes) came from byte 2 of the line, "ắ" from byte 13.
    #expect(offsets[2..<5] == [2, 2, 2])
    #expect(offsets[5] == 7)
    #expect(offsets[output.count - 3..<output.count] == [13, 13, 13])
  }
}
