import Testing

@testable import Corpus

@Suite("Text decoding")
struct TextDecodingTests {
  @Test func decodesUTF8AndKeepsTheBOMForTheNormalizer() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Đảng\r\n".utf8)
    let text = try TextDecoding.decode(bytes, path: "a.txt").get()
    #expect(text.utf8.count == bytes.count)
  }

  @Test("Names the legacy encoding an invalid file looks like", arguments: [
    (tcvn3Sample, LegacyEncoding.tcvn3),
    (windows1258Sample, .vniOrWindows1258),
    (vniSample, .vniOrWindows1258),
  ])
  func namesLegacyEncoding(bytes: [UInt8], expected: LegacyEncoding) {
    let result = TextDecoding.decode(bytes, path: "old.txt")
    guard case .failure(.notUTF8(let path, _, let legacy)) = result else {
      Issue.record("expected notUTF8, got \(result)")
      return
    }
    #expect(path == "old.txt")
    #expect(legacy == expected)
  }

  @Test func reportsTheFirstInvalidByte() {
    let bytes = Array("Việt ".utf8) + [0xFF] + Array("Nam".utf8)
    #expect(TextDecoding.firstInvalidOffset(bytes) == Array("Việt ".utf8).count)
    #expect(TextDecoding.firstInvalidOffset(Array("Việt Nam".utf8)) == "Việt Nam".utf8.count)
    // Overlong encoding, surrogate, truncated sequence.
    #expect(TextDecoding.firstInvalidOffset([0x41, 0xC0, 0x80]) == 1)
    #expect(TextDecoding.firstInvalidOffset([0xED, 0xA0, 0x80]) == 0)
    #expect(TextDecoding.firstInvalidOffset([0x41, 0x42, 0xE1, 0xBB]) == 2)
  }

  @Test func refusesBinaryEmptyAndUTF16() {
    #expect(TextDecoding.decode([], path: "e.txt") == .failure(.empty(path: "e.txt")))
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
    #expect(TextDecoding.decode(png, path: "p.txt") == .failure(.binary(path: "p.txt")))
    let utf16: [UInt8] = [0xFF, 0xFE] + "ab".utf16.flatMap { (unit: UInt16) -> [UInt8] in
      [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    #expect(TextDecoding.decode(utf16, path: "u.txt") == .failure(.utf16(path: "u.txt")))
    let utf16NoBOM = "Nghi quyet".utf8.flatMap { (byte: UInt8) -> [UInt8] in [byte, 0] }
    #expect(TextDecoding.decode(utf16NoBOM, path: "u.txt") == .failure(.utf16(path: "u.txt")))
  }

  @Test func plainLatinTextIsNotCalledLegacyVietnamese() {
    // High bytes in runs (UTF-8 read wrongly twice, Cyrillic 8-bit) are not a letter-mark pattern.
    let bytes: [UInt8] = [0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0x20, 0xD0, 0xD1, 0xD2, 0x20, 0xE0, 0xE1]
    #expect(TextDecoding.guessLegacy(bytes) != .tcvn3)
    #expect(TextDecoding.guessLegacy(Array("ASCII only".utf8)) == nil)
  }

  @Test func warningsAreOneLineAndNameTheFile() {
    let errors: [CorpusError] = [
      .notUTF8(path: "corpus/cũ.txt", byteOffset: 3, legacyEncoding: .tcvn3),
      .notUTF8(path: "corpus/x.txt", byteOffset: 3, legacyEncoding: nil),
      .binary(path: "corpus/a.txt"), .empty(path: "corpus/b.txt"), .utf16(path: "corpus/c.txt"),
      .io(path: "corpus/d.txt", operation: "open", errno: 13),
      .tooLarge(path: "corpus/e.txt", size: 10, limit: 5),
      .linkNotFollowed(path: "corpus/f.txt", reason: "it leads outside the corpus"),
      .missingFolder(path: "nowhere"),
    ]
    for error in errors {
      #expect(!error.description.contains("\n"))
      #expect(error.description.contains("'\(error.path)'"))
    }
    #expect(errors[0].description.contains("TCVN3"))
    #expect(errors[5].description.contains("Permission denied"))
  }
}
