import CitationGraph
import Citations
import Corpus

/// `cancu cited-by`, `cites`, `show`, `graph`, `stats` and `lint`: thin calls into
/// ``CitationGraph`` and its writers.
struct GraphCommands {
  var invocation: Invocation
  var terminal: Terminal

  func run(output: inout some TextOutputStream, errors: inout some TextOutputStream) -> ExitStatus {
    guard var context = GraphContext.load(invocation, terminal: terminal, errors: &errors) else {
      return .error
    }
    return run(&context, output: &output, errors: &errors)
  }

  /// Runs the command on a graph already built (the tests' oracle for ``GraphScope`` runs every
  /// question on the graph of the whole corpus).
  func run(
    _ context: inout GraphContext, output: inout some TextOutputStream,
    errors: inout some TextOutputStream
  ) -> ExitStatus {
    switch invocation.command {
    case .citedBy(let citation, let kind, let relation, let transitive, let format):
      return citedBy(
        &context, citation, kind: kind, relation: relation, transitive: transitive, format: format,
        output: &output, errors: &errors)
    case .cites(let document, let format):
      return cites(&context, document, format: format, output: &output, errors: &errors)
    case .show(let document, let format):
      return show(&context, document, format: format, output: &output, errors: &errors)
    case .graph(let format, let around, let depth, let kind, let file):
      return graph(
        context, format: format, around: around, depth: depth, kind: kind, file: file,
        output: &output, errors: &errors)
    case .stats(let format):
      return stats(context, format: format, output: &output)
    case .lint(let format):
      return lint(context, format: format, output: &output)
    default:
      preconditionFailure("not a graph command: \(invocation.command.name)")
    }
  }

  // MARK: - cited-by

  private func citedBy(
    _ context: inout GraphContext, _ text: String, kind: String?, relation: String?,
    transitive: Bool, format: OutputFormat, output: inout some TextOutputStream,
    errors: inout some TextOutputStream
  ) -> ExitStatus {
    guard let targets = context.nodes(citation: text, errors: &errors) else { return .error }
    let graph = context.graph
    let wantedRelation = relation.flatMap(CitationRelation.init(rawValue:))
    // Citing document → its edges to any of the targets (or, transitively, to what cites them).
    var found: [Int: [GraphEdge]] = [:]
    for target in targets {
      for (node, edge) in graph.citers(of: target, transitive: transitive) {
        found[node, default: []].append(edge)
      }
    }
    var rows: [(node: Int, mentions: [Mention], relations: [CitationRelation])] = []
    for (node, edges) in found {
      if let kind, !GraphContext.kind(graph.nodes[node], matches: kind) { continue }
      var mentions = edges.flatMap(\.mentions)
      if let wantedRelation { mentions = mentions.filter { $0.relation == wantedRelation } }
      guard !mentions.isEmpty else { continue }
      let relations = CitationRelation.allCases.filter { r in mentions.contains { $0.relation == r } }
      rows.append((node, mentions.sorted { ($0.line, $0.column) < ($1.line, $1.column) }, relations))
    }
    // Newest first; undated last; then by file.
    rows.sort { a, b in
      let x = graph.nodes[a.node]
      let y = graph.nodes[b.node]
      if x.date != y.date {
        guard let dx = x.date else { return false }
        guard let dy = y.date else { return true }
        return dx > dy
      }
      return (x.file ?? "", x.line ?? 0) < (y.file ?? "", y.line ?? 0)
    }
    guard !rows.isEmpty else {
      if format == .text {
        let what = targets.isEmpty ? "is not cited in the corpus" : "is cited by no document that fits"
        errors.write("cancu: '\(TerminalText.safe(text))' \(what)\n")
      }
      return .noResults
    }
    let color = terminal.colorOutput
    context.prefetch(rows.flatMap(\.mentions))
    if format == .text, let first = targets.first {
      let count = rows.count
      output.write(
        TerminalText.styled(TerminalText.safe(GraphContext.heading(graph.nodes[first])), .identifier, color: color)
          + " is cited by \(count) document\(count == 1 ? "" : "s")"
          + (transitive ? " (directly or through others)" : "") + "\n\n")
    }
    for row in rows {
      let node = graph.nodes[row.node]
      switch format {
      case .json:
        var json = JSONWriter()
        json.beginObject()
        writeIdentity(node, to: &json)
        json.value(.int(row.mentions.count), key: "score")
        json.strings(row.relations.map(\.rawValue), key: "relations")
        json.beginArray(key: "mentions")
        for mention in row.mentions {
          json.beginObject()
          json.value(.int(mention.line), key: "line")
          guard let sentence = readable(try context.sentence(of: mention), errors: &errors) else {
            return .error
          }
          json.value(.string(sentence), key: "text")
          json.value(.string(mention.relation.rawValue), key: "relation")
          json.value(.bool(mention.isFootnote), key: "footnote")
          json.endObject()
        }
        json.endArray()
        json.endObject()
        output.write(json.text + "\n")
      case .text:
        output.write(
          TerminalText.styled(TerminalText.safe(node.file ?? "-"), .path, color: color) + "  "
            + TerminalText.safe(GraphContext.heading(node)) + "  "
            + TerminalText.styled(row.relations.map(\.rawValue).joined(separator: ", "), .dim, color: color) + "\n")
        if let title = node.title { output.write("   " + TerminalText.safe(short(title)) + "\n") }
        // One line per sentence: several citations in one sentence are shown once.
        // Keyed by bytes: hashing a String normalizes it, which cost a tenth of a large `cited-by`.
        var shown: Set<ShownSentence> = []
        for mention in row.mentions {
          guard let sentence = readable(try context.sentence(of: mention), errors: &errors) else {
            return .error
          }
          guard shown.insert(ShownSentence(line: mention.line, text: sentence)).inserted else { continue }
          let place = TerminalText.styled(
            "\(TerminalText.safe(mention.path)):\(mention.line):", .line, color: color)
          output.write(
            "   " + place + " " + TerminalText.safe(sentence)
              + (mention.isFootnote ? TerminalText.styled(" (footnote)", .dim, color: color) : "") + "\n")
        }
        output.write("\n")
      }
    }
    return .success
  }

  // MARK: - cites

  private func cites(
    _ context: inout GraphContext, _ text: String, format: OutputFormat,
    output: inout some TextOutputStream, errors: inout some TextOutputStream
  ) -> ExitStatus {
    guard let sources = context.nodes(document: text, errors: &errors) else { return .error }
    let sourcesInCorpus = sources.filter { context.graph.nodes[$0].isInCorpus }
    guard !sourcesInCorpus.isEmpty else {
      errors.write("cancu: '\(TerminalText.safe(text))' is not a document of the corpus\n")
      return .error
    }
    var any = false
    for source in sourcesInCorpus {
      let edges = context.graph.edges(citedBy: source)
      if format == .text {
        output.write(
          TerminalText.styled(TerminalText.safe(GraphContext.heading(context.graph.nodes[source])), .identifier, color: terminal.colorOutput)
            + " cites \(edges.count) document\(edges.count == 1 ? "" : "s")\n\n")
      }
      for edge in edges {
        any = true
        guard write(edge: edge, target: edge.to, context: &context, format: format, output: &output, errors: &errors)
        else { return .error }
      }
    }
    return any ? .success : .noResults
  }

  /// Writes one cited document; `false` after an error was written.
  private func write(
    edge: GraphEdge, target: Int, context: inout GraphContext, format: OutputFormat,
    output: inout some TextOutputStream, errors: inout some TextOutputStream
  ) -> Bool {
    let node = context.graph.nodes[target]
    switch format {
    case .json:
      var json = JSONWriter()
      json.beginObject()
      json.value(.string(node.id), key: "id")
      json.value(.string(node.kind?.rawValue), key: "kind")
      json.value(.string(node.date?.iso), key: "date")
      json.value(.string(node.title ?? node.name), key: "title")
      json.value(.string(node.file), key: "file")
      json.value(.string(node.resolution?.rawValue), key: "resolved_by")
      json.value(.double(node.resolutionConfidence), key: "confidence")
      json.strings(edge.relations.map(\.rawValue), key: "relations")
      json.beginArray(key: "mentions")
      for mention in edge.mentions {
        json.beginObject()
        json.value(.int(mention.line), key: "line")
        guard let text = readable(try context.text(of: mention), errors: &errors) else { return false }
        json.value(.string(text), key: "text")
        json.endObject()
      }
      json.endArray()
      json.endObject()
      output.write(json.text + "\n")
    case .text:
      let color = terminal.colorOutput
      let lines = edge.mentions.map { String($0.line) }.joined(separator: ",")
      var line = TerminalText.styled(TerminalText.safe(GraphContext.heading(node)), .identifier, color: color)
      line += "  " + TerminalText.styled(edge.relations.map(\.rawValue).joined(separator: ", "), .dim, color: color)
      line += "  ×\(edge.count) (line\(edge.count == 1 ? "" : "s") \(lines))"
      if let file = node.file {
        line += "  → " + TerminalText.styled(TerminalText.safe(file), .path, color: color)
        if node.resolution == .title, let confidence = node.resolutionConfidence {
          line += " (matched by title, confidence \(format2(confidence)))"
        }
      }
      output.write(line + "\n")
      if let title = node.title ?? node.name, !GraphContext.heading(node).contains(title) {
        output.write("   " + TerminalText.safe(short(title)) + "\n")
      }
    }
    return true
  }

  /// A text read from a citing file, or `nil` after writing why it cannot be shown.
  private func readable(
    _ text: @autoclosure () throws(GraphTextError) -> String, errors: inout some TextOutputStream
  ) -> String? {
    do {
      return try text()
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return nil
    }
  }

  // MARK: - show

  private func show(
    _ context: inout GraphContext, _ text: String, format: OutputFormat,
    output: inout some TextOutputStream, errors: inout some TextOutputStream
  ) -> ExitStatus {
    guard let nodes = context.nodes(document: text, errors: &errors) else { return .error }
    guard !nodes.isEmpty else {
      errors.write("cancu: '\(TerminalText.safe(text))' is neither in the corpus nor cited by it\n")
      return .noResults
    }
    let graph = context.graph
    for index in nodes {
      let node = graph.nodes[index]
      let outgoing = graph.edges(citedBy: index)
      let incoming = graph.edges(citing: index)
      switch format {
      case .json:
        var json = JSONWriter()
        json.beginObject()
        writeIdentity(node, to: &json)
        json.value(.string(node.issuer), key: "issuer")
        json.value(.string(node.province), key: "province")
        json.value(.string(node.level.rawValue), key: "level")
        json.value(.string(node.resolution?.rawValue), key: "resolved_by")
        json.beginArray(key: "cites")
        for edge in outgoing { json.value(.string(graph.nodes[edge.to].id ?? graph.nodes[edge.to].displayName)) }
        json.endArray()
        json.beginArray(key: "cited_by")
        for edge in incoming { json.value(.string(graph.nodes[edge.from].file ?? graph.nodes[edge.from].displayName)) }
        json.endArray()
        json.endObject()
        output.write(json.text + "\n")
      case .text:
        let color = terminal.colorOutput
        output.write(TerminalText.styled(TerminalText.safe(GraphContext.heading(node)), .identifier, color: color) + "\n")
        let facts: [(String, String?)] = [
          ("title", node.title), ("issuer", node.issuer), ("province", node.province),
          ("file", node.file.map { $0 + (node.line.map { ":\($0)" } ?? "") }),
          ("level", node.level.rawValue),
          ("matched", node.resolution == .title
            ? "by title (the document states no number), confidence "
              + format2(node.resolutionConfidence ?? 0) : nil),
        ]
        for case (let name, let value?) in facts {
          output.write("  " + name.padding(9) + TerminalText.safe(value) + "\n")
        }
        output.write("  cites    \(outgoing.count) document\(outgoing.count == 1 ? "" : "s")"
          + " (\(outgoing.reduce(0) { $0 + $1.count }) citations)\n")
        for edge in outgoing.prefix(50) {
          output.write("    → " + TerminalText.safe(GraphContext.heading(graph.nodes[edge.to])) + "  ×\(edge.count)\n")
        }
        output.write("  cited by \(incoming.count) document\(incoming.count == 1 ? "" : "s")\n")
        for edge in incoming {
          let citer = graph.nodes[edge.from]
          output.write("    ← " + TerminalText.safe(citer.file ?? "-") + "  "
            + TerminalText.safe(GraphContext.heading(citer)) + "  ×\(edge.count)\n")
        }
      }
    }
    return .success
  }

  // MARK: - graph

  private func graph(
    _ context: GraphContext, format: GraphFormat, around: String?, depth: Int, kind: String?,
    file: String?, output: inout some TextOutputStream, errors: inout some TextOutputStream
  ) -> ExitStatus {
    let graph = context.graph
    var subset: Set<Int>?
    var centers: Set<Int> = []
    if let around {
      guard let found = context.nodes(document: around, errors: &errors) else { return .error }
      guard !found.isEmpty else {
        errors.write("cancu: '\(TerminalText.safe(around))' is neither in the corpus nor cited by it\n")
        return .noResults
      }
      centers = Set(found)
      subset = graph.neighbourhood(of: found, depth: depth)
    }
    if let kind {
      let base = subset ?? Set(graph.nodes.indices)
      subset = base.filter { centers.contains($0) || GraphContext.kind(graph.nodes[$0], matches: kind) }
    }
    let text: String
    switch format {
    case .dot: text = DOTWriter().write(graph, subset: subset, highlight: centers)
    case .json: text = GraphJSON.write(graph, subset: subset)
    }
    if let file {
      guard FileOutput.write(text, to: file) else {
        errors.write("cancu: cannot write '\(TerminalText.safe(file))'\n")
        return .error
      }
    } else {
      output.write(text)
    }
    return .success
  }

  // MARK: - stats and lint

  private func stats(_ context: GraphContext, format: OutputFormat, output: inout some TextOutputStream)
    -> ExitStatus
  {
    let graph = context.graph
    let statistics = GraphStatistics(graph)
    switch format {
    case .json:
      var json = JSONWriter()
      json.beginObject()
      json.value(.int(statistics.corpusDocuments), key: "documents")
      json.value(.int(statistics.citations), key: "citations")
      json.value(.int(statistics.citedDocuments), key: "cited_documents")
      json.value(.int(statistics.citedInCorpus), key: "cited_in_corpus")
      json.beginArray(key: "most_cited")
      for entry in statistics.mostCited {
        json.beginObject()
        json.value(.string(graph.nodes[entry.node].id), key: "id")
        json.value(.string(graph.nodes[entry.node].kind?.rawValue), key: "kind")
        json.value(.string(graph.nodes[entry.node].displayName), key: "name")
        json.value(.int(entry.citers), key: "citing_documents")
        json.value(.int(entry.mentions), key: "citations")
        json.endObject()
      }
      json.endArray()
      json.beginArray(key: "kinds")
      for entry in statistics.kinds {
        json.beginObject()
        json.value(.string(entry.kind), key: "kind")
        json.value(.int(entry.inCorpus), key: "in_corpus")
        json.value(.int(entry.cited), key: "cited")
        json.endObject()
      }
      json.endArray()
      json.endObject()
      output.write(json.text + "\n")
    case .text:
      output.write("documents in the corpus  \(statistics.corpusDocuments)\n")
      output.write("citations                \(statistics.citations)\n")
      output.write("documents cited          \(statistics.citedDocuments) (\(statistics.citedInCorpus) in the corpus)\n\n")
      output.write("most cited (citing documents, citations):\n")
      for entry in statistics.mostCited {
        output.write("  \(String(entry.citers).padding(3)) \(String(entry.mentions).padding(4)) "
          + TerminalText.safe(GraphContext.heading(graph.nodes[entry.node])) + "\n")
      }
      output.write("\nby kind (in the corpus, cited):\n")
      for entry in statistics.kinds {
        output.write("  \(entry.kind.padding(20)) \(String(entry.inCorpus).padding(4)) \(entry.cited)\n")
      }
    }
    return statistics.corpusDocuments > 0 ? .success : .noResults
  }

  private func lint(_ context: GraphContext, format: OutputFormat, output: inout some TextOutputStream)
    -> ExitStatus
  {
    let findings = GraphLint.findings(context.graph)
    for finding in findings {
      switch format {
      case .json:
        var json = JSONWriter()
        json.beginObject()
        json.value(.string(finding.path), key: "file")
        json.value(.int(finding.line), key: "line")
        json.value(.string(finding.rule.rawValue), key: "rule")
        json.value(.string(finding.message), key: "message")
        json.endObject()
        output.write(json.text + "\n")
      case .text:
        output.write(
          TerminalText.safe(finding.path) + ":\(finding.line): " + finding.rule.rawValue + ": "
            + TerminalText.safe(finding.message) + "\n")
      }
    }
    return findings.isEmpty ? .noResults : .success
  }

  /// The identity fields that open a cited-by or show line, in the contract's order.
  private func writeIdentity(_ node: GraphNode, to json: inout JSONWriter) {
    json.value(.string(node.file), key: "file")
    json.value(.string(node.id), key: "id")
    json.value(.string(node.kind?.rawValue), key: "kind")
    json.value(.string(node.date?.iso), key: "date")
    json.value(.string(node.title), key: "title")
  }

  private func short(_ text: String) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.count <= 120 ? flat : String(flat.prefix(119)) + "…"
  }
}

extension String {
  /// The string padded with spaces to `width` characters.
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}

/// A sentence already printed for a line, compared and hashed by its bytes (a `String` hashes its
/// normalized form, and `[UInt8]` a byte at a time).
private struct ShownSentence: Hashable {
  var line: Int
  var bytes: [UInt8]

  init(line: Int, text: String) {
    self.line = line
    bytes = Array(text.utf8)
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(line)
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
