import Corpus
import Dispatch

/// Brings the index of a corpus up to date: only added, changed or removed files are read.
///
/// A file is unchanged when its size and modification time match the manifest; when they differ it
/// is read, and if its content hash still matches, its postings are carried over as they are.
/// Unchanged documents are never re-read or re-analyzed: their postings are copied from the
/// previous index. New and changed files are analyzed on every core, in batches so memory stays
/// bounded. The new index is published by a rename (``IndexFiles/publish(_:to:folder:)``).
public struct IndexUpdater: Sendable {
  /// The corpus folder.
  public var corpus: String
  /// The index folder.
  public var folder: String
  /// Files analyzed together; bounds the memory of analyses held before they are merged.
  public var batchSize = 64

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
  }

  /// The index file.
  public var indexPath: String { IndexReader.file(inFolder: folder) }

  /// Compares the corpus with the index manifest, reading no file.
  public func freshness() throws(IndexError) -> Freshness {
    let listing: [CorpusFile]
    do {
      listing = try CorpusLoader(root: corpus).files().files
    } catch {
      throw .corpus(error)
    }
    guard let reader = try? IndexReader(path: indexPath), reader.isCurrentAnalysis,
      let manifest = try? reader.manifest()
    else { return .missing }
    // Keyed by bytes: Swift's String equality would make NFC and NFD file names one file.
    var known: [[UInt8]: (size: Int, time: Int64)] = [:]
    known.reserveCapacity(manifest.count)
    for entry in manifest { known[Array(entry.relativePath.utf8)] = (entry.size, entry.modificationTime) }
    var changes = 0
    var seen = 0
    for file in listing {
      if let entry = known[Array(file.relativePath.utf8)] {
        seen += 1
        if entry.size != file.size || entry.time != file.modificationTime { changes += 1 }
      } else {
        changes += 1
      }
    }
    changes += known.count - seen
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
          previousDocuments = try reader.allDocuments()
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

    // Read and analyze, in parallel batches. Each analysis goes into the writer at once, under a
    // slot (previous documents keep slots 0..<P, new ones take P, P+1, …): holding every
    // analysis until the end would cost many times the corpus in memory.
    var writer = IndexWriter()
    var fresh: [StoredDocument] = []
    let bytesTotal = toRead.reduce(0) { $0 + $1.size }
    var done = Progress(filesDone: 0, filesTotal: toRead.count, bytesDone: 0, bytesTotal: bytesTotal)
    var batchStart = 0
    while batchStart < toRead.count {
      let batch = Array(toRead[batchStart..<min(toRead.count, batchStart + batchSize)])
      let results = Self.analyze(batch, loader: loader)
      for (file, result) in zip(batch, results) {
        done.filesDone += 1
        done.bytesDone += file.size
        switch result {
        case .failure(let error):
          summary.warnings.append(error)
          skipped.append(
            SkippedFile(
              relativePath: file.relativePath, size: file.size,
              modificationTime: file.modificationTime, reason: error.description))
        case .success(let (stored, analysis)):
          summary.bytesRead += stored.size
          if let id = previousByPath[Array(file.relativePath.utf8)],
            previousDocuments[id].contentHash == stored.contentHash
          {
            var old = previousDocuments[id]  // touched, not changed: carry over
            old.size = stored.size
            old.modificationTime = stored.modificationTime
            keep[id] = old
          } else {
            if previousByPath[Array(file.relativePath.utf8)] != nil { summary.changed += 1 } else { summary.added += 1 }
            writer.add(slot: previousDocuments.count + fresh.count, analysis: analysis)
            fresh.append(stored)
          }
        }
      }
      progress(done)
      batchStart += batchSize
    }

    // Nothing changed: keep the published index as it is.
    let skippedUnchanged = skipped.count == previousSkipped.count && summary.warnings.isEmpty
    if let previous, fresh.isEmpty, keep.count == previousDocuments.count, skippedUnchanged,
      keep.allSatisfy({ previousDocuments[$0.key] == $0.value })
    {
      summary.unchanged = keep.count
      summary.documents = previous.documentCount
      summary.seconds = IndexFiles.now() - start
      return summary
    }

    // Write: every document in path order (stable ids), postings carried over or new.
    var entries: [(document: StoredDocument, previousID: Int?, fresh: Int?)] =
      keep.map { (document: $0.value, previousID: $0.key, fresh: nil) }
    for (index, document) in fresh.enumerated() {
      entries.append((document: document, previousID: nil, fresh: index))
    }
    entries.sort { $0.document.relativePath.utf8.lexicographicallyPrecedes($1.document.relativePath.utf8) }
    var slots = [Int32](repeating: -1, count: previousDocuments.count + fresh.count)
    for (newID, entry) in entries.enumerated() {
      if let previousID = entry.previousID {
        slots[previousID] = Int32(newID)
      }
      if let index = entry.fresh { slots[previousDocuments.count + index] = Int32(newID) }
    }
    writer.setDocuments(entries.map(\.document), slots: slots)
    if let previous, !keep.isEmpty {
      try previous.forEachTermPostings { key, list throws(IndexError) in
        try writer.addCarriedOver(term: key, postings: list) { slots[$0] >= 0 }
      }
    }
    skipped.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    writer.skipped = skipped

    summary.unchanged = keep.count
    summary.removed = previousDocuments.count - keep.count - summary.changed
    summary.documents = writer.documentCount
    try IndexFiles.publish(writer.serialize(), to: indexPath, folder: folder)
    summary.seconds = IndexFiles.now() - start
    return summary
  }

  /// Reads and analyzes files on every core; results in the order of `files`.
  private static func analyze(_ files: [CorpusFile], loader: CorpusLoader)
    -> [Result<(StoredDocument, DocumentAnalysis), CorpusError>]
  {
    let slots = Slots<Result<(StoredDocument, DocumentAnalysis), CorpusError>>(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      slots[index] = loader.load(file).map { document in
        var original = document.original
        let hash = original.withUTF8 { fnv1a(UnsafeRawBufferPointer($0)) }
        let analysis = Analyzer().analyze(document.text)
        let stored = StoredDocument(
          path: document.path, relativePath: file.relativePath, size: original.utf8.count,
          modificationTime: file.modificationTime, contentHash: hash,
          tokenCount: analysis.tokenCount, summary: document.summary)
        return (stored, analysis)
      }
    }
    return slots.values()
  }
}

/// Result slots that parallel workers fill, one slot each: no two workers touch the same slot,
/// and the buffer is allocated once, so no worker ever resizes or copies shared storage.
private final class Slots<Value>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.deinitialize()
    storage.deallocate()
  }

  subscript(index: Int) -> Value? {
    get { storage[index] }
    set { storage[index] = newValue }
  }

  func values() -> [Value] {
    storage.map { value in
      guard let value else { preconditionFailure("a worker left its slot empty") }
      return value
    }
  }
}
