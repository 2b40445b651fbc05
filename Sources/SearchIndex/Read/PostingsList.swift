/// One term's postings, decoded: which documents hold it, where, and in which exact form.
package struct PostingsList: Sendable {
  /// The exact forms of the term (`dân`, `dẫn`, `dán` for `dan`).
  package var variants: [[UInt8]] = []
  /// Document ids, ascending.
  package var documents: [UInt32] = []
  /// For document `i`, its occurrences are `occurrenceStart[i]..<occurrenceStart[i + 1]`.
  package var occurrenceStart: [Int] = [0]
  /// Positions of the occurrences.
  package var positions: [UInt32] = []
  /// Variant index of each occurrence.
  package var variantOfOccurrence: [UInt16] = []

  /// The occurrences of document index `i` (not id).
  @inline(__always)
  package func occurrences(_ i: Int) -> Range<Int> { occurrenceStart[i]..<occurrenceStart[i + 1] }

  /// Decodes a postings list (``IndexFormat`` section 3).
  package static func decode(_ reader: inout ByteReader, end: Int, documentCount: Int)
    throws(IndexError) -> PostingsList
  {
    var list = PostingsList()
    let variantCount = try reader.count(limit: 65_535)
    for _ in 0..<variantCount {
      let length = try reader.count(limit: 4096)
      list.variants.append(Array(try reader.slice(length)))
    }
    guard variantCount > 0 else { throw reader.damaged("term without forms") }
    let bits = UInt64(IndexFormat.variantBits(variantCount))
    let mask = (UInt64(1) << bits) &- 1
    var document: UInt64 = 0
    var first = true
    while reader.offset < end {
      let delta = try reader.varint()
      guard first || delta > 0 else { throw reader.damaged("postings out of order") }
      document = first ? delta : document + delta
      first = false
      guard document < UInt64(documentCount) else {
        throw reader.damaged("postings name document \(document) of \(documentCount)")
      }
      list.documents.append(UInt32(document))
      let frequency = try reader.count(limit: 100_000_000)
      var position: UInt64 = 0
      for k in 0..<frequency {
        let packed = try reader.varint()
        let variant = packed & mask
        guard variant < UInt64(variantCount) else { throw reader.damaged("bad variant") }
        position = k == 0 ? packed >> bits : position + (packed >> bits)
        guard position <= UInt64(UInt32.max) else { throw reader.damaged("bad position") }
        list.positions.append(UInt32(position))
        list.variantOfOccurrence.append(UInt16(variant))
      }
      list.occurrenceStart.append(list.positions.count)
    }
    guard reader.offset == end else { throw reader.damaged("postings overrun") }
    return list
  }
}
