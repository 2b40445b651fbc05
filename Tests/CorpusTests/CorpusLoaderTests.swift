import Foundation
import Testing
import VietText

@testable import Corpus

@Suite("Corpus loader")
struct CorpusLoaderTests {
  @Test func listsTextAndMarkdownRecursivelySortedSkippingHidden() throws {
    let folder = try TemporaryFolder()
    try folder.write("b.txt", "b")
    try folder.write("a/z.md", "z")
    try folder.write("a/y.TXT", "y")
    try folder.write("Nghị quyết 49.txt", "nq")
    try folder.write("có dấu cách/văn bản.txt", "vb")
    try folder.write(".hidden.txt", "h")
    try folder.write(".git/HEAD.txt", "h")
    try folder.write("image.png", bytes: [0x89, 0x50])
    let (files, warnings) = try CorpusLoader(root: folder.path).files()
    #expect(warnings.isEmpty)
    #expect(files.map(\.relativePath) == [
      "Nghị quyết 49.txt", "a/y.TXT", "a/z.md", "b.txt", "có dấu cách/văn bản.txt",
    ])
    #expect(files.allSatisfy { $0.path == folder.path + "/" + $0.relativePath })
    #expect(files.first { $0.relativePath == "b.txt" }?.size == 1)
  }

  @Test func showsTheCorpusPathAsGiven() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.txt", "a")
    let loader = CorpusLoader(root: folder.path + "//")
    #expect(loader.root == folder.path)
    #expect(CorpusLoader(root: "./corpus/").root == "corpus")
  }

  @Test func failsOnlyWhenTheCorpusItselfIsMissing() throws {
    let folder = try TemporaryFolder()
    #expect(throws: CorpusError.missingFolder(path: folder.path + "/none")) {
      try CorpusLoader(root: folder.path + "/none").files()
    }
    try folder.write("f.txt", "x")
    #expect(throws: CorpusError.notAFolder(path: folder.path + "/f.txt")) {
      try CorpusLoader(root: folder.path + "/f.txt").files()
    }
  }

  @Test func doesNotFollowLinksOutOfTheCorpusOrInLoops() throws {
    let outside = try TemporaryFolder()
    try outside.write("secret.txt", "secret")
    let folder = try TemporaryFolder()
    try folder.write("sub/inside.txt", "inside")
    try folder.link("escape.txt", to: outside.path + "/secret.txt")
    try folder.link("escape-folder", to: outside.path)
    try folder.link("sub/loop", to: folder.path)
    try folder.link("alias.txt", to: folder.path + "/sub/inside.txt")
    try folder.link("dangling.txt", to: folder.path + "/missing.txt")
    let (files, warnings) = try CorpusLoader(root: folder.path).files()
    #expect(files.map(\.relativePath) == ["alias.txt", "sub/inside.txt"])
    let reasons = warnings.map(\.description).sorted()
    #expect(reasons.count == 4)
    #expect(reasons.filter { $0.contains("outside the corpus") }.count == 2)
    #expect(reasons.contains { $0.contains("loops back") })
    #expect(reasons.contains { $0.contains("dangling.txt") })
  }

  @Test func oneBadFileNeverCostsTheOthers() throws {
    let folder = try TemporaryFolder()
    try folder.write("1-good.txt", "Chỉ thị số 30-CT/TW")
    try folder.write("2-tcvn3.txt", bytes: tcvn3Sample)
    try folder.write("3-binary.txt", bytes: [0x00, 0x01, 0x02])
    try folder.write("4-empty.txt", bytes: [])
    try folder.write("5-good.md", "# Nghị quyết")
    let loader = CorpusLoader(root: folder.path)
    let results = try loader.files().files.map { loader.load($0) }
    let loaded = results.compactMap { try? $0.get() }
    #expect(loaded.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["1-good.txt", "5-good.md"])
    let failures = results.compactMap { result -> CorpusError? in
      if case .failure(let error) = result { return error }
      return nil
    }
    #expect(failures.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
      "2-tcvn3.txt", "3-binary.txt", "4-empty.txt",
    ])
  }

  @Test func refusesFilesOverTheSizeLimit() throws {
    let folder = try TemporaryFolder()
    try folder.write("big.txt", String(repeating: "a", count: 100))
    let loader = CorpusLoader(root: folder.path, maximumFileSize: 10)
    let file = try #require(try loader.files().files.first)
    #expect(throws: CorpusError.tooLarge(path: file.path, size: 100, limit: 10)) {
      try loader.load(file).get()
    }
  }

  @Test func readsAFileDeletedAfterListingAsAWarning() throws {
    let folder = try TemporaryFolder()
    try folder.write("gone.txt", "x")
    let loader = CorpusLoader(root: folder.path)
    let file = try #require(try loader.files().files.first)
    try FileManager.default.removeItem(atPath: file.path)
    #expect(throws: CorpusError.io(path: file.path, operation: "open", errno: ENOENT)) {
      try loader.load(file).get()
    }
  }

  @Test func loadsTheShippedCorpus() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus").path
    let loader = CorpusLoader(root: root)
    let (files, warnings) = try loader.files()
    #expect(warnings.isEmpty)
    #expect(files.count == 5)
    for file in files {
      let document = try loader.load(file).get()
      #expect(document.text.utf8.count > 1000)
      #expect(Normalization.nfc(document.text) == document.text)
    }
  }
}
