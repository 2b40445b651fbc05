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

  /// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync of the
  /// folder. Readers see the old file or the new one, never a part.
  package static func publish(_ bytes: [UInt8], to path: String, folder: String) throws(IndexError) {
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: temporary, operation: "create", errno: errno) }
    var offset = 0
    let failure: IndexError? = bytes.withUnsafeBytes { raw in
      while offset < raw.count, let base = raw.baseAddress {
        let written = write(fd, base + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return .io(path: temporary, operation: "write", errno: errno)
        }
        offset += written
      }
      return fsync(fd) == 0 ? nil : .io(path: temporary, operation: "fsync", errno: errno)
    }
    close(fd)
    if let failure {
      unlink(temporary)
      throw failure
    }
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
