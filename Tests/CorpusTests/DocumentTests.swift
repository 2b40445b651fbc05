import Foundation
import Testing
import VietText

@testable import Corpus

@Suite("Document")
struct DocumentTests {
  /// The original file as a byte array, for an oracle independent of the offset map.
  private func originalBytes(_ document: Document) -> [UInt8] { Array(document.original.utf8) }

  @Test("Quotes the exact original span for NFC, NFD, CRLF and BOM files", arguments: [
    ("nfc", false, false, false), ("nfd", true, false, false), ("crlf", false, true, false),
    ("nfd+crlf+bom", true, true, true),
  ])
  func quotesOriginalSpans(name: String, nfd: Bool, crlf: Bool, bom: Bool) {
    let lines = [
      "**ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH**",
      "Căn cứ Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị;",
      "Thực hiện Nghị quyết số 49-NQ/TU về dân chủ ở cơ sở, hoà hợp.",
    ]
    var text = lines.joined(separator: crlf ? "\r\n" : "\n")
    if nfd { text = text.decomposedStringWithCanonicalMapping }
    if bom { text = "\u{FEFF}" + text }
    let document = Document(path: "x.txt", original: text)
    #expect(document.text == lines.joined(separator: "\n"))
    let target = "Nghị quyết số 49-NQ/TU"
    let utf8 = Array(document.text.utf8)
    let start = try! #require(find(Array(target.utf8), in: utf8))
    let range = start..<(start + target.utf8.count)
    let quoted = document.originalText(of: range)
    #expect(quoted.precomposedStringWithCanonicalMapping == target)
    // The oracle: the original bytes at the reported offsets, found by a brute-force scan.
    let originalTarget = Array((nfd ? target.decomposedStringWithCanonicalMapping : target).utf8)
    let expectedStart = try! #require(find(originalTarget, in: originalBytes(document)))
    let location = document.location(of: range.lowerBound)
    #expect(location.byteOffset == expectedStart)
    #expect(location.line == 3)
    #expect(location.column == 11)
    #expect(document.line(2).hasPrefix("Căn cứ"))
  }

  private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    for i in 0...(haystack.count - needle.count) where Array(haystack[i..<(i + needle.count)]) == needle {
      return i
    }
    return nil
  }
}
