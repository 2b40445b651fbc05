import Citations
import Corpus
import Foundation
import VietText
import Testing
import TestSupport

@testable import SearchIndex

/// Sections 4, 6 and 7: compact document records, the citation map and the shared strings.
@Suite("Stored documents, citation map and string table")
struct StoredDocumentsTests {
  /// A small corpus with repeated ids, issuers and subjects, a document without a number, a law
  /// by name, a footnote, a CRLF file (original offsets differ from normalized ones).
  static func corpus() throws -> IndexedCorpus {
    let indexed = try IndexedCorpus()
    try indexed.corpus.write(
      "a.txt",
      "NGHỊ QUYẾT\nVề tăng cường sự lãnh đạo của Đảng\n\n"
        + "Thực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị về xây dựng và thực hiện"
        + " Quy chế dân chủ ở cơ sở; Luật Thực hiện dân chủ ở cơ sở.\n")
    try indexed.corpus.write(
      "b/kế hoạch.txt",
      "Số 161-KH/ĐUK\n\nKẾ HOẠCH\n\nThực hiện Nghị quyết số 49-NQ/TU ngày 28/5/2024 của Ban"
        + " Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng; Chỉ thị số 30-CT/TW<sup>1</sup>.\n")
    try indexed.corpus.write(
      "c.txt",
      "Căn cứ Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị;\r\nCăn cứ Quy định số"
        + " 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị;\r\nNghị định số 157-NĐ/2007/NĐ-CP.\r\n")
    _ = try indexed.update()
    return indexed
  }

  /// Reading back gives what the corpus loader extracts, citation texts aside; the texts come
  /// back from the files through the stored offsets.
  @Test func recordsReadBackAsExtracted() throws {
    let indexed = try Self.corpus()
    let reader = try IndexReader(path: indexed.indexFile)
    let stored = try reader.allDocuments()
    #expect(stored.count == 3)
    for (id, document) in stored.enumerated() {
      let read = try Document.read(path: document.path).get()
      #expect(document.summary.withCitationTexts(original: read.original) == read.summary)
      #expect(try reader.documents([id]) == [document])
      var header = document
      header.summary.citations = []
      #expect(try reader.documentHeader(id) == header)
    }
    #expect(stored.contains { $0.summary.citations.contains { $0.location.byteOffset != $0.citation.range.lowerBound } })
  }

  /// Every key of every document finds the document, and finds only documents filed under it,
  /// as computed here from the stored summaries.
  @Test func citationMapListsExactlyTheDocumentsOfEachKey() throws {
    let indexed = try Self.corpus()
    let reader = try IndexReader(path: indexed.indexFile)
    let stored = try reader.allDocuments()
    var untitled: Set<String> = []
    for document in stored {
      for identity in document.summary.identities where identity.id == nil {
        if let title = identity.title { untitled.insert(CitationKeys.title(title)) }
      }
    }
    #expect(!untitled.isEmpty)
    var expected: [[UInt8]: [Int]] = [:]
    for (id, document) in stored.enumerated() {
      for key in CitationKeys.keys(of: document.summary, untitledTitles: untitled) {
        expected[key, default: []].append(id)
      }
    }
    #expect(expected.keys.contains(CitationKeys.key(.subject, CitationKeys.title("tăng cường sự lãnh đạo của Đảng"))))
    #expect(!expected.keys.contains(CitationKeys.key(.subject, CitationKeys.title("xây dựng và thực hiện Quy chế dân chủ ở cơ sở"))))
    for (key, ids) in expected {
      let facet = try #require(CitationKeys.Facet(rawValue: key[0]))
      let value = String(decoding: key.dropFirst(), as: UTF8.self)
      #expect(try reader.documents(filedUnder: facet, value) == ids, "\(value)")
    }
    #expect(try reader.documents(filedUnder: .cited, "30-ct/tw") == [0, 1, 2])
    #expect(try reader.documents(filedUnder: .cited, "31-ct/tw").isEmpty)
    #expect(try reader.values(filedUnder: .untitled) == untitled.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  /// The design's promise for the new parts: a flipped byte anywhere in sections 4, 6 or 7
  /// gives a damaged-index error or the right answer, never a wrong one or a crash.
  @Test(.timeLimit(.minutes(2)))
  func everyFlippedByteGivesAnErrorOrTheRightAnswer() throws {
    let indexed = try Self.corpus()
    let path = indexed.indexFile
    let bytes = try readBytes(path)
    let sections = sectionRanges(bytes)
    func answers() throws(IndexError) -> [String] {
      let reader = try IndexReader(path: path)
      var lines = try reader.allDocuments().map { "\($0)" }
      for id in 0..<reader.documentCount { lines.append("\(try reader.documentHeader(id))") }
      for (facet, value) in [
        (CitationKeys.Facet.cited, "30-ct/tw"), (.cited, "49-nq/tu"), (.identity, "161-kh/đuk"),
        (.name, CitationKeys.name("Luật Thực hiện dân chủ ở cơ sở")),
        (.untitled, CitationKeys.title("Về tăng cường sự lãnh đạo của Đảng")),
      ] {
        lines.append("\(try reader.documents(filedUnder: facet, value))")
      }
      lines.append("\(try reader.values(filedUnder: .untitled))")
      return lines
    }
    let intact = try answers()
    var offsets: [Int] = []
    for id: UInt32 in [4, 6, 7] { offsets += Array(try #require(sections[id])) }
    for offset in offsets {
      try writeBytes(bytes, to: path)
      try flipByte(at: offset, ofFile: path)
      do {
        let damaged = try answers()
        #expect(damaged == intact, "byte \(offset): a wrong answer")
      } catch {
        guard case .damaged = error else {
          Issue.record("byte \(offset): unexpected \(error)")
          continue
        }
      }
    }
  }

  /// Search results read headers only: damage in a record's citations does not stop them, and
  /// is found when the citations are read.
  @Test func headerIsReadWithoutTheCitations() throws {
    let indexed = try Self.corpus()
    let path = indexed.indexFile
    let reader = try IndexReader(path: path)
    let header = try reader.documentHeader(2)
    // The last byte before the record's final checksum belongs to the citations part.
    let bytes = try readBytes(path)
    let documents = try #require(sectionRanges(bytes)[4])
    let count = littleEndian(bytes, at: documents.lowerBound, count: 4)
    let recordsStart = documents.lowerBound + 4 + (count + 1) * 8 + count * 4 + 4
    let end = recordsStart + littleEndian(bytes, at: documents.lowerBound + 4 + 8 * 3, count: 8)
    try flipByte(at: end - 5, ofFile: path)
    let damaged = try IndexReader(path: path)
    #expect(try damaged.documentHeader(2) == header)
    #expect(throws: IndexError.self) { try damaged.document(2) }
  }
}

@Suite("Content hash")
struct ContentHashTests {
  private func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { contentHash($0) } }

  /// Every length from 0 to 100 (stripes, words and tail bytes), every byte changed in turn,
  /// and a byte added or dropped: no two of these inputs share a hash.
  @Test func anyOneByteChangeChangesTheHash() {
    var random = SeededGenerator(seed: 3)
    var seen: [UInt64: [UInt8]] = [:]
    for length in 0...100 {
      let base = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      var variants = [base, base + [0], Array(base.dropLast())]
      for k in base.indices {
        var changed = base
        changed[k] ^= 1 << UInt8(random.next() % 8)
        variants.append(changed)
      }
      for bytes in variants {
        let h = hash(bytes)
        if let earlier = seen[h] { #expect(earlier == bytes, "length \(length)") }
        seen[h] = bytes
      }
    }
    #expect(hash([]) == hash([]))
    #expect(hash(Array("Đảng".utf8)) == hash(Array("Đảng".utf8)))
  }
}
