#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// With `CANCU_TRACE=1` in the environment, `cancu index` writes each phase of a build to stderr
/// with the seconds since the start and the resident memory: how the memory budget was checked.
enum BuildTrace {
  static let enabled = getenv("CANCU_TRACE") != nil
  /// When the first phase was marked (``IndexUpdater/update(rebuild:waiting:progress:)`` marks
  /// its start).
  nonisolated(unsafe) private static var start: Double?

  static func mark(_ phase: @autoclosure () -> String) {
    guard enabled else { return }
    let now = IndexFiles.now()
    let origin = start ?? now
    start = origin
    let line = "cancu trace: \(format(now - origin)) s  \(residentMiB()) MiB  \(phase())\n"
    _ = line.withCString { fputs($0, stderr) }
  }

  private static func format(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// The resident set size, from `/proc/self/statm` (0 where there is none).
  private static func residentMiB() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return 0 }
    let line = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
  }
}
