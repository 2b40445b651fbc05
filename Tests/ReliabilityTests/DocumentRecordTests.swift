import Citations
import Corpus
import Testing

@testable import SearchIndex

/// A document record whose checksum is right but whose ranges are absurd (what a damaged index
/// with a lucky CRC, or a hostile one, holds) is reported as damaged, never a trap.
@Suite("Document records with absurd ranges")
struct DocumentRecordTests {
  /// One record: an identity (and, when `citation`, a citation) at `lower..<lower + length`.
  private func record(lower: Int, length: Int, citation: Bool) -> [UInt8] {
    var writer = ByteWriter()
    writer.string("kho/a.txt")
    writer.string("a.txt")
    writer.varint(10)
    writer.uint64(0)
    writer.uint64(0)
    writer.varint(3)
    writer.varint(citation ? 0 : 1)  // identities
    if !citation {
      for _ in 0..<3 { writer.optionalString(nil) }  // kind, id, number
      writer.varint(0)  // year
      writer.optionalString(nil)  // symbol
      writer.varint(0)  // date
      for _ in 0..<3 { writer.optionalString(nil) }  // issuer, title, province
      writer.varint(lower)
      writer.varint(length)
      writer.varint(1)  // line
    }
    writer.varint(citation ? 1 : 0)  // citations
    if citation {
      writer.string("Chỉ thị")
      writer.string("30-CT/TW")
      writer.optionalString(nil)  // number
      writer.varint(0)  // year
      writer.optionalString(nil)  // symbol
      writer.optionalString(nil)  // name
      writer.varint(0)  // date
      writer.optionalString(nil)  // issuer
      writer.string("mentions")
      writer.varint(lower)
      writer.varint(length)
      writer.uint8(0)
      writer.optionalString(nil)  // pinpoint
      writer.uint16(10_000)
      for _ in 0..<4 { writer.varint(1) }  // line, column, byte offset, original end
      writer.string("Chỉ thị số 30-CT/TW")
      writer.optionalString(nil)  // subject
    }
    writer.uint32(Checksum.crc32(writer.bytes))
    return writer.bytes
  }

  @Test(arguments: [false, true])
  func rangesThatOverflowAreDamageNotATrap(citation: Bool) throws {
    // The sane record decodes (so the layout above is the codec's).
    let sane = record(lower: 5, length: 4, citation: citation)
    let decoded = try sane.withUnsafeBytes { raw in
      var reader = ByteReader(raw, path: "test.index")
      return try DocumentCodec.decode(&reader, end: raw.count)
    }
    let range = citation ? decoded.summary.citations.first?.citation.range
      : decoded.summary.identities.first?.range
    #expect(range == 5..<9)
    // lower + length beyond Int.max.
    let absurd = record(lower: Int.max - 2, length: Int.max - 2, citation: citation)
    #expect(throws: IndexError.self) {
      try absurd.withUnsafeBytes { raw in
        var reader = ByteReader(raw, path: "test.index")
        _ = try DocumentCodec.decode(&reader, end: raw.count)
      }
    }
  }
}
