import CancuCLI
import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// MARK: - Workspaces

/// A corpus folder and an index folder in the test process's scratch folder (names with spaces
/// and Vietnamese letters), removed when dropped.
final class Workspace: @unchecked Sendable {
  let root: String
  var corpus: String { root + "/kho văn bản" }
  var index: String { root + "/chỉ mục" }
  var indexFile: String { index + "/cancu.index" }

  init(root: String = TestScratch.path("cancu-reliability")) throws {
    self.root = root
    try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
  }

  deinit { TestScratch.remove(root) }  // gives back permissions a test took away first

  /// The absolute path of a corpus file.
  func path(_ relative: String) -> String { corpus + "/" + relative }

  func write(_ relative: String, bytes: [UInt8]) throws {
    try TestScratch.write(bytes, to: path(relative))
  }

  func write(_ relative: String, _ text: String) throws {
    try write(relative, bytes: Array(text.utf8))
  }

  func remove(_ relative: String) throws {
    try FileManager.default.removeItem(atPath: path(relative))
  }

  /// `cancu` in-process, with this workspace's `--corpus` and `--index`.
  func run(_ arguments: [String]) -> CommandResult {
    runCancu(arguments + ["--corpus", corpus, "--index", index])
  }
}

/// What a `cancu` command line did.
struct CommandResult: Sendable {
  var status: Int32
  var output: String
  var errors: String

  /// The lines of stderr.
  var errorLines: [Substring] { errors.split(separator: "\n", omittingEmptySubsequences: true) }
}

/// Runs `cancu` in-process with string streams.
func runCancu(_ arguments: [String]) -> CommandResult {
  var output = ""
  var errors = ""
  let status = Runner().run(arguments, output: &output, errors: &errors)
  return CommandResult(status: status.rawValue, output: output, errors: errors)
}

/// The JSON objects of JSON Lines output.
func jsonLines(_ output: String) throws -> [[String: Any]] {
  try output.split(separator: "\n").map { line in
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any], "not an object: \(line)")
  }
}

/// The `file` of every result of `cancu search --json` (or cited-by), in order.
func files(_ output: String) throws -> [String] {
  try jsonLines(output).map { try #require($0["file"] as? String) }
}

/// The package's root folder, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

// MARK: - The built executable

/// The `cancu` executable built beside this test bundle (`.build/debug/cancu`; CI runs
/// `swift build` before `swift test`, and `swift test` builds it too).
enum Executable {
  static let path: String? = {
    var candidates: [String] = []
    if let bundle = Bundle.main.executablePath {
      candidates.append(URL(fileURLWithPath: bundle).deletingLastPathComponent().path + "/cancu")
    }
    candidates.append(packageRoot.path + "/.build/debug/cancu")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// The executable, or a test failure saying how to get it.
  static func require() throws -> String {
    try #require(path, "no built cancu beside the tests: run `swift build` first")
  }
}

/// A `cancu` child process; its stdout and stderr go to files so a full pipe never blocks it.
final class Child: @unchecked Sendable {
  let process = Process()
  private let outputFile: String
  private let errorFile: String

  init(_ arguments: [String], environment: [String: String]? = nil, prefix: [String] = [])
    throws
  {
    let binary = try Executable.require()
    let base = TestScratch.path("cancu-child")
    outputFile = base + ".out"
    errorFile = base + ".err"
    _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
    // Niced, so the heavy children of these tests do not starve the rest of the suite (whose
    // tests have time limits) on a small machine.
    let command = Self.nice + prefix + [binary] + arguments
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    if let environment { process.environment = environment }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
    try process.run()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    unlink(outputFile)
    unlink(errorFile)
  }

  private static let nice: [String] =
    ["/usr/bin/nice", "/bin/nice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    .map { [$0, "-n", "15"] } ?? []

  var isRunning: Bool { process.isRunning }

  func kill9() { kill(process.processIdentifier, SIGKILL) }

  /// Waits for the child; kills it after `seconds`, and then `timedOut` is true.
  func wait(seconds: Double) -> (result: CommandResult, timedOut: Bool) {
    let deadline = Date().addingTimeInterval(seconds)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        kill9()
        timedOut = true
        break
      }
      usleep(5_000)
    }
    process.waitUntilExit()
    let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
    let status =
      process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus
      : process.terminationStatus
    return (CommandResult(status: status, output: output, errors: errors), timedOut)
  }
}


/// Sizes of the large inputs. The full sizes (a 50 MB line, 1,000,000 citations) take
/// minutes in a debug build, so `swift test` runs smaller ones (2 MB, 50,000 citations) that still
/// take many minutes if the work per line or per citation grows with the line (the bug that was here);
/// set `CANCU_RELIABILITY_FULL=1` for the full sizes.
enum LargeInput {
  static let full = ProcessInfo.processInfo.environment["CANCU_RELIABILITY_FULL"] == "1"
  static let lineBytes = full ? 50 << 20 : 2 << 20
  static let citations = full ? 1_000_000 : 50_000
  /// How long `cancu index` may take on them before the test calls it a hang.
  static let deadline: Double = full ? 900 : 120
}
