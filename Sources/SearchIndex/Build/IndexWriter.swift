/// Builds an index in memory and serializes it (``IndexFormat``).
///
/// The documents are fixed first, in id order — sorted by path, so ids, and with them the order
/// of tied search results, do not depend on the history of updates. Postings then come in any
/// order: from newly analyzed documents (``add(_:analysis:)``) and carried over from the previous
/// index (``addCarriedOver(term:postings:keeps:)``). While building, each term's postings are
/// varints — document id, frequency, then position delta and variant per occurrence — and
/// ``serialize()`` sorts them by document and packs them into the on-disk form.
package struct IndexWriter {
  private var termIDs: [[UInt8]: Int] = [:]
  private var keys: [[UInt8]] = []
  private var variants: [[[UInt8]]] = []
  private var postings: [ByteWriter] = []
  private var documentFrequency: [Int] = []
  package private(set) var documents: [StoredDocument]
  package var skipped: [SkippedFile] = []
  /// When postings were added under build-time slots (``add(slot:analysis:)``) before the
  /// documents' final order was known: each slot's final document id, or -1.
  private var slotToDocument: [Int32]?

  /// A writer for these documents; a document's id is its index here.
  package init(documents: [StoredDocument] = []) {
    self.documents = documents
  }

  /// Appends a document; returns its id.
  package mutating func addDocument(_ document: StoredDocument) -> Int {
    documents.append(document)
    return documents.count - 1
  }

  /// Appends a document with its postings.
  package mutating func add(_ document: StoredDocument, analysis: DocumentAnalysis) {
    add(document: addDocument(document), analysis: analysis)
  }

  /// The number of documents.
  package var documentCount: Int { documents.count }

  private mutating func termID(_ key: [UInt8]) -> Int {
    if let id = termIDs[key] { return id }
    let id = keys.count
    termIDs[key] = id
    keys.append(key)
    variants.append([])
    postings.append(ByteWriter())
    documentFrequency.append(0)
    return id
  }

  private mutating func variantIndex(term: Int, _ form: [UInt8]) -> Int {
    if let index = variants[term].firstIndex(of: form) { return index }
    variants[term].append(form)
    return variants[term].count - 1
  }

  /// Appends one document's occurrences of one term.
  ///
  /// - Parameter occurrences: position and term-local variant index, interleaved, positions ascending.
  private mutating func append(
    term: Int, document: Int, occurrences: [UInt32], variantMap: [Int]
  ) {
    precondition(document >= 0, "document \(document) out of range")
    postings[term].varint(document)
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

  /// Adds the postings of a newly analyzed document.
  package mutating func add(document id: Int, analysis: DocumentAnalysis) {
    for (local, key) in analysis.terms.enumerated() {
      let term = termID(key)
      let map = analysis.variants[local].map { variantIndex(term: term, $0) }
      append(term: term, document: id, occurrences: analysis.occurrences[local], variantMap: map)
    }
  }

  /// Adds the postings of a newly analyzed document under a build-time slot, before the final
  /// document order is known, so its analysis can be dropped at once; ``setDocuments(_:slots:)``
  /// gives each slot its id.
  package mutating func add(slot: Int, analysis: DocumentAnalysis) {
    add(document: slot, analysis: analysis)
  }

  /// Fixes the documents and the id of every slot postings were added under (-1: dropped).
  package mutating func setDocuments(_ documents: [StoredDocument], slots: [Int32]) {
    precondition(slots.allSatisfy { $0 < Int32(documents.count) }, "a slot names no document")
    self.documents = documents
    slotToDocument = slots
  }

  /// Adds, for one term of the previous index, the postings of the documents carried over, form
  /// by form, without merging them by position (the encoder splits them by form again).
  ///
  /// - Parameter keeps: Whether a previous document is carried over; its slot is its previous id.
  package mutating func addCarriedOver(
    term key: [UInt8], postings list: TermPostings, keeps: (Int) -> Bool
  ) throws(IndexError) {
    var term: Int?
    var documents: [UInt32] = []
    var positions: [UInt32] = []
    for (v, variant) in list.variants.enumerated() {
      var mapped = -1
      for (k, document) in variant.documents.enumerated() where keeps(Int(document)) {
        let id = term ?? termID(key)
        term = id
        if mapped < 0 { mapped = variantIndex(term: id, variant.form) }
        positions.removeAll(keepingCapacity: true)
        try list.positions(variant: v, index: k, into: &positions)
        postings[id].varint(UInt64(document))
        postings[id].varint(positions.count)
        var previous: UInt32 = 0
        for position in positions {
          postings[id].varint(UInt64(position &- previous))
          postings[id].varint(mapped)
          previous = position
        }
        documents.append(document)
      }
    }
    guard let term else { return }
    documents.sort()
    var distinct = 0
    for (i, document) in documents.enumerated() where i == 0 || documents[i - 1] != document {
      distinct += 1
    }
    documentFrequency[term] += distinct
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
      let crc = PostingsEncoder.encode(
        buildTime: postings[term].bytes, forms: forms, slots: slotToDocument,
        into: &postingsSection)
      let length = postingsSection.count - start
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

    let (documentSection, citationMap, strings) = serializeDocuments()

    var meta = ByteWriter()
    meta.uint32(UInt32(documents.count))
    meta.uint64(UInt64(documents.reduce(0) { $0 + $1.tokenCount }))
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
      (.documents, documentSection), (.manifest, manifest.bytes), (.citationMap, citationMap),
      (.strings, strings),
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
}

// MARK: - Documents

extension IndexWriter {
  /// The documents section, the citation map and the shared string table (sections 4, 6, 7).
  private func serializeDocuments() -> (documents: [UInt8], citationMap: [UInt8], strings: [UInt8]) {
    var table = StringTable.Builder()
    for document in documents { DocumentCodec.plan(document, into: &table) }
    table.finish()
    var records = ByteWriter()
    var offsets: [Int] = []
    for document in documents {
      offsets.append(records.count)
      DocumentCodec.encode(document, table: table, into: &records)
    }
    offsets.append(records.count)
    var section = ByteWriter()
    section.uint32(UInt32(documents.count))
    for offset in offsets { section.uint64(UInt64(offset)) }
    var lengths = ByteWriter()
    for document in documents { lengths.uint32(UInt32(clamping: document.tokenCount)) }
    section.append(lengths.bytes)
    section.uint32(Checksum.crc32(lengths.bytes))
    section.append(records.bytes)
    return (section.bytes, CitationMap.serialize(documents.map(\.summary)), table.serialize())
  }
}
