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
  /// FNV-1a hash of the file's bytes: a touched but unchanged file is not re-indexed.
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

/// FNV-1a, 64 bits: a fast content fingerprint for the manifest (not a security hash).
package func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
  return hash
}
