import Foundation

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one folder under the temporary directory that holds every file and folder a test process
/// creates: `cancu-tests-<pid>`.
///
/// Tests remove what they create when they are done (their helpers do it in `deinit`), but a
/// fixture kept in a `static` is never released, and a run that is killed or crashes releases
/// nothing: hundreds of `cancu-graph-cli-…` and `cancu-search …` folders piled up in /tmp that
/// way. So everything goes in this folder, which is removed when the process exits, and each test
/// process first removes the folders of test processes that no longer exist. The folders of test
/// runs still going (another worktree, another engineer) are left alone: a folder is removed only
/// when its process is gone *and* nothing in it changed for half an hour (in case /tmp is shared
/// with a container whose processes this one cannot see).
public enum TestScratch {
  /// `<tmp>/cancu-tests-<pid>`, created on first use.
  public static let root: String = {
    let parent = temporaryDirectory
    removeFoldersOfEndedProcesses(in: parent)
    let root = parent + "/" + prefix + String(getpid())
    try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    atexit { TestScratch.remove(TestScratch.root) }
    return root
  }()

  /// A new path in ``root``, `<label> <UUID>` (a space, and the label's letters, on purpose:
  /// paths with spaces and Vietnamese must work). Nothing is created.
  public static func path(_ label: String) -> String {
    root + "/" + label + " " + UUID().uuidString
  }

  /// Writes `bytes` to the file at `path`, creating the folders on the way.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// Removes `path` and whatever is inside it, giving back permissions a test took away first.
  public static func remove(_ path: String) {
    if let names = FileManager.default.enumerator(atPath: path) {
      for case let name as String in names { chmod(path + "/" + name, 0o755) }
    }
    try? FileManager.default.removeItem(atPath: path)
  }

  private static let prefix = "cancu-tests-"

  private static var temporaryDirectory: String {
    var folder = NSTemporaryDirectory()
    while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    return folder
  }

  /// Removes the `cancu-tests-<pid>` folders in `parent` whose process is gone (killed,
  /// crashed) and that have not changed for half an hour.
  public static func removeFoldersOfEndedProcesses(in parent: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
    for name in names where name.hasPrefix(prefix) {
      guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, pid != getpid()
      else { continue }
      guard kill(pid, 0) == -1 && errno == ESRCH else { continue }
      let folder = parent + "/" + name
      let attributes = try? FileManager.default.attributesOfItem(atPath: folder)
      guard let changed = attributes?[.modificationDate] as? Date,
        changed.timeIntervalSinceNow < -30 * 60
      else { continue }
      remove(folder)
    }
  }
}
