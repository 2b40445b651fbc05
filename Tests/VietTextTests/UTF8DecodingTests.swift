import Testing

@testable import VietText

@Suite struct UTF8DecodingTests {
  private static let samples: [UInt32] =
    [
      0, 0x41, 0x7F, 0x80, 0xA0, 0xFF, 0x110, 0x111, 0x1B0, 0x300, 0x36F, 0x7FF, 0x800, 0x1EA0,
      0x1EF9, 0x2013, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F44D, 0x10FFFF,
    ]
    + Array(stride(from: UInt32(0), to: 0x110000, by: 0x3E7)).filter {
      !(0xD800...0xDFFF).contains($0)
    }

  @Test func encodesAndDecodesLikeTheStandardLibrary() throws {
    for value in Self.samples {
      let scalar = try #require(Unicode.Scalar(value))
      let expected = Array(String(scalar).utf8)
      var output: [UInt8] = [0x2A]
      UTF8Decoding.append(value, to: &output)
      #expect(output == [0x2A] + expected, "U+\(String(value, radix: 16))")
      let decoded = expected.withUnsafeBufferPointer { UTF8Decoding.decode($0, at: 0) }
      #expect(decoded.value == value && decoded.length == expected.count)
      #expect(UTF8Decoding.sequenceLength(lead: expected[0]) == expected.count)
    }
  }

  @Test func decodesInTheMiddleOfText() {
    let bytes = Array("aĐảng👍".utf8)
    var values: [UInt32] = []
    var i = 0
    bytes.withUnsafeBufferPointer { buffer in
      while i < buffer.count {
        let (value, length) = UTF8Decoding.decode(buffer, at: i)
        values.append(value)
        i += length
      }
    }
    #expect(values == "aĐảng👍".unicodeScalars.map(\.value))
  }

  @Test func truncatedSequencesDecodeAsReplacement() {
    for bytes in [[0xC4] as [UInt8], [0xE1, 0xBA], [0xF0, 0x9F, 0x91]] {
      let decoded = bytes.withUnsafeBufferPointer { UTF8Decoding.decode($0, at: 0) }
      #expect(decoded.value == 0xFFFD && decoded.length == 1)
    }
  }

  @Test func combiningMarksAreU0300ThroughU036F() {
    for value in UInt32(0)..<0x2000 {
      #expect(UTF8Decoding.isCombiningMark(value) == (0x300...0x36F).contains(value))
    }
  }
}
