#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform")
#endif

/// A read-only memory mapping of a whole file; unmapped in `deinit`.
///
/// Queries map the index and touch only the pages they read: the term dictionary's binary search
/// and the postings of the query's terms. A file replaced by a rename while mapped stays valid:
/// the mapping keeps the old inode.
public final class MappedFile: @unchecked Sendable {
  /// The mapped bytes; never outlives `self`.
  public let bytes: UnsafeRawBufferPointer

  /// Maps the file at `path`.
  public init(path: String) throws(IndexError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENOENT { throw .missing(path: path) }
      throw .io(path: path, operation: "open", errno: errno)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
    let count = Int(info.st_size)
    guard count > 0 else {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      throw .io(path: path, operation: "map", errno: errno)
    }
    bytes = UnsafeRawBufferPointer(start: base, count: count)
  }

  /// Lets the pages before `offset` go from memory (`MADV_DONTNEED`): a build reads its
  /// temporary files front to back, and what it has passed is read again from the file if
  /// ever needed.
  func release(before offset: Int) {
    guard let base = bytes.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = min(offset, bytes.count) / page * page
    if length > 0 { madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED) }
  }

  deinit {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }
}
