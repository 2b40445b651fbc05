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

  @Test("Binary data without NUL bytes is called binary, not a legacy encoding", arguments: [
    ("random bytes", randomBytesWithoutNUL),
    ("PNG without its NULs", pngWithoutNUL),
    ("JPEG without its NULs", jpegWithoutNUL),
    ("control codes", controlCodes),
  ] as [(String, [UInt8])])
  func binaryWithoutNULIsBinary(label: String, bytes: [UInt8]) {
    #expect(!bytes.contains(0), "\(label)")
    #expect(String(validating: bytes, as: UTF8.self) == nil, "\(label)")
    let result = TextDecoding.decode(bytes, path: "x.bin")
    #expect(result == .failure(.binary(path: "x.bin")), "\(label)")
  }

  @Test("Legacy Vietnamese text is not called binary, capitals in C0 codes included", arguments: [
    (tcvn3Sample, LegacyEncoding.tcvn3), (tcvn3CapitalsSample, .tcvn3),
    (windows1258Sample, .vniOrWindows1258), (vniSample, .vniOrWindows1258),
  ])
  func legacyTextIsNotBinary(bytes: [UInt8], expected: LegacyEncoding) {
    #expect(!TextDecoding.looksBinary(bytes))
    guard case .failure(.notUTF8(_, _, let legacy)) = TextDecoding.decode(bytes, path: "old.txt")
    else {
      Issue.record("expected notUTF8")
      return
    }
    #expect(legacy == expected)
  }

  @Test func longRunsOfHighBytesAreNotALegacyEncoding() {
    // No control codes, so not called binary; but no Vietnamese word has 5 high bytes in a row.
    let bytes = (0..<4096).map { UInt8(0x80 | ($0 &* 37) & 0x7F) }
    #expect(TextDecoding.decode(bytes, path: "x.bin") == .failure(
      .notUTF8(path: "x.bin", byteOffset: 0, legacyEncoding: nil)))
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

// MARK: - Binary samples

/// Bytes from a fixed xorshift sequence, every NUL left out: compressed data looks like this.
private func pseudoRandomBytes(count: Int, seed: UInt32) -> [UInt8] {
  var state = seed
  var bytes: [UInt8] = []
  while bytes.count < count {
    state ^= state << 13
    state ^= state >> 17
    state ^= state << 5
    let byte = UInt8(truncatingIfNeeded: state >> 11)
    if byte != 0 { bytes.append(byte) }
  }
  return bytes
}

private let randomBytesWithoutNUL = pseudoRandomBytes(count: 4096, seed: 2_463_534_242)

/// Terminal escapes, bells and backspaces among high bytes: not text in any encoding.
private let controlCodes: [UInt8] = Array(
  repeating: [0x1B, 0x5B, 0x07, 0xE9, 0x08, 0x61, 0xF8, 0x62] as [UInt8], count: 64
).flatMap { $0 }

/// A PNG signature, IHDR and IDAT chunk of deflated-looking bytes, with the NULs removed.
private let pngWithoutNUL: [UInt8] =
  ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array("IHDR".utf8)
    + [0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0xC8, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15,
      0xC4, 0x89, 0x00, 0x00, 0x20, 0x00] + Array("IDAT".utf8) + [0x78, 0x9C]
    + pseudoRandomBytes(count: 2048, seed: 88_675_123)).filter { $0 != 0 }

/// A JPEG (SOI, JFIF APP0, a quantization table, entropy-coded bytes), with the NULs removed.
private let jpegWithoutNUL: [UInt8] =
  ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)
    + [0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00]
    + (1...64).map { UInt8($0 * 3 % 251) } + [0xFF, 0xDA, 0x00, 0x0C]
    + pseudoRandomBytes(count: 3000, seed: 521_288_629)).filter { $0 != 0 }
