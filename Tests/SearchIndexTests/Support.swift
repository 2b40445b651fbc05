import Corpus
import Foundation
import TestSupport
import Testing

@testable import SearchIndex

// MARK: - Temporary folders

/// A fresh folder in the test process's scratch folder (its name has a space and Vietnamese
/// letters), removed when dropped.
final class TemporaryFolder: @unchecked Sendable {
  let path: String

  init(_ label: String = "chỉ mục") throws {
    path = TestScratch.path("cancu-search \(label)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { TestScratch.remove(path) }

  /// The absolute path of `relative`.
  func at(_ relative: String) -> String { path + "/" + relative }

  /// Writes `bytes` at `relative`, creating folders.
  func write(_ relative: String, bytes: [UInt8]) throws {
    try TestScratch.write(bytes, to: at(relative))
  }

  /// Writes UTF-8 text at `relative`, creating folders.
  func write(_ relative: String, _ text: String) throws {
    try write(relative, bytes: Array(text.utf8))
  }

  func remove(_ relative: String) throws {
    try FileManager.default.removeItem(atPath: at(relative))
  }

  /// Sets the modification time of `relative` (seconds since 1970).
  func setModificationTime(_ relative: String, _ seconds: Double) throws {
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: at(relative))
  }

  func contents(_ relative: String = "") throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: relative.isEmpty ? path : at(relative))
      .sorted()
  }
}

/// The package's root folder, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The shipped seed corpus.
let seedCorpus = packageRoot.appendingPathComponent("corpus").path


// MARK: - The independent oracle

/// A brute-force model of what the index should find, written with Foundation only: it never calls
/// VietText or SearchIndex.
enum Oracle {
  /// One token of a document, as the oracle sees it.
  struct Token: Hashable {
    /// The token as written (NFC).
    var surface: String
    /// Folded: no marks, no case, đ → d.
    var folded: String
    /// Exact: lower case, NFC, new-style tone placement.
    var exact: String
    /// 1-based line.
    var line: Int
  }

  /// Old-style tone placement → new style, for open syllables ending in oa, oe, uy.
  static let tonePlacement: [String: String] = [
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
  ]

  static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

  static func fold(_ text: String) -> String {
    nfc(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .lowercased()
      .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
  }

  /// Lower case, NFC, and each letter run moved to the new tone placement by the table.
  static func exact(_ text: String) -> String {
    let lower = nfc(text).lowercased()
    var output = ""
    var run = ""
    func flush() {
      let letters = Array(run)
      if letters.count >= 2 {
        let tail = String(letters[(letters.count - 2)...])
        let afterQ = letters.count >= 3 && letters[letters.count - 3] == "q" && tail.hasPrefix("u")
        if let replacement = tonePlacement[tail], !afterQ {
          run = String(letters[..<(letters.count - 2)]) + replacement
        }
      }
      output += run
      run = ""
    }
    for character in lower {
      if character.isLetter {
        run.append(character)
      } else {
        flush()
        output.append(character)
      }
    }
    flush()
    return output
  }

  /// A segment: letters and marks, and digits (digit groups may hold `.` or `,`: `1.000`, `2,5`).
  private static let segment = #"(?:[\p{L}\p{M}]|\p{Nd}(?:[.,](?=\p{Nd}))?)+"#
  /// Segments joined by `-` or `/`.
  private static let chain = try! NSRegularExpression(pattern: "\(segment)(?:[-/]\(segment))*")
  /// HTML tags and entities: separators, never words.
  private static let markup = try! NSRegularExpression(
    pattern: #"<[A-Za-z/!][^<>\n]{0,509}>|&[A-Za-z0-9#]{1,10};"#)

  /// The text of a file as the index should see it: NFC, `\n` line ends.
  static func text(ofFile bytes: [UInt8]) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
      of: "\r", with: "\n")
    return nfc(text)
  }

  /// The tokens of NFC text: chains of letters/digits joined by `-` or `/` are one token when they
  /// hold a digit or a slash (`30-CT/TW`), else one token per hyphen-separated part.
  static func tokens(_ text: String) -> [Token] {
    var result: [Token] = []
    for (lineIndex, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var line = String(rawLine)
      line = markup.stringByReplacingMatches(
        in: line, range: NSRange(line.startIndex..., in: line), withTemplate: " ")
      for match in chain.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
        guard let range = Range(match.range, in: line) else { continue }
        let chunk = String(line[range])
        let parts: [String]
        if chunk.contains("/") || chunk.contains(where: \.isNumber) || !chunk.contains("-") {
          parts = [chunk]
        } else {
          parts = chunk.split(separator: "-").map(String.init)
        }
        for part in parts {
          result.append(
            Token(surface: part, folded: fold(part), exact: exact(part), line: lineIndex + 1))
        }
      }
    }
    return result
  }

  // MARK: Queries

  /// A query as the test means it (rendered to text for the parser, matched by brute force).
  enum Atom: Hashable, CustomStringConvertible {
    case term(String)
    case phrase([String])

    var words: [String] {
      switch self {
      case .term(let word): [word]
      case .phrase(let words): words
      }
    }

    var description: String {
      switch self {
      case .term(let word): word
      case .phrase(let words): "\"" + words.joined(separator: " ") + "\""
      }
    }
  }

  struct QuerySpec: CustomStringConvertible {
    var clauses: [[Atom]]
    var excluded: [Atom] = []

    var description: String {
      (clauses.map { $0.map(\.description).joined(separator: " OR ") }
        + excluded.map { "-" + $0.description }).joined(separator: " ")
    }
  }

  /// Start positions where `atom` occurs in `tokens`.
  static func occurrences(of atom: Atom, in tokens: [Token], exact: Bool) -> [Int] {
    let words = atom.words.map { exact ? Self.exact($0) : fold($0) }
    guard !words.isEmpty, tokens.count >= words.count else { return [] }
    var starts: [Int] = []
    for start in 0...(tokens.count - words.count) {
      var matched = true
      for (k, word) in words.enumerated() {
        let token = tokens[start + k]
        if (exact ? token.exact : token.folded) != word {
          matched = false
          break
        }
      }
      if matched { starts.append(start) }
    }
    return starts
  }

  static func matches(_ query: QuerySpec, _ tokens: [Token], exact: Bool) -> Bool {
    for clause in query.clauses
    where !clause.contains(where: { !occurrences(of: $0, in: tokens, exact: exact).isEmpty }) {
      return false
    }
    for atom in query.excluded where !occurrences(of: atom, in: tokens, exact: exact).isEmpty {
      return false
    }
    return true
  }
}

// MARK: - Index helpers

/// An index folder beside a corpus, both temporary.
struct IndexedCorpus {
  let corpus: TemporaryFolder
  let index: TemporaryFolder

  init() throws {
    corpus = try TemporaryFolder("văn bản")
    index = try TemporaryFolder("chỉ mục")
  }

  var updater: IndexUpdater { IndexUpdater(corpus: corpus.path, folder: index.path) }
  var indexFile: String { IndexReader.file(inFolder: index.path) }

  @discardableResult
  func update(rebuild: Bool = false) throws -> IndexUpdater.Summary {
    try updater.update(rebuild: rebuild)
  }

  func searcher() throws -> Searcher { Searcher(reader: try IndexReader(path: indexFile)) }

  /// Relative paths of every match, and the hits in order.
  func search(_ text: String, exact: Bool = false, limit: Int = 100_000) throws -> SearchResults {
    try searcher().search(try Query(parsing: text), limit: limit, exactOnly: exact)
  }
}

extension SearchResults {
  /// The relative paths of the hits, in rank order.
  var paths: [String] { hits.map(\.document.relativePath) }
  /// Relative path → score.
  var scores: [String: Double] {
    Dictionary(hits.map { ($0.document.relativePath, $0.score) }, uniquingKeysWith: { a, _ in a })
  }
}

/// Flips every bit of the byte at `offset` of the file at `path`.
func flipByte(at offset: Int, ofFile path: String) throws {
  var data = try Data(contentsOf: URL(fileURLWithPath: path))
  data[offset] ^= 0xFF
  try data.write(to: URL(fileURLWithPath: path))
}

func readBytes(_ path: String) throws -> [UInt8] {
  Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Little-endian integers read by the test itself, to find sections without the reader.
func littleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
  var value = 0
  for k in 0..<count { value |= Int(bytes[offset + k]) << (8 * k) }
  return value
}

/// The byte ranges of the four sections, read from the section table by the test.
func sectionRanges(_ bytes: [UInt8]) -> [UInt32: Range<Int>] {
  let count = littleEndian(bytes, at: 8, count: 4)
  var result: [UInt32: Range<Int>] = [:]
  for k in 0..<count {
    let entry = 16 + 24 * k
    let id = UInt32(littleEndian(bytes, at: entry, count: 4))
    let offset = littleEndian(bytes, at: entry + 4, count: 8)
    let length = littleEndian(bytes, at: entry + 12, count: 8)
    result[id] = offset..<(offset + length)
  }
  return result
}

// MARK: - Random corpora

/// Random Vietnamese-looking documents over a small vocabulary that holds tone-placement variants,
/// case variants, forms that fold together (`Đảng`, `đang`, `dang`), symbols and hyphenated words.
enum RandomCorpus {
  static let vocabulary = [
    "hoà", "hòa", "Hoà", "HÒA", "hoa", "hóa", "hoá", "thuỷ", "thủy", "Thuỷ", "thuy", "THUỶ",
    "Đảng", "đảng", "ĐẢNG", "dang", "Dang", "đang", "dáng", "dân", "Dân", "dẫn", "dan", "chủ",
    "chu", "chú", "Chủ", "cơ", "có", "co", "sở", "số", "so", "ở", "khoẻ", "khỏe", "khoe", "quý",
    "quy", "quỷ", "Việt", "Nam", "nghị", "Nghị", "quyết", "nghỉ", "quyet", "30-CT/TW",
    "59/2023/NĐ-CP", "dân-chủ", "tế-xã", "hội", "Điều", "điều", "dieu", "kinh", "tế", "xã",
    "thực", "hiện", "lãnh", "đạo", "2024", "ủy", "uỷ", "Tỉnh",
  ]
  static let separators = [
    " ", " ", " ", " ", " ", " ", ", ", ". ", "\n", " – ", " (", ") ", "\u{00A0}", "; ", ": ",
    "\t", " \"", "\" ", "**", " ¹ ", "\n\n", " “", "” ",
  ]
  static let names = [
    "doc", "văn bản", "Nghị quyết", "Kế hoạch số", "thông báo", "b/Chỉ thị", "c/d/tờ trình",
  ]

  /// Words the tokenizer's special rules are about: digit groups, dates, symbols, hyphens.
  static let trickyVocabulary =
    vocabulary + [
      "1.000.000", "2,5", "18/02/1998", "COVID-19", "Quốc-hội", "a/b", "NĐ-CP", "x2", "2024-2025",
      "ĐẢNG-ủy", "Đ", "đ", "ư", "Ơ", "khuỷu", "quả", "Quỳ", "thuở", "hoàn", "thuyết", "ngoằn",
      "España", "façade", "naïve", "Ёлка", "Ἀθῆναι", "Ångström",
    ]
  /// Separators the tokenizer treats specially: HTML tags and entities, superscripts, dashes,
  /// curly quotes, zero-width and non-breaking spaces, emoji.
  static let trickySeparators =
    separators + [
      "<sup>1</sup> ", " <b>", "</b> ", "&nbsp;", " &amp; ", "²", " — ", "‘", "’ ", "\u{200B}",
      "\u{00AD}", " 👍 ", " × ", "…", " < ", " & ", "**", " # ", " / ", " - ", "\u{FEFF}", "\r",
    ]

  /// One document's text, before encoding.
  static func text(
    using random: inout SeededGenerator, vocabulary: [String] = vocabulary,
    separators: [String] = separators
  ) -> String {
    let count = Int.random(in: 1...120, using: &random)
    // Each document favours a part of the vocabulary, so words do not occur everywhere.
    let favourite = Array(
      vocabulary.shuffled(using: &random).prefix(Int.random(in: 4...30, using: &random)))
    var text = ""
    for k in 0..<count {
      if k > 0 { text += separators.randomElement(using: &random) ?? " " }
      let pool = Int.random(in: 0..<10, using: &random) < 8 ? favourite : vocabulary
      text += pool.randomElement(using: &random) ?? "dân"
    }
    return text
  }

  /// The bytes of a file holding `text`: sometimes NFD, CRLF or with a BOM.
  static func encode(_ text: String, using random: inout SeededGenerator) -> [UInt8] {
    var text = text
    switch Int.random(in: 0..<6, using: &random) {
    case 0: text = text.decomposedStringWithCanonicalMapping
    case 1:  // some lines NFD, the others NFC
      text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        Bool.random(using: &random) ? line.decomposedStringWithCanonicalMapping : String(line)
      }.joined(separator: "\n")
    default: break
    }
    if Int.random(in: 0..<5, using: &random) == 0 {
      text = text.replacingOccurrences(of: "\n", with: "\r\n")
    }
    var bytes = Array(text.utf8)
    if Int.random(in: 0..<10, using: &random) == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
    return bytes
  }

  /// A file name not yet in `taken`.
  static func name(_ index: Int, using random: inout SeededGenerator) -> String {
    let stem = names.randomElement(using: &random) ?? "doc"
    return "\(stem) \(index)" + (Int.random(in: 0..<4, using: &random) == 0 ? ".md" : ".txt")
  }

  /// Writes `count` random files; returns relative path → file bytes.
  @discardableResult
  static func write(
    count: Int, into folder: TemporaryFolder, startingAt first: Int = 0, tricky: Bool = false,
    using random: inout SeededGenerator
  ) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    for index in first..<(first + count) {
      let name = self.name(index, using: &random)
      let text =
        tricky
        ? self.text(using: &random, vocabulary: trickyVocabulary, separators: trickySeparators)
        : self.text(using: &random)
      let bytes = encode(text, using: &random)
      try folder.write(name, bytes: bytes)
      files[name] = bytes
    }
    return files
  }

  /// A query word: as written, without marks, in upper case, or in NFD.
  static func variant(of word: String, using random: inout SeededGenerator) -> String {
    switch Int.random(in: 0..<6, using: &random) {
    case 0, 1: word
    case 2: Oracle.fold(word)
    case 3: word.uppercased()
    case 4: word.decomposedStringWithCanonicalMapping
    default: Oracle.exact(word)
    }
  }

  /// A random atom: a vocabulary word (a hyphenated one is a phrase), or a phrase from a document.
  static func atom(
    documents: [[Oracle.Token]], words: [String], using random: inout SeededGenerator
  ) -> Oracle.Atom {
    if Int.random(in: 0..<3, using: &random) == 0,
      let tokens = documents.filter({ $0.count >= 3 }).randomElement(using: &random)
    {
      let length = Int.random(in: 2...3, using: &random)
      let start = Int.random(in: 0...(tokens.count - length), using: &random)
      return .phrase(
        tokens[start..<(start + length)].map { variant(of: $0.surface, using: &random) })
    }
    let word = variant(of: words.randomElement(using: &random) ?? "dân", using: &random)
    if word.contains("-"), !word.contains("/"), !word.contains(where: \.isNumber) {
      return .phrase(word.split(separator: "-").map(String.init))
    }
    return .term(word)
  }

  /// A random query: terms, phrases, OR, exclusions.
  static func query(
    documents: [[Oracle.Token]], words: [String], using random: inout SeededGenerator
  ) -> Oracle.QuerySpec {
    func atom() -> Oracle.Atom { Self.atom(documents: documents, words: words, using: &random) }
    switch Int.random(in: 0..<8, using: &random) {
    case 0, 1: return Oracle.QuerySpec(clauses: [[atom()]])
    case 2: return Oracle.QuerySpec(clauses: [[atom()], [atom()]])
    case 3: return Oracle.QuerySpec(clauses: [[atom(), atom()]])
    case 4: return Oracle.QuerySpec(clauses: [[atom()], [atom(), atom()]])
    case 5: return Oracle.QuerySpec(clauses: [[atom()]], excluded: [atom()])
    case 6: return Oracle.QuerySpec(clauses: [[atom()], [atom()]], excluded: [atom()])
    default: return Oracle.QuerySpec(clauses: [[atom()], [atom()], [atom()]])
    }
  }
}
