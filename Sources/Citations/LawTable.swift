/// Laws (and codes) cited by name, with their official numbers.
///
/// A name may have several entries, one per enactment: "Luật Đất đai" of 2013 is 45/2013/QH13,
/// of 2024 31/2024/QH15. A citation with a date or year picks the entry of that year; one without
/// picks the latest.
enum LawTable {
  /// One enactment of a named law.
  struct Entry: Sendable {
    /// The kind: ``DocumentKind/law``, ``DocumentKind/code`` or ``DocumentKind/constitution``.
    var kind: DocumentKind
    /// The name in official spelling, kind word included ("Luật Tiếp công dân").
    var name: String
    /// The official number ("42/2013/QH13").
    var number: String
    /// The year the law was passed.
    var year: Int
    /// The folded name without the kind word, as matched in text ("tiep cong dan").
    var key: [UInt8]
    /// The parts of ``number``: number, year, symbol.
    var parts: (number: String, year: Int, symbol: String)
  }

  /// The table, as data: kind word, name, number.
  private static let rows: [(String, String)] = [
    ("Luật Thực hiện dân chủ ở cơ sở", "10/2022/QH15"),
    ("Luật Tiếp công dân", "42/2013/QH13"),
    ("Luật Khiếu nại", "02/2011/QH13"),
    ("Luật Tố cáo", "03/2011/QH13"),
    ("Luật Tố cáo", "25/2018/QH14"),
    ("Luật Tiếp cận thông tin", "104/2016/QH13"),
    ("Luật Tổ chức chính quyền địa phương", "77/2015/QH13"),
    ("Luật Tổ chức chính quyền địa phương", "72/2025/QH15"),
    ("Luật Tổ chức Chính phủ", "76/2015/QH13"),
    ("Luật Tổ chức Chính phủ", "63/2025/QH15"),
    ("Luật Ban hành văn bản quy phạm pháp luật", "80/2015/QH13"),
    ("Luật Ban hành văn bản quy phạm pháp luật", "64/2025/QH15"),
    (
      "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền"
        + " địa phương", "47/2019/QH14"
    ),
    (
      "Luật Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
      "63/2020/QH14"
    ),
    ("Luật Cán bộ, công chức", "22/2008/QH12"),
    ("Luật Cán bộ, công chức", "80/2025/QH15"),
    ("Luật Viên chức", "58/2010/QH12"),
    ("Luật Đất đai", "13/2003/QH11"),
    ("Luật Đất đai", "45/2013/QH13"),
    ("Luật Đất đai", "31/2024/QH15"),
    ("Luật Xử lý vi phạm hành chính", "15/2012/QH13"),
    ("Luật Công đoàn", "12/2012/QH13"),
    ("Luật Công đoàn", "50/2024/QH15"),
    ("Luật Phòng, chống tham nhũng", "36/2018/QH14"),
    ("Luật Thanh tra", "56/2010/QH12"),
    ("Luật Thanh tra", "11/2022/QH15"),
    ("Luật Ngân sách nhà nước", "83/2015/QH13"),
    ("Luật Đầu tư công", "39/2019/QH14"),
    ("Luật Đầu tư công", "58/2024/QH15"),
    ("Luật Đầu tư", "61/2020/QH14"),
    ("Luật Doanh nghiệp", "59/2020/QH14"),
    ("Luật Bảo vệ môi trường", "72/2020/QH14"),
    ("Luật Xây dựng", "50/2014/QH13"),
    ("Luật Nhà ở", "27/2023/QH15"),
    ("Luật Giáo dục", "43/2019/QH14"),
    ("Luật Cơ yếu", "05/2011/QH13"),
    ("Luật Tổ chức Quốc hội", "57/2014/QH13"),
    ("Luật Mặt trận Tổ quốc Việt Nam", "75/2015/QH13"),
    ("Luật Thi đua, khen thưởng", "06/2022/QH15"),
    ("Luật Hòa giải ở cơ sở", "35/2013/QH13"),
    ("Luật Phổ biến, giáo dục pháp luật", "14/2012/QH13"),
    ("Luật Tố tụng hành chính", "93/2015/QH13"),
    ("Luật Trách nhiệm bồi thường của Nhà nước", "10/2017/QH14"),
    ("Luật Quy hoạch", "21/2017/QH14"),
    ("Luật An ninh mạng", "24/2018/QH14"),
    ("Luật Bảo hiểm xã hội", "41/2024/QH15"),
    ("Luật Bảo hiểm y tế", "25/2008/QH12"),
    ("Luật Giao thông đường bộ", "23/2008/QH12"),
    ("Luật Quốc phòng", "22/2018/QH14"),
    ("Luật Công an nhân dân", "37/2018/QH14"),
    ("Luật Dân quân tự vệ", "48/2019/QH14"),
    ("Luật Thanh niên", "57/2020/QH14"),
    ("Luật Bình đẳng giới", "73/2006/QH11"),
    ("Luật Tín ngưỡng, tôn giáo", "02/2016/QH14"),
    ("Luật Báo chí", "103/2016/QH13"),
    ("Luật Kế toán", "88/2015/QH13"),
    ("Luật Kiểm toán nhà nước", "81/2015/QH13"),
    ("Luật Quản lý thuế", "38/2019/QH14"),
    ("Luật Đấu thầu", "22/2023/QH15"),
    ("Luật Thực hành tiết kiệm, chống lãng phí", "44/2013/QH13"),
    ("Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", "85/2015/QH13"),
    ("Luật Trưng cầu ý dân", "96/2015/QH13"),
    ("Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân", "87/2015/QH13"),
    ("Luật Tổ chức Tòa án nhân dân", "34/2024/QH15"),
    ("Luật Tổ chức Viện kiểm sát nhân dân", "63/2014/QH13"),
    ("Luật Ngân hàng Nhà nước Việt Nam", "46/2010/QH12"),
    ("Luật Các tổ chức tín dụng", "32/2024/QH15"),
    ("Luật Hộ tịch", "60/2014/QH13"),
    ("Luật Cư trú", "68/2020/QH14"),
    ("Luật Căn cước", "26/2023/QH15"),
    ("Luật Trẻ em", "102/2016/QH13"),
    ("Luật Người cao tuổi", "39/2009/QH12"),
    ("Luật Người khuyết tật", "51/2010/QH12"),
    ("Luật Phòng, chống ma túy", "73/2021/QH14"),
    ("Luật Phòng, chống bạo lực gia đình", "13/2022/QH15"),
    ("Luật Hôn nhân và gia đình", "52/2014/QH13"),
    ("Luật Lâm nghiệp", "16/2017/QH14"),
    ("Luật Thủy sản", "18/2017/QH14"),
    ("Luật Trồng trọt", "31/2018/QH14"),
    ("Luật Chăn nuôi", "32/2018/QH14"),
    ("Luật Tài nguyên nước", "28/2023/QH15"),
    ("Luật Khoáng sản", "60/2010/QH12"),
    ("Luật Quản lý, sử dụng tài sản công", "15/2017/QH14"),
    ("Luật Thống kê", "89/2015/QH13"),
    ("Luật Lưu trữ", "33/2024/QH15"),
    ("Luật Điều ước quốc tế", "108/2016/QH13"),
    ("Luật Giáo dục đại học", "08/2012/QH13"),
    ("Luật Giáo dục nghề nghiệp", "74/2014/QH13"),
    ("Luật Khám bệnh, chữa bệnh", "15/2023/QH15"),
    ("Luật Phòng, chống thiên tai", "33/2013/QH13"),
    ("Luật Tổ chức cơ quan điều tra hình sự", "99/2015/QH13"),
    ("Luật Thi hành án dân sự", "26/2008/QH12"),
    ("Luật Thi hành án hình sự", "41/2019/QH14"),
    ("Luật Luật sư", "65/2006/QH11"),
    ("Luật Công chứng", "46/2024/QH15"),
    ("Luật Nghĩa vụ quân sự", "78/2015/QH13"),
    ("Bộ luật Dân sự", "33/2005/QH11"),
    ("Bộ luật Dân sự", "91/2015/QH13"),
    ("Bộ luật Hình sự", "100/2015/QH13"),
    ("Bộ luật Tố tụng hình sự", "101/2015/QH13"),
    ("Bộ luật Tố tụng dân sự", "92/2015/QH13"),
    ("Bộ luật Lao động", "10/2012/QH13"),
    ("Bộ luật Lao động", "45/2019/QH14"),
    ("Bộ luật Hàng hải Việt Nam", "95/2015/QH13"),
  ]

  /// The entries, grouped by kind word, longest key first within each group.
  static let entries: [Entry] = rows.map { row in
    let (name, number) = row
    let kind: DocumentKind = name.hasPrefix("Bộ luật") ? .code : .law
    let prefix = kind == .code ? "Bộ luật " : "Luật "
    let key = Vocabulary.folded(String(name.dropFirst(prefix.count)))
    let parts = number.split(separator: "/").map(String.init)
    let year = Int(parts[1]) ?? 0
    return Entry(
      kind: kind, name: name, number: number, year: year, key: key,
      parts: (parts[0], year, parts[2]))
  }.sorted { $0.key.count > $1.key.count }

  /// For each folded first letter, the indices of the entries whose key starts with it, longest
  /// key first.
  static let byFirstLetter: [[Int]] = {
    var buckets = [[Int]](repeating: [], count: 128)
    for (index, entry) in entries.enumerated() {
      buckets[Int(entry.key[0] & 0x7F)].append(index)
    }
    return buckets
  }()

  /// The entry of `kind` whose key is the folded name `key`, of `year` when given, else the
  /// latest.
  ///
  /// Works on indices: copying an ``Entry`` retains its strings and arrays, which cost more than
  /// the comparisons.
  static func lookup(key: [UInt8], kind: DocumentKind, year: Int?) -> Entry? {
    guard let first = key.first else { return nil }
    let found: Int? = entries.withUnsafeBufferPointer { entries in
      var best: Int?
      for index in byFirstLetter[Int(first & 0x7F)] {
        guard entries[index].kind == kind, entries[index].key == key else { continue }
        if let year, entries[index].year == year { return index }
        if best.map({ entries[index].year > entries[$0].year }) ?? true { best = index }
      }
      return best
    }
    return found.map { entries[$0] }
  }

  /// Whether the table has a law whose key is the folded name `key`.
  static func contains(key: [UInt8]) -> Bool {
    entries.withUnsafeBufferPointer { entries in entries.contains { $0.key == key } }
  }
}
