import Citations
import Foundation
import Testing
import VietText

/// The citations of a short text, read the way documents are: normalized first.
func citations(_ text: String) -> [Citation] {
  CitationExtractor().citations(in: NormalizedText(original: text).text)
}

/// The exact text of a citation's range.
func spanText(_ citation: Citation, in text: String) -> String {
  let normalized = NormalizedText(original: text).text
  return String(decoding: Array(normalized.utf8)[citation.range], as: UTF8.self)
}

@Suite("Citation extractor: forms")
struct CitationExtractorFormTests {
  @Test(
    "Reads every numbered form",
    arguments: [
      ("Chỉ thị số 30-CT/TW của Bộ Chính trị", "30-CT/TW", DocumentKind.directive),
      ("theo Chỉ thị 05-CT/TW về học tập", "05-CT/TW", .directive),
      ("Pháp lệnh 34/2007/PL-UBTVQH11 của Ủy ban", "34/2007/PL-UBTVQH11", .ordinance),
      ("Chi thị số 30-CT/TW (OCR)", "30-CT/TW", .directive),
      ("CHỈ THỊ SỐ 30-CT/TW", "30-CT/TW", .directive),
      ("chỉ thị số 30-ct/tw", "30-CT/TW", .directive),
      ("Chỉ thị số 30 - CT/TW", "30-CT/TW", .directive),
      ("Chỉ thị số 30–CT/TW", "30-CT/TW", .directive),
      ("Chỉ thị số 30—CT/TW", "30-CT/TW", .directive),
      ("Chỉ thị\u{00A0}số\u{00A0}30-CT/TW", "30-CT/TW", .directive),
      ("Nghị định số 59/2023/NĐ-CP", "59/2023/NĐ-CP", .decree),
      ("nghị định số 59/2023/nđ-cp", "59/2023/NĐ-CP", .decree),
      ("Nghị định số 59 / 2023 / NĐ-CP", "59/2023/NĐ-CP", .decree),
      ("Công văn số 1140/UBND-NCKS", "1140/UBND-NCKS", .officialLetter),
      ("Công văn số 44 -CV/BCĐ", "44-CV/BCĐ", .officialLetter),
      ("Thông tư liên tịch 01/2016/TTLT-BNV-BTC", "01/2016/TTLT-BNV-BTC", .jointCircular),
      (
        "Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-ĐCTUBTWMTTQVN",
        "403/2017/NQLT-UBTVQH14-ĐCTUBTWMTTQVN", .jointResolution
      ),
      ("Văn bản hợp nhất 05/VBHN-VPQH", "05/VBHN-VPQH", .consolidatedText),
      ("Công điện 05/CĐ-TTg của Thủ tướng", "05/CĐ-TTg", .dispatch),
      ("Công điện 05/CĐ-TTG", "05/CĐ-TTg", .dispatch),
      ("Pháp lệnh 02/2022/UBTVQH15", "02/2022/UBTVQH15", .ordinance),
      ("Quy định số 11-QĐi/TW", "11-QĐi/TW", .regulation),
      ("Quy định số 11-QĐI/TW", "11-QĐi/TW", .regulation),
      ("Tờ trình số 5714/TTr-UBND", "5714/TTr-UBND", .submission),
      ("Chương trình hành động 1347-CTr/TU", "1347-CTr/TU", .programme),
      ("Chương trình số 12-CTr/HU", "12-CTr/HU", .programme),
      ("Quyết định số 15/2020/QĐ-TTg", "15/2020/QĐ-TTg", .decision),
      ("Kế hoạch số 161 - KH/ĐUK", "161-KH/ĐUK", .plan),
      ("Đề án 01-ĐA/TU", "01-ĐA/TU", .scheme),
      ("Thông báo số 227-TB/TU", "227-TB/TU", .notice),
      ("Kết luận số 65-KL/TW", "65-KL/TW", .conclusion),
      ("Hướng dẫn số 12-HD/BTGTW", "12-HD/BTGTW", .guidance),
      ("Luật số 10/2022/QH15", "10/2022/QH15", .law),
      ("Báo cáo số 88-BC/TU", "88-BC/TU", .report),
    ])
  func readsNumberedForm(text: String, id: String, kind: DocumentKind) throws {
    let found = citations(text)
    let first = try #require(found.first)
    #expect(found.count == 1)
    #expect(first.id == id)
    #expect(first.kind == kind)
    #expect(!first.isRepaired)
  }

  @Test(
    "Reads every date form",
    arguments: [
      ("Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị", "1998-02-18"),
      ("Kết luận số 65-KL/TW ngày 4/3/2010", "2010-03-04"),
      ("Thông báo số 159-TB/TW, ngày 15/11/2004 của Ban Bí thư", "2004-11-15"),
      ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "2015-06-19"),
      ("Chỉ thị 05-CT/TW, ngày 15-5-2016", "2016-05-15"),
      ("Nghị định số 59/2023/NĐ-CP ngay 14/8/2023", "2023-08-14"),
      ("Nghị định số 59/2023/NĐ-CP NGÀY 14.8.2023", "2023-08-14"),
      ("Nghị quyết số 49-NQ/TU\nngày 28/5/2024 của Ban Thường vụ", "2024-05-28"),
    ])
  func readsDates(text: String, iso: String) throws {
    let first = try #require(citations(text).first)
    #expect(first.date?.iso == iso)
  }

  @Test func spanRunsFromKindWordThroughDate() throws {
    let text = "Thực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị (khóa VIII) về …"
    let first = try #require(citations(text).first)
    #expect(spanText(first, in: text) == "Chỉ thị số 30-CT/TW ngày 18/02/1998")
    #expect(first.issuer == "Bộ Chính trị")
    #expect(first.number == "30")
    #expect(first.symbol == "CT/TW")
    #expect(first.year == nil)
  }

  @Test func readsStateNumberParts() throws {
    let first = try #require(citations("Nghị định số 59/2023/NĐ-CP của Chính phủ quy định").first)
    #expect(first.number == "59")
    #expect(first.year == 2023)
    #expect(first.symbol == "NĐ-CP")
    #expect(first.issuer == "Chính phủ")
  }

  @Test(
    "Repairs garbled numbers and says so",
    arguments: [
      ("Nghị định số 157-NĐ/2007/NĐ-CP của Chính phủ", "157/2007/NĐ-CP"),
      ("Pháp lệnh 34-PL/TW34/2007PL-UBTVQH11 của Ủy Ban", "34/2007/PL-UBTVQH11"),
      ("Chỉ thị số 30/CT-TW của Bộ Chính trị", "30-CT/TW"),
    ])
  func repairsGarbledNumbers(text: String, id: String) throws {
    let first = try #require(citations(text).first)
    #expect(first.id == id)
    #expect(first.isRepaired)
    #expect(first.confidence < 1)
  }

  @Test func partyRegulationsDatedFrom2019UseQĐi() {
    let text = """
      Quy định số 11-QĐ/TW ngày 18/02/2019 của Bộ Chính trị; Quy định số 124-QĐ/TW ngày \
      02/02/2018; Quy định số 517-QĐ/TU ngày 19/8/2022; tiếp tục thực hiện Quy định số 11-QĐ/TW.
      """
    #expect(citations(text).map(\.id) == ["11-QĐi/TW", "124-QĐ/TW", "517-QĐ/TU", "11-QĐi/TW"])
  }
}

@Suite("Citation extractor: laws and named documents")
struct CitationExtractorNameTests {
  @Test(
    "Maps law names to official numbers",
    arguments: [
      ("Luật Thực hiện dân chủ ở cơ sở", "10/2022/QH15", "Luật Thực hiện dân chủ ở cơ sở"),
      ("nhất là Luật thực hiện dân chủ ở cơ sở;", "10/2022/QH15", "Luật Thực hiện dân chủ ở cơ sở"),
      ("Luật Tiếp công dân", "42/2013/QH13", "Luật Tiếp công dân"),
      ("Luật tiếp công dân", "42/2013/QH13", "Luật Tiếp công dân"),
      ("Luật Khiếu nại, Luật Tố cáo", "02/2011/QH13", "Luật Khiếu nại"),
      ("Luật Tiếp cận thông tin", "104/2016/QH13", "Luật Tiếp cận thông tin"),
      ("LUẬT TIẾP CẬN THÔNG TIN", "104/2016/QH13", "Luật Tiếp cận thông tin"),
      ("Luat tiep can thong tin", "104/2016/QH13", "Luật Tiếp cận thông tin"),
      ("Luật Cơ yếu có quy định khác", "05/2011/QH13", "Luật Cơ yếu"),
      ("Luật Cán bộ, công chức", "80/2025/QH15", "Luật Cán bộ, công chức"),
      ("Luật Cán bộ, công chức năm 2008", "22/2008/QH12", "Luật Cán bộ, công chức"),
      ("Luật Đất đai năm 2013", "45/2013/QH13", "Luật Đất đai"),
      ("Luật Hoà giải ở cơ sở", "35/2013/QH13", "Luật Hòa giải ở cơ sở"),
      ("Luật Hòa giải ở cơ sở", "35/2013/QH13", "Luật Hòa giải ở cơ sở"),
      ("Bộ luật Dân sự", "91/2015/QH13", "Bộ luật Dân sự"),
      ("Bộ luật Lao động năm 2019", "45/2019/QH14", "Bộ luật Lao động"),
      ("Luật Xử lý vi phạm hành chính", "15/2012/QH13", "Luật Xử lý vi phạm hành chính"),
      (
        "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015", "80/2015/QH13",
        "Luật Ban hành văn bản quy phạm pháp luật"
      ),
    ])
  func mapsLawNames(text: String, id: String, name: String) throws {
    let first = try #require(citations(text).first)
    #expect(first.id == id)
    #expect(first.name == name)
    #expect(first.kind == (name.hasPrefix("Bộ") ? .code : .law))
  }

  @Test func aNumberAfterTheNameIsTheLawsID() throws {
    let text = "Căn cứ Luật Đất đai số 45/2013/QH13 ngày 29 tháng 11 năm 2013;"
    let found = citations(text)
    #expect(found.map(\.id) == ["45/2013/QH13"])
    #expect(found.first?.name == "Luật Đất đai")
    #expect(found.first?.date?.iso == "2013-11-29")
    #expect(found.first?.relation == .basis)
  }

  @Test func theNameEndsWhereTheKnownNameEnds() throws {
    let text = "trừ trường hợp Luật Cơ yếu có quy định khác"
    let first = try #require(citations(text).first)
    #expect(spanText(first, in: text) == "Luật Cơ yếu")
  }

  @Test func anUnknownLawGetsANameID() throws {
    let first = try #require(citations("theo Luật Điện ảnh và các văn bản").first)
    #expect(first.id == "LAW:điện ảnh")
    #expect(first.name == "Luật Điện ảnh")
  }

  @Test func anAmendingLawIsOneCitationWithItsOwnNumber() throws {
    let text = """
      Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính \
      quyền địa phương ngày 22 tháng 11 năm 2019;
      """
    let found = citations(text)
    #expect(found.count == 1)
    #expect(found.first?.id == "47/2019/QH14")
    #expect(found.first?.date?.iso == "2019-11-22")
    #expect(found.first?.relation == .basis)
  }

  @Test func theConstitution() throws {
    let first = try #require(citations("Căn cứ Hiến pháp nước Cộng hòa").first)
    #expect(first.kind == .constitution)
    let dated = try #require(citations("theo Hiến pháp năm 2013").first)
    #expect(dated.year == 2013)
  }

  @Test(
    "Names Party resolutions without a number",
    arguments: [
      ("Nghị quyết Trung ương 4 khóa XII", ["NAMED:Nghị quyết Trung ương 4 khóa XII"]),
      ("Nghị quyết Trung ương 4 khoá XII", ["NAMED:Nghị quyết Trung ương 4 khóa XII"]),
      ("Nghị quyết Trung ương 4 (khóa XII) về", ["NAMED:Nghị quyết Trung ương 4 khóa XII"]),
      (
        "Nghị quyết Trung ương 4 khoá XI, khoá XII",
        ["NAMED:Nghị quyết Trung ương 4 khóa XI", "NAMED:Nghị quyết Trung ương 4 khóa XII"]
      ),
      ("Nghị quyết Đại hội XIII của Đảng", ["NAMED:Nghị quyết Đại hội XIII"]),
      (
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII,",
        ["NAMED:Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII"]
      ),
      ("Nghị quyết Đại hội Đảng bộ các cấp nhiệm kỳ 2020 - 2025", []),
    ])
  func namesPartyResolutions(text: String, ids: [String]) {
    #expect(citations(text).map(\.id) == ids)
  }
}

@Suite("Citation extractor: lists, pinpoints, relations")
struct CitationExtractorContextTests {
  @Test func listsShareTheIssuerWrittenOnce() {
    let text = """
      Công văn số 1332-CV/TU ngày 26/7/2022 và Công văn số 2087-CV/TU ngày 19/7/2023 của Ban \
      Thường vụ Tỉnh ủy về tiếp tục thực hiện Chỉ thị số 35-CT/TW, Chỉ thị số 27-CT/TW và Quy \
      định số 11-QĐi/TW;
      """
    let found = citations(text)
    #expect(found.map(\.id) == ["1332-CV/TU", "2087-CV/TU", "35-CT/TW", "27-CT/TW", "11-QĐi/TW"])
    #expect(found[0].issuer == "Ban Thường vụ Tỉnh ủy")
    #expect(found[1].issuer == "Ban Thường vụ Tỉnh ủy")
  }

  @Test func compressedListsAreSeveralDocuments() {
    let found = citations("các Quyết định số 1383 và 1158-QĐ/TU của Ban Thường vụ Tỉnh ủy")
    #expect(found.map(\.id) == ["1383-QĐ/TU", "1158-QĐ/TU"])
    #expect(found.allSatisfy { $0.kind == .decision && $0.issuer == "Ban Thường vụ Tỉnh ủy" })
    let decrees = citations("các Nghị định số 04/2015/NĐ-CP, số 60/2013/NĐ-CP của Chính phủ")
    #expect(decrees.map(\.id) == ["04/2015/NĐ-CP", "60/2013/NĐ-CP"])
    #expect(decrees.allSatisfy { $0.kind == .decree && $0.issuer == "Chính phủ" })
  }

  @Test(
    "Reads pinpoints",
    arguments: [
      ("điểm a khoản 1 Điều 7 Nghị định số 61/2023/NĐ-CP", "điểm a khoản 1 Điều 7"),
      ("theo khoản 2 Điều 5 của Luật Tiếp công dân", "khoản 2 Điều 5"),
      ("quy định tại Điều 3 Thông tư số 01/2016/TT-BNV", "Điều 3"),
    ])
  func readsPinpoints(text: String, pinpoint: String) throws {
    let first = try #require(citations(text).first)
    #expect(first.pinpoint == pinpoint)
  }

  @Test(
    "Reads relations",
    arguments: [
      ("Căn cứ Nghị định số 59/2023/NĐ-CP", CitationRelation.basis),
      ("Căn cứ vào Luật Tiếp công dân", .basis),
      ("Căn cứ Luật Đất đai năm 2013; Nghị định số 43/2014/NĐ-CP", .basis),
      ("Thực hiện Kế hoạch số 12-KH/TU của Tỉnh ủy", .implements),
      ("tổ chức thực hiện có hiệu quả Nghị định số 56/2015/NĐ-CP", .implements),
      ("Nghị định này sửa đổi, bổ sung Nghị định số 04/2015/NĐ-CP", .amends),
      ("Quyết định này thay thế Quyết định số 12/2020/QĐ-UBND", .replaces),
      ("bãi bỏ Thông tư số 05/2019/TT-BTC", .repeals),
      ("hướng dẫn thi hành Luật Đất đai", .guides),
      ("nhiệm vụ được quy định tại Nghị định số 04/2015/NĐ-CP", .mentions),
      ("(sau đây viết tắt là Đề án số 01-ĐA/TU)", .mentions),
      ("Xét Tờ trình số 5714/TTr-UBND của Ủy ban", .mentions),
    ])
  func readsRelations(text: String, relation: CitationRelation) {
    #expect(
      citations(text).map(\.relation) == Array(repeating: relation, count: citations(text).count))
    #expect(!citations(text).isEmpty)
  }

  @Test func aCitationInTheSubjectOfAnotherOnlyMentionsIt() {
    let text = """
      Thực hiện Kết luận số 54-KL/TW ngày 09/5/2023 của Ban Bí thư về tiếp tục thực hiện Quyết \
      định số 99-QĐ/TW, ngày 03/10/2017 của Ban Bí thư
      """
    #expect(citations(text).map(\.relation) == [.implements, .mentions])
  }
}

@Suite("Citation extractor: non-citations")
struct CitationExtractorNonCitationTests {
  @Test(
    "Ignores what only looks like a citation",
    arguments: [
      "Nghị quyết này có hiệu lực từ ngày ký.",
      "Điều 5 của Luật này quy định",
      "các nghị định của Chính phủ và Pháp lệnh của Quốc hội",
      "ngày 18/02/1998",
      "Hà Tĩnh, ngày 12 tháng 5 năm 2017",
      "huy động số 30 người tham gia",
      "quyết định các vấn đề theo quy định",
      "nhiệm kỳ 2020-2025 và giai đoạn 2023 - 2025",
      "vi phạm pháp luật, kỷ luật Đảng, suy thoái",
      "Quốc hội ban hành Luật Đất đai.",
      "các văn bản hướng dẫn các Luật này",
      "Nghị quyết Đại hội Đảng bộ các cấp nhiệm kỳ 2020 - 2025",
      "Tổ chức thành công 2.1. Nhiệm vụ, 100% cơ quan",
      "phòng, chống dịch Covid-19 và SARS-CoV-2",
      "trụ sở tại số 12/3 đường Lê Lợi, điện thoại 0221-3862123",
      "làm việc từ 14h30-16h30, tổ 3-KP2, Quốc lộ 5/QL",
      "tỷ lệ 1/5 số phiếu, giai đoạn 2021–2025",
    ])
  func ignoresNonCitations(text: String) {
    #expect(citations(text).isEmpty)
  }

  @Test func theHeaderNumberIsTheDocumentsIdentityNotACitation() throws {
    let text = """
      ỦY BAN NHÂN DÂN
      TỈNH THÁI BÌNH

      Số: 1140/UBND-NCKS

      V/v tiếp tục đẩy mạnh thực hiện dân chủ ở cơ sở

      Thái Bình, ngày 29 tháng 3 năm 2024

      Ủy ban nhân dân tỉnh nhận được Văn bản số 44-CV/BCĐ ngày 25/3/2024.
      """
    let extraction = CitationExtractor().extract(from: text)
    #expect(extraction.citations.map(\.id) == ["44-CV/BCĐ"])
    let document = try #require(extraction.documents.first)
    #expect(document.id == "1140/UBND-NCKS")
    #expect(document.kind == .officialLetter)
    #expect(document.date?.iso == "2024-03-29")
    #expect(document.province == "Thái Bình")
    #expect(document.title == "V/v tiếp tục đẩy mạnh thực hiện dân chủ ở cơ sở")
  }

  @Test func aFileCanHoldTwoDocuments() throws {
    let text = """
      ỦY BAN NHÂN DÂN
      TỈNH THÁI BÌNH

      Số: 1140/UBND-NCKS

      Đề nghị triển khai thực hiện Văn bản số 44-CV/BCĐ.

      Lại Văn Hoàn

      TỈNH ỦY THÁI BÌNH
      BAN CHỈ ĐẠO

      Thái Bình, ngày 25 tháng 3 năm 2024

      Số 44 -CV/BCĐ

      Luật Thực hiện dân chủ ở cơ sở đã có hiệu lực.
      """
    let extraction = CitationExtractor().extract(from: text)
    #expect(extraction.documents.map(\.id) == ["1140/UBND-NCKS", "44-CV/BCĐ"])
    #expect(extraction.documents[1].date?.iso == "2024-03-25")
    let second = extraction.documents[1].range
    let law = try #require(extraction.citations.last)
    #expect(second.contains(law.range.lowerBound))
    #expect(extraction.citations.map(\.id) == ["44-CV/BCĐ", "10/2022/QH15"])
  }
}

@Suite("Citation extractor: footnotes")
struct CitationExtractorFootnoteTests {
  @Test func htmlAndSuperscriptFootnotes() {
    let text = """
      các chủ trương của Đảng<sup>1</sup> và Nghị định số 59/2023/NĐ-CP² về dân chủ.

      <sup>1</sup> Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị.

      ² Chỉ thị số 10-CT/TW ngày 28/3/2002 của Ban Bí thư.
      """
    let found = citations(text)
    #expect(found.map(\.id) == ["59/2023/NĐ-CP", "30-CT/TW", "10-CT/TW"])
    #expect(found.map(\.isFootnote) == [false, true, true])
  }

  @Test func numberedFootnotesAfterSuperscriptMarkers() {
    let text = """
      1. Mục tiêu

      về các chủ trương của Đảng¹, pháp luật của Nhà nước.

      1. Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị.

      2. Thực hiện Chỉ thị số 10-CT/TW.
      """
    let found = citations(text)
    #expect(found.map(\.isFootnote) == [true, false])
  }

  @Test func aFootnoteInterruptsASentenceAcrossAPageBreak() throws {
    let text = """
      các văn bản pháp luật liên quan (Luật

      <sup>3</sup> Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị.

      Tiếp cận thông tin, Luật Tiếp công dân) gắn với thực hiện
      """
    let found = citations(text)
    #expect(found.map(\.id) == ["104/2016/QH13", "30-CT/TW", "42/2013/QH13"])
    #expect(found.map(\.isFootnote) == [false, true, false])
    #expect(spanText(found[0], in: text) == "Luật")
  }
}

@Suite("Citation extractor: Unicode")
struct CitationExtractorUnicodeTests {
  static let samples = [
    "Căn cứ Quyết định số 217-QĐ/TW ngày 12/12/2013 của Bộ Chính trị",
    "thực hiện Luật Hòa giải ở cơ sở và Nghị quyết Trung ương 4 khóa XII",
    "Đề án số 01-ĐA/TU; Kế hoạch số 161-KH/ĐUK; Luật Đất đai năm 2024",
  ]

  @Test("NFD text reads like NFC", arguments: samples)
  func nfdReadsLikeNFC(text: String) {
    let nfd = text.decomposedStringWithCanonicalMapping
    #expect(nfd.utf8.count != text.utf8.count)
    #expect(citations(nfd).map(\.id) == citations(text).map(\.id))
    #expect(!citations(text).isEmpty)
  }

  @Test(
    "Old and new tone placement and đ/Đ give the same ids",
    arguments: [
      ("Luật Hoà giải ở cơ sở", "Luật Hòa giải ở cơ sở"),
      ("Nghị quyết Trung ương 4 khoá XII", "Nghị quyết Trung ương 4 khóa XII"),
      ("Quyết định số 217-QĐ/TW", "Quyết định số 217-qđ/tw"),
      ("ĐỀ ÁN SỐ 01-ĐA/TU", "đề án số 01-đa/tu"),
    ])
  func tonePlacementAndD(a: String, b: String) {
    #expect(citations(a).map(\.id) == citations(b).map(\.id))
    #expect(!citations(a).isEmpty)
  }
}

@Suite("Citation extractor: self-reference")
struct CitationExtractorSelfReferenceTests {
  @Test func aLawDoesNotCiteItself() {
    let text = """
      QUỐC HỘI

      LUẬT
      ĐẤT ĐAI

      Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
      Quốc hội ban hành Luật Đất đai.

      Điều 1. Luật Đất đai quy định về chế độ sở hữu đất đai; Luật Nhà ở quy định khác.
      """
    let extraction = CitationExtractor().extract(from: text)
    #expect(extraction.documents.first?.kind == .law)
    #expect(extraction.citations.map(\.kind) == [.constitution, .law])
    #expect(extraction.citations.last?.id == "27/2023/QH15")
  }

  @Test func aDocumentDoesNotCiteItsOwnNumber() {
    let text = """
      Số: 12/2024/NQ-HĐND

      NGHỊ QUYẾT

      Căn cứ Nghị định số 59/2023/NĐ-CP; Nghị quyết số 12/2024/NQ-HĐND có hiệu lực từ ngày ký.
      """
    #expect(citations(text).map(\.id) == ["59/2023/NĐ-CP"])
  }
}
