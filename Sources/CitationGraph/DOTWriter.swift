import Citations

/// Writes a graph as Graphviz DOT that renders cleanly and reads well.
///
/// - Labels: kind, id, date and a shortened title, one per line.
/// - Shape by level: central Party documents are double-bordered boxes, local Party documents
///   boxes, State documents rounded boxes; colour by kind family.
/// - Corpus documents are filled; documents only cited are outlined.
/// - Edge style by relation: `basis` bold, `implements` solid, `amends`/`guides` dashed,
///   `replaces`/`repeals` dotted, `mentions` thin and grey; a count when cited more than once.
/// - Older documents to the right (`rankdir=LR`, edges point at what is cited), documents of the
///   same year on one rank.
/// - Every string escaped (quotes, backslashes, newlines, control characters); nodes and edges in
///   the graph's stable order, so a diff shows real changes.
public struct DOTWriter: Sendable {
  /// Longest title shown in a label, in characters.
  public var maximumTitleLength = 48

  /// A writer with default settings.
  public init() {}

  /// The DOT text of the nodes in `subset` (all when `nil`) and the edges between them.
  public func write(_ graph: CitationGraph, subset: Set<Int>? = nil, highlight: Set<Int> = [])
    -> String
  {
    let included = graph.nodes.indices.filter { subset?.contains($0) ?? true }
    var lines = [
      "digraph cancu {",
      "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10, nodesep=0.25, ranksep=0.6];",
      "  node [fontname=\"Helvetica\", fontsize=9, margin=\"0.08,0.04\"];",
      "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];",
    ]
    for index in included {
      lines.append("  " + nodeStatement(graph.nodes[index], index: index, emphasized: highlight.contains(index)))
    }
    let set = Set(included)
    for edge in graph.edges where set.contains(edge.from) && set.contains(edge.to) {
      lines.append("  " + edgeStatement(edge))
    }
    // Same year, same rank.
    var years: [Int: [Int]] = [:]
    for index in included {
      if let year = graph.nodes[index].date?.year { years[year, default: []].append(index) }
    }
    for year in years.keys.sorted() where (years[year]?.count ?? 0) > 1 {
      let members = (years[year] ?? []).map { "n\($0)" }.joined(separator: "; ")
      lines.append("  { rank=same; \(members); }  // \(year)")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private func nodeStatement(_ node: GraphNode, index: Int, emphasized: Bool) -> String {
    var label: [String] = []
    if let id = node.id, !id.hasPrefix("LAW:"), !id.hasPrefix("NAMED:") {
      label.append([node.kind?.rawValue, id].compactMap { $0 }.joined(separator: " "))
    } else if let name = node.name {
      label.append(name)
    } else if let kind = node.kind {
      label.append(kind.rawValue)
    }
    if let date = node.date {
      label.append("\(date.day)/\(date.month)/\(date.year)")
    }
    if let title = node.title, label.first.map({ !title.hasPrefix($0) }) ?? true {
      label.append(shorten(title))
    }
    if label.isEmpty, let file = node.file { label.append(file) }
    let (shape, peripheries) =
      switch node.level {
      case .centralParty: ("box", 2)
      case .localParty: ("box", 1)
      case .state: ("box", 1)
      }
    var style = node.level == .state ? ["rounded"] : []
    let color = Self.color(node.kind)
    var attributes = [
      "label=" + Self.quoted(label.joined(separator: "\n")), "shape=\(shape)",
      "color=\"\(color.line)\"",
    ]
    if peripheries > 1 { attributes.append("peripheries=\(peripheries)") }
    if node.isInCorpus {
      style.append("filled")
      attributes.append("fillcolor=\"\(color.fill)\"")
    }
    if emphasized { attributes.append("penwidth=2.5") }
    if !style.isEmpty { attributes.append("style=\"" + style.joined(separator: ",") + "\"") }
    if let file = node.file { attributes.append("tooltip=" + Self.quoted(file)) }
    return "n\(index) [" + attributes.joined(separator: ", ") + "];"
  }

  private func edgeStatement(_ edge: GraphEdge) -> String {
    let strongest = edge.relations.first ?? .mentions
    var attributes: [String] =
      switch strongest {
      case .basis: ["style=bold"]
      case .implements: ["style=solid"]
      case .amends, .guides: ["style=dashed"]
      case .replaces, .repeals: ["style=dotted"]
      case .mentions: ["style=solid", "color=\"#888888\"", "penwidth=0.6"]
      }
    var label = edge.relations.filter { $0 != .mentions }.map(\.rawValue).joined(separator: ", ")
    if edge.count > 1 { label += (label.isEmpty ? "" : " ") + "×\(edge.count)" }
    if !label.isEmpty { attributes.append("label=" + Self.quoted(label)) }
    return "n\(edge.from) -> n\(edge.to) [" + attributes.joined(separator: ", ") + "];"
  }

  private func shorten(_ title: String) -> String {
    let flat = title.split(whereSeparator: { $0.isNewline || $0 == " " }).joined(separator: " ")
    guard flat.count > maximumTitleLength else { return flat }
    var cut = String(flat.prefix(maximumTitleLength))
    if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
    return cut + "…"
  }

  /// A DOT string literal: backslashes and quotes escaped, line breaks as `\n` (centred lines),
  /// tabs and line or paragraph separators (U+2028, U+2029) as spaces, other control characters
  /// and every format character dropped.
  ///
  /// Format characters (Unicode category Cf) draw nothing but can change what is drawn: a bidi
  /// override (U+202E) reverses the rest of a label, in Graphviz's output and on a terminal that
  /// shows the DOT text; a zero-width space hides inside an identifier.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r", "\t", "\u{2028}", "\u{2029}": result += " "
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
        if scalar.value > 0xAD, scalar.properties.generalCategory == .format { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// Line and fill colours by kind family.
  static func color(_ kind: DocumentKind?) -> (line: String, fill: String) {
    switch kind {
    case .resolution?, .jointResolution?: ("#b2182b", "#fddbc7")
    case .directive?: ("#2166ac", "#d1e5f0")
    case .conclusion?: ("#1b7837", "#d9f0d3")
    case .regulation?, .decision?: ("#b35806", "#fee0b6")
    case .law?, .code?, .constitution?, .ordinance?: ("#542788", "#e7d4e8")
    case .decree?, .circular?, .jointCircular?: ("#01665e", "#c7eae5")
    case .plan?, .scheme?, .programme?: ("#8c510a", "#f6e8c3")
    default: ("#4d4d4d", "#e0e0e0")
    }
  }
}
