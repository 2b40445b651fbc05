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
///          per variant, in byte order of the forms: form length, form bytes, document count n, documents length,
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
/// then per occurrence position delta and variant index (into the forms of the part they came
/// in). A term may come in several parts — one per indexing worker, one for postings carried over
/// from the previous index — each with its own list of forms. The packed forms are sorted by
/// bytes, so the file does not depend on which worker saw a form first, and an update is
/// byte-identical to a rebuild.
package enum PostingsEncoder {
  /// One part of a term's build-time postings, and the forms its variant indices name.
  package struct Part {
    package var postings: [UInt8]
    package var forms: [[UInt8]]

    package init(postings: [UInt8], forms: [[UInt8]]) {
      self.postings = postings
      self.forms = forms
    }
  }

  /// Appends the packed postings of one term, head then body.
  ///
  /// - Parameter slots: When the build-time ids are slots, each slot's document id (-1: none).
  /// - Returns: The head's checksum and the number of documents with the term.
  package static func encode(
    _ parts: [Part], slots: [Int32]? = nil, into output: inout ByteWriter
  ) -> (checksum: UInt32, documentFrequency: Int) {
    // The forms of every part, sorted, and each part's map to them.
    var forms: [[UInt8]] = []
    for part in parts { forms += part.forms }
    forms.sort { $0.lexicographicallyPrecedes($1) }
    forms = forms.enumerated().compactMap { i, form in i > 0 && forms[i - 1] == form ? nil : form }
    let maps = parts.map { part in
      part.forms.map { form in
        binarySearch(forms, form)
      }
    }
    let variantCount = forms.count
    // Document spans of the build-time bytes, sorted by document.
    var spans: [(document: UInt64, part: Int, body: Int)] = []
    var variants = (0..<variantCount).map { _ in VariantWriter() }
    var documentFrequency = 0
    for (p, part) in parts.enumerated() {
      part.postings.withUnsafeBytes { bytes in
        var reader = BuildTimeReader(bytes: bytes)
        while !reader.isAtEnd {
          var document = reader.varint()
          let body = reader.offset
          let frequency = reader.varint()
          for _ in 0..<(frequency * 2) { _ = reader.varint() }
          if let slots {
            let id = slots[Int(document)]
            guard id >= 0 else { continue }
            document = UInt64(id)
          }
          spans.append((document, p, body))
        }
      }
    }
    if !zip(spans, spans.dropFirst()).allSatisfy({ $0.document < $1.document }) {
      spans.sort { $0.document < $1.document }
    }
    var occurrences: [[UInt32]] = Array(repeating: [], count: variantCount)
    var touched: [Int] = []
    var previous: UInt64 = 0
    for (index, span) in spans.enumerated() {
      // A document may come in several spans (carried over form by form).
      precondition(index == 0 || span.document >= previous, "postings out of order")
      if index == 0 || span.document != previous { documentFrequency += 1 }
      previous = span.document
      let map = maps[span.part]
      parts[span.part].postings.withUnsafeBytes { bytes in
        var body = BuildTimeReader(bytes: bytes, offset: span.body)
        let frequency = body.varint()
        var position: UInt64 = 0
        for _ in 0..<frequency {
          position += body.varint()
          let variant = map[Int(body.varint())]
          if occurrences[variant].isEmpty { touched.append(variant) }
          occurrences[variant].append(UInt32(position))
        }
      }
      let last = index + 1 == spans.count || spans[index + 1].document != span.document
      guard last else { continue }
      for variant in touched {
        variants[variant].add(document: UInt32(span.document), positions: occurrences[variant])
        occurrences[variant].removeAll(keepingCapacity: true)
      }
      touched.removeAll(keepingCapacity: true)
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
    return (Checksum.crc32(head.bytes), documentFrequency)
  }

  /// The index of `form` in sorted `forms`, which holds it.
  private static func binarySearch(_ forms: [[UInt8]], _ form: [UInt8]) -> Int {
    var low = 0
    var high = forms.count
    while low < high {
      let middle = (low + high) / 2
      if forms[middle].lexicographicallyPrecedes(form) { low = middle + 1 } else { high = middle }
    }
    precondition(low < forms.count && forms[low] == form, "a form missing from the merged forms")
    return low
  }

  /// Reads build-time varints. They were written by this process, so a malformed one is a
  /// programming error, not damaged input: it traps.
  private struct BuildTimeReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    @inline(__always)
    mutating func varint() -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        precondition(offset < bytes.count && shift < 64, "corrupt build-time postings")
        let byte = bytes[offset]
        offset &+= 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift &+= 7
      }
    }
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
