import Foundation

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Runs a program and measures it as a user would feel it: wall time from spawn to exit, and the
/// peak resident memory the kernel reports for it (`wait4`'s `ru_maxrss`).
struct Subprocess {
  struct Outcome {
    var status: Int32
    var seconds: Double
    var peakMemoryBytes: Int
    var output: String
  }

  /// Runs `arguments[0]` (a path, or a name looked up in `PATH`) and waits for it. Standard output
  /// is captured through a temporary file when `captureOutput` is set and discarded otherwise, so
  /// a pipe never slows the measured program; standard error goes to `/dev/null`
  /// unless `showErrors`.
  static func run(
    _ arguments: [String], captureOutput: Bool = false, showErrors: Bool = false
  ) throws -> Outcome {
    guard let program = resolve(arguments[0]) else {
      throw BenchError("\(arguments[0]) is not installed")
    }
    let outputPath = captureOutput
      ? NSTemporaryDirectory() + "cancu-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      : "/dev/null"
    defer { if captureOutput { unlink(outputPath) } }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if !showErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }

    let argv = ([program] + arguments.dropFirst()).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let clock = Stopwatch()
    let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start \(program): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = clock.seconds
    let output = captureOutput ? (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" : ""
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Outcome(
      status: exitStatus, seconds: seconds, peakMemoryBytes: Int(usage.ru_maxrss) * 1024,
      output: output)
  }

  /// The full path of a program, or `nil` when it is not installed.
  static func resolve(_ name: String) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") where access("\(folder)/\(name)", X_OK) == 0 {
      return "\(folder)/\(name)"
    }
    return nil
  }

  /// Wall times of `runs` runs after `warmups` unmeasured ones.
  static func time(_ arguments: [String], runs: Int, warmups: Int = 2) throws -> Latencies {
    var latencies = Latencies()
    for run in 0..<(warmups + runs) {
      let outcome = try Self.run(arguments)
      guard outcome.status <= 1 else {
        throw BenchError("\(arguments.joined(separator: " ")) exited with \(outcome.status)")
      }
      if run >= warmups { latencies.add(outcome.seconds * 1000) }
    }
    return latencies
  }
}
