/// One term's postings, fully decoded and merged across exact forms: which documents hold it,
/// where, and in which form. What an update carries over from the previous index; queries read
/// the lazier ``TermPostings``.
package struct PostingsList: Sendable {
  /// The exact forms of the term (`dân`, `dẫn`, `dán` for `dan`).
  package var variants: [[UInt8]] = []
  /// Document ids, ascending.
  package var documents: [UInt32] = []
  /// For document `i`, its occurrences are `occurrenceStart[i]..<occurrenceStart[i + 1]`.
  package var occurrenceStart: [Int] = [0]
  /// Positions of the occurrences, ascending within a document.
  package var positions: [UInt32] = []
  /// Variant index of each occurrence.
  package var variantOfOccurrence: [UInt16] = []

  /// The occurrences of document index `i` (not id).
  @inline(__always)
  package func occurrences(_ i: Int) -> Range<Int> { occurrenceStart[i]..<occurrenceStart[i + 1] }

  /// Every document and occurrence of `term`, all blocks read and checked.
  package init(_ term: TermPostings) throws(IndexError) {
    variants = term.variants.map(\.form)
    // (document, variant, index in the variant), by document.
    var entries: [(document: UInt32, variant: Int, index: Int)] = []
    for (v, variant) in term.variants.enumerated() {
      for (k, document) in variant.documents.enumerated() { entries.append((document, v, k)) }
    }
    entries.sort { ($0.document, $0.variant) < ($1.document, $1.variant) }
    var start = 0
    while start < entries.count {
      let document = entries[start].document
      var end = start
      var occurrences: [(position: UInt32, variant: UInt16)] = []
      var found: [UInt32] = []
      while end < entries.count, entries[end].document == document {
        found.removeAll(keepingCapacity: true)
        try term.positions(variant: entries[end].variant, index: entries[end].index, into: &found)
        for position in found { occurrences.append((position, UInt16(entries[end].variant))) }
        end += 1
      }
      occurrences.sort { $0.position < $1.position }
      documents.append(document)
      for occurrence in occurrences {
        positions.append(occurrence.position)
        variantOfOccurrence.append(occurrence.variant)
      }
      occurrenceStart.append(positions.count)
      start = end
    }
  }
}
