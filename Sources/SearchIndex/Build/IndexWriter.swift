/// Builds an index in memory and serializes it (``IndexFormat``).
///
/// Documents are added in document-id order: first the unchanged documents carried over from the
/// previous index (``addCarriedOver(term:variants:postings:)``), then the newly analyzed ones
/// (``add(_:analysis:)``). Postings are kept as varints while building — document delta,
/// frequency, then position delta and variant per occurrence — and packed at ``serialize()``.
package struct IndexWriter {
  private var termIDs: [[UInt8]: Int] = [:]
  private var keys: [[UInt8]] = []
  private var variants: [[[UInt8]]] = []
  private var postings: [ByteWriter] = []
  private var lastDocument: [Int] = []
  private var documentFrequency: [Int] = []
  package private(set) var documents: [StoredDocument] = []
  private var tokenTotal = 0
  package var skipped: [SkippedFile] = []

  package init() {}

  /// The number of documents added.
  package var documentCount: Int { documents.count }

  private mutating func termID(_ key: [UInt8]) -> Int {
    if let id = termIDs[key] { return id }
    let id = keys.count
    termIDs[key] = id
    keys.append(key)
    variants.append([])
    postings.append(ByteWriter())
    lastDocument.append(-1)
    documentFrequency.append(0)
    return id
  }

  private mutating func variantIndex(term: Int, _ form: [UInt8]) -> Int {
    if let index = variants[term].firstIndex(of: form) { return index }
    variants[term].append(form)
    return variants[term].count - 1
  }

  /// Starts a new document; returns its id.
  package mutating func addDocument(_ document: StoredDocument) -> Int {
    documents.append(document)
    tokenTotal += document.tokenCount
    return documents.count - 1
  }

  /// Appends one document's occurrences of one term.
  ///
  /// - Parameter occurrences: position and term-local variant index, interleaved, positions ascending.
  private mutating func append(
    term: Int, document: Int, occurrences: [UInt32], variantMap: [Int]
  ) {
    precondition(document > lastDocument[term], "documents must be added in id order")
    let previousDocument = lastDocument[term]
    postings[term].varint(previousDocument < 0 ? document : document - previousDocument)
    lastDocument[term] = document
    documentFrequency[term] += 1
    postings[term].varint(occurrences.count / 2)
    var previous: UInt32 = 0
    var i = 0
    while i < occurrences.count {
      let position = occurrences[i]
      postings[term].varint(UInt64(position &- previous))
      postings[term].varint(variantMap[Int(occurrences[i &+ 1])])
      previous = position
      i &+= 2
    }
  }

  /// Adds a newly analyzed document.
  package mutating func add(_ document: StoredDocument, analysis: DocumentAnalysis) {
    let id = addDocument(document)
    for (local, key) in analysis.terms.enumerated() {
      let term = termID(key)
      let map = analysis.variants[local].map { variantIndex(term: term, $0) }
      append(term: term, document: id, occurrences: analysis.occurrences[local], variantMap: map)
    }
  }

  /// Adds, for one term of the previous index, the postings of documents carried over.
  ///
  /// - Parameter postings: (new document id, occurrences with variant indices into `variants`).
  package mutating func addCarriedOver(
    term key: [UInt8], variants forms: [[UInt8]], postings list: [(Int, [UInt32])]
  ) {
    guard !list.isEmpty else { return }
    let term = termID(key)
    let map = forms.map { variantIndex(term: term, $0) }
    for (document, occurrences) in list {
      append(term: term, document: document, occurrences: occurrences, variantMap: map)
    }
  }

  /// The whole index file.
  package func serialize() -> [UInt8] {
    let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    // Postings, packed, and the dictionary records that point at them.
    var postingsSection = ByteWriter()
    var records = ByteWriter()
    var keyBlob = ByteWriter()
    for term in order {
      let start = postingsSection.count
      let forms = variants[term]
      postingsSection.varint(forms.count)
      for form in forms {
        postingsSection.varint(form.count)
        postingsSection.append(form)
      }
      Self.pack(postings[term].bytes, variantBits: IndexFormat.variantBits(forms.count), into: &postingsSection)
      let length = postingsSection.count - start
      let crc = postingsSection.bytes.withUnsafeBytes {
        Checksum.crc32(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)]))
      }
      var record = ByteWriter()
      record.uint32(UInt32(keyBlob.count))
      record.uint16(UInt16(keys[term].count))
      record.uint16(0)
      record.uint32(UInt32(documentFrequency[term]))
      record.uint64(UInt64(start))
      record.uint32(UInt32(length))
      record.uint32(crc)
      record.uint32(Checksum.crc32(record.bytes + keys[term]))
      records.append(record.bytes)
      keyBlob.append(keys[term])
    }
    var terms = ByteWriter()
    terms.uint32(UInt32(order.count))
    terms.append(records.bytes)
    terms.append(keyBlob.bytes)

    var documentSection = ByteWriter()
    var documentRecords = ByteWriter()
    var offsets: [Int] = []
    for document in documents {
      offsets.append(documentRecords.count)
      DocumentCodec.encode(document, into: &documentRecords)
    }
    offsets.append(documentRecords.count)
    documentSection.uint32(UInt32(documents.count))
    for offset in offsets { documentSection.uint64(UInt64(offset)) }
    var lengths = ByteWriter()
    for document in documents { lengths.uint32(UInt32(clamping: document.tokenCount)) }
    documentSection.append(lengths.bytes)
    documentSection.uint32(Checksum.crc32(lengths.bytes))
    documentSection.append(documentRecords.bytes)

    var meta = ByteWriter()
    meta.uint32(UInt32(documents.count))
    meta.uint64(UInt64(tokenTotal))
    meta.uint32(UInt32(order.count))
    meta.string(IndexFormat.analysisVersion)
    meta.varint(skipped.count)
    for file in skipped {
      meta.string(file.relativePath)
      meta.varint(file.size)
      meta.uint64(UInt64(bitPattern: file.modificationTime))
      meta.string(file.reason)
    }

    var manifest = ByteWriter()
    manifest.varint(documents.count + skipped.count)
    for document in documents {
      manifest.string(document.relativePath)
      manifest.varint(document.size)
      manifest.uint64(UInt64(bitPattern: document.modificationTime))
    }
    for file in skipped {
      manifest.string(file.relativePath)
      manifest.varint(file.size)
      manifest.uint64(UInt64(bitPattern: file.modificationTime))
    }

    let sections: [(IndexFormat.Section, [UInt8])] = [
      (.meta, meta.bytes), (.terms, terms.bytes), (.postings, postingsSection.bytes),
      (.documents, documentSection.bytes), (.manifest, manifest.bytes),
    ]
    var file = ByteWriter()
    file.append(IndexFormat.magic)
    file.uint16(IndexFormat.version)
    file.uint16(0)
    file.uint32(UInt32(sections.count))
    file.uint32(0)
    var offset = IndexFormat.headerSize + sections.count * IndexFormat.sectionEntrySize + 4
    for (id, bytes) in sections {
      file.uint32(id.rawValue)
      file.uint64(UInt64(offset))
      file.uint64(UInt64(bytes.count))
      file.uint32(Checksum.crc32(bytes))
      offset += bytes.count
    }
    file.uint32(Checksum.crc32(file.bytes))
    for (_, bytes) in sections { file.append(bytes) }
    return file.bytes
  }

  /// Re-encodes build-time postings (position delta and variant as two varints) into the packed
  /// on-disk form (one varint: delta << bits | variant).
  private static func pack(_ raw: [UInt8], variantBits: Int, into output: inout ByteWriter) {
    raw.withUnsafeBytes { bytes in
      var reader = ByteReader(bytes, path: "")
      // The build-time bytes were written by this process; a failure is a programming error.
      do {
        while !reader.isAtEnd {
          output.varint(try reader.varint())  // document delta
          let frequency = try reader.varint()
          output.varint(frequency)
          for _ in 0..<frequency {
            let delta = try reader.varint()
            let variant = try reader.varint()
            output.varint(delta << UInt64(variantBits) | variant)
          }
        }
      } catch {
        preconditionFailure("corrupt build-time postings: \(error)")
      }
    }
  }
}
