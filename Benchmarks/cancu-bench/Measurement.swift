import Foundation

/// Wall-clock time from a monotonic clock.
struct Stopwatch {
  private let start = DispatchTime.now().uptimeNanoseconds

  var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
  var milliseconds: Double { seconds * 1000 }
}

/// The CPU time of the calling thread: on a machine shared with other work, the measured code's
/// own time, not the time it waited for a core.
func threadSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A failure of the benchmark itself, in one sentence.
struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Latency samples, in milliseconds.
struct Latencies {
  private(set) var samples: [Double] = []

  mutating func add(_ milliseconds: Double) { samples.append(milliseconds) }
  mutating func add(_ other: Latencies) { samples += other.samples }

  /// The `p`-th percentile (nearest rank), or `nil` with no samples.
  func percentile(_ p: Double) -> Double? {
    guard !samples.isEmpty else { return nil }
    let sorted = samples.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[rank.clamped(to: 0...(sorted.count - 1))]
  }

  var p50: Double? { percentile(50) }
  var p99: Double? { percentile(99) }
  var mean: Double? { samples.isEmpty ? nil : samples.reduce(0, +) / Double(samples.count) }
}

/// Sizes of files and folders on disk.
enum DiskUsage {
  /// The bytes of every regular file under `path` (or of `path` itself).
  static func bytes(at path: String) -> Int {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { return 0 }
    guard isFolder.boolValue else { return fileSize(path) }
    var total = 0
    for case let name as String in manager.enumerator(atPath: path) ?? NSEnumerator() {
      total += fileSize(path + "/" + name)
    }
    return total
  }

  private static func fileSize(_ path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
    return Int(info.st_size)
  }
}
