import Citations
import Testing
import VietText

@Suite("Citation extractor: robustness")
struct CitationExtractorRobustnessTests {
  /// Pieces of citations and of their surroundings, cut anywhere.
  static let pieces = [
    "Luật", "luật", "Bộ luật", "Nghị quyết", "Trung ương", "4", "khóa", "XII", "Đại hội",
    "Hiến pháp", "năm", "2013", "số", "Số:", "30-CT/TW", "59/2023/NĐ-CP", "157-NĐ/2007/NĐ-CP",
    "34-PL/TW34/2007PL-UBTVQH11", "ngày", "18/02/1998", "19", "tháng", "6", "của", "Bộ Chính trị",
    "về", "Căn cứ", "thực hiện", "và", ",", ";", ".", "(", ")", "\n", "\n\n", "<sup>1</sup>",
    "¹", "1.", "-", "–", "/", " ", "\u{00A0}", "Chỉ thị", "Quyết định", "1383", "Thực hiện dân chủ",
    "ở cơ sở", "điểm a khoản 1 Điều 7", "Sửa đổi, bổ sung một số điều của", "*", "**", "Đ", "đ",
  ]

  @Test func neverCrashesOnShuffledPieces() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let extractor = CitationExtractor()
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<next(14) {
        text += Self.pieces[next(Self.pieces.count)]
        if next(3) == 0 { text += " " }
      }
      let extraction = extractor.extract(from: Normalization.nfc(text))
      for citation in extraction.citations {
        #expect(citation.range.lowerBound <= citation.range.upperBound)
        #expect(citation.range.upperBound <= text.utf8.count)
        #expect(!citation.id.isEmpty)
      }
      for document in extraction.documents {
        #expect(document.range.upperBound <= text.utf8.count)
      }
    }
  }

  /// Found by `Fuzz/run.sh 60 extractor` with the chunked seeds, minimized by libFuzzer (kept in
  /// Fuzz/regressions/extractor/): `CitationScanner.scanNumber(at:)` builds the range
  /// `previous.extentEnd..<k` with its bounds reversed and traps (CitationScanner.swift:123), so a
  /// file holding these 17 bytes stops `cancu citations` and `cancu index` for the whole corpus.
  /// A trap cannot be caught, so the extractor runs in a child process (an exit test).
  @Test func fuzzFindingInScanNumberDoesNotTrap() async {
    await #expect(processExitsWith: .success) {
      _ = CitationExtractor().extract(from: "lệnh 7/số 0/T")
    }
    // And in a sentence around it, with the list forms that path serves.
    await #expect(processExitsWith: .success) {
      _ = CitationExtractor().extract(from: "Căn cứ Pháp lệnh 7/số 0/TW, số 1/2020/NĐ-CP và số 2-CT/TW")
    }
  }

  @Test(
    "Text that ends inside a citation",
    arguments: [
      "Luật", "Căn cứ Luật", "số", "Chỉ thị số 30-", "Chỉ thị số 30-CT/", "ngày 12/", "Nghị quyết",
      "Nghị quyết Trung ương 4 (", "Nghị quyết Đại hội", "Chỉ thị số 30-CT/TW ngày 18/02/",
      "Chỉ thị số 30-CT/TW của", "(Luật\n\n<sup>1</sup> Chỉ thị 30-CT/TW\n\n", "<sup>1", "¹",
      "Luật Sửa đổi, bổ sung một số điều của Luật", "Hiến pháp năm", "", "\n", "Số:",
    ])
  func textEndingInsideACitation(text: String) {
    _ = CitationExtractor().extract(from: text)
  }
}
