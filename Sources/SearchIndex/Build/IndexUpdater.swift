import Citations
import Corpus
import Dispatch
import VietText

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Brings the index of a corpus up to date: only added, changed or removed files are read.
///
/// A file is unchanged when its size and modification time match the manifest; when they differ it
/// is read, and if its content hash still matches, its postings are carried over as they are.
/// Unchanged documents are never re-read or re-analyzed: their postings are copied from the
/// previous index. New and changed files are analyzed on every core, in batches so memory stays
/// bounded. Files only touched (new time, same content), with nothing else changed, cost a copy of
/// the index with their times patched (``IndexReader/writeRetimed(_:to:)``). The new index is
/// published by a rename (``IndexFiles/publish(temporary:to:folder:)``).
public struct IndexUpdater: Sendable {
  /// The corpus folder.
  public var corpus: String
  /// The index folder.
  public var folder: String
  /// Files analyzed together; bounds the memory of analyses held before they are merged.
  public var batchSize = 256
  /// Bytes of postings and documents the build holds in memory before it flushes the postings to
  /// a temporary segment file beside the index (``Segment``) and the documents to a spill file
  /// (``DocumentSpill``); both are merged into the index at the end.
  public var memoryBudget = 512 << 20

  /// An updater for a corpus and an index folder.
  public init(corpus: String, folder: String) {
    self.corpus = corpus
    self.folder = folder
  }

  /// How far the index is from the corpus, by `stat` alone.
  public enum Freshness: Equatable, Sendable {
    /// There is no usable index.
    case missing
    /// This many files were added, changed or removed since the index was built.
    case stale(changes: Int)
    /// The index matches the corpus.
    case fresh
  }

  /// Progress of an update, for a progress bar.
  public struct Progress: Sendable {
    /// Files read so far, of ``filesTotal``.
    public var filesDone: Int
    /// Files to read.
    public var filesTotal: Int
    /// Bytes read so far, of ``bytesTotal``.
    public var bytesDone: Int
    /// Bytes to read.
    public var bytesTotal: Int
  }

  /// What an update did.
  public struct Summary: Sendable {
    /// Documents in the index now.
    public var documents = 0
    /// Files read and indexed because they were new.
    public var added = 0
    /// Files read and indexed again because they changed.
    public var changed = 0
    /// Documents dropped because their file is gone.
    public var removed = 0
    /// Documents carried over without reading.
    public var unchanged = 0
    /// Bytes of files read.
    public var bytesRead = 0
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// Files skipped (not text, unreadable) and links not followed, each with its reason.
    public var warnings: [CorpusError] = []
    /// Why the previous index was not used, when it was unusable.
    public var previousIndexProblem: IndexError?
    /// Temporary segments the postings were flushed to (1 when they fit the memory budget).
    public var segments = 0
    /// New documents moved out of memory to a temporary file until the index was written.
    public var spilledDocuments = 0
    /// Documents whose file was touched (a new time, the same content) when nothing else changed:
    /// the index was copied with their new times, nothing re-analyzed or re-encoded.
    public var retimed = 0
  }

  /// The index file.
  public var indexPath: String { IndexReader.file(inFolder: folder) }

  /// Compares the corpus with the index manifest, reading no file.
  public func freshness() throws(IndexError) -> Freshness {
    let listing: CorpusListing
    do {
      listing = try CorpusLoader(root: corpus).listing().listing
    } catch {
      throw .corpus(error)
    }
    guard let reader = try? IndexReader(path: indexPath), reader.isCurrentAnalysis,
      let manifest = try? reader.manifestListing()
    else { return .missing }
    // Paths compared by bytes (Swift's String equality would make NFC and NFD file names one
    // file), no string made.
    let changes = listing.changes(since: manifest)
    return changes == 0 ? .fresh : .stale(changes: changes)
  }

  /// Updates the index (or rebuilds it from scratch).
  ///
  /// - Parameters:
  ///   - rebuild: Ignore the previous index.
  ///   - waiting: Called once if another `cancu index` holds the lock and this one waits.
  ///   - progress: Called after each batch.
  /// - Throws: ``IndexError`` when the corpus cannot be listed or the index cannot be written. A
  ///   damaged previous index is not an error: it is rebuilt, and the summary says why.
  public func update(
    rebuild: Bool = false, waiting: () -> Void = {}, progress: (Progress) -> Void = { _ in }
  ) throws(IndexError) -> Summary {
    let start = IndexFiles.now()
    BuildTrace.mark("start")
    try IndexFiles.makeFolder(folder)
    let lock = try IndexFiles.lock(folder: folder, waiting: waiting)
    defer { IndexFiles.unlock(lock) }
    IndexFiles.removeStaleTemporaries(folder: folder)

    var summary = Summary()
    let loader = CorpusLoader(root: corpus)
    let listing: [CorpusFile]
    do {
      let result = try loader.files()
      listing = result.files
      summary.warnings += result.warnings
    } catch {
      throw .corpus(error)
    }

    // The previous index, when usable.
    var previous: IndexReader?
    var previousDocuments: [StoredDocument] = []
    if !rebuild {
      do {
        let reader = try IndexReader(path: indexPath)
        if reader.isCurrentAnalysis {
          // Everything of the old index is carried over, so all of it must be sound.
          try reader.verify()
          // Headers only: a carried-over record is read back when the new index is written.
          previousDocuments = try reader.documentHeaders(Array(0..<reader.documentCount))
          previous = reader
        }
      } catch {
        if case .missing = error {} else { summary.previousIndexProblem = error }
      }
    }
    // Keyed by bytes: Swift's String equality would make NFC and NFD file names one file.
    var previousByPath: [[UInt8]: Int] = [:]
    for (id, document) in previousDocuments.enumerated() {
      previousByPath[Array(document.relativePath.utf8)] = id
    }
    var previousSkipped: [[UInt8]: SkippedFile] = [:]
    for file in previous?.skipped ?? [] { previousSkipped[Array(file.relativePath.utf8)] = file }

    // Classify: carried over as is, or to read.
    var keep: [Int: StoredDocument] = [:]  // previous id → record (mtime possibly refreshed)
    var toRead: [CorpusFile] = []
    var skipped: [SkippedFile] = []
    for file in listing {
      if let id = previousByPath[Array(file.relativePath.utf8)] {
        let old = previousDocuments[id]
        if old.size == file.size, old.modificationTime == file.modificationTime {
          keep[id] = old
          continue
        }
      } else if let old = previousSkipped[Array(file.relativePath.utf8)], old.size == file.size,
        old.modificationTime == file.modificationTime
      {
        skipped.append(old)
        continue
      }
      toRead.append(file)
    }

    // Read and analyze, in batches, on every core. Each worker adds the postings of the new
    // documents it analyzed to its own shard at once, under a slot (previous documents keep
    // slots 0..<P, the file toRead[i] has slot P + i): holding every analysis until the end would
    // cost many times the corpus in memory, and one shared writer would serialize the workers.
    let shards = WorkerShards(count: Self.workerCount)
    var writer = IndexWriter()
    writer.segmentPath = IndexFiles.temporary(indexPath)
    var fresh: [(slot: Int, entry: DocumentEntry)] = []
    // New documents still in memory (indices into `fresh`), until the budget sends them to the
    // spill file.
    var held: [Int] = []
    var heldBytes = 0
    var spill: DocumentSpill?
    let bytesTotal = toRead.reduce(0) { $0 + $1.size }
    var done = Progress(filesDone: 0, filesTotal: toRead.count, bytesDone: 0, bytesTotal: bytesTotal)
    var batchStart = 0
    while batchStart < toRead.count {
      let batch = batchStart..<min(toRead.count, batchStart + batchSize)
      let outcomes = Self.analyze(
        toRead, batch, loader: loader, shards: shards, firstSlot: previousDocuments.count
      ) { relativePath, hash in
        previousByPath[Array(relativePath.utf8)].map { previousDocuments[$0].contentHash == hash } ?? false
      }
      for (file, outcome) in zip(toRead[batch], outcomes) {
        done.filesDone += 1
        done.bytesDone += file.size
        switch outcome.result {
        case .failure(let error):
          summary.warnings.append(error)
          skipped.append(
            SkippedFile(
              relativePath: file.relativePath, size: file.size,
              modificationTime: file.modificationTime, reason: error.description))
        case .success(let stored):
          summary.bytesRead += stored.size
          if let slot = outcome.slot {
            if previousByPath[Array(file.relativePath.utf8)] != nil { summary.changed += 1 } else { summary.added += 1 }
            held.append(fresh.count)
            heldBytes += Self.estimatedBytes(stored)
            var entry = DocumentEntry(stored: stored)
            if let payload = outcome.lineTokens {
              let start = writer.lineTokens.count
              writer.lineTokens += payload
              entry.lineTokens = start..<writer.lineTokens.count
            }
            fresh.append((slot, entry))
          } else if let id = previousByPath[Array(file.relativePath.utf8)] {
            var old = previousDocuments[id]  // touched, not changed: carry over
            old.size = stored.size
            old.modificationTime = stored.modificationTime
            keep[id] = old
          }
        }
      }
      progress(done)
      batchStart = batch.upperBound
      if shards.byteCount + writer.heldBytes + heldBytes > memoryBudget {
        BuildTrace.mark("over budget after \(done.filesDone) files: flush and spill")
        for shard in shards.take() { writer.add(shard: shard) }
        try writer.flush()
        if !held.isEmpty {
          let documents = held.map { index -> StoredDocument in
            guard case .stored(let document) = fresh[index].entry.source else {
              preconditionFailure("a held document not in memory")
            }
            return document
          }
          let file: DocumentSpill
          if let spill {
            file = spill
          } else {
            file = try DocumentSpill(path: IndexFiles.temporary(indexPath, "-documents"))
          }
          spill = file
          let chunk = try file.append(documents)
          for (position, index) in held.enumerated() {
            fresh[index].entry.source = .spilled(chunk: chunk, index: position)
          }
          held = []
          heldBytes = 0
        }
      }
    }
    BuildTrace.mark("read \(done.filesDone) files")
    for shard in shards.take() { writer.add(shard: shard) }

    // No content changed: keep the published index as it is, or, when files were only touched,
    // write it again with their new times and every other byte as it was.
    let skippedUnchanged = skipped.count == previousSkipped.count && summary.warnings.isEmpty
    if let previous, fresh.isEmpty, keep.count == previousDocuments.count, skippedUnchanged,
      let times = Self.newTimes(keep, previous: previousDocuments)
    {
      summary.unchanged = keep.count
      summary.documents = previous.documentCount
      if !times.isEmpty {
        try Self.publish(to: indexPath, folder: folder) { output throws(IndexError) in
          try previous.writeRetimed(times, to: &output)
        }
        summary.retimed = times.count
      }
      summary.seconds = IndexFiles.now() - start
      return summary
    }

    // Write: every document in path order (stable ids), postings carried over or new.
    var entries: [(entry: DocumentEntry, slot: Int)] = keep.map { id, header in
      (DocumentEntry(header, source: .previous(id: id)), id)
    }
    entries += fresh.map { ($0.entry, $0.slot) }
    entries.sort { $0.entry.relativePath.utf8Precedes($1.entry.relativePath) }
    var slots = [Int32](repeating: -1, count: previousDocuments.count + toRead.count)
    for (newID, entry) in entries.enumerated() { slots[entry.slot] = Int32(newID) }
    writer.setDocuments(entries: entries.map(\.entry), slots: slots)
    try spill?.seal()
    BuildTrace.mark("documents ordered")
    writer.spill = spill
    writer.previous = previous
    summary.spilledDocuments = spill?.count ?? 0
    if let previous, !keep.isEmpty {
      try previous.forEachTermPostings { key, list throws(IndexError) in
        try writer.addCarriedOver(term: key, postings: list) { slots[$0] >= 0 }
        if writer.heldBytes > memoryBudget { try writer.flush() }
      }
    }
    skipped.sort { $0.relativePath.utf8Precedes($1.relativePath) }
    writer.skipped = skipped

    summary.unchanged = keep.count
    summary.removed = previousDocuments.count - keep.count - summary.changed
    summary.documents = writer.documentCount
    BuildTrace.mark("writing the index")
    try Self.publish(to: indexPath, folder: folder) { output throws(IndexError) in
      try writer.write(to: &output)
    }
    BuildTrace.mark("written")
    summary.segments = writer.segmentsFlushed
    summary.seconds = IndexFiles.now() - start
    return summary
  }

  /// The new times of the carried-over documents that differ from `previous` in their time
  /// alone, by id; `nil` when one differs otherwise.
  private static func newTimes(_ keep: [Int: StoredDocument], previous: [StoredDocument])
    -> [Int: Int64]?
  {
    var times: [Int: Int64] = [:]
    for (id, document) in keep where document != previous[id] {
      var retimed = previous[id]
      retimed.modificationTime = document.modificationTime
      guard retimed == document else { return nil }
      times[id] = document.modificationTime
    }
    return times
  }

  /// Writes a new index to a temporary file beside `indexPath` with `write`, syncs it and
  /// renames it over the index; on failure the temporary file is removed and the index stays.
  private static func publish(
    to indexPath: String, folder: String,
    _ write: (inout IndexFileOutput) throws(IndexError) -> Void
  ) throws(IndexError) {
    let temporary = IndexFiles.temporary(indexPath)
    var output = try IndexFileOutput(path: temporary, sectionCount: IndexWriter.sectionCount)
    do {
      try write(&output)
      _ = try output.finish()
      output.close()
    } catch {
      output.close()
      unlink(temporary)
      throw error
    }
    try IndexFiles.publish(temporary: temporary, to: indexPath, folder: folder)
  }

  /// About how much memory a document read from the corpus holds as Swift values: its strings,
  /// and a fixed cost per identity and citation.
  static func estimatedBytes(_ document: StoredDocument) -> Int {
    var bytes = 256 + document.path.utf8.count * 2
    for identity in document.summary.identities { bytes += 256 + (identity.title?.utf8.count ?? 0) }
    for located in document.summary.citations {
      bytes += 320 + located.text.utf8.count + (located.subject?.utf8.count ?? 0)
    }
    return bytes
  }

  /// Indexing workers: one a core.
  static var workerCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

  /// What became of one file read by a worker.
  private struct Outcome {
    var result: Result<StoredDocument, CorpusError>
    /// The slot its postings were added under; `nil` when it was not added (unreadable, or its
    /// content is the previous index's).
    var slot: Int?
    /// The ``LineTokens`` payload of a document added.
    var lineTokens: [UInt8]? = nil
  }

  /// Reads and analyzes `files[batch]` on every core, each worker taking the next file and
  /// adding new documents' postings to its own shard; outcomes in file order.
  ///
  /// - Parameter isUnchanged: Whether a file's content hash is its previous document's.
  private static func analyze(
    _ files: [CorpusFile], _ batch: Range<Int>, loader: CorpusLoader, shards: WorkerShards,
    firstSlot: Int, isUnchanged: (String, UInt64) -> Bool
  ) -> [Outcome] {
    let outcomes = Slots<Outcome>(count: batch.count)
    let next = Mutex()
    nonisolated(unsafe) var cursor = batch.lowerBound
    _ = parallelMap(count: shards.count) { worker in
      while true {
        let index = next.withLock { () -> Int in
          defer { cursor += 1 }
          return cursor
        }
        guard index < batch.upperBound else { return }
        let file = files[index]
        let outcome: Outcome
        switch loader.load(file) {
        case .failure(let error):
          outcome = Outcome(result: .failure(error), slot: nil)
        case .success(let document):
          var original = document.original
          let hash = original.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
          let slot = isUnchanged(file.relativePath, hash) ? nil : firstSlot + index
          var tokenCount = 0
          var lineTokens: [UInt8]?
          if let slot {
            var text = document.text
            var lines = LineTokens.Counter(lineStarts: document.normalized.lines.lineStarts)
            text.withUTF8 { bytes in
              shards.withShard(worker) { shard, scratch in
                tokenCount = shard.add(document: slot, text: bytes, lines: &lines, scratch: &scratch)
              }
            }
            lineTokens = LineTokens.payload(lines.finish())
          }
          let stored = StoredDocument(
            path: document.path, relativePath: file.relativePath, size: original.utf8.count,
            modificationTime: file.modificationTime, contentHash: hash,
            tokenCount: tokenCount, summary: document.summary)
          outcome = Outcome(result: .success(stored), slot: slot, lineTokens: lineTokens)
        }
        outcomes[index - batch.lowerBound] = outcome
      }
    }
    return outcomes.values()
  }
}

/// The shards of the indexing workers: worker *w* alone mutates shard *w* and its scratch, in
/// place.
private final class WorkerShards: @unchecked Sendable {
  private let shards: UnsafeMutableBufferPointer<PostingsBuilder>
  private let scratches: UnsafeMutableBufferPointer<PostingsBuilder.Scratch>
  let count: Int

  init(count: Int) {
    self.count = count
    shards = .allocate(capacity: count)
    shards.initialize(repeating: PostingsBuilder())
    scratches = .allocate(capacity: count)
    scratches.initialize(repeating: PostingsBuilder.Scratch())
  }

  deinit {
    shards.deinitialize()
    shards.deallocate()
    scratches.deinitialize()
    scratches.deallocate()
  }

  func withShard(_ worker: Int, _ body: (inout PostingsBuilder, inout PostingsBuilder.Scratch) -> Void) {
    body(&shards[worker], &scratches[worker])
  }

  /// About how much memory the shards hold (see ``PostingsBuilder/byteCount``).
  var byteCount: Int { (0..<count).reduce(0) { $0 + shards[$1].byteCount } }

  /// Hands the shards over, leaving empty ones.
  func take() -> [PostingsBuilder] {
    (0..<count).map { w in
      defer { shards[w] = PostingsBuilder() }
      return shards[w]
    }
  }
}
