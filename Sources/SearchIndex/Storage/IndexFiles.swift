#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform")
#endif

/// The file operations of publishing an index: lock, write beside, fsync, rename.
package enum IndexFiles {
  /// Creates the index folder if needed.
  package static func makeFolder(_ path: String) throws(IndexError) {
    if mkdir(path, 0o755) != 0, errno != EEXIST {
      throw .io(path: path, operation: "create folder", errno: errno)
    }
  }

  /// Takes the index folder's lock, waiting for another `cancu index` to finish.
  ///
  /// - Returns: The lock's file descriptor; closing it releases the lock.
  package static func lock(folder: String, waiting: () -> Void) throws(IndexError) -> Int32 {
    let path = folder + "/.lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: path, operation: "open lock", errno: errno) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK else {
        close(fd)
        throw .io(path: path, operation: "lock", errno: errno)
      }
      waiting()
      while flock(fd, LOCK_EX) != 0 {
        guard errno == EINTR else {
          close(fd)
          throw .io(path: path, operation: "lock", errno: errno)
        }
      }
    }
    return fd
  }

  /// Releases a lock taken by ``lock(folder:waiting:)``.
  package static func unlock(_ fd: Int32) { close(fd) }

  /// Publishes a written and synced temporary file as the index: a rename, then the folder
  /// synced. Readers see the old file or the new one, never a part.
  package static func publish(temporary: String, to path: String, folder: String) throws(IndexError) {
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw .io(path: path, operation: "rename", errno: code)
    }
    let folderFD = open(folder, O_RDONLY | O_CLOEXEC)
    if folderFD >= 0 {
      fsync(folderFD)
      close(folderFD)
    }
  }

  /// A temporary file name beside the index, removed by ``removeStaleTemporaries(folder:)`` if
  /// the build that made it dies.
  package static func temporary(_ path: String, _ suffix: String = "") -> String {
    path + ".tmp-\(getpid())" + suffix
  }

  /// Removes temporary files left by a killed `cancu index` (only while holding the lock).
  package static func removeStaleTemporaries(folder: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    var stale: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name.hasPrefix(IndexFormat.fileName + ".tmp-") { stale.append(name) }
    }
    for name in stale { unlink(folder + "/" + name) }
  }

  /// Seconds on a monotonic clock.
  package static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// Writes an index file section by section (``IndexFormat``), to a temporary file or to memory,
/// so that a build never holds the whole file: the header and section table, which come first in
/// the file, are written last, over the space kept for them.
package struct IndexFileOutput {
  private let file: RawFile?
  private var pending = ByteWriter()
  private var written = 0
  private var entries: [(id: UInt32, offset: Int, length: Int, crc: UInt32)] = []
  private var current: (id: UInt32, start: Int, crc: UInt32)?
  private let sectionCount: Int
  private var memory: [UInt8] = []

  /// Bytes buffered before a write to the file.
  private static let chunk = 4 << 20

  private var headerLength: Int {
    IndexFormat.headerSize + sectionCount * IndexFormat.sectionEntrySize + 4
  }

  /// Output to a new file at `path` (a temporary beside the index).
  package init(path: String, sectionCount: Int) throws(IndexError) {
    file = try RawFile(path: path)
    self.sectionCount = sectionCount
    pending.append([UInt8](repeating: 0, count: headerLength))
  }

  /// Output to memory.
  package init(sectionCount: Int) {
    file = nil
    self.sectionCount = sectionCount
    pending.append([UInt8](repeating: 0, count: headerLength))
  }

  /// Where the next byte goes.
  package var offset: Int { written + pending.count }

  package mutating func begin(_ section: IndexFormat.Section) {
    precondition(current == nil, "a section is open")
    current = (section.rawValue, offset, 0)
  }

  package mutating func write(_ bytes: [UInt8]) throws(IndexError) {
    guard let open = current else { preconditionFailure("no section is open") }
    current = (open.id, open.start, Checksum.crc32(bytes, continuing: open.crc))
    pending.append(bytes)
    if pending.count >= Self.chunk { try flush() }
  }

  package mutating func end() {
    guard let open = current else { preconditionFailure("no section is open") }
    entries.append((open.id, open.start, offset - open.start, open.crc))
    current = nil
  }

  /// Writes one whole section.
  package mutating func section(_ section: IndexFormat.Section, _ bytes: [UInt8]) throws(IndexError) {
    begin(section)
    try write(bytes)
    end()
  }

  private mutating func flush() throws(IndexError) {
    if let file { try file.write(pending.bytes) } else { memory.append(contentsOf: pending.bytes) }
    written += pending.count
    pending = ByteWriter()
  }

  /// Writes the header and section table and syncs the file; returns the bytes when the output
  /// is memory. The file stays open until ``close()``.
  package mutating func finish() throws(IndexError) -> [UInt8] {
    precondition(entries.count == sectionCount, "\(entries.count) sections written of \(sectionCount)")
    try flush()
    var header = ByteWriter()
    header.append(IndexFormat.magic)
    header.uint16(IndexFormat.version)
    header.uint16(0)
    header.uint32(UInt32(sectionCount))
    header.uint32(0)
    for entry in entries {
      header.uint32(entry.id)
      header.uint64(UInt64(entry.offset))
      header.uint64(UInt64(entry.length))
      header.uint32(entry.crc)
    }
    header.uint32(Checksum.crc32(header.bytes))
    guard let file else {
      memory.replaceSubrange(0..<header.count, with: header.bytes)
      return memory
    }
    try file.write(header.bytes, at: 0)
    try file.sync()
    return []
  }

  /// Closes the file.
  package func close() { file?.close() }

  /// A file written front to back with `write(2)`: the index being built, and a build's segments.
  package struct RawFile {
    let fd: Int32
    let path: String

    /// Creates (or truncates) the file at `path`.
    package init(path: String) throws(IndexError) {
      fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      self.path = path
      guard fd >= 0 else { throw .io(path: path, operation: "create", errno: errno) }
    }

    /// Appends `bytes`, or writes them at `offset`.
    package func write(_ bytes: [UInt8], at offset: Int? = nil) throws(IndexError) {
      let failure: IndexError? = bytes.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count, let base = raw.baseAddress {
          let count =
            offset.map { pwrite(fd, base + done, raw.count - done, off_t($0 + done)) }
            ?? posixWrite(fd, base + done, raw.count - done)
          if count < 0 {
            if errno == EINTR { continue }
            return .io(path: path, operation: "write", errno: errno)
          }
          done += count
        }
        return nil
      }
      if let failure { throw failure }
    }

    package func sync() throws(IndexError) {
      guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }

    package func close() { posixClose(fd) }
  }
}

/// `write(2)` and `close(2)`, named apart from the methods of the types above.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func posixClose(_ fd: Int32) { close(fd) }
