#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Stored documents moved out of memory while an index is built: a build over its memory budget
/// appends the documents it has read to a temporary file beside the index, and the writer reads
/// them back run by run when it writes the index.
///
/// A document's identities and citations take far more memory as Swift values than on disk (a
/// much-cited corpus holds hundreds of bytes a citation), so this, with the postings
/// ``Segment``s, is what keeps a build's memory within its budget whatever the corpus size.
///
/// The file is a sequence of chunks, each the documents of one append encoded exactly as the
/// index encodes them (``DocumentCodec``) with a string table of their own (``StringTable``):
/// ```
/// per chunk: string table section, then the records
/// ```
/// Decoding gives what the index itself would give back for those documents (citation texts
/// empty but for repaired ones), which is all that encoding them again needs.
package final class DocumentSpill: @unchecked Sendable {
  private let path: String
  private var file: IndexFileOutput.RawFile?
  private var length = 0
  /// Per chunk: where it starts, its string table's length, and its records' offsets relative to
  /// the chunk (one more than records).
  private var chunks: [(start: Int, tableLength: Int, records: [Int])] = []
  private var mapping: MappedFile?

  /// A spill to a new file at `path`, removed when the spill is released.
  package init(path: String) throws(IndexError) {
    self.path = path
    file = try IndexFileOutput.RawFile(path: path)
  }

  deinit {
    file?.close()
    unlink(path)
  }

  /// The number of documents spilled.
  package private(set) var count = 0

  /// Appends documents as one chunk; returns the chunk's number.
  package func append(_ documents: [StoredDocument]) throws(IndexError) -> Int {
    guard let file else { preconditionFailure("append after seal") }
    var table = StringTable.Builder()
    for document in documents { DocumentCodec.plan(document, into: &table) }
    table.finish()
    let tableBytes = table.serialize()
    var records = ByteWriter()
    var offsets: [Int] = []
    for document in documents {
      offsets.append(tableBytes.count + records.count)
      DocumentCodec.encode(document, table: table, into: &records)
    }
    offsets.append(tableBytes.count + records.count)
    try file.write(tableBytes)
    try file.write(records.bytes)
    chunks.append((length, tableBytes.count, offsets))
    length += tableBytes.count + records.count
    count += documents.count
    return chunks.count - 1
  }

  /// Ends the appends and maps the file for reading.
  package func seal() throws(IndexError) {
    guard let file else { return }
    file.close()
    self.file = nil
    mapping = try MappedFile(path: path)
  }

  /// Lets the mapped pages before document `index` of chunk `chunk` go (all of them when there
  /// is no such chunk): they are read again from the file if needed.
  package func release(beforeChunk chunk: Int, index: Int) {
    guard let mapping else { return }
    mapping.release(
      before: chunk < chunks.count ? chunks[chunk].start + chunks[chunk].records[index] : Int.max)
  }

  /// Documents `indices` of chunk `chunk`, in that order.
  package func documents(chunk: Int, indices: [Int]) throws(IndexError) -> [StoredDocument] {
    guard let bytes = mapping?.bytes else { preconditionFailure("read before seal") }
    let (start, tableLength, records) = chunks[chunk]
    let layout = try StringTableReader.Layout(bytes, range: start..<(start + tableLength), path: path)
    var strings = StringTableReader(bytes, layout: layout, path: path)
    var result: [StoredDocument] = []
    result.reserveCapacity(indices.count)
    for index in indices {
      var reader = ByteReader(bytes, offset: start + records[index], path: path)
      result.append(try DocumentCodec.decode(&reader, end: start + records[index + 1], strings: &strings))
    }
    return result
  }
}
