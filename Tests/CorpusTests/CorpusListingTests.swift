import Foundation
import TestSupport
import Testing

@testable import Corpus

@Suite("Corpus listing")
struct CorpusListingTests {
  /// Paths that sort differently by bytes and by `String` (NFC and NFD, case, `/` against `-`).
  static let paths = [
    "b.txt", "a/z.md", "a-b/c.txt", "a/y.TXT", "Nghị quyết.txt", "Nghi\u{323} quye\u{302}\u{301}t.txt",
    "có dấu cách/văn bản.txt", "A.txt", "a.txt", "đ.txt", "Đ.txt", "z/a/b/c.md",
  ]

  private func listing(_ entries: [(String, Int, Int64)]) -> CorpusListing {
    var listing = CorpusListing()
    for (path, size, time) in entries {
      listing.append(relativePath: Array(path.utf8), size: size, modificationTime: time)
    }
    return listing
  }

  @Test func sortsByBytes() {
    let sorted = listing(Self.paths.map { ($0, 1, 2) }).sortedByPath()
    let expected = Self.paths.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
    #expect((0..<sorted.count).map { Array(sorted.relativePath($0).utf8) } == expected)
  }

  /// Against counting with a dictionary keyed by bytes, over random edits of a listing.
  @Test func countsChangesAsADictionaryWould() {
    var random = SeededGenerator(seed: 7)
    let base = Self.paths.enumerated().map { ($0.element, $0.offset * 10, Int64($0.offset)) }
    for _ in 0..<200 {
      var now = base.filter { _ in random.next() % 5 != 0 }  // removed
      for k in now.indices where random.next() % 6 == 0 { now[k].1 += 1 }  // resized
      for k in now.indices where random.next() % 6 == 0 { now[k].2 += 1 }  // touched
      if random.next() % 2 == 0 { now.append(("nouveau \(random.next() % 3).txt", 1, 1)) }
      now.shuffle(using: &random)
      var earlier: [[UInt8]: (Int, Int64)] = [:]
      for (path, size, time) in base { earlier[Array(path.utf8)] = (size, time) }
      var expected = 0
      var seen = Set<[UInt8]>()
      for (path, size, time) in now {
        let key = Array(path.utf8)
        seen.insert(key)
        if let old = earlier[key] {
          if old != (size, time) { expected += 1 }
        } else {
          expected += 1
        }
      }
      expected += earlier.keys.filter { !seen.contains($0) }.count
      #expect(listing(now).changes(since: listing(base.shuffled(using: &random))) == expected)
    }
  }

  @Test func listsWhatFilesLists() throws {
    let folder = try TemporaryFolder()
    for path in Self.paths { try folder.write(path, "x") }
    try folder.write(".hidden.txt", "h")
    try folder.write("image.png", "p")
    let loader = CorpusLoader(root: folder.path)
    let listing = try loader.listing().listing.sortedByPath()
    let files = try loader.files().files
    #expect((0..<listing.count).map(listing.relativePath) == files.map(\.relativePath))
    #expect(listing.sizes == files.map(\.size))
    #expect(listing.modificationTimes == files.map(\.modificationTime))
    #expect(listing.changes(since: try loader.listing().listing) == 0)
  }
}
