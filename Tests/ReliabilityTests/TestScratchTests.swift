import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The tests' own temporary folders: nothing is left in /tmp after a run, even a killed one.
@Suite("Test scratch folder")
struct TestScratchTests {
  @Test func pathsAreInsideTheProcessFolder() {
    let path = TestScratch.path("cancu-search chỉ mục")
    #expect(path.hasPrefix(TestScratch.root + "/cancu-search chỉ mục "))
    #expect(TestScratch.root.hasSuffix("/cancu-tests-\(getpid())"))
    #expect(FileManager.default.fileExists(atPath: TestScratch.root))
  }

  @Test func removesFoldersOfEndedRunsOnly() throws {
    let parent = TestScratch.path("sweep")
    defer { TestScratch.remove(parent) }
    // Above Linux's largest pid (2^22): a process that cannot exist.
    let gone = "cancu-tests-\(1 << 22 + 1)"
    let goneRecently = "cancu-tests-\(1 << 22 + 2)"
    let running = "cancu-tests-\(getppid())"
    let other = "cancu-other-\(1 << 22 + 1)"
    for name in [gone, goneRecently, running, other] {
      try FileManager.default.createDirectory(
        atPath: parent + "/" + name + "/chỉ mục", withIntermediateDirectories: true)
    }
    let hourAgo = Date(timeIntervalSinceNow: -3600)
    for name in [gone, running, other] {
      try FileManager.default.setAttributes(
        [.modificationDate: hourAgo], ofItemAtPath: parent + "/" + name)
    }
    TestScratch.removeFoldersOfEndedProcesses(in: parent)
    let left = try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
    #expect(left == [other, goneRecently, running].sorted())
  }
}
