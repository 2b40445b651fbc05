import Corpus
import Foundation
import SearchIndex
import TestSupport
import Testing

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A good document every bad-input corpus holds beside the bad file: it must always be indexed.
private let goodName = "Nghị quyết tốt.txt"
private let goodText = """
  NGHỊ QUYẾT
  Về tăng cường dân chủ ở cơ sở

  Thực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị; từ khoá goodmarker.

  """

/// `text` encoded the way an 8-bit encoding stores scalars up to U+00FF (one byte each).
private func latin1(_ text: String) -> [UInt8] {
  text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
}

/// Seeded random bytes with every NUL left out, like compressed data stripped of its NULs.
private func randomBytesWithoutNUL(_ count: Int) -> [UInt8] {
  var generator = SeededGenerator(seed: 7)
  return (0..<count).map { _ in UInt8.random(in: 1...255, using: &generator) }
}

/// Files `cancu index` must skip with a one-line warning naming them, indexing the rest.
private let skippedFiles: [(name: String, bytes: [UInt8], reason: String)] = [
  (
    "hỏng utf8.txt",
    Array("Văn bản badmarker hỏng ".utf8) + [0xC3, 0x28, 0xA0, 0xA1] + Array(" tiếp\n".utf8),
    "not UTF-8"
  ),
  ("tcvn3 cũ.txt", latin1("badmarker Nghþ quyÕt vÒ d©n chñ ë c¬ së cña Ban Th­êng vô\n"), "TCVN3"),
  ("vni cũ.txt", latin1("badmarker Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\n"), "VNI"),
  ("có nul.txt", Array("badmarker dân chủ".utf8) + [0] + Array(" ở cơ sở\n".utf8), "NUL"),
  ("ảnh.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + latin1("IHDR"), "binary"),
  // High bytes only: not UTF-8, and no legacy encoding either (no word has 5 high bytes in a row).
  (
    "nhị phân không nul.md", (0..<4096).map { UInt8(0x80 | ($0 &* 37) & 0x7F) },
    "invalid byte at offset 0"
  ),
  // Random bytes and an image without their NULs: binary, not "looks like VNI".
  ("ngẫu nhiên không nul.txt", randomBytesWithoutNUL(4096), "binary"),
  ("ảnh không nul.txt", ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x0D] + latin1("IHDR")
    + randomBytesWithoutNUL(2048)), "binary"),
  ("rỗng.txt", [], "empty"),
  ("utf16.txt", [0xFF, 0xFE] + "badmarker dân chủ".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16"),
]

@Suite("Bad input: cancu index and cancu search on hostile corpora")
struct BadInputTests {
  @Test("A file that is not UTF-8 text is skipped with one warning line; the rest is indexed",
    arguments: skippedFiles.indices)
  func skipsWhatIsNotText(index: Int) throws {
    let (name, bytes, reason) = skippedFiles[index]
    let workspace = try Workspace()
    try workspace.write(goodName, goodText)
    try workspace.write("thư mục/" + name, bytes: bytes)

    let indexed = workspace.run(["index"])
    #expect(indexed.status == 0)
    let naming = indexed.errorLines.filter { $0.contains(name) }
    #expect(naming.count == 1, "one warning line naming the file: \(indexed.errors)")
    #expect(naming.first?.contains("warning") == true)
    #expect(naming.first?.contains(reason) == true, "\(naming)")
    #expect(indexed.errorLines.count == 1, "nothing else on stderr: \(indexed.errors)")
    #expect(indexed.output.contains("1 document indexed"))
    #expect(indexed.output.contains("1 warning"))

    let good = workspace.run(["search", "goodmarker", "--json"])
    #expect(good.status == 0)
    #expect(try files(good.output) == [workspace.path(goodName)])
    let bad = workspace.run(["search", "badmarker", "--json"])
    #expect(bad.status == 1, "nothing of the skipped file is indexed")
    #expect(bad.output.isEmpty)
    #expect(!bad.errors.contains(name), "a skipped file is warned about once, not on every query")
  }

  /// BOM, CRLF, lone CR, NFD and mixed line ends are text: indexed, no warning, and every snippet
  /// names the right line with the text as the user wrote it (NFC, no BOM, no CR).
  @Test("Text with a BOM, CRLF, lone CR, NFD or mixed line ends is indexed line by line",
    arguments: [
      ("bom.txt", "\u{FEFF}firstword ở hàng một\ndòng hai secondword\n"),
      ("crlf.txt", "firstword ở hàng một\r\ndòng hai secondword\r\n"),
      ("cr.txt", "firstword ở hàng một\rdòng hai secondword\r"),
      ("nfd.txt", "firstword ở hàng một\ndòng hai secondword\n".decomposedStringWithCanonicalMapping),
      ("mixed.txt", "\u{FEFF}firstword ở hàng một\r\n\rdòng hai secondword\n".decomposedStringWithCanonicalMapping),
    ])
  func indexesTextWithOddEncodingsLineByLine(name: String, text: String) throws {
    let workspace = try Workspace()
    try workspace.write(goodName, goodText)
    try workspace.write(name, text)
    let indexed = workspace.run(["index"])
    #expect(indexed.status == 0)
    #expect(indexed.errors.isEmpty)
    #expect(indexed.output.contains("2 documents indexed"))
    let secondLine = name == "mixed.txt" ? 3 : 2
    for (word, line, lineText) in [
      ("firstword", 1, "firstword ở hàng một"), ("secondword", secondLine, "dòng hai secondword"),
      ("dong hai", secondLine, "dòng hai secondword"), ("hàng một", 1, "firstword ở hàng một"),
    ] {
      let result = workspace.run(["search", word, "--json"])
      #expect(result.status == 0, "\(word)")
      let objects = try jsonLines(result.output)
      #expect(objects.count == 1, "\(word)")
      #expect(objects.first?["file"] as? String == workspace.path(name))
      let snippets = objects.first?["snippets"] as? [[String: Any]] ?? []
      #expect(snippets.first?["line"] as? Int == line, "\(word)")
      #expect(snippets.first?["text"] as? String == lineText, "\(word)")
    }
  }

  @Test(.timeLimit(.minutes(2)))
  func deeplyNestedAndUnclosedHTMLIsIndexedAsText() throws {
    let workspace = try Workspace()
    try workspace.write(goodName, goodText)
    var html = String(repeating: "<div><span>", count: 20_000) + "htmlmarker "
    html += String(repeating: "<sup>", count: 5_000) + "1 <b <i <a href=\"x"
    html += "\nThực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 <sup>2</sup\n<!-- never closed "
    html += String(repeating: "</div>", count: 10) + "\ntailmarker <table><tr><td>"
    try workspace.write("trang web.md", html)
    let indexed = workspace.run(["index"])
    #expect(indexed.status == 0)
    #expect(indexed.errors.isEmpty)
    #expect(indexed.output.contains("2 documents indexed"))
    for (word, line) in [("htmlmarker", 1), ("tailmarker", 4)] {
      let result = workspace.run(["search", word, "--json"])
      let objects = try jsonLines(result.output)
      #expect(objects.map { $0["file"] as? String } == [workspace.path("trang web.md")])
      let snippet = (objects.first?["snippets"] as? [[String: Any]])?.first
      #expect(snippet?["line"] as? Int == line)
      #expect(((snippet?["text"] as? String)?.count ?? .max) < 1_000, "snippets stay short")
    }
    let citedBy = workspace.run(["cited-by", "30-CT/TW", "--json"])
    #expect(Set(try files(citedBy.output)) == [workspace.path(goodName), workspace.path("trang web.md")])
  }

  /// One 2 MB line (50 MB with CANCU_RELIABILITY_FULL=1) through the built `cancu`, killed if it
  /// takes longer than a deadline.
  @Test(.timeLimit(.minutes(16)))
  func aHugeSingleLineIsIndexedInLinearTime() throws {
    let workspace = try Workspace()
    try workspace.write(goodName, goodText)
    let syllables = ["dân", "chủ", "ở", "cơ", "sở", "Đảng", "bộ", "tỉnh", "thực", "hiện", "về"]
    var line: [UInt8] = Array("startmarker ".utf8)
    line.reserveCapacity(LargeInput.lineBytes + 64)
    var random = SeededGenerator(seed: 50)
    while line.count < LargeInput.lineBytes {
      line += syllables[Int(random.next() % UInt64(syllables.count))].utf8
      line.append(0x20)
    }
    line += Array("endmarker".utf8)  // no line end at all
    try workspace.write("một dòng.txt", bytes: line)

    let child = try Child(["index", "--corpus", workspace.corpus, "--index", workspace.index])
    let (indexed, timedOut) = child.wait(seconds: LargeInput.deadline)
    #expect(!timedOut, "cancu index took more than \(LargeInput.deadline) s on one long line")
    #expect(indexed.status == 0, "\(indexed.errors)")
    #expect(indexed.errors.isEmpty)
    #expect(indexed.output.contains("2 documents indexed"))

    for word in ["startmarker", "endmarker"] {
      let result = workspace.run(["search", word, "--json", "--no-refresh"])
      let objects = try jsonLines(result.output)
      #expect(objects.map { $0["file"] as? String } == [workspace.path("một dòng.txt")], "\(word)")
      let snippet = (objects.first?["snippets"] as? [[String: Any]])?.first
      #expect(snippet?["line"] as? Int == 1)
      let text = snippet?["text"] as? String ?? ""
      #expect(text.contains(word) && text.count < 1_000, "a short window of the line: \(text.count)")
    }
    let human = workspace.run(["search", "endmarker", "--no-refresh"])
    #expect(human.output.utf8.count < 2_000, "human output shows a window, not 50 MB")
  }

  /// 50,000 citations in one file on one line (1,000,000 with CANCU_RELIABILITY_FULL=1).
  @Test(.timeLimit(.minutes(16)))
  func aMillionCitationsInOneFileAreIndexedInLinearTime() throws {
    let workspace = try Workspace()
    try workspace.write(goodName, goodText)
    let citation = "Chỉ thị số 30-CT/TW ngày 18/02/1998, "
    var text = "Thực hiện "
    text.reserveCapacity(citation.utf8.count * LargeInput.citations + 64)
    for _ in 0..<LargeInput.citations { text += citation }
    text += "citationmarker.\n"
    try workspace.write("trích dẫn.txt", text)

    let child = try Child(["index", "--corpus", workspace.corpus, "--index", workspace.index])
    let (indexed, timedOut) = child.wait(seconds: LargeInput.deadline)
    #expect(!timedOut, "cancu index took more than \(LargeInput.deadline) s on one file of citations")
    #expect(indexed.status == 0, "\(indexed.errors)")
    #expect(indexed.output.contains("2 documents indexed"))

    let search = workspace.run(["search", "citationmarker", "--json", "--no-refresh"])
    #expect(try files(search.output) == [workspace.path("trích dẫn.txt")])
    let stats = try #require(try jsonLines(workspace.run(["stats", "--json", "--no-refresh"]).output).first)
    #expect(stats["citations"] as? Int == LargeInput.citations + 1)
    #expect(stats["documents"] as? Int == 2)
  }

  /// The tests may run as root, for whom permissions do not bite: then `cancu` runs as `nobody`
  /// (setpriv), and the test is disabled only where neither works.
  @Test(.enabled(if: Permissions.canTest))
  func unreadableFilesAndFoldersAreWarnedAboutAndTheRestIsIndexed() throws {
    let workspace = try Workspace()
    try workspace.write(goodName, goodText)
    try workspace.write("khoá.txt", "badmarker locked file\n")
    try workspace.write("thư mục khoá/bên trong.txt", "badmarker inside a locked folder\n")
    chmod(workspace.path("khoá.txt"), 0)
    chmod(workspace.path("thư mục khoá"), 0)
    try FileManager.default.createDirectory(atPath: workspace.index, withIntermediateDirectories: true)
    chmod(workspace.index, 0o777)

    let child = try Child(
      ["index", "--corpus", workspace.corpus, "--index", workspace.index], prefix: Permissions.prefix)
    let (indexed, timedOut) = child.wait(seconds: 60)
    #expect(!timedOut)
    #expect(indexed.status == 0, "\(indexed.errors)")
    for name in ["khoá.txt", "thư mục khoá"] {
      let naming = indexed.errorLines.filter { $0.contains(name) }
      #expect(naming.count == 1, "\(indexed.errors)")
      #expect(naming.first?.contains("Permission denied") == true, "\(naming)")
    }
    #expect(indexed.errorLines.count == 2)
    #expect(indexed.output.contains("1 document indexed"))

    let good = workspace.run(["search", "goodmarker", "--json", "--no-refresh"])
    #expect(try files(good.output) == [workspace.path(goodName)])
    #expect(workspace.run(["search", "badmarker", "--no-refresh"]).status == 1)
  }

  @Test func aFileDeletedBetweenListingAndReadingIsAWarningAndTheRestIsIndexed() throws {
    let workspace = try Workspace()
    for k in 0..<12 { try workspace.write(String(format: "%02d văn bản.txt", k), "vanban\(k) chung\n") }
    let doomed = "09 văn bản.txt"
    var updater = IndexUpdater(corpus: workspace.corpus, folder: workspace.index)
    updater.batchSize = 4
    var batches = 0
    // The progress call after the first batch comes after listing and before the file is read.
    let summary = try updater.update(progress: { _ in
      batches += 1
      if batches == 1 { unlink(workspace.path(doomed)) }
    })
    #expect(batches == 3)
    #expect(summary.documents == 11)
    #expect(summary.warnings.map(\.path) == [workspace.path(doomed)])
    #expect(summary.warnings.first?.description.contains("No such file") == true)

    let result = workspace.run(["search", "chung", "--json", "--no-refresh", "--limit", "50"])
    #expect(try files(result.output).count == 11)
    #expect(!(try files(result.output)).contains(workspace.path(doomed)))
    // The next run sees the file is gone: no warning, nothing changes, the index is fresh.
    let again = workspace.run(["index"])
    #expect(again.status == 0)
    #expect(again.errors.isEmpty)
    #expect(try updater.freshness() == .fresh)
  }

  @Test func linksAreFollowedOnlyInsideTheCorpusAndNeverInALoop() throws {
    let workspace = try Workspace()
    let outside = workspace.root + "/ngoài kho"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try Data("secretmarker outside\n".utf8).write(to: URL(fileURLWithPath: outside + "/bí mật.txt"))
    try workspace.write(goodName, goodText)
    try workspace.write("thư mục/bên trong.txt", "insidemarker\n")
    let links = [
      ("lối ra.txt", outside + "/bí mật.txt"), ("lối ra thư mục", outside),
      ("thư mục/vòng lặp", workspace.corpus), ("thư mục/lên", ".."),
      ("bí danh.txt", workspace.path("thư mục/bên trong.txt")), ("treo.txt", "không có.txt"),
    ]
    for (name, target) in links {
      try FileManager.default.createSymbolicLink(atPath: workspace.path(name), withDestinationPath: target)
    }
    let indexed = workspace.run(["index"])
    #expect(indexed.status == 0)
    for name in ["lối ra.txt", "lối ra thư mục", "vòng lặp", "thư mục/lên", "treo.txt"] {
      #expect(indexed.errorLines.filter { $0.contains(name) }.count == 1, "\(name): \(indexed.errors)")
    }
    #expect(indexed.errorLines.count == 5)
    #expect(workspace.run(["search", "secretmarker"]).status == 1, "never read outside the corpus")
    let inside = workspace.run(["search", "insidemarker", "--json"])
    #expect(Set(try files(inside.output)) == [workspace.path("bí danh.txt"), workspace.path("thư mục/bên trong.txt")])
  }

  /// Vietnamese (NFC and NFD), spaces, and control characters in file names: every command takes
  /// them as paths, and a warning about one stays on one line.
  @Test func fileNamesWithVietnameseSpacesAndControlCharacters() throws {
    let workspace = try Workspace()
    let nfc = "Quyết định số 12 hoà bình.txt"
    let nfd = "Quyết định số 12 hoà bình.md".decomposedStringWithCanonicalMapping
    try workspace.write(nfc, "Căn cứ Chỉ thị số 30-CT/TW; nfcmarker chung\n")
    try workspace.write(nfd, "Căn cứ Chỉ thị số 05-CT/TW; nfdmarker chung\n")
    try workspace.write("dòng\nmới \u{1B}[2J.txt", bytes: [0, 1, 2])
    let indexed = workspace.run(["index"])
    #expect(indexed.status == 0)
    #expect(indexed.errorLines.count == 1, "one line for the name with a newline: \(indexed.errors)")
    #expect(indexed.errors.contains("dòng\\u{a}mới \\u{1b}[2J.txt"))
    let both = workspace.run(["search", "chung", "--json"])
    #expect(Set(try files(both.output).map { Array($0.utf8) }) == [
      Array(workspace.path(nfc).utf8), Array(workspace.path(nfd).utf8),
    ])
    let show = workspace.run(["show", workspace.path(nfd), "--json"])
    #expect(show.status == 0, "\(show.errors)")
    #expect((try jsonLines(show.output).first?["cites"] as? [String]) == ["05-CT/TW"])
    let cites = workspace.run(["cites", workspace.path(nfc), "--json"])
    #expect(try jsonLines(cites.output).compactMap { $0["id"] as? String } == ["30-CT/TW"])
  }
}

/// Whether a test can make a file unreadable to `cancu`, and how to run it so.
enum Permissions {
  static let isRoot = geteuid() == 0
  /// `setpriv` runs `cancu` as nobody when the tests run as root.
  static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static var prefix: [String] {
    guard isRoot, let setpriv else { return [] }
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
  }
  static var canTest: Bool { !isRoot || setpriv != nil }
}
