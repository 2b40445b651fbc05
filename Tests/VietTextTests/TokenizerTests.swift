import Foundation
import TestSupport
import Testing

@testable import VietText

/// The text of every token.
private func tokenTexts(_ text: String) -> [String] {
  Tokenizer.tokens(in: text).map { slice(text, $0.range) }
}

/// Letters and digits by Unicode's own properties (marks belong to the letter before them).
private func isWordCharacter(_ character: Character) -> Bool {
  if character.isLetter { return true }
  return character.isNumber
    && character.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal }
}

/// Marks the bytes of HTML tags (`<sup>`, `</sup>`, `<br/>`) and entities (`&nbsp;`), by regex.
private func markupBytes(_ bytes: [UInt8]) -> [Bool] {
  var mask = [Bool](repeating: false, count: bytes.count)
  let text = String(decoding: bytes, as: UTF8.self)
  let pattern = try? NSRegularExpression(pattern: "<[A-Za-z/!][^<>\\n]*>|&[A-Za-z0-9#]+;")
  let whole = NSRange(text.startIndex..., in: text)
  for match in pattern?.matches(in: text, range: whole) ?? [] {
    guard let range = Range(match.range, in: text) else { continue }
    let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    let end = text.utf8.distance(from: text.startIndex, to: range.upperBound)
    for i in start..<end { mask[i] = true }
  }
  return mask
}

private let tokenizerCases: [(String, [String])] = [
  ("Chỉ thị số 30-CT/TW", ["Chỉ", "thị", "số", "30-CT/TW"]),
  ("Nghị định số 59/2023/NĐ-CP.", ["Nghị", "định", "số", "59/2023/NĐ-CP"]),
  ("ngày 18/02/1998,", ["ngày", "18/02/1998"]),
  ("ngày 15-5-2016", ["ngày", "15-5-2016"]),
  ("V/v triển khai", ["V/v", "triển", "khai"]),
  ("1.000.000 đồng; 2,5%", ["1.000.000", "đồng", "2,5"]),
  ("kinh tế-xã hội", ["kinh", "tế", "xã", "hội"]),
  ("chính trị - xã hội", ["chính", "trị", "xã", "hội"]),
  ("Bộ Chính trị<sup>1</sup> và", ["Bộ", "Chính", "trị", "1", "và"]),
  ("</sup> dòng<br/>mới <br> <p class=\"x\">đoạn</p>", ["dòng", "mới", "đoạn"]),
  ("dân&nbsp;chủ &amp; &#160;cơ sở", ["dân", "chủ", "cơ", "sở"]),
  ("dân\u{A0}chủ\u{A0}\u{A0}ở", ["dân", "chủ", "ở"]),
  ("2010–2015 a—b", ["2010", "2015", "a", "b"]),
  ("“Dân biết, dân làm” ‘x’", ["Dân", "biết", "dân", "làm", "x"]),
  ("**NGHỊ QUYẾT** __x__", ["NGHỊ", "QUYẾT", "x"]),
  ("## **II. QUAN ĐIỂM**", ["II", "QUAN", "ĐIỂM"]),
  ("Luật¹ Đất² đai³ ⁴", ["Luật", "Đất", "đai"]),
  ("tốt 👍 ❤️ 👍🏽 🇻🇳 ok", ["tốt", "ok"]),
  ("3 × 4 ÷ 2", ["3", "4", "2"]),
  ("dòng một\r\ndòng hai\r\n", ["dòng", "một", "dòng", "hai"]),
  ("Đảng, Nhà nước; (Quốc hội)! [x] {y}?", ["Đảng", "Nhà", "nước", "Quốc", "hội", "x", "y"]),
  ("COVID-19 Covid", ["COVID-19", "Covid"]),
  ("157-NĐ/2007/NĐ-CP", ["157-NĐ/2007/NĐ-CP"]),
  ("Số: 1140/UBND-NCKS", ["Số", "1140/UBND-NCKS"]),
  ("tế- -xã /abc/ a//b", ["tế", "xã", "abc", "a", "b"]),
  ("hoà hòa thuỷ thủy", ["hoà", "hòa", "thuỷ", "thủy"]),
  ("  ", []),
  ("", []),
  ("a < b > c", ["a", "b", "c"]),
  ("\u{FEFF}Việt", ["Việt"]),
  // Symbol-font bullets from converted Word files live in the private use area.
  ("\u{F0B7}Nội dung \u{F0D8} ok\u{E000}", ["Nội", "dung", "ok"]),
]

@Suite struct TokenizerTests {
  @Test(arguments: tokenizerCases)
  func splitsTextIntoTokens(text: String, expected: [String]) {
    #expect(tokenTexts(text).map(\.exact) == expected.map(\.exact))
  }

  @Test(arguments: tokenizerCases)
  func decomposedTextGivesTheSameTokensComposed(text: String, expected: [String]) {
    let decomposed = text.nfd
    let tokens = tokenTexts(decomposed)
    #expect(tokens.count == expected.count)
    #expect(tokens.map(\.foundationNFC.exact) == expected.map(\.exact))
  }

  @Test(arguments: [
    ("dân", Token.Kind.word), ("Đảng", .word), ("1.000.000", .number), ("2010", .number),
    ("30-CT/TW", .symbol), ("59/2023/NĐ-CP", .symbol), ("18/02/1998", .symbol),
    ("15-5-2016", .symbol), ("V/v", .symbol), ("COVID-19", .symbol), ("H5N1", .symbol),
  ])
  func classifiesTokens(text: String, kind: Token.Kind) throws {
    let tokens = Tokenizer.tokens(in: text)
    try #require(tokens.count == 1)
    #expect(tokens[0] == Token(range: 0..<text.utf8.count, kind: kind))
  }

  @Test func tokenRangesAreByteOffsets() {
    let text = "Đảng “và” 30-CT/TW"
    #expect(
      Tokenizer.tokens(in: text) == [
        Token(range: 0..<7, kind: .word), Token(range: 11..<14, kind: .word),
        Token(range: 18..<26, kind: .symbol),
      ])
  }

  @Test func seedDocumentsHaveAsManyTokensInNFD() throws {
    for (name, text) in try seedDocuments() {
      let composed = Tokenizer.tokens(in: text)
      let decomposed = Tokenizer.tokens(in: text.nfd)
      #expect(composed.count == decomposed.count, "\(name)")
      #expect(composed.map(\.kind) == decomposed.map(\.kind), "\(name)")
      #expect(!composed.map { slice(text, $0.range) }.contains("sup"), "\(name)")
      check(text, tokens: composed)
    }
  }

  /// The properties every tokenization has, checked by brute force over characters.
  private func check(
    _ text: String, tokens: [Token], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let bytes = Array(text.utf8)
    var previousEnd = 0
    var covered = [Bool](repeating: false, count: bytes.count)
    for token in tokens {
      #expect(!token.range.isEmpty, sourceLocation: sourceLocation)
      #expect(token.range.lowerBound >= previousEnd, sourceLocation: sourceLocation)
      #expect(token.range.upperBound <= bytes.count, sourceLocation: sourceLocation)
      previousEnd = token.range.upperBound
      for i in token.range { covered[i] = true }
      let characters = Array(slice(text, token.range))
      #expect(!characters.contains("\u{FFFD}"), "split scalar", sourceLocation: sourceLocation)
      guard let first = characters.first, let last = characters.last else { continue }
      #expect(
        isWordCharacter(first) && isWordCharacter(last), "\(String(characters))",
        sourceLocation: sourceLocation)
      for (k, character) in characters.enumerated() where !isWordCharacter(character) {
        let joinsDigits = character == "." || character == ","
        let joinsSegments = character == "-" || character == "/"
        #expect(
          joinsDigits || joinsSegments, "\(String(characters))", sourceLocation: sourceLocation)
        guard k > 0, k + 1 < characters.count else { continue }
        if joinsDigits {
          #expect(
            characters[k - 1].isASCII && characters[k - 1].isNumber
              && characters[k + 1].isASCII && characters[k + 1].isNumber,
            sourceLocation: sourceLocation)
        } else {
          #expect(
            isWordCharacter(characters[k - 1]) && isWordCharacter(characters[k + 1]),
            sourceLocation: sourceLocation)
        }
      }
      let hasDigit = characters.contains { $0.isNumber }
      let hasLetter = characters.contains { $0.isLetter }
      let hasJoiner = characters.contains { $0 == "-" || $0 == "/" }
      switch token.kind {
      case .word: #expect(hasLetter && !hasDigit && !hasJoiner, sourceLocation: sourceLocation)
      case .number: #expect(hasDigit && !hasLetter && !hasJoiner, sourceLocation: sourceLocation)
      case .symbol:
        #expect(hasJoiner || (hasDigit && hasLetter), sourceLocation: sourceLocation)
        // Letters joined only by hyphens are split into syllables, never one symbol.
        #expect(hasDigit || characters.contains("/"), sourceLocation: sourceLocation)
      }
    }
    // Every letter and digit of the input is inside some token, except the markup of HTML tags
    // and entities.
    let markup = markupBytes(bytes)
    var offset = 0
    for character in text {
      if isWordCharacter(character), !markup[offset] {
        let context = slice(text, max(0, offset - 20)..<min(bytes.count, offset + 20))
        #expect(
          covered[offset], "\(character) at \(offset) in \(context.debugDescription)",
          sourceLocation: sourceLocation)
      }
      offset += character.utf8.count
    }
  }

  @Test(arguments: [0, 1, 2, 3] as [UInt64])
  func randomTextSatisfiesTheTokenProperties(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let letters =
      precomposedLetters + "abcdeghiklmnopqrstuvxyABCDEGHKLMNOPQRSTUVXY".map(String.init)
    let digits = (0...9).map(String.init)
    let separators = [
      " ", " ", "\n", ".", ",", ";", ":", "(", ")", "!", "?", "\"", "“", "”",
      "–", "—", "\u{A0}", "*", "#", "¹", "-", "-", "/", "/",
    ]
    for _ in 0..<400 {
      let length = Int.random(in: 0..<60, using: &generator)
      var text = ""
      for _ in 0..<length {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<5: text += letters.randomElement(using: &generator) ?? ""
        case 5..<7: text += digits.randomElement(using: &generator) ?? ""
        default: text += separators.randomElement(using: &generator) ?? ""
        }
      }
      let tokens = Tokenizer.tokens(in: text)
      check(text, tokens: tokens)
      let decomposed = text.nfd
      let decomposedTokens = Tokenizer.tokens(in: decomposed)
      check(decomposed, tokens: decomposedTokens)
      #expect(decomposedTokens.count == tokens.count, "\(text.debugDescription)")
      #expect(
        decomposedTokens.map { slice(decomposed, $0.range).foundationNFC.exact }
          == tokens.map { slice(text, $0.range).exact })
    }
  }

  @Test(arguments: tokenizerCases)
  func fixedCasesSatisfyTheTokenProperties(text: String, expected: [String]) {
    check(text, tokens: Tokenizer.tokens(in: text))
  }
}
