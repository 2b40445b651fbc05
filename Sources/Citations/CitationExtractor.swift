import VietText

/// Extracts citations of other documents, and the document's own identity, from NFC text.
///
/// A byte-level scanner over a folded copy of the text (see STYLE.md § 7): it triggers on number
/// shapes (`30-CT/TW`, `59/2023/NĐ-CP`) and on the names of laws and Party resolutions, then reads
/// the context around them — kind word (with or without marks, any case, OCR-damaged), "số",
/// date, issuer after "của", pinpoint, the verb that governs the citation. Vocabulary is data
/// (``Vocabulary``, ``LawTable``), not code.
///
///     CitationExtractor().citations(in: "Căn cứ Nghị định số 59/2023/NĐ-CP").first?.id
///     // "59/2023/NĐ-CP"
public struct CitationExtractor: Sendable {
  /// Creates an extractor with the built-in vocabulary.
  public init() {}

  /// Reads the documents a text holds and every citation in it.
  ///
  /// - Parameter text: NFC text with `"\n"` line ends (see `NormalizedText`).
  /// - Returns: The documents and the citations, with byte ranges into `text.utf8`.
  /// - Complexity: O(*n*) in the UTF-8 length of `text`.
  public func extract(from text: String) -> Extraction {
    var scanner = CitationScanner(text)
    scanner.scan()
    scanner.shareListIssuers()
    scanner.applyPartyRegulationCode()
    let documents = scanner.documents()
    var citations: [Citation] = []
    swap(&citations, &scanner.citations)
    // Nearly always in order already; the sort is stable, so skipping it changes nothing.
    if !citations.isSortedByStart {
      citations.sort { $0.range.lowerBound < $1.range.lowerBound }
    }
    // Documents and citations are both in text order: one merge pass finds self-references,
    // read in place (most texts have none, and the array is then left as it is).
    var documentIndex = 0
    var selfReferences: [Int] = []
    for index in citations.indices {
      let start = citations[index].range.lowerBound
      while documentIndex < documents.count, documents[documentIndex].range.upperBound <= start {
        documentIndex &+= 1
      }
      if documentIndex < documents.count, documents[documentIndex].isNamed(by: citations, at: index) {
        selfReferences.append(index)
      }
    }
    if !selfReferences.isEmpty {
      citations.removeSubranges(RangeSet(selfReferences, within: citations))
    }
    return Extraction(documents: documents, citations: citations)
  }

  /// The citations in a text; the same as `extract(from:).citations`.
  ///
  /// - Parameter text: NFC text with `"\n"` line ends.
  /// - Returns: The citations in order of appearance.
  public func citations(in text: String) -> [Citation] {
    extract(from: text).citations
  }
}

extension CitationScanner {
  /// An issuer written once after a list applies to the members before it: "Công văn số
  /// 1332-CV/TU … và Công văn số 2087-CV/TU … của Ban Thường vụ Tỉnh ủy".
  mutating func shareListIssuers() {
    var index = found.count &- 2
    while index >= 0 {
      let next = found[index &+ 1]
      let nextIssuer = citations[index &+ 1].issuer
      // A law's issuer is the National Assembly, whatever the list around it says.
      if citations[index].issuer == nil, citations[index].name == nil,
        let issuer = nextIssuer,
        isConnector(from: found[index].extentEnd, to: next.span.lowerBound)
      {
        citations[index].issuer = issuer
      }
      index &-= 1
    }
  }

  /// The Party writes its regulations (Quy định) `QĐi` since late 2018 (`11-QĐi/TW`), while many
  /// texts still write `11-QĐ/TW`: a central regulation dated from then on gets `QĐi`, and so do
  /// its undated re-mentions in the same text.
  mutating func applyPartyRegulationCode() {
    let cutoff = CitationDate(year: 2018, month: 10, day: 1)
    var renamed: [String: String] = [:]
    // Reads fields in place: copying every citation to look at its kind cost more than the rest.
    for index in found.indices where citations[index].kind == .regulation {
      let c = citations[index]
      guard c.year == nil, c.symbol == "QĐ/TW" || c.symbol == "QD/TW",
        let number = c.number,
        let date = c.date, let cutoff, date >= cutoff
      else { continue }
      renamed[c.id] = number + "-QĐi/TW"
    }
    guard !renamed.isEmpty else { return }
    for index in found.indices where citations[index].kind == .regulation {
      guard let id = renamed[citations[index].id] else { continue }
      citations[index].id = id
      citations[index].symbol = "QĐi/TW"
    }
  }
}

extension DocumentIdentity {
  /// Whether `citations[index]`, inside this document, names the document itself: its own
  /// number, or its own name ("Luật Đất đai" inside the Luật Đất đai).
  ///
  /// Reads the citation's fields in place: passing the citation would copy it, strings and all.
  func isNamed(by citations: [Citation], at index: Int) -> Bool {
    guard range.contains(citations[index].range.lowerBound) else { return false }
    if let id, id == citations[index].id { return true }
    guard kind == citations[index].kind, kind == .law || kind == .code, let title,
      let name = citations[index].name
    else { return false }
    let prefix = kind == .code ? "bo luat " : "luat "
    var folded = DiacriticFolding.fold(name)
    if folded.hasPrefix(prefix) { folded.removeFirst(prefix.count) }
    var own = DiacriticFolding.fold(title)
    if own.hasPrefix(prefix) { own.removeFirst(prefix.count) }
    return folded == own
  }
}

extension [Citation] {
  /// Whether the citations are in order of their start in the text.
  ///
  /// Reads each start in place: iterating the elements would copy each citation.
  fileprivate var isSortedByStart: Bool {
    var previous = Int.min
    for index in indices {
      let start = self[index].range.lowerBound
      guard start >= previous else { return false }
      previous = start
    }
    return true
  }
}
