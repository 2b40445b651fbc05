import CitationGraph
import Citations
import Corpus
import SearchIndex
import VietText

/// The citation graph of the indexed corpus, and the lookups the graph commands share.
struct GraphContext {
  let graph: CitationGraph
  /// Citing files read for their sentences: each is read and copied once, however many mentions.
  private var texts: [String: (normalized: NormalizedText, bytes: [UInt8])] = [:]

  /// Opens (refreshing) the index and builds the graph, or writes an error and returns `nil`.
  static func load(_ invocation: Invocation, terminal: Terminal, errors: inout some TextOutputStream)
    -> GraphContext?
  {
    let access = IndexAccess(invocation: invocation, terminal: terminal)
    guard let reader = access.open(errors: &errors) else { return nil }
    do {
      let summaries = try reader.allDocuments().map { document in
        var summary = document.summary
        summary.path = access.path(of: document)
        return summary
      }
      return GraphContext(graph: CitationGraph(documents: summaries))
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return nil
    }
  }

  init(graph: CitationGraph) { self.graph = graph }

  /// The nodes a CITATION argument names, or an error written and `nil`.
  func nodes(citation text: String, errors: inout some TextOutputStream) -> [Int]? {
    let citation: Citation
    do {
      citation = try Citation(parsing: text)
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return nil
    }
    return graph.nodes(matching: citation)
  }

  /// The nodes a DOCUMENT argument names: a corpus file, else a citation.
  func nodes(document text: String, errors: inout some TextOutputStream) -> [Int]? {
    let inFile = graph.nodes(inFile: text)
    if !inFile.isEmpty { return inFile }
    return nodes(citation: text, errors: &errors)
  }

  /// Whether a node's kind is KIND, compared folded (`nghị quyết`, `nghi quyet`, `Nghị Quyết`).
  static func kind(_ node: GraphNode, matches wanted: String) -> Bool {
    guard let kind = node.kind else { return false }
    return DiacriticFolding.fold(kind.rawValue) == DiacriticFolding.fold(wanted)
      .split(separator: " ").joined(separator: " ")
  }

  /// The sentence around a mention, from the citing file (read once per file).
  mutating func sentence(of mention: Mention) -> String {
    if texts[mention.path] == nil, case .success(let text) = Document.readText(path: mention.path) {
      texts[mention.path] = (text, Array(text.text.utf8))
    }
    guard let file = texts[mention.path] else { return mention.text }
    return Self.sentence(in: file.normalized, bytes: file.bytes, around: mention.range)
  }

  /// The sentence (or clause, for long ones) holding `range`, on its line.
  ///
  /// - Parameter bytes: `normalized.text` as bytes.
  static func sentence(in normalized: NormalizedText, bytes: [UInt8], around range: Range<Int>)
    -> String
  {
    guard range.upperBound <= bytes.count else { return "" }
    let line = normalized.lines.byteRange(ofLine: normalized.lines.lineIndex(containing: range.lowerBound))
    func isStop(_ i: Int) -> Bool {
      (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ";"))
        && (i + 1 >= bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x0A)
    }
    var start = range.lowerBound
    while start > line.lowerBound, !isStop(start - 1), range.lowerBound - start < 240 { start -= 1 }
    var end = range.upperBound
    while end < line.upperBound, !isStop(end), end - range.upperBound < 320 { end += 1 }
    if end < line.upperBound, isStop(end) { end += 1 }
    while start < end, bytes[start] == 0x20 { start += 1 }
    while start < range.lowerBound, bytes[start] & 0xC0 == 0x80 { start += 1 }
    while end > range.upperBound, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
    var text = readable(String(decoding: bytes[start..<end], as: UTF8.self))
    if start > line.lowerBound, !isStop(start - 1) { text = "…" + text }
    if end < line.upperBound, !isStop(end - 1) { text += "…" }
    return text
  }

  /// Footnote markers `<sup>12</sup>` as `¹²`, other HTML tags and `**` dropped: what a reader
  /// of the printed document sees.
  static func readable(_ text: String) -> String {
    let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    var result = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "<") {
      result += rest[..<open]
      guard let close = rest[open...].firstIndex(of: ">") else {
        rest = rest[open...]
        break
      }
      let tag = rest[rest.index(after: open)..<close].lowercased()
      rest = rest[rest.index(after: close)...]
      if tag == "sup", let end = rest.firstIndex(of: "<"),
        rest[..<end].allSatisfy({ $0.isASCII && $0.isNumber })
      {
        result += rest[..<end].compactMap { $0.wholeNumberValue.map { superscripts[$0] } }
        rest = rest[end...]
      }
    }
    result += rest
    return result.replacing("**", with: "")
  }

  /// A node as one heading line: kind, id or name, date, file.
  static func heading(_ node: GraphNode) -> String {
    var parts = [node.displayName]
    if let date = node.date { parts.append(date.iso) }
    if node.id == nil, node.isInCorpus { parts.append("(no number)") }
    return parts.joined(separator: "  ")
  }
}
