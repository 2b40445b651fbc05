/// Finds and reads the documents of a corpus folder.
///
/// Every `.txt` and `.md` file below the folder is a document, found recursively, in a stable
/// order (byte order of the relative path) so every run numbers and lists them the same way.
/// Hidden files and folders (a leading `.`) are skipped. Symbolic links are followed only while
/// they stay inside the corpus folder and do not loop.
///
/// A file that cannot be read or is not UTF-8 text becomes a warning (``CorpusError``) and the
/// others load: one bad file never costs the rest of the corpus.
public struct CorpusLoader: Sendable {
  /// The largest file read by default: 1 GiB.
  public static let defaultMaximumFileSize = 1 << 30

  /// The corpus folder, as given (shown in paths).
  public let root: String
  /// Files larger than this are skipped with a warning.
  public var maximumFileSize: Int

  /// A loader for the folder at `root`.
  public init(root: String, maximumFileSize: Int = CorpusLoader.defaultMaximumFileSize) {
    var root = root
    while root.count > 1, root.hasSuffix("/") { root.removeLast() }
    if root.hasPrefix("./"), root.count > 2 { root.removeFirst(2) }
    self.root = root
    self.maximumFileSize = maximumFileSize
  }

  /// Lists the documents of the corpus, sorted by relative path.
  ///
  /// - Returns: The files, and a warning for every entry that was passed over (a link leaving the
  ///   folder, a folder that cannot be opened).
  /// - Throws: ``CorpusError/missingFolder(path:)`` or ``CorpusError/notAFolder(path:)`` when the
  ///   corpus itself is not there.
  public func files() throws(CorpusError) -> (files: [CorpusFile], warnings: [CorpusError]) {
    guard FileSystem.exists(root) else { throw .missingFolder(path: root) }
    let status = try FileSystem.status(root)
    guard status.isDirectory else { throw .notAFolder(path: root) }
    let realRoot = try FileSystem.realPath(root)
    var walk = Walk(
      root: root, realRoot: realRoot, visited: [FolderIdentity(status)])
    walk.visit(folder: "")
    walk.files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
    return (walk.files, walk.warnings)
  }

  /// Reads one listed file.
  public func load(_ file: CorpusFile) -> Result<Document, CorpusError> {
    Document.read(path: file.path, maximumSize: maximumFileSize)
  }

  /// Whether a file name is a corpus document: `.txt` or `.md`, any case.
  public static func isDocumentName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasSuffix(".txt") || lower.hasSuffix(".md")
  }
}

private struct FolderIdentity: Hashable {
  var device: UInt64
  var inode: UInt64
  init(_ status: FileSystem.Status) {
    device = status.device
    inode = status.inode
  }
}

/// The recursive walk behind ``CorpusLoader/files()``.
private struct Walk {
  let root: String
  let realRoot: String
  var visited: Set<FolderIdentity>
  var files: [CorpusFile] = []
  var warnings: [CorpusError] = []

  init(root: String, realRoot: String, visited: Set<FolderIdentity>) {
    self.root = root
    self.realRoot = realRoot
    self.visited = visited
  }

  mutating func visit(folder relative: String) {
    let folderPath = relative.isEmpty ? root : root + "/" + relative
    let names: [String]
    do {
      names = try FileSystem.contents(ofDirectory: folderPath)
    } catch {
      warnings.append(error)
      return
    }
    for name in names where !name.hasPrefix(".") {
      let childRelative = relative.isEmpty ? name : relative + "/" + name
      let path = root + "/" + childRelative
      do {
        var status = try FileSystem.status(path, followLinks: false)
        if status.isSymbolicLink {
          let target = try FileSystem.realPath(path)
          status = try FileSystem.status(path)
          guard target == realRoot || target.hasPrefix(realRoot + "/") else {
            // Only links that would have been read deserve a warning.
            if status.isDirectory || CorpusLoader.isDocumentName(name) {
              warnings.append(.linkNotFollowed(path: path, reason: "it leads outside the corpus"))
            }
            continue
          }
        }
        if status.isDirectory {
          guard visited.insert(FolderIdentity(status)).inserted else {
            warnings.append(.linkNotFollowed(path: path, reason: "it loops back to a folder already read"))
            continue
          }
          visit(folder: childRelative)
        } else if status.isRegularFile, CorpusLoader.isDocumentName(name) {
          files.append(
            CorpusFile(
              path: path, relativePath: childRelative, size: status.size,
              modificationTime: status.modificationTime))
        }
      } catch {
        warnings.append(error)
      }
    }
  }
}
