public import Corpus

/// What the index keeps of one document: the manifest fields that tell whether the file changed,
/// its length for ranking, and its summary (identities and citations) for the graph.
public struct StoredDocument: Hashable, Sendable {
  /// The path shown to users (corpus folder + relative path).
  public var path: String
  /// The path inside the corpus folder: the manifest key.
  public var relativePath: String
  /// Size in bytes when indexed.
  public var size: Int
  /// Modification time when indexed, nanoseconds since 1970.
  public var modificationTime: Int64
  /// ``contentHash(_:)`` of the file's bytes: a touched but unchanged file is not re-indexed.
  public var contentHash: UInt64
  /// Number of tokens.
  public var tokenCount: Int
  /// Identities and citations.
  public var summary: DocumentSummary

  /// Creates a stored document.
  public init(
    path: String, relativePath: String, size: Int, modificationTime: Int64, contentHash: UInt64,
    tokenCount: Int, summary: DocumentSummary
  ) {
    self.path = path
    self.relativePath = relativePath
    self.size = size
    self.modificationTime = modificationTime
    self.contentHash = contentHash
    self.tokenCount = tokenCount
    self.summary = summary
  }
}

/// A file of the corpus that was not indexed, remembered so it is not re-read until it changes.
public struct SkippedFile: Hashable, Sendable {
  /// The path inside the corpus folder.
  public var relativePath: String
  /// Size when last tried.
  public var size: Int
  /// Modification time when last tried.
  public var modificationTime: Int64
  /// Why it was skipped, as shown to the user.
  public var reason: String

  /// Creates a skipped-file entry.
  public init(relativePath: String, size: Int, modificationTime: Int64, reason: String) {
    self.relativePath = relativePath
    self.size = size
    self.modificationTime = modificationTime
    self.reason = reason
  }
}

/// A file's content fingerprint (``StoredDocument/contentHash``): whether a touched file still
/// has the bytes it was indexed with, and whether a file quoted by a graph command is the one
/// indexed. Not a security hash.
///
/// Four independent 64-bit lanes over 32-byte stripes (multiply, rotate, multiply, as in
/// xxHash64's rounds), folded together with the length and the tail: a byte-at-a-time FNV-1a is
/// a chain of dependent multiplies, about four cycles a byte, and `cited-by` hashes every citing
/// file.
package func contentHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
  let p1: UInt64 = 0x9E37_79B1_85EB_CA87
  let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  @inline(__always) func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
    let mixed = lane &+ word &* p2
    return ((mixed << 31) | (mixed >> 33)) &* p1
  }
  @inline(__always) func word(_ offset: Int) -> UInt64 {
    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }
  let n = bytes.count
  var lanes: (UInt64, UInt64, UInt64, UInt64) = (p1 &+ p2, p2, 0, 0 &- p1)
  var i = 0
  while i &+ 32 <= n {
    lanes.0 = round(lanes.0, word(i))
    lanes.1 = round(lanes.1, word(i &+ 8))
    lanes.2 = round(lanes.2, word(i &+ 16))
    lanes.3 = round(lanes.3, word(i &+ 24))
    i &+= 32
  }
  var hash = UInt64(n)
  for lane in [lanes.0, lanes.1, lanes.2, lanes.3] {
    hash = (hash ^ round(0, lane)) &* p1 &+ p2
  }
  while i &+ 8 <= n {
    hash = (hash ^ round(0, word(i))) &* p1 &+ p2
    i &+= 8
  }
  while i < n {
    hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
    i &+= 1
  }
  // Final avalanche, so the tail's bytes reach every bit.
  hash ^= hash >> 33
  hash &*= p2
  hash ^= hash >> 29
  return hash
}

/// FNV-1a, 64 bits: for short keys.
package func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
  return hash
}
