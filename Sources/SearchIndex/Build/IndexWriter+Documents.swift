import Citations
import Corpus

// MARK: - Documents

extension IndexWriter {
  /// The documents section, the citation map and the shared string table (sections 4, 6, 7),
  /// on every core, in runs of documents: a first pass plans the records (one string-table
  /// builder a run, merged) and gathers the citation map's keys, a second encodes them. A run's
  /// documents are read back from the spill or the previous index for each pass and let go after
  /// it, so the documents are never all in memory at once.
  func writeDocuments(to output: inout IndexFileOutput) throws(IndexError)
    -> (citationMap: [UInt8], strings: [UInt8])
  {
    let runLength = 256
    let runs = (entries.count + runLength - 1) / runLength
    func run(_ index: Int) -> Range<Int> {
      (index * runLength)..<min(entries.count, (index + 1) * runLength)
    }
    // Both passes go a window of runs at a time, so that only a window's documents and string
    // counts are in memory, and the spill file is read front to back.
    let window = 2 * IndexUpdater.workerCount
    var table = StringTable.Builder()
    var untitled: Set<String> = []
    // The citation map's keys, per document, packed and spilled to a file: they grow with the
    // corpus (dozens a document), so they are not held in memory.
    let keySpill = SpillBuffer(path: segmentPath.map { $0 + "-citation-keys" })
    var keyEnds: [Int] = []
    keyEnds.reserveCapacity(entries.count)
    var first = 0
    while first < runs {
      let planned = parallelMap(count: min(window, runs - first)) { index -> Result<Plan, IndexError> in
        Result { () throws(IndexError) in
          var plan = Plan()
          for document in try materialize(run(first + index)) {
            DocumentCodec.plan(document, into: &plan.table)
            plan.keys.add(CitationMap.keys(of: document.summary, untitledTitles: nil))
            for identity in document.summary.identities where identity.id == nil {
              if let title = identity.title { plan.untitled.insert(CitationKeys.title(title)) }
            }
          }
          return plan
        }
      }
      for result in planned {
        let plan = try result.get()
        table.merge(plan.table)
        untitled.formUnion(plan.untitled)
        let base = keySpill.count
        keyEnds += plan.keys.ends.map { base + $0 }
        try keySpill.append(plan.keys.bytes)
      }
      first += window
      releaseSpill(before: min(runs, first) * runLength)
    }
    table.finish()
    BuildTrace.mark("documents planned: \(keySpill.count) bytes of citation keys")
    // A subject is filed only when it is the title of an untitled document of the corpus.
    let subject = CitationKeys.Facet.subject.rawValue
    var citationMap: [UInt8] = []
    try keySpill.withBytes { bytes in
      citationMap = CitationMap.serialize(documentCount: entries.count) { file in
        KeyList.forEach(in: bytes, ends: keyEnds) { document, key in
          if key.first != subject || untitled.contains(String(decoding: key.dropFirst(), as: UTF8.self)) {
            file(document, key)
          }
        }
      }
    }
    let finished = table
    // Records a window of runs at a time, into a buffer that spills to a file (the offsets come
    // first in the section, so every record must be encoded before the section is written).
    let records = SpillBuffer(path: segmentPath.map { $0 + "-document-records" })
    var offsets: [Int] = []
    offsets.reserveCapacity(entries.count + 1)
    first = 0
    while first < runs {
      let encoded = parallelMap(count: min(window, runs - first)) {
        index -> Result<(bytes: [UInt8], offsets: [Int]), IndexError> in
        Result { () throws(IndexError) in
          var bytes = ByteWriter()
          var offsets: [Int] = []
          for document in try materialize(run(first + index)) {
            offsets.append(bytes.count)
            DocumentCodec.encode(document, table: finished, into: &bytes)
          }
          return (bytes.bytes, offsets)
        }
      }
      for result in encoded {
        let (bytes, runOffsets) = try result.get()
        let base = records.count
        offsets += runOffsets.map { base + $0 }
        try records.append(bytes)
      }
      first += window
      releaseSpill(before: min(runs, first) * runLength)
    }
    offsets.append(records.count)
    output.begin(.documents)
    var head = ByteWriter()
    head.uint32(UInt32(entries.count))
    for offset in offsets { head.uint64(UInt64(offset)) }
    var lengths = ByteWriter()
    for entry in entries { lengths.uint32(UInt32(clamping: entry.tokenCount)) }
    head.append(lengths.bytes)
    head.uint32(Checksum.crc32(lengths.bytes))
    try output.write(head.bytes)
    try records.copy(into: &output)
    output.end()
    return (citationMap, finished.serialize())
  }

  /// The lines section (8): per document its ``LineTokens`` record, carried over byte for byte
  /// from the previous index for a document carried over.
  func writeLines(to output: inout IndexFileOutput) throws(IndexError) {
    var offsets = ByteWriter()
    offsets.uint32(UInt32(entries.count))
    var records = ByteWriter()
    for entry in entries {
      offsets.uint64(UInt64(records.count))
      var payload: [UInt8]
      if let range = entry.lineTokens {
        payload = Array(lineTokens[range])
      } else if case .previous(let id) = entry.source, let previous {
        payload = try previous.lineTokensPayload(id)
      } else {
        payload = LineTokens.payload([])
      }
      records.append(payload)
      records.uint32(Checksum.crc32(payload))
    }
    offsets.uint64(UInt64(records.count))
    output.begin(.lines)
    try output.write(offsets.bytes)
    try output.write(records.bytes)
    output.end()
  }

  /// Lets the spill file's pages go up to the first spilled document at or after entry `end`:
  /// entries and the spill are both in path order, so a pass has read everything before it.
  private func releaseSpill(before end: Int) {
    guard let spill else { return }
    for entry in entries[min(end, entries.count)...] {
      if case .spilled(let chunk, let index) = entry.source {
        spill.release(beforeChunk: chunk, index: index)
        return
      }
    }
    spill.release(beforeChunk: Int.max, index: 0)
  }

  /// What the first pass gathers from one run of documents.
  private struct Plan {
    var table = StringTable.Builder()
    var keys = KeyList()
    var untitled: Set<String> = []
  }

  /// The citation-map keys of a run of documents, packed in one buffer (an array per key would
  /// cost more than the keys, and a corpus has dozens a document): per document, per key its
  /// length and bytes.
  private struct KeyList {
    var bytes: [UInt8] = []
    /// Where each document's keys end in ``bytes``.
    var ends: [Int] = []

    mutating func add(_ keys: [[UInt8]]) {
      for key in keys {
        var length = key.count
        while length >= 0x80 {
          bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
          length >>= 7
        }
        bytes.append(UInt8(length))
        bytes += key
      }
      ends.append(bytes.count)
    }

    /// Calls `body` with each (document index, key) of packed lists in `bytes`, whose documents
    /// end at `ends`, documents in order.
    static func forEach(in bytes: UnsafeRawBufferPointer, ends: [Int], _ body: (Int, [UInt8]) -> Void) {
      var offset = 0
      for (document, end) in ends.enumerated() {
        while offset < end {
          var length = 0
          var shift = 0
          while true {
            let byte = bytes[offset]
            offset += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
          }
          body(document, Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])))
          offset += length
        }
      }
    }
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
  /// Where its ``LineTokens`` payload is in ``IndexWriter/lineTokens``; `nil` for a record
  /// carried over, whose payload is the previous index's, or for a document added without its
  /// text (an empty record is written).
  package var lineTokens: Range<Int>?

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
