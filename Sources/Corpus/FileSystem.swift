#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform")
#endif

/// The few file-system calls the corpus needs, on libc so every failure keeps its `errno`.
package enum FileSystem {
  /// What `stat` says about a path.
  package struct Status: Hashable, Sendable {
    package var isDirectory: Bool
    package var isRegularFile: Bool
    package var isSymbolicLink: Bool
    package var size: Int
    /// Modification time in nanoseconds since 1970.
    package var modificationTime: Int64
    /// Device and inode: the identity of the file, for loop detection.
    package var device: UInt64
    package var inode: UInt64

    init(_ info: stat) {
      let type = info.st_mode & S_IFMT
      isDirectory = type == S_IFDIR
      isRegularFile = type == S_IFREG
      isSymbolicLink = type == S_IFLNK
      size = Int(info.st_size)
      modificationTime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
    }
  }

  /// An entry of a folder, as `readdir` gives it.
  package struct FolderEntry: Sendable {
    package var name: String
    /// `DT_REG`, `DT_DIR`, `DT_LNK`, or `DT_UNKNOWN` when the file system does not say.
    package var type: UInt8
    /// Whether `readdir` already says it is a regular file.
    package var isRegularFile: Bool { type == UInt8(DT_REG) }
  }

  /// An open folder, so its entries are looked at relative to it (`fstatat`) instead of the
  /// kernel walking the whole path again for each.
  package final class Folder: @unchecked Sendable {
    private let handle: OpaquePointer
    package let path: String

    package init(_ path: String) throws(CorpusError) {
      guard let handle = opendir(path) else {
        throw .io(path: path, operation: "open folder", errno: errno)
      }
      self.handle = handle
      self.path = path
    }

    deinit { closedir(handle) }

    /// The entries, without `.` and `..`, unsorted.
    package func entries() -> [FolderEntry] {
      var entries: [FolderEntry] = []
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          guard let base = raw.baseAddress else { return "" }
          let length = strnlen(base.assumingMemoryBound(to: CChar.self), raw.count)
          return String(decoding: UnsafeRawBufferPointer(start: base, count: length), as: UTF8.self)
        }
        if name != "." && name != ".." { entries.append(FolderEntry(name: name, type: entry.pointee.d_type)) }
      }
      return entries
    }

    /// `stat` of an entry (`lstat` unless `followLinks`).
    package func status(of name: String, followLinks: Bool = false) throws(CorpusError) -> Status {
      var info = stat()
      let flags = followLinks ? 0 : AT_SYMLINK_NOFOLLOW
      guard fstatat(dirfd(handle), name, &info, flags) == 0 else {
        throw .io(path: path + "/" + name, operation: "stat", errno: errno)
      }
      return Status(info)
    }
  }

  /// `stat` (following links) or `lstat`.
  package static func status(_ path: String, followLinks: Bool = true) throws(CorpusError)
    -> Status
  {
    var info = stat()
    let result = followLinks ? stat(path, &info) : lstat(path, &info)
    guard result == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
    return Status(info)
  }

  /// Whether anything exists at `path` (a dangling link counts).
  package static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// The canonical absolute path, links resolved.
  package static func realPath(_ path: String) throws(CorpusError) -> String {
    guard let resolved = realpath(path, nil) else {
      throw .io(path: path, operation: "resolve", errno: errno)
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The whole content of a file.
  ///
  /// - Parameter limit: Refuse files larger than this many bytes.
  package static func readFile(_ path: String, limit: Int = Int.max) throws(CorpusError)
    -> [UInt8]
  {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
    let expected = Int(info.st_size)
    guard expected <= limit else { throw .tooLarge(path: path, size: expected, limit: limit) }
    // One byte more than stat says, so the read that finds the end fits without growing; not
    // zero-filled first, as every byte kept is read into.
    var total = 0
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: max(expected, 0) + 1) { buffer, count in
      while total < buffer.count, let base = buffer.baseAddress {
        let got = read(fd, base + total, buffer.count - total)
        if got < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if got == 0 { break }
        total += got
      }
      count = total
    }
    if failure != 0 { throw .io(path: path, operation: "read", errno: failure) }
    // The end was found before the buffer filled: the usual case.
    if total < max(expected, 0) + 1 { return bytes }
    while true {
      if total == bytes.count {
        // The file grew, or stat gave 0 (a pipe, /proc): read on in chunks.
        guard bytes.count <= limit else {
          throw .tooLarge(path: path, size: bytes.count, limit: limit)
        }
        // A fresh zeroed array (memset), not an append element by element: that costs 20 ms
        // per file in a debug build.
        bytes += [UInt8](repeating: 0, count: max(65_536, bytes.count / 2))
      }
      let count = bytes.withUnsafeMutableBytes { raw in
        raw.baseAddress.map { read(fd, $0 + total, raw.count - total) } ?? 0
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "read", errno: errno)
      }
      if count == 0 { break }
      total += count
    }
    bytes.removeSubrange(total...)
    return bytes
  }
}
