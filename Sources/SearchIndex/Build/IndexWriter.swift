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
  /// The ``LineTokens`` payloads of the documents added, one after another
  /// (``DocumentEntry/lineTokens`` says where each is). One buffer, not an array per document:
  /// tens of thousands of small arrays that live through the whole build, scattered among
  /// freed memory, kept 240 MiB of pages resident at 1 GiB.
  package var lineTokens: [UInt8] = []
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
      segments.append(Segment(copying: output.bytes, offsets: offsets))
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
      let first = members[starts[term]]
      let key = Array(segments[Int(first >> 32)].key(Int(first & 0xFFFF_FFFF)))
      let start = output.count
      let (crc, frequency) = PostingsEncoder.encode(parts, key: key, slots: slots, into: &output)
      entries.append((start, output.count - start, crc, frequency))
    }
    return (output.bytes, entries)
  }

  /// The number of sections written.
  package static let sectionCount = 8

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
    BuildTrace.mark("postings flushed: \(segments.count) segments")
    let segments = self.segments
    let slots = slotToDocument
    var merger = SegmentMerger(segments)

    // Postings a window at a time — 32 MiB of segment records, cut into runs of about equal size
    // packed on every core —, each window written out before the next is merged; the dictionary
    // records that point at them go to buffers that spill to temporary files, since they grow
    // with the number of terms.
    let runsPerWindow = 2 * IndexUpdater.workerCount
    let records = SpillBuffer(path: segmentPath.map { $0 + "-records" })
    let keyBlob = SpillBuffer(path: segmentPath.map { $0 + "-keys" })
    var postingsLength = 0
    var termCount = 0
    output.begin(.postings)
    while true {
      let (starts, members, sizes) = merger.next(byteLimit: 32 << 20)
      let count = starts.count - 1
      guard count > 0 else { break }
      // Run boundaries at about every total / runsPerWindow bytes.
      let total = sizes.reduce(0, +)
      var bounds = [0]
      var sum = 0
      for (t, size) in sizes.enumerated() {
        sum += size
        if sum * runsPerWindow >= total * bounds.count, t + 1 < count { bounds.append(t + 1) }
      }
      bounds.append(count)
      let packed = parallelMap(count: bounds.count - 1) { run in
        Self.encode(
          bounds[run]..<bounds[run + 1], starts: starts, members: members, segments: segments,
          slots: slots)
      }
      var term = 0
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
          try records.append(record.bytes)
          try keyBlob.append(key)
        }
        postingsLength += bytes.count
        try output.write(bytes)
      }
      termCount += count
      // The segments' pages before the terms merged so far are done with.
      for (s, segment) in segments.enumerated() { segment.release(before: merger.cursors[s]) }
    }
    output.end()
    self.segments = []

    BuildTrace.mark("postings written: \(termCount) terms")
    output.begin(.terms)
    var head = ByteWriter()
    head.uint32(UInt32(termCount))
    try output.write(head.bytes)
    try records.copy(into: &output)
    try keyBlob.copy(into: &output)
    output.end()

    let stored = try writeDocuments(to: &output)
    try writeLines(to: &output)
    BuildTrace.mark("documents written")

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
