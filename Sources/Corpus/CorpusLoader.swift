import Dispatch
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
    let (listing, warnings) = try self.listing()
    return (listing.sortedByPath().files(root: root), warnings)
  }

  /// Lists the documents of the corpus compactly, in the order the folders give them: what the
  /// freshness check before every query compares with the index. The same files as ``files()``.
  public func listing() throws(CorpusError) -> (listing: CorpusListing, warnings: [CorpusError]) {
    guard FileSystem.exists(root) else { throw .missingFolder(path: root) }
    let status = try FileSystem.status(root)
    guard status.isDirectory else { throw .notAFolder(path: root) }
    let realRoot = try FileSystem.realPath(root)
    var walk = Walk(
      root: root, realRoot: realRoot, visited: [FolderIdentity(status)])
    walk.visit(folder: [])
    return (walk.listing, walk.warnings)
  }

  /// Reads one listed file.
  public func load(_ file: CorpusFile) -> Result<Document, CorpusError> {
    Document.read(path: file.path, maximumSize: maximumFileSize)
  }

  /// Whether a file name is a corpus document: `.txt` or `.md`, any case.
  public static func isDocumentName(_ name: String) -> Bool {
    // On the bytes: this runs for every file of the corpus before every query.
    var name = name
    return name.withUTF8 { b in
      let n = b.count
      if n >= 4, b[n - 4] == 0x2E, b[n - 3] | 0x20 == 0x74, b[n - 2] | 0x20 == 0x78,
        b[n - 1] | 0x20 == 0x74
      {
        return true  // .txt
      }
      return n >= 3 && b[n - 3] == 0x2E && b[n - 2] | 0x20 == 0x6D && b[n - 1] | 0x20 == 0x64  // .md
    }
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
  var listing = CorpusListing()
  var warnings: [CorpusError] = []

  init(root: String, realRoot: String, visited: Set<FolderIdentity>) {
    self.root = root
    self.realRoot = realRoot
    self.visited = visited
  }

  /// Lists the folder at `relative` (UTF-8 bytes, empty for the corpus itself) and below.
  mutating func visit(folder relative: [UInt8]) {
    let folderPath = relative.isEmpty ? root : root + "/" + String(decoding: relative, as: UTF8.self)
    let folder: FileSystem.Folder
    do {
      folder = try FileSystem.Folder(folderPath)
    } catch {
      warnings.append(error)
      return
    }
    // A hidden entry, or a regular file that is not a document, needs no stat at all.
    let entries = folder.entries().filter { entry in
      !entry.name.hasPrefix(".") && !(entry.isRegularFile && !CorpusLoader.isDocumentName(entry.name))
    }
    let statuses = Self.statuses(of: entries, in: folder)
    for (entry, result) in zip(entries, statuses) {
      let name = entry.name
      // Strings for the rare entries that need one: links, folders, warnings.
      var path: String { folderPath + "/" + name }
      do {
        var status = try result.get()
        if status.isSymbolicLink {
          let target = try FileSystem.realPath(path)
          status = try folder.status(of: name, followLinks: true)
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
          visit(folder: relative.isEmpty ? Array(name.utf8) : relative + [0x2F] + Array(name.utf8))
        } else if status.isRegularFile, CorpusLoader.isDocumentName(name) {
          listing.append(
            folder: relative, name: name, size: status.size, modificationTime: status.modificationTime)
        }
      } catch {
        warnings.append(error)
      }
    }
  }

  /// `lstat` of every entry; a large folder is split between the cores, since a query checks
  /// every file of the corpus before it answers. (`fstatat` on one open folder is thread-safe;
  /// `readdir` is done before.)
  private static func statuses(of entries: [FileSystem.FolderEntry], in folder: FileSystem.Folder)
    -> [Result<FileSystem.Status, CorpusError>]
  {
    @Sendable func status(_ index: Int) -> Result<FileSystem.Status, CorpusError> {
      Result { () throws(CorpusError) in try folder.status(of: entries[index].name) }
    }
    let parts = entries.count >= 512 ? 4 : 1
    guard parts > 1 else { return entries.indices.map(status) }
    let results = UnsafeMutableBufferPointer<Result<FileSystem.Status, CorpusError>?>
      .allocate(capacity: entries.count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    nonisolated(unsafe) let slots = results  // each index written by one worker only
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let range = (entries.count * part / parts)..<(entries.count * (part + 1) / parts)
      for index in range { slots[index] = status(index) }
    }
    return results.map { $0! }
  }
}
