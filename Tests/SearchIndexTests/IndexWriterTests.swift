import Citations
import Corpus
import Foundation
import TestSupport
import Testing
import VietText

@testable import SearchIndex

/// One occurrence as the test expects it back: document, position, exact form.
private struct Occurrence: Hashable, Comparable {
  var document: Int
  var position: UInt32
  var form: String

  static func < (a: Occurrence, b: Occurrence) -> Bool {
    (a.document, a.position, a.form) < (b.document, b.position, b.form)
  }
}

/// A hand-built document analysis: term → [(position, exact form)].
private func analysis(_ terms: [(String, [(UInt32, String)])], tokenCount: Int) -> DocumentAnalysis
{
  var result = DocumentAnalysis()
  for (key, occurrences) in terms {
    var forms: [[UInt8]] = []
    var interleaved: [UInt32] = []
    for (position, form) in occurrences {
      let bytes = Array(form.utf8)
      if !forms.contains(bytes) { forms.append(bytes) }
      interleaved += [position, UInt32(forms.firstIndex(of: bytes) ?? 0)]
    }
    result.terms.append(Array(key.utf8))
    result.variants.append(forms)
    result.occurrences.append(interleaved)
  }
  result.tokenCount = tokenCount
  return result
}

private func stored(
  _ relative: String, tokens: Int, summary: DocumentSummary? = nil, size: Int = 100,
  time: Int64 = 1_700_000_000_000_000_000, hash: UInt64 = 42
) -> StoredDocument {
  StoredDocument(
    path: "/kho/" + relative, relativePath: relative, size: size, modificationTime: time,
    contentHash: hash, tokenCount: tokens,
    summary: summary
      ?? DocumentSummary(path: "/kho/" + relative, identities: [], citations: [], identityLines: [])
  )
}

/// The document as the index gives it back: citation texts empty but for repaired citations.
func withoutCitationTexts(_ document: StoredDocument) -> StoredDocument {
  var copy = document
  for index in copy.summary.citations.indices where !copy.summary.citations[index].citation.isRepaired {
    copy.summary.citations[index].text = ""
  }
  return copy
}

/// Every occurrence in the index, read back through the reader.
private func occurrencesByTerm(_ reader: IndexReader) throws -> [String: [Occurrence]] {
  var result: [String: [Occurrence]] = [:]
  var keys: [[UInt8]] = []
  try reader.forEachTerm { key, list in
    keys.append(key)
    var found: [Occurrence] = []
    for (index, document) in list.documents.enumerated() {
      for k in list.occurrences(index) {
        let form = String(decoding: list.variants[Int(list.variantOfOccurrence[k])], as: UTF8.self)
        found.append(Occurrence(document: Int(document), position: list.positions[k], form: form))
      }
    }
    result[String(decoding: key, as: UTF8.self)] = found
  }
  #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }, "dictionary not in key order")
  return result
}

@Suite("Index writer and reader round trip")
struct IndexWriterTests {
  static let summary = DocumentSummary(
    path: "/kho/Nghị quyết 49.txt",
    identities: [
      DocumentIdentity(
        kind: .resolution, id: "49-NQ/TU", number: "49", year: nil, symbol: "NQ/TU",
        date: CitationDate(year: 2024, month: 5, day: 28), issuer: "Ban Thường vụ Tỉnh ủy",
        title: "Về tăng cường sự lãnh đạo của Đảng", province: "Hưng Yên", range: 0..<500)
    ],
    citations: [
      LocatedCitation(
        citation: Citation(
          kind: .directive, id: "30-CT/TW", number: "30", symbol: "CT/TW",
          date: CitationDate(year: 1998, month: 2, day: 18), issuer: "Bộ Chính trị",
          relation: .implements, range: 10..<40, isFootnote: true, pinpoint: "khoản 2 Điều 5",
          isRepaired: true, confidence: 0.75),
        location: SourceLocation(line: 3, column: 7, byteOffset: 12), originalEnd: 44,
        text: "Chỉ thị số 30-CT/TW ngày 18/02/1998"),
      LocatedCitation(
        citation: Citation(kind: .decree, id: "59/2023/NĐ-CP", number: "59", year: 2023),
        location: SourceLocation(line: 9, column: 1, byteOffset: 300), originalEnd: 320,
        text: "Nghị định số 59/2023/NĐ-CP"),
    ],
    identityLines: [1])

  @Test func handBuiltIndexReadsBackEqual() throws {
    let folder = try TemporaryFolder()
    let documents = [
      stored("Nghị quyết 49.txt", tokens: 6, summary: Self.summary, size: 1234, hash: 0xDEAD_BEEF),
      stored("b/văn bản có dấu cách.md", tokens: 3, time: -5),
    ]
    var writer = IndexWriter()
    writer.add(
      documents[0],
      analysis: analysis(
        [
          ("dan", [(0, "dân"), (3, "dẫn"), (5, "dân")]), ("dang", [(1, "đảng")]),
          ("30-ct/tw", [(2, "30-ct/tw")]), ("chu", [(4, "chủ")]),
        ], tokenCount: 6))
    writer.add(
      documents[1],
      analysis: analysis(
        [("dan", [(0, "dan")]), ("hoa", [(1, "hòa"), (2_000_000, "hoa")])], tokenCount: 3))
    writer.skipped = [
      SkippedFile(relativePath: "ảnh.txt", size: 7, modificationTime: 9, reason: "binary")
    ]
    let path = IndexReader.file(inFolder: folder.path)
    try writeBytes(writer.serialize(), to: path)

    let reader = try IndexReader(path: path)
    #expect(reader.documentCount == 2)
    #expect(reader.tokenTotal == 9)
    #expect(reader.termCount == 5)
    #expect(reader.skipped == writer.skipped)
    // Citation texts are not stored (they are the file's bytes at the stored offsets), but for
    // the repaired citation's.
    let expected = documents.map(withoutCitationTexts)
    #expect(expected[0].summary.citations.map(\.text) == ["Chỉ thị số 30-CT/TW ngày 18/02/1998", ""])
    #expect(try reader.allDocuments() == expected)
    #expect(try reader.document(0) == expected[0])
    #expect(try reader.document(1) == expected[1])
    #expect(try reader.documentLength(0) == 6)
    #expect(try reader.documentLength(1) == 3)
    try reader.verify()

    let all = try occurrencesByTerm(reader)
    #expect(all.keys.sorted() == ["30-ct/tw", "chu", "dan", "dang", "hoa"])
    #expect(
      all["dan"]?.sorted() == [
        Occurrence(document: 0, position: 0, form: "dân"),
        Occurrence(document: 0, position: 3, form: "dẫn"),
        Occurrence(document: 0, position: 5, form: "dân"),
        Occurrence(document: 1, position: 0, form: "dan"),
      ])
    #expect(
      all["hoa"]?.sorted() == [
        Occurrence(document: 1, position: 1, form: "hòa"),
        Occurrence(document: 1, position: 2_000_000, form: "hoa"),
      ])
    #expect(all["30-ct/tw"] == [Occurrence(document: 0, position: 2, form: "30-ct/tw")])

    let entry = try #require(try reader.lookup(Array("dan".utf8)))
    #expect(entry.documentFrequency == 2)
    #expect(try reader.postings(entry).documents == [0, 1])
    #expect(try reader.lookup(Array("dang".utf8))?.documentFrequency == 1)
    for missing in ["", "0", "a", "da", "danh", "zzz", "đảng"] {
      #expect(try reader.lookup(Array(missing.utf8)) == nil, "\(missing)")
    }
  }

  @Test func emptyIndexReadsBack() throws {
    let folder = try TemporaryFolder()
    let path = IndexReader.file(inFolder: folder.path)
    try writeBytes(IndexWriter().serialize(), to: path)
    let reader = try IndexReader(path: path)
    #expect(reader.documentCount == 0)
    #expect(reader.termCount == 0)
    #expect(reader.skipped.isEmpty)
    #expect(try reader.allDocuments().isEmpty)
    #expect(try reader.lookup(Array("dan".utf8)) == nil)
    try reader.verify()
    let results = try Searcher(reader: reader).search(try Query(parsing: "dan"), limit: 10)
    #expect(results.totalMatches == 0)
  }

  @Test(
    "Random postings round-trip, with up to 40 forms per term", arguments: [1, 2, 3] as [UInt64])
  func randomPostingsRoundTrip(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    let folder = try TemporaryFolder()
    let termCount = 60
    var expected: [String: [Occurrence]] = [:]
    var writer = IndexWriter()
    var documents: [StoredDocument] = []
    for document in 0..<40 {
      let tokens = Int.random(in: 1...300, using: &random)
      var byTerm: [String: [(UInt32, String)]] = [:]
      var order: [String] = []
      var position: UInt32 = 0
      for _ in 0..<tokens {
        position += UInt32.random(in: 1...(random.next() % 10 == 0 ? 70_000 : 3), using: &random)
        let term = "t\(Int.random(in: 0..<termCount, using: &random))"
        let formCount = term.hasSuffix("7") ? 40 : 3
        let form = term + "·\(Int.random(in: 0..<formCount, using: &random))"
        if byTerm[term] == nil { order.append(term) }
        byTerm[term, default: []].append((position, form))
        expected[term, default: []].append(
          Occurrence(document: document, position: position, form: form))
      }
      let doc = stored("d\(document).txt", tokens: tokens, hash: random.next())
      documents.append(doc)
      writer.add(doc, analysis: analysis(order.map { ($0, byTerm[$0] ?? []) }, tokenCount: tokens))
    }
    let path = IndexReader.file(inFolder: folder.path)
    try writeBytes(writer.serialize(), to: path)
    let reader = try IndexReader(path: path)
    #expect(try reader.allDocuments() == documents)
    let all = try occurrencesByTerm(reader)
    #expect(all.keys.sorted() == expected.keys.sorted())
    for (term, occurrences) in expected {
      #expect(all[term]?.sorted() == occurrences.sorted(), "\(term)")
      let entry = try #require(try reader.lookup(Array(term.utf8)))
      #expect(entry.documentFrequency == Set(occurrences.map(\.document)).count)
    }
  }
}

extension IndexWriterTests {
  /// Workers add documents to shards of their own; the file must not depend on how documents
  /// were spread over shards, nor on which shard saw a form first.
  @Test("Shards merge into the same file as one writer", arguments: [7, 8] as [UInt64])
  func shardsMergeExactly(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    var documents: [StoredDocument] = []
    var analyses: [DocumentAnalysis] = []
    for document in 0..<30 {
      var byTerm: [String: [(UInt32, String)]] = [:]
      var order: [String] = []
      let tokens = Int.random(in: 1...200, using: &random)
      for position in 0..<UInt32(tokens) {
        let term = "t\(Int.random(in: 0..<25, using: &random))"
        let form = term + "·\(Int.random(in: 0..<4, using: &random))"
        if byTerm[term] == nil { order.append(term) }
        byTerm[term, default: []].append((position, form))
      }
      documents.append(stored("d\(document).txt", tokens: tokens, hash: random.next()))
      analyses.append(analysis(order.map { ($0, byTerm[$0] ?? []) }, tokenCount: tokens))
    }
    var single = IndexWriter(documents: documents)
    for (id, analysis) in analyses.enumerated() { single.add(document: id, analysis: analysis) }

    var sharded = IndexWriter(documents: documents)
    var shards = [PostingsBuilder(), PostingsBuilder(), PostingsBuilder()]
    // Later documents first, so shards see forms in another order than the single writer.
    for (id, analysis) in analyses.enumerated().reversed() {
      shards[Int(random.next() % 3)].add(document: id, analysis: analysis)
    }
    for shard in shards { sharded.add(shard: shard) }
    #expect(sharded.serialize() == single.serialize())
  }
}

@Suite("Checksum")
struct ChecksumTests {
  @Test(
    "CRC-32 gives the IEEE check values",
    arguments: [
      ("", 0x0000_0000), ("123456789", 0xCBF4_3926), ("a", 0xE8B7_BE43),
      ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ] as [(String, UInt32)])
  func checkValues(text: String, crc: UInt32) {
    #expect(Checksum.crc32(Array(text.utf8)) == crc)
  }

  /// The oracle: the CRC computed bit by bit, no tables.
  private static func bitwise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }
    return crc ^ 0xFFFF_FFFF
  }

  @Test("A CRC continued piece by piece is the CRC of the whole")
  func continues() {
    var random = SeededGenerator(seed: 33)
    let bytes = (0..<500).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    for cut in stride(from: 0, through: bytes.count, by: 13) {
      let first = Checksum.crc32(Array(bytes[..<cut]))
      #expect(Checksum.crc32(Array(bytes[cut...]), continuing: first) == Self.bitwise(bytes[...]), "\(cut)")
    }
  }

  @Test("Every length and alignment matches a bitwise CRC")
  func matchesBitwise() {
    var random = SeededGenerator(seed: 32)
    let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    for start in 0..<9 {
      for end in stride(from: start, through: bytes.count, by: 7) {
        let slice = bytes[start..<end]
        let fast = slice.withUnsafeBytes { Checksum.crc32($0) }
        #expect(fast == Self.bitwise(slice), "\(start)..<\(end)")
      }
    }
  }
}

/// The indexing workers analyze straight into their shard
/// (``PostingsBuilder/add(document:text:analyzer:scratch:)``); the oracle is the plain path,
/// ``Analyzer`` then ``PostingsBuilder/add(document:analysis:)``.
@Suite("Analyzing straight into a shard")
struct DirectAnalysisTests {
  static let pieces = [
    "Đảng", "đảng", "dang", "DANG", "hoà", "hòa", "hoa\u{0300}", "khoẻ", "khỏe", "30-CT/TW", "59/2023/NĐ-CP",
    "dân", "chủ", "ở", "cơ", "sở", "dẫn", " ", " ", "\n", ",", ".", "–", "\u{00A0}", "<sup>1</sup>", "**",
    "🙂", "日本", String(repeating: "x", count: 120), "a", "Ω", "\u{0301}", "12", "thủy", "thuỷ",
  ]

  @Test("Same file as Analyzer then add, on seeds and random text", arguments: [11, 12, 13] as [UInt64])
  func sameAsAnalyzerThenAdd(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    var texts: [String] = []
    let names = try FileManager.default.contentsOfDirectory(atPath: seedCorpus).sorted()
    for name in names {
      texts.append(Normalization.nfc(try String(contentsOfFile: seedCorpus + "/" + name, encoding: .utf8)))
    }
    for _ in 0..<40 {
      let count = Int.random(in: 0...300, using: &random)
      texts.append(Normalization.nfc((0..<count).map { _ in random.pick(Self.pieces) }.joined(separator: random.next() % 2 == 0 ? " " : "")))
    }
    var plain = PostingsBuilder()
    var direct = PostingsBuilder()
    var scratch = PostingsBuilder.Scratch()
    var documents: [StoredDocument] = []
    for (id, text) in texts.enumerated() {
      let analysis = Analyzer().analyze(text)
      plain.add(document: id, analysis: analysis)
      var copy = text
      let tokens = copy.withUTF8 { direct.add(document: id, text: $0, scratch: &scratch) }
      #expect(tokens == analysis.tokenCount)
      documents.append(stored("d\(id).txt", tokens: tokens))
    }
    var a = IndexWriter(documents: documents)
    a.add(shard: plain)
    var b = IndexWriter(documents: documents)
    b.add(shard: direct)
    #expect(a.serialize() == b.serialize())
  }
}

/// The dictionary records, document records and citation keys of a large build pass through
/// ``SpillBuffer``, which moves to a file past a few MiB; small test corpora never get there.
@Suite("Spill buffer")
struct SpillBufferTests {
  /// `count` bytes of one value, with the piece's number and length at both ends, so that a
  /// piece lost, doubled or moved shows.
  static func pattern(_ count: Int, seed: UInt64) -> [UInt8] {
    var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: seed &* 37), count: count)
    let mark = Array("\(seed)/\(count)".utf8)
    bytes.replaceSubrange(0..<mark.count, with: mark)
    bytes.replaceSubrange((count - mark.count)..<count, with: mark)
    return bytes
  }

  @Test("Bytes come back the same, from memory and from the file", arguments: [false, true])
  func roundTrip(toFile: Bool) throws {
    let folder = try TemporaryFolder("spill")
    let path = folder.path + "/buffer"
    // 9 MiB in uneven pieces: past the 8 MiB at which the buffer moves to its file, with some
    // left in memory after.
    let pieces = (0..<9).map { Self.pattern((1 << 20) + $0 * 7, seed: UInt64($0)) }
    let expected = Array(pieces.joined())

    let forBytes = SpillBuffer(path: toFile ? path : nil)
    for piece in pieces { try forBytes.append(piece) }
    #expect(forBytes.count == expected.count)
    var seen: [UInt8] = []
    try forBytes.withBytes { seen = Array($0) }
    #expect(seen == expected)

    let forCopy = SpillBuffer(path: toFile ? path + "-copy" : nil)
    for piece in pieces { try forCopy.append(piece) }
    var output = IndexFileOutput(sectionCount: 1)
    output.begin(.meta)
    try forCopy.copy(into: &output)
    output.end()
    let file = try output.finish()
    let headerLength = IndexFormat.headerSize + IndexFormat.sectionEntrySize + 4
    #expect(Array(file[headerLength...]) == expected)
    #expect(try folder.contents().isEmpty, "the buffers' files are removed")
  }
}
