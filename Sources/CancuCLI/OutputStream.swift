#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform")
#endif

/// A `TextOutputStream` on a file descriptor, written with `write(2)` in a loop so short writes
/// and `EINTR` never lose output. A closed pipe (`cancu search … | head`) ends the writes quietly.
public struct FileDescriptorStream: TextOutputStream, Sendable {
  /// The descriptor written to.
  public let descriptor: Int32

  /// Standard output.
  public static var standardOutput: FileDescriptorStream { FileDescriptorStream(descriptor: 1) }
  /// Standard error.
  public static var standardError: FileDescriptorStream { FileDescriptorStream(descriptor: 2) }

  /// A stream on `descriptor`.
  public init(descriptor: Int32) { self.descriptor = descriptor }

  public mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count, let base = bytes.baseAddress {
        let written = systemWrite(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return  // EPIPE and the like: nobody is reading any more
        }
        offset += written
      }
    }
  }

  /// Whether the descriptor is a terminal (colour and progress only then).
  public var isTerminal: Bool { isatty(descriptor) == 1 }

  /// Ignores SIGPIPE so a closed pipe is a write error, not a kill.
  public static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

  /// The value of an environment variable.
  public static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}

/// `write(2)`, named apart from ``FileDescriptorStream/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
