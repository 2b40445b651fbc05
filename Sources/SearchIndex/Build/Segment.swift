#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Build-time postings flushed out of memory: the indexing workers' shards, merged and sorted by
/// term, so that the memory a build holds stays within its budget whatever the corpus size.
///
/// A build flushes a segment whenever its shards outgrow the budget, and once at the end; the
/// index file is then written by merging the segments term by term (``IndexWriter``). Segments
/// are temporary files beside the index (named like its other temporaries, so a crashed build's
/// are removed by the next), or memory when the writer has no folder. Their format is private to
/// one build:
/// ```
/// per term, by key bytes: key length, key, part count,
///                         per part: form count, per form: length, bytes; postings length, postings
/// ```
/// A part is one shard's build-time postings of the term and the forms its variant indices name
/// (``PostingsEncoder/Part``). Varints are LEB128.
final class Segment: @unchecked Sendable {
  /// The segment's bytes; valid as long as `self`.
  let bytes: UnsafeRawBufferPointer
  /// Where each term's record starts.
  let offsets: [Int]
  private let mapping: MappedFile?
  private let path: String?

  /// A segment kept in memory, whose records start at `offsets` (as written).
  init(copying data: [UInt8], offsets: [Int]) {
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 8)
    data.withUnsafeBytes { storage.copyMemory(from: $0) }
    bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<data.count])
    mapping = nil
    path = nil
    self.offsets = offsets
  }

  /// The segment file at `path`, mapped, whose records start at `offsets` (as written; the file
  /// is not read until its terms are); the file is removed when the segment is released.
  init(mapping path: String, offsets: [Int]) throws(IndexError) {
    let file = try MappedFile(path: path)
    mapping = file
    bytes = file.bytes
    self.path = path
    self.offsets = offsets
  }

  /// Lets the pages before term `index` go: the merge reads each segment once, front to back, so
  /// what it has passed need not stay in memory.
  func release(before index: Int) {
    guard let mapping, index > 0 else { return }
    mapping.release(before: index < offsets.count ? offsets[index] : bytes.count)
  }

  deinit {
    if mapping == nil, let base = bytes.baseAddress {
      UnsafeMutableRawPointer(mutating: base).deallocate()
    }
    if let path { unlink(path) }
  }

  /// The number of terms.
  var count: Int { offsets.count }

  /// The size of term `index`'s record.
  func recordLength(_ index: Int) -> Int {
    (index + 1 < offsets.count ? offsets[index + 1] : bytes.count) - offsets[index]
  }

  /// The key of term `index`.
  func key(_ index: Int) -> UnsafeRawBufferPointer {
    var reader = Reader(bytes: bytes, offset: offsets[index])
    let length = reader.varint()
    return UnsafeRawBufferPointer(rebasing: bytes[reader.offset..<(reader.offset + length)])
  }

  /// The parts of term `index`, copied out.
  func parts(_ index: Int) -> [PostingsEncoder.Part] {
    var reader = Reader(bytes: bytes, offset: offsets[index])
    reader.skip(reader.varint())
    return (0..<reader.varint()).map { _ in
      let forms = (0..<reader.varint()).map { _ in reader.bytes(reader.varint()) }
      return PostingsEncoder.Part(postings: reader.bytes(reader.varint()), forms: forms)
    }
  }

  /// Appends one term's record to a segment being written.
  static func appendRecord(key: ArraySlice<UInt8>, parts: [PostingsEncoder.Part], to writer: inout ByteWriter) {
    writer.varint(key.count)
    writer.bytes.append(contentsOf: key)
    writer.varint(parts.count)
    for part in parts {
      writer.varint(part.forms.count)
      for form in part.forms {
        writer.varint(form.count)
        writer.append(form)
      }
      writer.varint(part.postings.count)
      writer.append(part.postings)
    }
  }

  /// Reads the segment's varints. Segments are written by this process, so a malformed one is a
  /// programming error: it traps.
  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func varint() -> Int {
      var value = 0
      var shift = 0
      while true {
        precondition(offset < bytes.count && shift < 64, "corrupt segment")
        let byte = bytes[offset]
        offset += 1
        value |= Int(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
    }

    mutating func skip(_ count: Int) {
      precondition(offset + count <= bytes.count, "corrupt segment")
      offset += count
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
      precondition(offset + count <= bytes.count, "corrupt segment")
      defer { offset += count }
      return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
    }
  }
}

/// Compares two keys by their bytes.
@inline(__always)
func keyPrecedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
  let common = min(a.count, b.count)
  if common > 0, let p = a.baseAddress, let q = b.baseAddress {
    let order = memcmp(p, q, common)
    if order != 0 { return order < 0 }
  }
  return a.count < b.count
}

@inline(__always)
func keysEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
  a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}
