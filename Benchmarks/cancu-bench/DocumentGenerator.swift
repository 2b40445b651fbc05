import Foundation

/// Writes one synthetic document: a Party or state header with its own number, a body of
/// Markov-chain paragraphs with citations woven in, footnotes, and a signature block.
///
/// A few documents are deliberately messy the way real collections are: decomposed (NFD)
/// Unicode, Windows line ends, and old-style tone placement (`hoà`, `thuỷ`).
struct DocumentGenerator {
  let chain: MarkovChain
  let pool: CitationPool
  let subjects: [String]

  /// Probability of a citation after any one word of running text.
  var citationRate = 0.004

  private static let provinces = [
    "Nghệ An", "Thanh Hóa", "Hà Tĩnh", "Quảng Bình", "Thái Bình", "Nam Định", "Bắc Giang",
    "Lâm Đồng", "Đắk Lắk", "Cà Mau", "Sóc Trăng", "Khánh Hòa", "Quảng Ngãi", "Lào Cai",
    "Hòa Bình", "Phú Thọ", "Tây Ninh", "Bến Tre", "Kiên Giang", "Điện Biên",
  ]
  private static let headings = [
    "TÌNH HÌNH VÀ NGUYÊN NHÂN", "MỤC TIÊU, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP",
    "TỔ CHỨC THỰC HIỆN", "KẾT QUẢ ĐẠT ĐƯỢC", "HẠN CHẾ, YẾU KÉM", "PHƯƠNG HƯỚNG THỜI GIAN TỚI",
  ]
  private static let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
  private static let signers = [
    "Nguyễn Văn Hùng", "Trần Thị Hoa", "Lê Đức Thọ", "Phạm Quang Đạt", "Hoàng Thị Thủy",
    "Võ Minh Khoa", "Đặng Thanh Hòa", "Bùi Văn Lợi",
  ]

  /// The bytes of document `index`, about `targetBytes` long.
  func document(index: Int, targetBytes: Int, seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed, stream: index)
    var output: [UInt8] = []
    output.reserveCapacity(targetBytes + 4096)
    let province = random.pick(Self.provinces)
    let year = random.between(2005, 2025)
    let isParty = random.chance(0.6)
    header(isParty: isParty, province: province, year: year, &output, &random)

    var footnotes: [String] = []
    var section = 0
    while output.count < targetBytes {
      if section < Self.roman.count, section == 0 || random.chance(0.08) {
        append("\n**\(Self.roman[section]). \(random.pick(Self.headings))**\n", to: &output)
        section += 1
      }
      output.append(UInt8(ascii: "\n"))
      chain.paragraph(maximumWords: 160, into: &output, random: &random) { text, random in
        guard random.chance(citationRate) else { return }
        if random.chance(0.15) {
          footnotes.append(pool.mention(using: &random))
          append("<sup>\(footnotes.count)</sup>", to: &text)
        } else {
          append(" (\(pool.mention(using: &random)))", to: &text)
        }
      }
      output.append(UInt8(ascii: "\n"))
    }
    signature(isParty: isParty, &output, &random)
    if !footnotes.isEmpty {
      append("\n______\n", to: &output)
      for (number, text) in footnotes.enumerated() {
        append("\n<sup>\(number + 1)</sup> \(text).\n", to: &output)
      }
    }
    return messUp(output, &random)
  }

  private func header(
    isParty: Bool, province: String, year: Int, _ output: inout [UInt8],
    _ random: inout SplitMix64
  ) {
    let number = random.between(1, 400)
    let day = random.between(1, 28)
    let month = random.between(1, 12)
    let subject = subjects.isEmpty ? "công tác cán bộ" : random.pick(subjects)
    let place = province.uppercased()
    if isParty {
      let (kind, code) = random.pick([
        ("NGHỊ QUYẾT", "NQ"), ("CHỈ THỊ", "CT"), ("KẾ HOẠCH", "KH"), ("KẾT LUẬN", "KL"),
        ("HƯỚNG DẪN", "HD"), ("BÁO CÁO", "BC"),
      ])
      append(
        """
        ĐẢNG BỘ TỈNH \(place)
        BAN THƯỜNG VỤ TỈNH ỦY
        \\*
        Số \(number)-\(code)/TU

        ĐẢNG CỘNG SẢN VIỆT NAM

        *\(province), ngày \(day) tháng \(month) năm \(year)*

        **\(kind)**
        **CỦA BAN THƯỜNG VỤ TỈNH ỦY**
        **Về \(subject)**

        """, to: &output)
    } else {
      let (kind, code) = random.pick([
        ("QUYẾT ĐỊNH", "QĐ-UBND"), ("KẾ HOẠCH", "KH-UBND"), ("NGHỊ QUYẾT", "NQ-HĐND"),
      ])
      append(
        """
        ỦY BAN NHÂN DÂN
        TỈNH \(place)
        --------
        Số: \(number)/\(code)

        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        ---------------
        \(province), ngày \(day) tháng \(month) năm \(year)

        \(kind)
        Về \(subject)

        ỦY BAN NHÂN DÂN TỈNH \(place)

        Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

        """, to: &output)
      for _ in 0..<random.between(1, 4) {
        append("Căn cứ \(pool.mention(using: &random));\n", to: &output)
      }
    }
  }

  private func signature(isParty: Bool, _ output: inout [UInt8], _ random: inout SplitMix64) {
    let title = isParty ? "T/M BAN THƯỜNG VỤ\nBÍ THƯ" : "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    append("\n**Nơi nhận:**\n- Như trên;\n- Lưu VT.\n\n\(title)\n\n\(random.pick(Self.signers))\n", to: &output)
  }

  /// Makes a few documents look like real downloads and scans.
  private func messUp(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    let roll = random.unit()
    guard roll < 0.15 else { return bytes }
    var text = String(decoding: bytes, as: UTF8.self)
    if roll < 0.03 {
      // Decomposed, line by line (Foundation's NFD is fine per line).
      text = text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { String($0).decomposedStringWithCanonicalMapping }.joined(separator: "\n")
    } else if roll < 0.08 {
      text = text.replacingOccurrences(of: "\n", with: "\r\n")
    } else {
      for (new, old) in [("hòa", "hoà"), ("Hòa", "Hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ")] {
        text = text.replacingOccurrences(of: new, with: old)
      }
    }
    return Array(text.utf8)
  }
}

/// Appends a string's UTF-8 bytes.
func append(_ string: String, to output: inout [UInt8]) { output.append(contentsOf: string.utf8) }
