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
  }

  @Test("Line numbers are 1-based in the file, whatever its encoding", arguments: Encoding.allCases)
  func lineNumbers(encoding: Encoding) throws {
    let folder = try TemporaryFolder()
    var text = Self.lines.joined(separator: "\n") + "\n"
    var bytes: [UInt8]
    switch encoding {
    case .plain: bytes = Array(text.utf8)
    case .crlf: bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    case .cr: bytes = Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)
    case .noFinalNewline: bytes = Array(text.dropLast().utf8)
    case .nfd: bytes = Array(text.decomposedStringWithCanonicalMapping.utf8)
    case .bomCRLFAndNFD:
      text = text.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n")
      bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }
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
