import Citations
import Corpus
import Dispatch

/// Builds an index and writes it (``IndexFormat``).
///
/// The documents are fixed first, in id order — sorted by path, so ids, and with them the order
/// of tied search results, do not depend on the history of updates. Postings then come in any
/// order, in shards (``PostingsBuilder``): from newly analyzed documents, one shard per indexing
/// worker (``add(shard:)``), and carried over from the previous index
/// (``addCarriedOver(term:postings:keeps:)``). Whenever the shards hold more than the build's
/// memory budget, ``flush()`` merges them into a sorted ``Segment`` on disk; ``write(to:)``
/// merges the segments term by term, packs the postings on every core, and streams the file out.
package struct IndexWriter {
  /// Shard 0 takes the postings added through the writer itself; workers bring their own.
  private var shards = [PostingsBuilder()]
  private var segments: [Segment] = []
  /// Where segment files go (a path to which `-segment-N` is appended); `nil` keeps them in memory.
  package var segmentPath: String?
  /// The documents in id order, each where its record comes from.
  package private(set) var entries: [DocumentEntry]
  /// Documents the build moved out of memory (``DocumentEntry/Source/spilled(chunk:index:)``).
  package var spill: DocumentSpill?
  /// The index being updated (``DocumentEntry/Source/previous(id:)``).
  package var previous: IndexReader?
  package var skipped: [SkippedFile] = []
  /// When postings were added under build-time slots before the documents' final order was
  /// known: each slot's final document id, or -1.
  private var slotToDocument: [Int32]?

  /// A writer for these documents; a document's id is its index here.
  package init(documents: [StoredDocument] = []) {
    entries = documents.map(DocumentEntry.init(stored:))
  }

  /// Appends a document; returns its id.
  package mutating func addDocument(_ document: StoredDocument) -> Int {
    entries.append(DocumentEntry(stored: document))
    return entries.count - 1
  }

  /// Appends a document with its postings.
  package mutating func add(_ document: StoredDocument, analysis: DocumentAnalysis) {
    add(document: addDocument(document), analysis: analysis)
  }

  /// The number of documents.
  package var documentCount: Int { entries.count }

  /// The number of segments flushed, the last included once ``write(to:)`` has run.
  package private(set) var segmentsFlushed = 0

  /// About how much memory the postings not yet flushed hold.
  package var heldBytes: Int { shards.reduce(0) { $0 + $1.byteCount } }

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
    setDocuments(entries: documents.map(DocumentEntry.init(stored:)), slots: slots)
  }

  /// Fixes the documents, wherever their records are, and the id of every slot.
  package mutating func setDocuments(entries: [DocumentEntry], slots: [Int32]) {
    precondition(slots.allSatisfy { $0 < Int32(entries.count) }, "a slot names no document")
    self.entries = entries
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

  /// Merges the shards held in memory into a new segment and lets them go.
  package mutating func flush() throws(IndexError) {
    let held = shards.filter { $0.termCount > 0 }
    shards = [PostingsBuilder()]
    guard !held.isEmpty else { return }
    let terms = Self.mergedTerms(held)
    let path = segmentPath.map { $0 + "-segment-\(segments.count)" }
    var output = ByteWriter()
    var offsets: [Int] = []
    var flushed = 0
    var file: IndexFileOutput.RawFile?
    if let path { file = try IndexFileOutput.RawFile(path: path) }
    defer { file?.close() }
    for merged in terms {
      var parts: [PostingsEncoder.Part] = []
      for (s, t) in [(merged.shard, merged.term)] + merged.others {
        parts.append(PostingsEncoder.Part(postings: held[s].postings[t].bytes, forms: held[s].variants[t]))
      }
      offsets.append(flushed + output.count)
      Segment.appendRecord(key: held[merged.shard].key(merged.term), parts: parts, to: &output)
      if let open = file, output.count >= 4 << 20 {
        try open.write(output.bytes)
        flushed += output.count
        output = ByteWriter()
      }
    }
    segmentsFlushed += 1
    if let path, let open = file {
      try open.write(output.bytes)
      open.close()
      file = nil
      segments.append(try Segment(mapping: path, offsets: offsets))
      releaseFreeMemory()
    } else {
      segments.append(Segment(copying: output.bytes))
    }
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

  /// Every term of every segment, once, in key order: for term *t*, the (segment, index) pairs
  /// `members[starts[t]..<starts[t + 1]]`, packed as segment << 32 | index.
  private static func mergedTerms(_ segments: [Segment]) -> (starts: [Int], members: [UInt64]) {
    var starts = [0]
    var members: [UInt64] = []
    var cursors = [Int](repeating: 0, count: segments.count)
    while true {
      var smallest: Int?
      for s in segments.indices where cursors[s] < segments[s].count {
        if let best = smallest,
          !keyPrecedes(segments[s].key(cursors[s]), segments[best].key(cursors[best]))
        {
          continue
        }
        smallest = s
      }
      guard let first = smallest else { break }
      let key = segments[first].key(cursors[first])
      for s in segments.indices where cursors[s] < segments[s].count {
        if s == first || keysEqual(segments[s].key(cursors[s]), key) {
          members.append(UInt64(s) << 32 | UInt64(cursors[s]))
          cursors[s] += 1
        }
      }
      starts.append(members.count)
    }
    return (starts, members)
  }

  /// The packed postings of terms `range` of the merged segments, and per term its offset in
  /// them, length, head checksum and document frequency.
  private static func encode(
    _ range: Range<Int>, starts: [Int], members: [UInt64], segments: [Segment], slots: [Int32]?
  ) -> (bytes: [UInt8], entries: [(start: Int, length: Int, crc: UInt32, frequency: Int)]) {
    var output = ByteWriter()
    var entries: [(start: Int, length: Int, crc: UInt32, frequency: Int)] = []
    entries.reserveCapacity(range.count)
    for term in range {
      var parts: [PostingsEncoder.Part] = []
      for member in members[starts[term]..<starts[term + 1]] {
        parts += segments[Int(member >> 32)].parts(Int(member & 0xFFFF_FFFF))
      }
      let start = output.count
      let (crc, frequency) = PostingsEncoder.encode(parts, slots: slots, into: &output)
      entries.append((start, output.count - start, crc, frequency))
    }
    return (output.bytes, entries)
  }

  /// The number of sections written.
  package static let sectionCount = 7

  /// The whole index file, in memory.
  package func serialize() -> [UInt8] {
    var writer = self
    writer.segmentPath = nil
    var output = IndexFileOutput(sectionCount: Self.sectionCount)
    do {
      try writer.write(to: &output)
      return try output.finish()
    } catch {
      preconditionFailure("writing to memory failed: \(error)")
    }
  }

  /// Writes the whole index file to `output` (which the caller then finishes): the remaining
  /// shards are flushed, and the segments merged and streamed out in runs, so the file is never
  /// whole in memory.
  package mutating func write(to output: inout IndexFileOutput) throws(IndexError) {
    try flush()
    let segments = self.segments
    let slots = slotToDocument
    let (starts, members) = Self.mergedTerms(segments)
    let termCount = starts.count - 1

    // Postings in runs of terms, a window of runs at a time on every core, each window written
    // out before the next is packed; the dictionary records that point at them.
    let runLength = 8192
    let window = 2 * IndexUpdater.workerCount
    var records = ByteWriter()
    var keyBlob = ByteWriter()
    var postingsLength = 0
    var term = 0
    var consumed = [Int](repeating: 0, count: segments.count)
    output.begin(.postings)
    while term < termCount {
      let first = term
      let runs = min(window, (termCount - first + runLength - 1) / runLength)
      let packed = parallelMap(count: runs) { run in
        let lower = first + run * runLength
        return Self.encode(
          lower..<min(termCount, lower + runLength), starts: starts, members: members,
          segments: segments, slots: slots)
      }
      for (bytes, entries) in packed {
        for entry in entries {
          let member = members[starts[term]]
          let key = Array(segments[Int(member >> 32)].key(Int(member & 0xFFFF_FFFF)))
          term += 1
          var record = ByteWriter()
          record.uint32(UInt32(keyBlob.count))
          record.uint16(UInt16(key.count))
          record.uint16(0)
          record.uint32(UInt32(entry.frequency))
          record.uint64(UInt64(postingsLength + entry.start))
          record.uint32(UInt32(entry.length))
          record.uint32(entry.crc)
          record.uint32(Checksum.crc32(record.bytes + key))
          records.append(record.bytes)
          keyBlob.append(key)
        }
        postingsLength += bytes.count
        try output.write(bytes)
      }
      // The segments' pages before the terms merged so far are done with.
      for member in members[starts[first]..<starts[term]] {
        consumed[Int(member >> 32)] = Int(member & 0xFFFF_FFFF) + 1
      }
      for (s, segment) in segments.enumerated() { segment.release(before: consumed[s]) }
    }
    output.end()
    self.segments = []

    var termsSection = ByteWriter()
    termsSection.uint32(UInt32(termCount))
    termsSection.append(records.bytes)
    termsSection.append(keyBlob.bytes)
    try output.section(.terms, termsSection.bytes)

    let stored = try serializeDocuments()
    try output.section(.documents, stored.documents)

    var manifest = ByteWriter()
    manifest.varint(entries.count + skipped.count)
    for document in entries {
      manifest.string(document.relativePath)
      manifest.varint(document.size)
      manifest.uint64(UInt64(bitPattern: document.modificationTime))
    }
    for file in skipped {
      manifest.string(file.relativePath)
      manifest.varint(file.size)
      manifest.uint64(UInt64(bitPattern: file.modificationTime))
    }
    try output.section(.manifest, manifest.bytes)
    try output.section(.citationMap, stored.citationMap)
    try output.section(.strings, stored.strings)

    var meta = ByteWriter()
    meta.uint32(UInt32(entries.count))
    meta.uint64(UInt64(entries.reduce(0) { $0 + $1.tokenCount }))
    meta.uint32(UInt32(termCount))
    meta.string(IndexFormat.analysisVersion)
    meta.varint(skipped.count)
    for file in skipped {
      meta.string(file.relativePath)
      meta.varint(file.size)
      meta.uint64(UInt64(bitPattern: file.modificationTime))
      meta.string(file.reason)
    }
    try output.section(.meta, meta.bytes)
  }
}

// MARK: - Documents

extension IndexWriter {
  /// The documents section, the citation map and the shared string table (sections 4, 6, 7),
  /// on every core, in runs of documents: a first pass plans the records (one string-table
  /// builder a run, merged) and gathers the citation map's keys, a second encodes them. A run's
  /// documents are read back from the spill or the previous index for each pass and let go after
  /// it, so the documents are never all in memory at once.
  private func serializeDocuments() throws(IndexError)
    -> (documents: [UInt8], citationMap: [UInt8], strings: [UInt8])
  {
    let runLength = 256
    let runs = (entries.count + runLength - 1) / runLength
    func run(_ index: Int) -> Range<Int> {
      (index * runLength)..<min(entries.count, (index + 1) * runLength)
    }
    let planned = parallelMap(count: runs) { index -> Result<Plan, IndexError> in
      Result { () throws(IndexError) in
        var plan = Plan()
        for document in try materialize(run(index)) {
          DocumentCodec.plan(document, into: &plan.table)
          plan.keys.append(CitationMap.keys(of: document.summary, untitledTitles: nil))
          for identity in document.summary.identities where identity.id == nil {
            if let title = identity.title { plan.untitled.insert(CitationKeys.title(title)) }
          }
        }
        return plan
      }
    }
    var table = StringTable.Builder()
    var untitled: Set<String> = []
    var keys: [[[UInt8]]] = []
    keys.reserveCapacity(entries.count)
    for result in planned {
      let plan = try result.get()
      table.merge(plan.table)
      untitled.formUnion(plan.untitled)
      keys += plan.keys
    }
    table.finish()
    // A subject is filed only when it is the title of an untitled document of the corpus.
    let subject = CitationKeys.Facet.subject.rawValue
    keys = keys.map { documentKeys in
      documentKeys.filter { key in
        key.first != subject || untitled.contains(String(decoding: key.dropFirst(), as: UTF8.self))
      }
    }
    let finished = table
    let encoded = parallelMap(count: runs) { index -> Result<(bytes: [UInt8], offsets: [Int]), IndexError> in
      Result { () throws(IndexError) in
        var records = ByteWriter()
        var offsets: [Int] = []
        for document in try materialize(run(index)) {
          offsets.append(records.count)
          DocumentCodec.encode(document, table: finished, into: &records)
        }
        return (records.bytes, offsets)
      }
    }
    var records = ByteWriter()
    var offsets: [Int] = []
    for result in encoded {
      let (bytes, runOffsets) = try result.get()
      let base = records.count
      offsets += runOffsets.map { base + $0 }
      records.append(bytes)
    }
    offsets.append(records.count)
    var section = ByteWriter()
    section.uint32(UInt32(entries.count))
    for offset in offsets { section.uint64(UInt64(offset)) }
    var lengths = ByteWriter()
    for entry in entries { lengths.uint32(UInt32(clamping: entry.tokenCount)) }
    section.append(lengths.bytes)
    section.uint32(Checksum.crc32(lengths.bytes))
    section.append(records.bytes)
    return (section.bytes, CitationMap.serialize(keys: keys), finished.serialize())
  }

  /// What the first pass gathers from one run of documents.
  private struct Plan {
    var table = StringTable.Builder()
    var keys: [[[UInt8]]] = []
    var untitled: Set<String> = []
  }

  /// The documents of entries `range`, read back from wherever they are.
  private func materialize(_ range: Range<Int>) throws(IndexError) -> [StoredDocument] {
    var result = [StoredDocument?](repeating: nil, count: range.count)
    var fromPrevious: [(slot: Int, id: Int)] = []
    var fromSpill: [Int: [(slot: Int, index: Int)]] = [:]
    for (slot, entry) in entries[range].enumerated() {
      switch entry.source {
      case .stored(let document): result[slot] = document
      case .previous(let id): fromPrevious.append((slot, id))
      case .spilled(let chunk, let index): fromSpill[chunk, default: []].append((slot, index))
      }
    }
    if !fromPrevious.isEmpty {
      guard let previous else { preconditionFailure("a document of the previous index, but none") }
      for (wanted, var document) in zip(fromPrevious, try previous.documents(fromPrevious.map(\.id))) {
        // A touched file keeps its record but not its old size and time.
        let entry = entries[range.lowerBound + wanted.slot]
        document.size = entry.size
        document.modificationTime = entry.modificationTime
        result[wanted.slot] = document
      }
    }
    for (chunk, wanted) in fromSpill {
      guard let spill else { preconditionFailure("a spilled document, but no spill") }
      for (slot, document) in zip(wanted.map(\.slot), try spill.documents(chunk: chunk, indices: wanted.map(\.index))) {
        result[slot] = document
      }
    }
    return result.map { document in
      guard let document else { preconditionFailure("a document not found") }
      return document
    }
  }
}

/// One document of an index being written: what the manifest and ranking need, and where its
/// record comes from.
package struct DocumentEntry: Sendable {
  package var relativePath: String
  package var size: Int
  package var modificationTime: Int64
  package var tokenCount: Int
  package var source: Source

  package enum Source: Sendable {
    /// Held in memory.
    case stored(StoredDocument)
    /// Moved to the build's ``DocumentSpill``.
    case spilled(chunk: Int, index: Int)
    /// The record of document `id` of the index being updated, carried over (with this entry's
    /// size and modification time).
    case previous(id: Int)
  }

  package init(stored document: StoredDocument) {
    self.init(document, source: .stored(document))
  }

  /// An entry for `document` whose record is at `source`.
  package init(_ document: StoredDocument, source: Source) {
    relativePath = document.relativePath
    size = document.size
    modificationTime = document.modificationTime
    tokenCount = document.tokenCount
    self.source = source
  }
}

/// Hands memory freed by a flush back to the system, so the process's resident size follows the
/// budget rather than its high-water mark (glibc keeps freed memory in its arenas otherwise).
private func releaseFreeMemory() {
  #if canImport(Glibc)
    _ = glibcMallocTrim(0)
  #endif
}

#if canImport(Glibc)
  /// `malloc_trim(3)`, which the Glibc module does not export.
  @_silgen_name("malloc_trim")
  private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
