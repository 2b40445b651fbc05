#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `-o FILE` output.
enum FileOutput {
  /// Writes `text` to `path`; `false` when the file cannot be created or written.
  static func write(_ text: String, to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var stream = FileDescriptorStream(descriptor: fd)
    stream.write(text)
    return true
  }
}
