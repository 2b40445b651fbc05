import Foundation
import SearchIndex
import Testing
import TestSupport

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A corpus of a few hundred files in two versions, A and B, with the clean index of each, and
/// the answers `cancu search` gives from each index while the corpus is at B. Every search after
/// a crash or during another `cancu index` must give one of the two answers, exactly.
private final class TwoVersions: @unchecked Sendable {
  let workspace: Workspace
  let indexA: Data
  let indexB: Data
  /// Query → (answer from index A, answer from index B), both with the corpus at version B.
  let answers: [(query: String, old: String, new: String)]
  static let queries = ["chung", "\"sửa đổi phiên bản hai\"", "moimarker"]

  struct SetupFailed: Error, CustomStringConvertible { var description: String }

  /// One instance for the whole suite (it runs serialized): the set-up is most of the work.
  /// A static is never released; its folder goes with the test process's scratch folder.
  static let shared = Result(catching: { () throws -> TwoVersions in
    try TwoVersions(root: TestScratch.path("cancu-reliability shared"))
  })

  init(files: Int = 240, root: String) throws {
    workspace = try Workspace(root: root)
    for k in 0..<files { try workspace.write(Self.name(k), Self.text(k, version: 0)) }
    let arguments = ["index", "--corpus", workspace.corpus, "--index", workspace.index]
    guard try Child(arguments).wait(seconds: 300).result.status == 0 else {
      throw SetupFailed(description: "index A")
    }
    indexA = try Data(contentsOf: URL(fileURLWithPath: workspace.indexFile))
    // Version B: a tenth changed, a twenty-fifth removed, thirty new files.
    for k in 0..<files {
      if k % 10 == 0 { try workspace.write(Self.name(k), Self.text(k, version: 1)) }
      if k % 25 == 1 { try workspace.remove(Self.name(k)) }
    }
    for k in 0..<30 { try workspace.write("mới/\(k) mới.txt", "moimarker chung \(k) văn bản mới\n") }
    guard try Child(arguments).wait(seconds: 300).result.status == 0 else {
      throw SetupFailed(description: "index B")
    }
    indexB = try Data(contentsOf: URL(fileURLWithPath: workspace.indexFile))
    guard indexA != indexB else { throw SetupFailed(description: "the same index twice") }
    var answers: [(String, String, String)] = []
    for query in Self.queries {
      try Self.publish(indexA, in: workspace)
      let old = workspace.run(Self.search(query))
      try Self.publish(indexB, in: workspace)
      let new = workspace.run(Self.search(query))
      guard old.errors.isEmpty && new.errors.isEmpty else {
        throw SetupFailed(description: old.errors + new.errors)
      }
      answers.append((query, old.output, new.output))
    }
    self.answers = answers
    guard answers.allSatisfy({ $0.1 != $0.2 }) else {
      throw SetupFailed(description: "every query must tell the versions apart")
    }
  }

  static func name(_ k: Int) -> String { "nhóm \(k % 7)/văn bản \(String(format: "%04d", k)).txt" }

  static func text(_ k: Int, version: Int) -> String {
    var text = "QUYẾT ĐỊNH số \(k)\nVề việc file\(String(format: "%04d", k))marker chung\n\n"
    for line in 0..<(8 + k % 9) {
      text += "Dòng \(line): thực hiện dân chủ ở cơ sở, Chỉ thị số 30-CT/TW; Đảng bộ tỉnh \(k * line).\n"
    }
    if version == 1 { text += "Nội dung sửa đổi phiên bản hai.\n" }
    return text
  }

  static func search(_ query: String) -> [String] {
    ["search", query, "--json", "--no-refresh", "--limit", "20"]
  }

  /// Puts an index file in place the way `cancu index` does: beside it, then a rename.
  static func publish(_ bytes: Data, in workspace: Workspace) throws {
    let temporary = workspace.index + "/test-publish"
    try bytes.write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, workspace.indexFile) == 0 else {
      throw SetupFailed(description: "cannot publish a test index")
    }
  }

  /// Which index the queries answered from, asked one after the other: "old", "new", "old→new"
  /// when the index was replaced between two of them, or a description of what went wrong.
  func answeredFrom() -> String {
    var sequence: [String] = []
    for (query, old, new) in answers {
      let result = workspace.run(Self.search(query))
      if !result.errors.isEmpty { return "error: \(result.errors)" }
      // Old and new give the same answer to some queries: the rest decide.
      if result.output == old && result.output == new { continue }
      let from: String
      if result.output == old {
        from = "old"
      } else if result.output == new {
        from = "new"
      } else {
        return "a third answer to \(query): \(result.output.prefix(300))"
      }
      if sequence.last != from { sequence.append(from) }
    }
    return sequence.joined(separator: "→")
  }

  var commandLine: [String] { ["--corpus", workspace.corpus, "--index", workspace.index] }
}

@Suite("Crash safety and concurrent use of the built cancu", .serialized)
struct CrashSafetyTests {
  /// SIGKILL at many points of `cancu index` (an update from A to B, or a rebuild): every search
  /// afterwards answers from the old index or the new one, never from a broken one.
  @Test(.timeLimit(.minutes(5)))
  func killingIndexAtAnyPointLeavesTheOldOrTheNewIndex() throws {
    let versions = try TwoVersions.shared.get()
    let workspace = versions.workspace
    // How long one update takes here, to spread the kills over it.
    try TwoVersions.publish(versions.indexA, in: workspace)
    let started = Date()
    let (clean, timedOut) = try Child(["index"] + versions.commandLine).wait(seconds: 120)
    let duration = Date().timeIntervalSince(started)
    #expect(!timedOut && clean.status == 0)
    #expect(versions.answeredFrom() == "new")

    var outcomes: [String: Int] = [:]
    var lastOld = 0.0
    var firstNew = duration * 2
    /// Kills an update (or a rebuild) after `delay` seconds and checks what the searches see.
    func kill(after delay: Double, rebuild: Bool) throws {
      try TwoVersions.publish(versions.indexA, in: workspace)
      let child = try Child(["index"] + (rebuild ? ["--rebuild"] : []) + versions.commandLine)
      usleep(useconds_t(delay * 1_000_000))
      child.kill9()
      let (result, _) = child.wait(seconds: 60)
      let from = versions.answeredFrom()
      #expect(from == "old" || from == "new", "after a kill at \(delay) s: \(from)")
      outcomes["\(result.status == 137 ? "killed" : "finished") → \(from)", default: 0] += 1
      if from == "old" { lastOld = max(lastOld, delay) }
      if from == "new" { firstNew = min(firstNew, delay) }
      try IndexReader(path: workspace.indexFile).verify()
    }
    // From the start to well past the clean duration (the load of the machine varies), then
    // closer together where old turned into new: around the publish.
    let kills = 10
    for k in 0..<kills { try kill(after: duration * 2 * Double(k) / Double(kills), rebuild: k % 3 == 2) }
    // On a loaded machine a later run can take more than twice the first: wait longer, up to
    // 16 times the first duration, until one kill comes after the publish.
    var late = duration * 2
    while !outcomes.keys.contains(where: { $0.hasSuffix("new") }), late < duration * 16 {
      late *= 2
      try kill(after: late, rebuild: false)
    }
    let (low, high) = (lastOld, max(lastOld, firstNew))
    for k in 1...4 { try kill(after: low + (high - low) * Double(k) / 5, rebuild: false) }
    #expect((outcomes["killed → old"] ?? 0) >= 3, "enough kills before the publish: \(outcomes)")
    #expect(outcomes.keys.contains { $0.hasSuffix("new") }, "and some after: \(outcomes)")
    // The next run finishes the job and clears the temporaries the killed ones left.
    #expect(workspace.run(["index"]).status == 0)
    #expect(versions.answeredFrom() == "new")
    let left = try FileManager.default.contentsOfDirectory(atPath: workspace.index)
    #expect(left.filter { $0.contains(".tmp-") }.isEmpty, "\(left)")
  }

  /// Searches running while `cancu index --rebuild` replaces the index always answer from a
  /// complete index: the one before or the one after.
  @Test(.timeLimit(.minutes(5)))
  func searchesDuringARebuildAnswerFromACompleteIndex() throws {
    let versions = try TwoVersions.shared.get()
    var during = 0
    var outcomes: Set<String> = []
    for _ in 0..<2 {
      try TwoVersions.publish(versions.indexA, in: versions.workspace)
      let child = try Child(["index", "--rebuild"] + versions.commandLine)
      while child.isRunning {
        let from = versions.answeredFrom()
        #expect(["old", "new", "old→new"].contains(from), "during a rebuild: \(from)")
        outcomes.insert(from)
        during += 1
      }
      #expect(child.wait(seconds: 60).result.status == 0)
      #expect(versions.answeredFrom() == "new")
    }
    #expect(during >= 3, "searches ran while the index was rebuilt")
    #expect(outcomes.contains("old"))
  }

  /// Two `cancu index` at once: the second waits for the first (a lock), then finds nothing left
  /// to do. Interleaved, both would index the same changes.
  @Test(.timeLimit(.minutes(5)))
  func twoIndexRunsAtOnceTakeTurns() throws {
    let versions = try TwoVersions.shared.get()
    for _ in 0..<2 {
      try TwoVersions.publish(versions.indexA, in: versions.workspace)
      let first = try Child(["index"] + versions.commandLine)
      let second = try Child(["index"] + versions.commandLine)
      let results = [first.wait(seconds: 120).result, second.wait(seconds: 120).result]
      #expect(results.map(\.status) == [0, 0], "\(results.map(\.errors))")
      let idle = results.filter { $0.output.contains("; 0 new, 0 changed, 0 removed,") }
      #expect(idle.count == 1, "exactly one of them did the work: \(results.map(\.output))")
      #expect(versions.answeredFrom() == "new")
    }
  }

  /// While another process holds the index lock, `cancu index` waits, and writes nothing.
  @Test(.timeLimit(.minutes(2)))
  func indexWaitsForTheLock() throws {
    let versions = try TwoVersions.shared.get()
    let workspace = versions.workspace
    try TwoVersions.publish(versions.indexA, in: workspace)
    let lock = open(workspace.index + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let child = try Child(["index"] + versions.commandLine)
    usleep(1_500_000)
    #expect(child.isRunning, "cancu index must wait while the index is locked")
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.indexFile)) == versions.indexA)
    close(lock)
    let (result, timedOut) = child.wait(seconds: 60)
    #expect(!timedOut && result.status == 0)
    #expect(versions.answeredFrom() == "new")
  }
}
