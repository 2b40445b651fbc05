#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Merges sorted segments term by term, a window of terms at a time, so that the merge never
/// holds more than a window and reads each segment once, front to back.
struct SegmentMerger {
  let segments: [Segment]
  /// Per segment, its next term.
  private(set) var cursors: [Int]

  init(_ segments: [Segment]) {
    self.segments = segments
    cursors = [Int](repeating: 0, count: segments.count)
  }

  /// More terms, in key order, until their records hold `byteLimit` bytes (at least one term):
  /// for term *t*, the (segment, index) pairs `members[starts[t]..<starts[t + 1]]`, packed as
  /// segment << 32 | index, and `bytes[t]`, the size of its records. A window is bounded in
  /// bytes, not terms: one frequent word can hold more postings than thousands of rare ones.
  mutating func next(byteLimit: Int) -> (starts: [Int], members: [UInt64], bytes: [Int]) {
    var starts = [0]
    var members: [UInt64] = []
    var sizes: [Int] = []
    var total = 0
    while total < byteLimit {
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
      var size = 0
      for s in segments.indices where cursors[s] < segments[s].count {
        if s == first || keysEqual(segments[s].key(cursors[s]), key) {
          members.append(UInt64(s) << 32 | UInt64(cursors[s]))
          size += segments[s].recordLength(cursors[s])
          cursors[s] += 1
        }
      }
      starts.append(members.count)
      sizes.append(size)
      total += size
    }
    return (starts, members, sizes)
  }
}

/// Bytes appended in order — the dictionary records and keys of an index being written — held in
/// memory up to a few MiB and beyond that in a temporary file, then copied into the index.
final class SpillBuffer {
  private let path: String?
  private var file: IndexFileOutput.RawFile?
  private var pending = ByteWriter()
  /// Bytes appended in all.
  private(set) var count = 0

  private static let chunk = 8 << 20

  /// A buffer spilling to `path` (`nil`: memory only).
  init(path: String?) {
    self.path = path
  }

  deinit {
    file?.close()
    if file != nil, let path { unlink(path) }
  }

  func append(_ bytes: [UInt8]) throws(IndexError) {
    pending.append(bytes)
    count += bytes.count
    if pending.count >= Self.chunk, let path {
      if file == nil { file = try IndexFileOutput.RawFile(path: path) }
      try file?.write(pending.bytes)
      pending = ByteWriter()
    }
  }

  /// Calls `body` with everything appended, mapped from the file when the buffer spilled.
  func withBytes(_ body: (UnsafeRawBufferPointer) -> Void) throws(IndexError) {
    guard let file, let path else {
      pending.bytes.withUnsafeBytes { body($0) }
      return
    }
    try file.write(pending.bytes)
    pending = ByteWriter()
    file.close()
    self.file = nil
    defer { unlink(path) }
    let mapped = try MappedFile(path: path)
    // The mapping must outlive `body`: released, it is unmapped.
    withExtendedLifetime(mapped) { body(mapped.bytes) }
  }

  /// Writes everything appended to `output`.
  func copy(into output: inout IndexFileOutput) throws(IndexError) {
    if let file, let path {
      file.close()
      self.file = nil
      defer { unlink(path) }
      let mapped = try MappedFile(path: path)
      let bytes = mapped.bytes
      var offset = 0
      while offset < bytes.count {
        let end = min(bytes.count, offset + Self.chunk)
        let piece = withExtendedLifetime(mapped) {
          Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
        }
        try output.write(piece)
        offset = end
      }
    }
    try output.write(pending.bytes)
    pending = ByteWriter()
  }
}
