import VietText

/// A large, fixed pool of documents that generated text cites, drawn Zipf-like so a few are
/// cited everywhere (as Chỉ thị 30-CT/TW is) and most only now and then.
///
/// Each cited document has the fields a real citation spells out: kind word, number, year,
/// issuer code, date, issuer name and subject. ``mention(using:)`` writes it in one of the forms
/// the extractor reads, so the benchmark exercises every path, not one easy pattern.
struct CitationPool {
  struct Entry {
    var kind: String
    var identifier: String
    var day: Int
    var month: Int
    var year: Int
    var issuer: String
    var subject: String
  }

  private(set) var entries: [Entry] = []
  private let sampler: ZipfSampler

  /// Party kinds: name, code (Party documents write Quy định as QĐi).
  private static let partyKinds: [(String, String)] = [
    ("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kết luận", "KL"), ("Quy định", "QĐi"),
    ("Quyết định", "QĐ"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"), ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"), ("Đề án", "ĐA"), ("Công văn", "CV"),
  ]
  /// Party issuers: code, name.
  private static let partyIssuers: [(String, String)] = [
    ("TW", "Bộ Chính trị"), ("TW", "Ban Bí thư"), ("TW", "Ban Chấp hành Trung ương Đảng"),
    ("TU", "Ban Thường vụ Tỉnh ủy"), ("TU", "Tỉnh ủy"), ("HU", "Huyện ủy"),
    ("ĐU", "Đảng ủy Khối"), ("QU", "Quận ủy"),
  ]
  /// State kinds: name, code with the year's place, issuer name.
  private static let stateKinds: [(String, String, String)] = [
    ("Nghị định", "NĐ-CP", "Chính phủ"), ("Quyết định", "QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Thông tư", "TT-BNV", "Bộ Nội vụ"), ("Thông tư", "TT-BTC", "Bộ Tài chính"),
    ("Thông tư liên tịch", "TTLT-BNV-BTC", "Bộ Nội vụ và Bộ Tài chính"),
    ("Luật", "QH14", "Quốc hội"), ("Luật", "QH13", "Quốc hội"),
    ("Nghị quyết", "NQ-HĐND", "Hội đồng nhân dân tỉnh"),
    ("Quyết định", "QĐ-UBND", "Ủy ban nhân dân tỉnh"),
    ("Công điện", "CĐ-TTg", "Thủ tướng Chính phủ"),
  ]

  /// Laws cited by name, as people write them.
  static let lawNames = [
    "Luật Thực hiện dân chủ ở cơ sở", "Luật Tiếp công dân", "Luật Khiếu nại", "Luật Tố cáo",
    "Luật Tiếp cận thông tin", "Luật Tổ chức chính quyền địa phương", "Luật Đất đai",
    "Luật Cán bộ, công chức", "Luật Viên chức", "Luật Xử lý vi phạm hành chính",
    "Bộ luật Lao động", "Bộ luật Dân sự", "Luật Công đoàn",
  ]

  init(size: Int, seed: UInt64, subjects: [String]) {
    sampler = ZipfSampler(count: size)
    entries.reserveCapacity(size)
    for index in 0..<size {
      var random = SplitMix64(seed: seed &+ 0xC17A, stream: index)
      let year = random.between(1996, 2025)
      let number = random.chance(0.7) ? random.between(1, 99) : random.between(100, 2999)
      let subject = subjects.isEmpty ? "công tác dân vận" : random.pick(subjects)
      let entry: Entry
      if random.chance(0.55) {
        let (kind, code) = random.pick(Self.partyKinds)
        let (issuerCode, issuer) = random.pick(Self.partyIssuers)
        entry = Entry(
          kind: kind, identifier: "\(number)-\(code)/\(issuerCode)", day: random.between(1, 28),
          month: random.between(1, 12), year: year, issuer: issuer, subject: subject)
      } else {
        let (kind, code, issuer) = random.pick(Self.stateKinds)
        let identifier =
          code == "QĐ-UBND" && random.chance(0.5) ? "\(number)/\(code)" : "\(number)/\(year)/\(code)"
        entry = Entry(
          kind: kind, identifier: identifier, day: random.between(1, 28),
          month: random.between(1, 12), year: year, issuer: issuer, subject: subject)
      }
      entries.append(entry)
    }
  }

  /// One cited document, drawn by popularity.
  func draw(using random: inout SplitMix64) -> Entry { entries[sampler.draw(using: &random)] }

  /// A citation as it appears in running text, in one of the extractor's forms.
  func mention(using random: inout SplitMix64) -> String {
    let entry = draw(using: &random)
    switch random.below(20) {
    case 0...5:
      return "\(entry.kind) số \(entry.identifier) \(Self.date(entry, &random)) của \(entry.issuer) về \(entry.subject)"
    case 6...8: return "\(entry.kind) số \(entry.identifier)"
    case 9: return "\(entry.kind) \(entry.identifier)"
    case 10, 11:
      let point = random.chance(0.5) ? "điểm \(random.pick(["a", "b", "c", "đ"])) " : ""
      return "\(point)khoản \(random.between(1, 5)) Điều \(random.between(1, 40)) \(entry.kind) số \(entry.identifier)"
    case 12, 13:
      let second = draw(using: &random)
      let third = draw(using: &random)
      return "\(entry.kind) số \(entry.identifier), \(second.kind) số \(second.identifier) và \(third.kind) số \(third.identifier)"
    case 14, 15:
      let name = random.pick(Self.lawNames)
      return random.chance(0.5) ? "\(name) năm \(entry.year)" : name
    case 16:
      // OCR or a keyboard without diacritics.
      return "\(Self.stripped(entry.kind)) so \(entry.identifier) ngay \(entry.day)/\(entry.month)/\(entry.year)"
    case 17:
      // A stray space around the dash and a non-breaking space after "số".
      let spaced = entry.identifier.replacingFirst("-", with: " - ")
      return "\(entry.kind) số\u{00A0}\(spaced) \(Self.date(entry, &random))"
    default:
      return "\(entry.kind) số \(entry.identifier) \(Self.date(entry, &random))"
    }
  }

  private static func date(_ entry: Entry, _ random: inout SplitMix64) -> String {
    let dd = entry.day < 10 ? "0\(entry.day)" : "\(entry.day)"
    let mm = entry.month < 10 ? "0\(entry.month)" : "\(entry.month)"
    switch random.below(4) {
    case 0: return "ngày \(dd)/\(mm)/\(entry.year)"
    case 1: return "ngày \(entry.day)/\(entry.month)/\(entry.year)"
    case 2: return "ngày \(entry.day) tháng \(entry.month) năm \(entry.year)"
    default: return "ngày \(dd)-\(mm)-\(entry.year)"
    }
  }

  /// The kind word without marks and in lower case, as a diacritic-less keyboard or OCR gives it
  /// ("chi thi").
  private static func stripped(_ text: String) -> String { DiacriticFolding.fold(text) }
}

extension String {
  /// The string with its first occurrence of `target` replaced.
  func replacingFirst(_ target: Character, with replacement: String) -> String {
    guard let index = firstIndex(of: target) else { return self }
    return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
  }
}
