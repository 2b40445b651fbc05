import Dispatch

/// Builds an index in memory and serializes it (``IndexFormat``).
///
/// The documents are fixed first, in id order — sorted by path, so ids, and with them the order
/// of tied search results, do not depend on the history of updates. Postings then come in any
/// order, in shards (``PostingsBuilder``): from newly analyzed documents, one shard per indexing
/// worker (``add(shard:)``), and carried over from the previous index
/// (``addCarriedOver(term:postings:keeps:)``). ``serialize()`` merges the shards term by term and
/// packs the postings on every core.
package struct IndexWriter {
  /// Shard 0 takes the postings added through the writer itself; workers bring their own.
  private var shards = [PostingsBuilder()]
  package private(set) var documents: [StoredDocument]
  package var skipped: [SkippedFile] = []
  /// When postings were added under build-time slots before the documents' final order was
  /// known: each slot's final document id, or -1.
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

  /// Adds the postings of a newly analyzed document.
  package mutating func add(document id: Int, analysis: DocumentAnalysis) {
    shards[0].add(document: id, analysis: analysis)
  }

  /// Adds the postings a worker gathered, under document ids or under build-time slots
  /// (``setDocuments(_:slots:)``).
  package mutating func add(shard: PostingsBuilder) {
    shards.append(shard)
  }

  /// Fixes the documents and the id of every slot postings were added under (-1: dropped).
  package mutating func setDocuments(_ documents: [StoredDocument], slots: [Int32]) {
    precondition(slots.allSatisfy { $0 < Int32(documents.count) }, "a slot names no document")
    self.documents = documents
    slotToDocument = slots
  }

  /// Adds, for one term of the previous index, the postings of the documents carried over.
  ///
  /// - Parameter keeps: Whether a previous document is carried over; its slot is its previous id.
  package mutating func addCarriedOver(
    term key: [UInt8], postings list: TermPostings, keeps: (Int) -> Bool
  ) throws(IndexError) {
    try shards[0].addCarriedOver(term: key, postings: list, keeps: keeps)
  }

  /// One term of the merged dictionary: its key and where each shard holds it.
  private struct MergedTerm {
    var shard: Int
    var term: Int
    /// Further shards holding the same key, as (shard, term).
    var others: [(shard: Int, term: Int)] = []
  }

  /// Every term of every shard, once, in key order.
  private static func mergedTerms(_ shards: [PostingsBuilder]) -> [MergedTerm] {
    // Each shard sorted on its own core, then merged.
    let sorted = parallelMap(count: shards.count) { s in
      let shard = shards[s]
      return (0..<shard.termCount).sorted { shard.key($0).lexicographicallyPrecedes(shard.key($1)) }
    }
    var merged: [MergedTerm] = []
    merged.reserveCapacity(sorted.map(\.count).max() ?? 0)
    var cursors = [Int](repeating: 0, count: shards.count)
    while true {
      // The smallest key under the cursors, and every shard that holds it.
      var smallest: (shard: Int, term: Int)?
      for s in shards.indices where cursors[s] < sorted[s].count {
        let term = sorted[s][cursors[s]]
        if let best = smallest,
          !shards[s].key(term).lexicographicallyPrecedes(shards[best.shard].key(best.term))
        {
          continue
        }
        smallest = (s, term)
      }
      guard let first = smallest else { break }
      var entry = MergedTerm(shard: first.shard, term: first.term)
      let key = shards[first.shard].key(first.term)
      cursors[first.shard] += 1
      for s in shards.indices where s != first.shard && cursors[s] < sorted[s].count {
        let term = sorted[s][cursors[s]]
        if shards[s].key(term).elementsEqual(key) {
          entry.others.append((s, term))
          cursors[s] += 1
        }
      }
      merged.append(entry)
    }
    return merged
  }

  /// The packed postings of a run of merged terms, and per term its offset in them, length,
  /// head checksum and document frequency.
  private static func encode(
    _ terms: ArraySlice<MergedTerm>, shards: [PostingsBuilder], slots: [Int32]?
  ) -> (bytes: [UInt8], entries: [(start: Int, length: Int, crc: UInt32, frequency: Int)]) {
    var output = ByteWriter()
    var entries: [(start: Int, length: Int, crc: UInt32, frequency: Int)] = []
    entries.reserveCapacity(terms.count)
    for merged in terms {
      var parts: [PostingsEncoder.Part] = []
      for (s, t) in [(merged.shard, merged.term)] + merged.others {
        parts.append(PostingsEncoder.Part(postings: shards[s].postings[t].bytes, forms: shards[s].variants[t]))
      }
      let start = output.count
      let (crc, frequency) = PostingsEncoder.encode(parts, slots: slots, into: &output)
      entries.append((start, output.count - start, crc, frequency))
    }
    return (output.bytes, entries)
  }

  /// The whole index file.
  package func serialize() -> [UInt8] {
    let shards = self.shards
    let slots = slotToDocument
    let terms = Self.mergedTerms(shards)
    // Postings in runs of terms, each run on a core; then the documents' sections.
    let runLength = 8192
    let runs = (terms.count + runLength - 1) / runLength
    let postingsRuns = parallelMap(count: runs) { run in
      Self.encode(terms[(run * runLength)..<min(terms.count, (run + 1) * runLength)], shards: shards, slots: slots)
    }
    let stored = serializeDocuments()

    // Postings, and the dictionary records that point at them.
    var postingsSection = ByteWriter()
    var records = ByteWriter()
    var keyBlob = ByteWriter()
    var termIndex = 0
    for (bytes, entries) in postingsRuns {
      let base = postingsSection.count
      postingsSection.append(bytes)
      for entry in entries {
        let merged = terms[termIndex]
        let key = Array(shards[merged.shard].key(merged.term))
        termIndex += 1
        var record = ByteWriter()
        record.uint32(UInt32(keyBlob.count))
        record.uint16(UInt16(key.count))
        record.uint16(0)
        record.uint32(UInt32(entry.frequency))
        record.uint64(UInt64(base + entry.start))
        record.uint32(UInt32(entry.length))
        record.uint32(entry.crc)
        record.uint32(Checksum.crc32(record.bytes + key))
        records.append(record.bytes)
        keyBlob.append(key)
      }
    }
    var termsSection = ByteWriter()
    termsSection.uint32(UInt32(terms.count))
    termsSection.append(records.bytes)
    termsSection.append(keyBlob.bytes)

    var meta = ByteWriter()
    meta.uint32(UInt32(documents.count))
    meta.uint64(UInt64(documents.reduce(0) { $0 + $1.tokenCount }))
    meta.uint32(UInt32(terms.count))
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
      (.meta, meta.bytes), (.terms, termsSection.bytes), (.postings, postingsSection.bytes),
      (.documents, stored.documents), (.manifest, manifest.bytes),
      (.citationMap, stored.citationMap), (.strings, stored.strings),
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
  /// The documents section, the citation map and the shared string table (sections 4, 6, 7),
  /// on every core: records are planned in runs, one string-table builder a run, merged, then
  /// encoded in runs.
  private func serializeDocuments() -> (documents: [UInt8], citationMap: [UInt8], strings: [UInt8]) {
    let documents = self.documents
    let runLength = 256
    let runs = (documents.count + runLength - 1) / runLength
    func run(_ index: Int) -> ArraySlice<StoredDocument> {
      documents[(index * runLength)..<min(documents.count, (index + 1) * runLength)]
    }
    let untitled = CitationMap.untitledTitles(documents.map(\.summary))
    let planned = parallelMap(count: runs) { index -> (StringTable.Builder, [[[UInt8]]]) in
      var table = StringTable.Builder()
      var keys: [[[UInt8]]] = []
      for document in run(index) {
        DocumentCodec.plan(document, into: &table)
        keys.append(CitationMap.keys(of: document.summary, untitledTitles: untitled))
      }
      return (table, keys)
    }
    var table = StringTable.Builder()
    for (builder, _) in planned { table.merge(builder) }
    table.finish()
    let finished = table
    let encoded = parallelMap(count: runs) { index -> (bytes: [UInt8], offsets: [Int]) in
      var records = ByteWriter()
      var offsets: [Int] = []
      for document in run(index) {
        offsets.append(records.count)
        DocumentCodec.encode(document, table: finished, into: &records)
      }
      return (records.bytes, offsets)
    }
    var records = ByteWriter()
    var offsets: [Int] = []
    for (bytes, runOffsets) in encoded {
      let base = records.count
      offsets += runOffsets.map { base + $0 }
      records.append(bytes)
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
    let citationMap = CitationMap.serialize(keys: planned.flatMap(\.1))
    return (section.bytes, citationMap, finished.serialize())
  }
}
