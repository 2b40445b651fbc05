/// A text file of the corpus, as listed: where it is and what `stat` said of it.
///
/// Size and modification time let the index tell changed files from unchanged ones without
/// reading them.
public struct CorpusFile: Hashable, Sendable {
  /// The path shown to users and written in results: the corpus folder joined with
  /// ``relativePath`` (`corpus/002_c2006f905afa915a.txt`).
  public var path: String
  /// The path inside the corpus folder.
  public var relativePath: String
  /// The size in bytes when listed.
  public var size: Int
  /// The modification time when listed, in nanoseconds since 1970.
  public var modificationTime: Int64

  /// Creates a file entry.
  public init(path: String, relativePath: String, size: Int, modificationTime: Int64) {
    self.path = path
    self.relativePath = relativePath
    self.size = size
    self.modificationTime = modificationTime
  }
}
