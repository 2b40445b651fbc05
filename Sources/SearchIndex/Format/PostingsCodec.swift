/// The on-disk form of one folded term's postings (format version 3), written by
/// ``PostingsEncoder`` and read by ``TermPostings``.
///
/// A folded term (`dan`) has one sub-list per exact form (`dân`, `dẫn`, `dán`): a folded query
/// merges them, an exact one reads only its own, and no occurrence spends bits on naming its form.
/// Each sub-list keeps documents apart from positions, so ranking reads only documents and
/// frequencies; positions are read, block by block, only for phrases and proximity.
///
/// ```
/// head       variant count V
///            per variant, in byte order of the forms: form (bytes in common with the folded
///            key, then the length and bytes of the rest), document count n, documents length,
///            [documents crc32 u32], then per block of 128 documents: positions length
///            [, positions crc32 u32]
/// body       per variant: documents, then its positions blocks
/// documents  bit stream; per block of 128: k (5 bits), j (5 bits), then R_k(id gap − 1 of each
///            document; the first's: its id), then R_j(frequency − 1 of each); zero-padded
/// positions  per block: k (5 bits), then R_k(values of the N occurrences of its documents),
///            zero-padded. N, the sum of their frequencies, is known from the documents. Values,
///            per document: first position, then position gap − 1 to each next
/// ```
/// Varints are LEB128; bit streams are least significant bit first (``BitWriter``). R_k(values)
/// is a sequence of Rice codes with parameter k, low parts first: the low k bits of every
/// value, then every value's `value >> k` in unary (zeros, then a one). Each block takes the k
/// that makes it shortest. With the low parts apart, a block's earlier occurrences are skipped
/// without decoding them: k bits each in the first part, one bit set each in the second (a
/// population count).
///
/// Checksums: the dictionary record's covers the whole postings when they are at most
/// ``smallLength`` bytes, and their head carries none; longer postings' is the head's, and
/// every documents run and positions block has its own in the head, checked when first read.
package enum PostingsCodec {
  /// Documents per block: the unit of Rice parameters, of lazy reading and of checksumming.
  package static let blockSize = 128

  /// Postings of at most this many bytes are checked whole, by the dictionary record's checksum:
  /// checking a kibibyte costs less than a microsecond, and eight bytes of checksums per form is
  /// what most rare terms would otherwise spend on them.
  package static let smallLength = 1024

  /// The largest Rice parameter: values are below 2³².
  package static let maximumRiceParameter = 31

  /// The Rice parameter that codes `values` in the fewest bits (`0` for none).
  ///
  /// The length in bits with parameter k is n·(k + 1) + Σ(v >> k), convex in k: start near
  /// log₂ of the mean and walk downhill.
  package static func riceParameter(_ values: UnsafeBufferPointer<UInt32>) -> Int {
    guard !values.isEmpty else { return 0 }
    var sum: UInt64 = 0
    for value in values { sum &+= UInt64(value) }
    let mean = sum / UInt64(values.count)
    func length(_ k: Int) -> UInt64 {
      var bits = UInt64(values.count) &* UInt64(k &+ 1)
      for value in values { bits &+= UInt64(value &>> UInt32(k)) }
      return bits
    }
    var k = mean == 0 ? 0 : min(maximumRiceParameter, 63 - mean.leadingZeroBitCount)
    var best = length(k)
    while k > 0 {
      let shorter = length(k - 1)
      guard shorter <= best else { break }
      best = shorter
      k -= 1
    }
    while k < maximumRiceParameter {
      let shorter = length(k + 1)
      guard shorter < best else { break }
      best = shorter
      k += 1
    }
    return k
  }

  /// The number of leading bytes `form` shares with `key`.
  package static func sharedPrefix(_ form: [UInt8], _ key: [UInt8]) -> Int {
    var count = 0
    while count < form.count, count < key.count, form[count] == key[count] { count += 1 }
    return count
  }
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
  /// - Parameters:
  ///   - key: The folded term, which the forms are written against.
  ///   - slots: When the build-time ids are slots, each slot's document id (-1: none).
  /// - Returns: The dictionary record's checksum (of the head, or of the whole postings when
  ///   they are small) and the number of documents with the term.
  package static func encode(
    _ parts: [Part], key: [UInt8], slots: [Int32]? = nil, into output: inout ByteWriter
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
          reader.skipVarints(Int(frequency) * 2)
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
    // Each occurrence goes straight to its form's writer, which holds the document open until
    // the document's last span: a document carried over comes in a span per form.
    var previous: UInt64 = 0
    var isOpen = [Bool](repeating: false, count: variantCount)
    var touched: [Int] = []
    variants.withUnsafeMutableBufferPointer { variants in
      for (index, span) in spans.enumerated() {
        precondition(index == 0 || span.document >= previous, "postings out of order")
        if index == 0 || span.document != previous { documentFrequency += 1 }
        previous = span.document
        let document = UInt32(span.document)
        let map = maps[span.part]
        parts[span.part].postings.withUnsafeBytes { bytes in
          var body = BuildTimeReader(bytes: bytes, offset: span.body)
          let frequency = body.varint()
          var position: UInt64 = 0
          for _ in 0..<frequency {
            position += body.varint()
            let variant = map[Int(body.varint())]
            if !isOpen[variant] {
              isOpen[variant] = true
              touched.append(variant)
              variants[variant].startDocument(document)
            }
            variants[variant].addPosition(UInt32(position))
          }
        }
        let last = index + 1 == spans.count || spans[index + 1].document != span.document
        guard last else { continue }
        for variant in touched {
          variants[variant].endDocument()
          isOpen[variant] = false
        }
        touched.removeAll(keepingCapacity: true)
      }
    }
    for index in variants.indices { variants[index].finish() }
    var bodyLength = 0
    for variant in variants {
      bodyLength += variant.documents.bytes.count
      for block in variant.blocks { bodyLength += block.count }
    }
    // Small postings are checked whole by the dictionary record: a head without checksums.
    var head = ByteWriter()
    appendHead(forms: forms, variants: variants, key: key, checksums: false, to: &head)
    let small = head.count + bodyLength <= PostingsCodec.smallLength
    if !small {
      head = ByteWriter()
      appendHead(forms: forms, variants: variants, key: key, checksums: true, to: &head)
    }
    let start = output.count
    output.append(head.bytes)
    for variant in variants {
      output.append(variant.documents.bytes)
      for block in variant.blocks { output.append(block) }
    }
    let checked = start..<(small ? output.count : start + head.count)
    let checksum = output.bytes.withUnsafeBytes { bytes in
      Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[checked]))
    }
    return (checksum, documentFrequency)
  }

  /// The head: per form, the form, its counts, lengths and (for long postings) checksums.
  private static func appendHead(
    forms: [[UInt8]], variants: [VariantWriter], key: [UInt8], checksums: Bool,
    to head: inout ByteWriter
  ) {
    head.varint(variants.count)
    for (form, variant) in zip(forms, variants) {
      let shared = PostingsCodec.sharedPrefix(form, key)
      head.varint(shared)
      head.varint(form.count - shared)
      head.append(Array(form[shared...]))
      head.varint(variant.documentCount)
      head.varint(variant.documents.bytes.count)
      if checksums { head.uint32(Checksum.crc32(variant.documents.bytes)) }
      for block in variant.blocks {
        head.varint(block.count)
        if checksums { head.uint32(Checksum.crc32(block)) }
      }
    }
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

    /// Moves past `count` varints: past the `count`th byte below 0x80 (a varint's last byte),
    /// eight bytes at a time where they are there.
    @inline(__always)
    mutating func skipVarints(_ count: Int) {
      var remaining = count
      while remaining >= 8, offset &+ 8 <= bytes.count {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let ends = ~word & 0x8080_8080_8080_8080
        let found = ends.nonzeroBitCount
        // The whole word is skipped when it holds no more ends than wanted: with fewer, the
        // bytes after its last end begin a varint still to skip (its end is counted in the next
        // word); with as many, all eight bytes are ends (`remaining` is at least 8 here).
        guard found <= remaining else { break }
        remaining &-= found
        offset &+= 8
      }
      while remaining > 0 {
        precondition(offset < bytes.count, "corrupt build-time postings")
        if bytes[offset] < 0x80 { remaining &-= 1 }
        offset &+= 1
      }
    }
  }

  /// One exact form's sub-list, as it is written.
  private struct VariantWriter {
    var documents = BitWriter()
    var documentCount = 0
    var blocks: [[UInt8]] = []
    var previousDocument: UInt32 = 0
    /// The current block: per document its id gap − 1 (the first: its id) and frequency − 1,
    /// and per occurrence its value (first position, then gap − 1).
    var gaps: [UInt32] = []
    var frequencies: [UInt32] = []
    var values: [UInt32] = []
    /// Where the document being added starts in ``values``, and its last position.
    private var documentStart = 0
    private var lastPosition: UInt32 = 0

    /// Starts a document whose positions follow (``addPosition(_:)``), ascending, then
    /// ``endDocument()``. Several forms' writers may each hold a document open at once.
    @inline(__always)
    mutating func startDocument(_ document: UInt32) {
      precondition(
        documentCount == 0 || document > previousDocument, "a form's document added twice")
      gaps.append(documentCount == 0 ? document : document - previousDocument - 1)
      previousDocument = document
      documentStart = values.count
    }

    /// A position of the document started, above the one before.
    @inline(__always)
    mutating func addPosition(_ position: UInt32) {
      if values.count == documentStart {
        values.append(position)
      } else {
        precondition(position > lastPosition, "positions out of order")
        values.append(position &- lastPosition &- 1)
      }
      lastPosition = position
    }

    /// Ends the document started.
    @inline(__always)
    mutating func endDocument() {
      precondition(values.count > documentStart, "a document without occurrences")
      frequencies.append(UInt32(values.count - documentStart - 1))
      documentCount += 1
      if documentCount % PostingsCodec.blockSize == 0 { closeBlock() }
    }

    /// Closes the last, partly filled block and pads the documents to a byte.
    mutating func finish() {
      if documentCount % PostingsCodec.blockSize != 0 { closeBlock() }
      documents.finish()
    }

    private mutating func closeBlock() {
      gaps.withUnsafeBufferPointer { gaps in
        frequencies.withUnsafeBufferPointer { frequencies in
          let documentParameter = PostingsCodec.riceParameter(gaps)
          let frequencyParameter = PostingsCodec.riceParameter(frequencies)
          documents.write(UInt64(documentParameter), bits: 5)
          documents.write(UInt64(frequencyParameter), bits: 5)
          documents.writeRiceSequence(gaps, parameter: documentParameter)
          documents.writeRiceSequence(frequencies, parameter: frequencyParameter)
        }
      }
      var block = BitWriter()
      values.withUnsafeBufferPointer { values in
        let k = PostingsCodec.riceParameter(values)
        block.write(UInt64(k), bits: 5)
        block.writeRiceSequence(values, parameter: k)
      }
      block.finish()
      blocks.append(block.bytes)
      gaps.removeAll(keepingCapacity: true)
      frequencies.removeAll(keepingCapacity: true)
      values.removeAll(keepingCapacity: true)
    }
  }
}
