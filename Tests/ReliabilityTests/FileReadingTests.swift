import Corpus
import Foundation
import Testing

/// Reading a file: exactly `limit` bytes is within the limit, one more is not, and a file whose
/// size `stat` does not know (/proc) is read to its end.
@Suite("Reading corpus files")
struct FileReadingTests {
  @Test func aFileOfExactlyTheLimitIsRead() throws {
    let workspace = try Workspace()
    try workspace.write("mười.txt", "0123456789")
    try workspace.write("mười một.txt", "0123456789a")
    let loader = CorpusLoader(root: workspace.corpus, maximumFileSize: 10)
    let files = try loader.files().files
    let exact = try #require(files.first { $0.relativePath == "mười.txt" })
    #expect(try loader.load(exact).get().text == "0123456789")
    let over = try #require(files.first { $0.relativePath == "mười một.txt" })
    #expect(throws: CorpusError.tooLarge(path: over.path, size: 11, limit: 10)) {
      try loader.load(over).get()
    }
  }

  @Test func aFileWhoseSizeIsUnknownIsReadToItsEnd() throws {
    let bytes = try FileSystem.readFile("/proc/self/status")
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasPrefix("Name:"))
    #expect(text.contains("\nPid:"))
  }
}
