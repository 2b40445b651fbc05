/// The on-disk form of one folded term's postings (format version 2), written by
/// ``PostingsEncoder`` and read by ``TermPostings``.
///
/// A folded term (`dan`) has one sub-list per exact form (`dân`, `dẫn`, `dán`): a folded query
/// merges them, an exact one reads only its own, and no occurrence spends bits on naming its form.
/// Each sub-list keeps documents apart from positions, so ranking reads only documents and
/// frequencies; positions are read, block by block, only for phrases and proximity.
///
/// ```
/// head     variant count V
///          per variant: form length, form bytes, document count n, documents length,
///                       documents crc32 u32, then per block of 128 documents:
///                       positions length, positions crc32 u32
/// body     per variant: documents — per document: id delta (first absolute), frequency
///                       positions — per document of each block: frequency position deltas
///                       (first absolute)
/// ```
/// Varints are LEB128. The dictionary record's checksum covers the head; every documents run
/// and positions block has its own, checked when first read.
package enum PostingsCodec {
  /// Documents per positions block: the unit of lazy reading and of checksumming.
  package static let blockSize = 128
}

/// Packs build-time postings into ``PostingsCodec``'s form.
///
/// Build-time postings of a term are varints, documents in any order: document id, frequency,
/// then per occurrence position delta and variant index.
package enum PostingsEncoder {
  /// Appends the packed postings of one term, head then body; returns the head's checksum.
  ///
  /// - Parameter slots: When the build-time ids are slots, each slot's document id (-1: none).
  package static func encode(
    buildTime raw: [UInt8], forms: [[UInt8]], slots: [Int32]? = nil, into output: inout ByteWriter
  ) -> UInt32 {
    let variantCount = forms.count
    // Document spans of the build-time bytes, sorted by document.
    var spans: [(document: UInt64, body: Int)] = []
    var variants = (0..<variantCount).map { _ in VariantWriter() }
    raw.withUnsafeBytes { bytes in
      var reader = ByteReader(bytes, path: "")
      // The build-time bytes were written by this process; a failure is a programming error.
      do {
        while !reader.isAtEnd {
          var document = try reader.varint()
          let body = reader.offset
          let frequency = try reader.varint()
          for _ in 0..<(frequency * 2) { _ = try reader.varint() }
          if let slots {
            let id = slots[Int(document)]
            guard id >= 0 else { continue }
            document = UInt64(id)
          }
          spans.append((document, body))
        }
        if !zip(spans, spans.dropFirst()).allSatisfy({ $0.document < $1.document }) {
          spans.sort { $0.document < $1.document }
        }
        var occurrences: [[UInt32]] = Array(repeating: [], count: variantCount)
        var touched: [Int] = []
        var previous: UInt64 = 0
        for (index, span) in spans.enumerated() {
          // A document may come in several spans (carried over form by form), each form once.
          precondition(index == 0 || span.document >= previous, "postings out of order")
          previous = span.document
          var body = ByteReader(bytes, offset: span.body, path: "")
          let frequency = try body.varint()
          var position: UInt64 = 0
          for _ in 0..<frequency {
            position += try body.varint()
            let variant = Int(try body.varint())
            if occurrences[variant].isEmpty { touched.append(variant) }
            occurrences[variant].append(UInt32(position))
          }
          for variant in touched {
            variants[variant].add(document: UInt32(span.document), positions: occurrences[variant])
            occurrences[variant].removeAll(keepingCapacity: true)
          }
          touched.removeAll(keepingCapacity: true)
        }
      } catch {
        preconditionFailure("corrupt build-time postings: \(error)")
      }
    }
    for index in variants.indices { variants[index].finish() }
    var head = ByteWriter()
    head.varint(variantCount)
    for (form, variant) in zip(forms, variants) {
      head.varint(form.count)
      head.append(form)
      head.varint(variant.documentCount)
      head.varint(variant.documents.count)
      head.uint32(Checksum.crc32(variant.documents.bytes))
      for block in variant.blocks {
        head.varint(block.count)
        head.uint32(Checksum.crc32(block))
      }
    }
    output.append(head.bytes)
    for variant in variants {
      output.append(variant.documents.bytes)
      for block in variant.blocks { output.append(block) }
    }
    return Checksum.crc32(head.bytes)
  }

  /// One exact form's sub-list, as it is written.
  private struct VariantWriter {
    var documents = ByteWriter()
    var documentCount = 0
    var blocks: [[UInt8]] = []
    var current = ByteWriter()
    var previousDocument: UInt32 = 0

    mutating func add(document: UInt32, positions: [UInt32]) {
      precondition(documentCount == 0 || document > previousDocument, "a form's document added twice")
      documents.varint(UInt64(documentCount == 0 ? document : document - previousDocument))
      documents.varint(positions.count)
      previousDocument = document
      var previous: UInt32 = 0
      for position in positions {
        current.varint(UInt64(position - previous))
        previous = position
      }
      documentCount += 1
      if documentCount % PostingsCodec.blockSize == 0 { closeBlock() }
    }

    /// Closes the last, partly filled block.
    mutating func finish() {
      if documentCount % PostingsCodec.blockSize != 0 { closeBlock() }
    }

    private mutating func closeBlock() {
      blocks.append(current.bytes)
      current = ByteWriter()
    }
  }
}
