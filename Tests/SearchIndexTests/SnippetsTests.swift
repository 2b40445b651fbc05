import Foundation
import Testing

@testable import SearchIndex

/// The highlighted words of a snippet, split at spaces (adjacent words may share one mark).
private func markedWords(_ snippet: Snippet) -> [String] {
  let bytes = Array(snippet.text.utf8)
  return snippet.highlights.flatMap { range in
    String(decoding: bytes[range], as: UTF8.self).split(separator: " ").map(String.init)
  }
}

/// The tokens of `line` that the oracle says a query word matches.
private func expectedWords(_ line: String, query: [String], exact: Bool) -> [String] {
  let wanted = Set(query.map { exact ? Oracle.exact($0) : Oracle.fold($0) })
  return Oracle.tokens(Oracle.nfc(line)).filter { wanted.contains(exact ? $0.exact : $0.folded) }
    .map(\.surface)
}

private func snippets(_ path: String, _ query: String, exact: Bool = false) throws -> [Snippet] {
  SnippetMaker().snippets(path: path, query: try Query(parsing: query), exactOnly: exact)
}

@Suite("Snippets")
struct SnippetsTests {
  static let lines = [
    "TIÊU ĐỀ", "", "Đảng lãnh đạo toàn diện", "không có gì ở đây", "dân chủ và Đảng", "hết",
  ]

  enum Encoding: String, CaseIterable, Sendable {
    case plain, crlf, cr, nfd, bomCRLFAndNFD, noFinalNewline

    /// `text` (with `\n` line ends) as a file in this encoding.
    func bytes(_ text: String) -> [UInt8] {
      switch self {
      case .plain: Array(text.utf8)
      case .crlf: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
      case .cr: Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)
      case .noFinalNewline: Array(text.dropLast().utf8)
      case .nfd: Array(text.decomposedStringWithCanonicalMapping.utf8)
      case .bomCRLFAndNFD:
        [0xEF, 0xBB, 0xBF]
          + Array(
            text.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n")
              .utf8)
      }
    }
  }

  @Test("Line numbers are 1-based in the file, whatever its encoding", arguments: Encoding.allCases)
  func lineNumbers(encoding: Encoding) throws {
    let folder = try TemporaryFolder()
    let bytes = encoding.bytes(Self.lines.joined(separator: "\n") + "\n")
    try folder.write("văn bản.txt", bytes: bytes)
    let path = folder.at("văn bản.txt")
    let found = try snippets(path, "dang")
    #expect(found.map(\.line) == [3, 5])
    #expect(found.map(\.text) == ["Đảng lãnh đạo toàn diện", "dân chủ và Đảng"])
    #expect(found.map(markedWords) == [["Đảng"], ["Đảng"]])
    let title = try snippets(path, "tieu de")
    #expect(title.map(\.line) == [1])
    #expect(title.map(markedWords) == [["TIÊU", "ĐỀ"]])
    #expect(try snippets(path, "het").map(\.line) == [6])
  }

  @Test(
    "Highlights cover exactly the matching words",
    arguments: [
      ("Dân chủ ở cơ sở, dân-chủ và dan chu; dẫn chứng (chú ý).", "dan chu"),
      ("Chỉ thị số 30-CT/TW ngày 18/02/1998; 30-ct/tw, CT/TW và 30.", "30-CT/TW"),
      ("Cộng hoà, cộng hòa, HOÀ, hoa, hóa; thuỷ lợi", "hòa thuy"),
      ("Đảng, đảng, ĐẢNG, đang, dang dở, dáng", "Đảng"),
    ])
  func highlightsCoverTheMatchingWords(line: String, query: String) throws {
    let folder = try TemporaryFolder()
    try folder.write("a.txt", "mở đầu\n" + line + "\nkết thúc\n")
    let words = try Query(parsing: query).required.joined().flatMap(\.words)
    for exact in [false, true] {
      let found = try snippets(folder.at("a.txt"), query, exact: exact)
      #expect(found.map(\.line) == [2], "exact=\(exact)")
      #expect(found.first?.text == line)
      #expect(
        found.first.map(markedWords) == expectedWords(line, query: words, exact: exact),
        "exact=\(exact)")
      for snippet in found {
        let bytes = Array(snippet.text.utf8)
        for range in snippet.highlights {
          #expect(range.lowerBound >= 0 && range.upperBound <= bytes.count)
        }
        #expect(
          zip(snippet.highlights, snippet.highlights.dropFirst()).allSatisfy {
            $0.upperBound <= $1.lowerBound
          })
      }
    }
  }

  /// A phrase query marks the phrase where it occurs, not its words wherever they stand, and shows
  /// only lines where the phrase occurs.
  @Test
  func phraseQueryMarksOnlyPhraseOccurrences() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "a.txt",
      "xã hội chủ nghĩa\nDân chủ ở cơ sở, dân-chủ và dan chu; dẫn chứng (chú ý).\nnhân dân\n")
    let found = try snippets(folder.at("a.txt"), "\"dân chủ\"")
    #expect(found.map(\.line) == [2])
    #expect(found.map(markedWords) == [["Dân", "chủ", "dân", "chủ", "dan", "chu"]])
  }

  @Test func exactMarksOnlyExactForms() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.txt", "hoà hòa hoa Hoà hóa; Đảng đang dang\n")
    let exact = try snippets(folder.at("a.txt"), "hoà", exact: true)
    #expect(exact.map(markedWords) == [["hoà", "hòa", "Hoà"]])
    let folded = try snippets(folder.at("a.txt"), "hoà")
    #expect(folded.map(markedWords) == [["hoà", "hòa", "hoa", "Hoà", "hóa"]])
    #expect(try snippets(folder.at("a.txt"), "Đảng", exact: true).map(markedWords) == [["Đảng"]])
    #expect(try snippets(folder.at("a.txt"), "dang", exact: true).map(markedWords) == [["dang"]])
  }

  @Test("Long lines are cut around the match", arguments: [10, 300, 590])
  func longLinesAreCut(position: Int) throws {
    let folder = try TemporaryFolder()
    var words = (0..<600).map { ["kinh", "tế", "xã", "hội", "lãnh", "đạo"][$0 % 6] }
    words[position] = "Đảng"
    let line = words.joined(separator: " ")
    try folder.write("dài.txt", "ngắn\n" + line + "\n")
    let found = try snippets(folder.at("dài.txt"), "dang")
    let snippet = try #require(found.first)
    #expect(found.count == 1)
    #expect(snippet.line == 2)
    #expect(markedWords(snippet) == ["Đảng"])
    let maximum = SnippetMaker().maximumLineLength
    #expect(snippet.text.count <= maximum + 2, "\(snippet.text.count) characters")
    #expect(snippet.text.count >= maximum / 4)
    #expect(snippet.text.hasSuffix("…") == (position < 590))
    #expect(snippet.text.hasPrefix("…") == (position > 50))
    // The text between the marks is the line's own text.
    let body = snippet.text.trimmingCharacters(in: CharacterSet(charactersIn: "…"))
    #expect(line.contains(body))
    #expect(!body.hasPrefix(" ") && !body.hasSuffix(" "))
  }

  @Test func atMostThreeLinesPreferringLinesWithMoreQueryWords() throws {
    let folder = try TemporaryFolder()
    let text = [
      "dân một", "dân hai", "dân ba", "chủ bốn", "dân chủ năm", "dân sáu", "chủ dân bảy",
    ].joined(separator: "\n")
    try folder.write("a.txt", text)
    let found = try snippets(folder.at("a.txt"), "dân chủ")
    #expect(found.count == 3)
    #expect(found.map(\.line) == found.map(\.line).sorted())
    #expect(found.map(\.line).contains(5))
    #expect(found.map(\.line).contains(7))
  }

  @Test func missingFileGivesNoSnippets() throws {
    let folder = try TemporaryFolder()
    #expect(try snippets(folder.at("không có.txt"), "dân").isEmpty)
  }
}

/// Snippets of search results find their lines through the index (postings and the lines
/// section) and read only those lines; reading the file whole is the reference.
@Suite("Snippets through the index")
struct IndexedSnippetsTests {
  /// The snippets of every hit of `query`, through the index and by reading each file whole.
  private func bothWays(_ indexed: IndexedCorpus, _ query: String, exact: Bool = false) throws
    -> (throughIndex: [[Snippet]], wholeFile: [[Snippet]])
  {
    let (throughIndex, wholeFile, _) = try threeWays(indexed, query, exact: exact)
    return (throughIndex, wholeFile)
  }

  /// The same, and what the index alone gives (`nil` for a file it sends to be read whole).
  private func threeWays(_ indexed: IndexedCorpus, _ query: String, exact: Bool = false) throws
    -> (throughIndex: [[Snippet]], wholeFile: [[Snippet]], indexOnly: [[Snippet]?])
  {
    let reader = try IndexReader(path: indexed.indexFile)
    let parsed = try Query(parsing: query)
    let results = try Searcher(reader: reader).search(parsed, limit: 100, exactOnly: exact)
    let paths = results.hits.map { indexed.corpus.at($0.document.relativePath) }
    let maker = SnippetMaker()
    let throughIndex = maker.snippets(
      for: results, paths: paths, reader: reader, query: parsed, exactOnly: exact)
    let wholeFile = paths.map { maker.snippets(path: $0, query: parsed, exactOnly: exact) }
    let indexOnly = maker.indexedSnippets(
      for: results, paths: paths, reader: reader, query: parsed, exactOnly: exact)
    return (throughIndex, wholeFile, indexOnly)
  }

  static let text = [
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", "Thực hiện dân chủ ở cơ sở; dân chủ, cơ sở.",
    "Đảng lãnh đạo, đảng viên gương mẫu; hoà giải ở cơ sở, hòa giải viên.", "", "",
    "Chỉ thị số 30-CT/TW về dân chủ ở cơ sở, xã hội; " + String(repeating: "kinh tế xã hội ", count: 40)
      + "dân chủ ở cơ sở.",
    "cuối", "",
  ].joined(separator: "\n")

  @Test("The same snippets as reading the file whole", arguments: SnippetsTests.Encoding.allCases)
  func sameAsWholeFile(encoding: SnippetsTests.Encoding) throws {
    let indexed = try IndexedCorpus()
    let bytes = encoding.bytes(Self.text)
    try indexed.corpus.write("a.txt", bytes: bytes)
    try indexed.corpus.write("b.md", "không liên quan\nĐẢNG và dân\n\ncơ sở\n")
    try indexed.update()
    for query in [
      "dan chu co so", "\"dân chủ ở cơ sở\"", "Đảng", "dang", "hoà giải", "30-CT/TW", "xa hoi",
      "cuoi", "kinh te OR dang",
    ] {
      for exact in [false, true] {
        let (throughIndex, wholeFile, indexOnly) = try threeWays(indexed, query, exact: exact)
        #expect(throughIndex == wholeFile, "\(query) exact=\(exact)")
        #expect(indexOnly.allSatisfy { $0 != nil }, "\(query) exact=\(exact): a file read whole")
        if !exact { #expect(!throughIndex.joined().isEmpty, "\(query)") }
      }
    }
  }

  /// With `--no-refresh` a file may have changed since it was indexed: its snippets are read
  /// from the file as it is now, never from stale positions.
  @Test func changedFileIsReadWhole() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "mở đầu\nĐảng lãnh đạo\nhết\n")
    try indexed.corpus.setModificationTime("a.txt", 1_700_000_000)
    try indexed.update()
    // The same bytes in another order, with the size and time the index has.
    try indexed.corpus.write("a.txt", "Đảng\nmở đầu lãnh đạo\nhết\n")
    try indexed.corpus.setModificationTime("a.txt", 1_700_000_000)
    let (throughIndex, wholeFile, indexOnly) = try threeWays(indexed, "dang")
    #expect(throughIndex == wholeFile)
    #expect(throughIndex.first?.map(\.line) == [1])
    #expect(indexOnly.count == 1 && indexOnly[0] == nil)
    // Another size.
    try indexed.corpus.write("a.txt", "mở\nđầu\nĐảng\n")
    let (again, whole) = try bothWays(indexed, "dang")
    #expect(again == whole)
    #expect(again.first?.map(\.line) == [3])
  }

  /// Positions run on across line ends, so query words may stand in order across one; a long
  /// line where they end is cut within itself, never from the line before.
  @Test func wordsInOrderAcrossALineEndCutWithinTheLine() throws {
    let indexed = try IndexedCorpus()
    let long = "chủ " + String(repeating: "kinh tế xã hội ", count: 30) + "và dân chủ ở cơ sở."
    try indexed.corpus.write("a.txt", "mở đầu về dân\n" + long + "\n")
    try indexed.update()
    let (throughIndex, wholeFile, indexOnly) = try threeWays(indexed, "dân chủ")
    #expect(throughIndex == wholeFile)
    #expect(indexOnly.allSatisfy { $0 != nil })
    let second = try #require(throughIndex.first?.first { $0.line == 2 })
    #expect(!second.text.contains("\n") && !second.text.contains("mở đầu"))
    #expect(second.text.hasPrefix("chủ kinh tế"))
  }

  /// A file gone since it was indexed has no snippets, and the others still do.
  @Test func removedFileHasNoSnippets() throws {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write("a.txt", "Đảng\n")
    try indexed.corpus.write("b.txt", "đảng viên\n")
    try indexed.update()
    try indexed.corpus.remove("a.txt")
    let (throughIndex, _) = try bothWays(indexed, "dang")
    #expect(throughIndex.map(\.count).sorted() == [0, 1])
  }

  /// Each line's token count, as stored, against tokenizing each line on its own.
  @Test func lineTokenCountsMatchTheLines() throws {
    let indexed = try IndexedCorpus()
    let texts = [
      "a.txt": Self.text, "b.txt": "\n\n\nmột\n", "c.txt": "không xuống dòng", "d.txt": "\n",
    ]
    for (name, text) in texts { try indexed.corpus.write(name, text) }
    try indexed.update()
    let reader = try IndexReader(path: indexed.indexFile)
    for id in 0..<reader.documentCount {
      let document = try reader.documentHeader(id)
      let text = try #require(texts[document.relativePath])
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      var expected = [0]
      for line in lines { expected.append(expected.last! + Oracle.tokens(String(line)).count) }
      let starts = try reader.lineStarts(ofDocument: id, tokenCount: document.tokenCount)
      #expect(starts == expected, "\(document.relativePath)")
    }
  }
}
