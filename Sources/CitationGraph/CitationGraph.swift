public import Citations
public import Corpus
import VietText

/// Who cites whom: documents as nodes, citations grouped per (citing, cited) pair as edges.
///
/// Built from the ``DocumentSummary`` values the index stores, so no text is re-parsed:
/// 1. every document of the corpus is a node (a file may hold two: a covering letter and what it
///    forwards; each citation belongs to the document whose text holds it);
/// 2. every cited document is a node, keyed by ``NodeKey`` (so `11-QĐ/TW` and `11-QĐi/TW` meet,
///    and local symbols are scoped by province);
/// 3. a cited document that matches no corpus document by id is matched **by title**: when a
///    corpus document states no number of its own (seed 000), a citation of the same kind whose
///    subject ("… về tăng cường sự lãnh đạo …") is that document's title, from a compatible issuer,
///    is a citation of it.
/// Nodes and edges are sorted (corpus documents by path, then cited ones by key), so output built
/// from the graph is stable.
public struct CitationGraph: Sendable {
  /// The nodes: corpus documents first (by path), then cited-only documents (by key).
  public private(set) var nodes: [GraphNode] = []
  /// The edges, sorted by (from, to).
  public private(set) var edges: [GraphEdge] = []
  /// Edge indices by cited node.
  private var incoming: [[Int]] = []
  /// Edge indices by citing node.
  private var outgoing: [[Int]] = []

  /// Builds the graph of a corpus.
  ///
  /// - Complexity: O(*c* log *c*) in the number of citations.
  public init(documents: [DocumentSummary]) {
    var builder = Builder()
    for summary in documents.sorted(by: { $0.path.utf8Precedes($1.path) }) {
      builder.addCorpusDocument(summary)
    }
    for summary in documents.sorted(by: { $0.path.utf8Precedes($1.path) }) {
      builder.addCitations(of: summary)
    }
    builder.resolveByTitle()
    (nodes, edges) = builder.finish()
    incoming = Array(repeating: [], count: nodes.count)
    outgoing = Array(repeating: [], count: nodes.count)
    for (index, edge) in edges.enumerated() {
      incoming[edge.to].append(index)
      outgoing[edge.from].append(index)
    }
  }

  /// The edges that point at node `index`.
  public func edges(citing index: Int) -> [GraphEdge] { incoming[index].map { edges[$0] } }

  /// The edges that leave node `index`.
  public func edges(citedBy index: Int) -> [GraphEdge] { outgoing[index].map { edges[$0] } }

  /// The nodes a user's citation names: every node whose key matches, any province.
  public func nodes(matching citation: Citation) -> [Int] {
    let query = NodeKey.unscopedKey(id: citation.id, kind: citation.kind)
    var found = nodes.indices.filter { index in
      let node = nodes[index]
      if NodeKey.matches(query: query, node: node.key) { return true }
      // A corpus document matched by title carries the id it is cited as.
      guard node.resolution == .title, let id = node.id else { return false }
      return NodeKey.matches(query: query, node: NodeKey.unscopedKey(id: id, kind: node.kind))
    }
    if found.isEmpty, let name = citation.name {
      let folded = CitationKeys.name(name)
      found = nodes.indices.filter { index in
        nodes[index].name.map { CitationKeys.name($0) == folded } ?? false
      }
    }
    return found
  }

  /// The nodes of a corpus file (path as shown, or a path ending in it).
  public func nodes(inFile path: String) -> [Int] {
    let exact = nodes.indices.filter { nodes[$0].file == path }
    if !exact.isEmpty { return exact }
    return nodes.indices.filter { index in
      guard let file = nodes[index].file else { return false }
      return file.hasSuffix("/" + path) || path.hasSuffix("/" + file)
    }
  }

  /// The documents that cite node `index` (directly, or at any depth with `transitive`), with the
  /// edges that make them so, in breadth-first order.
  public func citers(of index: Int, transitive: Bool) -> [(node: Int, edge: GraphEdge)] {
    var seen: Set<Int> = [index]
    var queue = [index]
    var result: [(node: Int, edge: GraphEdge)] = []
    while !queue.isEmpty {
      let current = queue.removeFirst()
      for edge in edges(citing: current) where !seen.contains(edge.from) {
        seen.insert(edge.from)
        result.append((edge.from, edge))
        if transitive { queue.append(edge.from) }
      }
    }
    return result
  }

  /// The nodes within `depth` steps of `centers`, following edges both ways.
  public func neighbourhood(of centers: [Int], depth: Int) -> Set<Int> {
    var seen = Set(centers)
    var frontier = centers
    for _ in 0..<depth {
      var next: [Int] = []
      for node in frontier {
        for edge in incoming[node] + outgoing[node] {
          let other = edges[edge].from == node ? edges[edge].to : edges[edge].from
          if seen.insert(other).inserted { next.append(other) }
        }
      }
      frontier = next
    }
    return seen
  }
}

/// The mutable state of ``CitationGraph/init(documents:)``.
private struct Builder {
  var nodes: [GraphNode] = []
  var index: [String: Int] = [:]
  /// (from, to) → mentions.
  var links: [Int: [Int: [Mention]]] = [:]
  /// For cited-only nodes: the subjects they are cited for.
  var subjects: [Int: [String]] = [:]
  /// ``NodeKey/key(id:kind:province:)`` of the cited ids seen so far, without the province:
  /// a corpus cites a few thousand documents hundreds of thousands of times, and working the
  /// key out again for each citation was half of building the graph.
  private var keyParts: [CitedID: (unscoped: String, isLocal: Bool)] = [:]
  /// The folded province of each citing node, for the keys of local ids it cites.
  private var provinceScope: [Int: String] = [:]

  /// A cited id and kind, hashed and compared by bytes.
  private struct CitedID: Hashable {
    var id: [UInt8]
    var kind: DocumentKind?

    func hash(into hasher: inout Hasher) {
      id.withUnsafeBytes { hasher.combine(bytes: $0) }
      hasher.combine(kind)
    }
  }

  /// `NodeKey.key(id:kind:province:)` for a citation made by node `from`.
  private mutating func key(citing id: String, kind: DocumentKind?, from: Int) -> String {
    let cited = CitedID(id: Array(id.utf8), kind: kind)
    let parts: (unscoped: String, isLocal: Bool)
    if let known = keyParts[cited] {
      parts = known
    } else {
      parts = (NodeKey.unscopedKey(id: id, kind: kind), NodeKey.isLocal(id: id))
      keyParts[cited] = parts
    }
    guard parts.isLocal else { return parts.unscoped }
    let scope: String
    if let known = provinceScope[from] {
      scope = known
    } else {
      scope = nodes[from].province.map { DiacriticFolding.fold($0) } ?? "?"
      provinceScope[from] = scope
    }
    return parts.unscoped + "@" + scope
  }

  mutating func addCorpusDocument(_ summary: DocumentSummary) {
    if summary.identities.isEmpty {
      _ = node(key: "FILE:" + summary.path) {
        GraphNode(
          key: "FILE:" + summary.path, id: nil, kind: nil, name: nil, date: nil,
          title: summary.path.split(separator: "/").last.map(String.init), issuer: nil,
          province: nil, level: .state, file: summary.path, line: 1, resolution: nil,
          resolutionConfidence: nil)
      }
      return
    }
    for (number, identity) in summary.identities.enumerated() {
      let key = identityKey(identity, path: summary.path, number: number)
      let line = number < summary.identityLines.count ? summary.identityLines[number] : 1
      let at = node(key: key) {
        GraphNode(
          key: key, id: identity.id, kind: identity.kind, name: nil, date: identity.date,
          title: identity.title, issuer: identity.issuer, province: identity.province,
          level: NodeKey.level(id: identity.id, kind: identity.kind, name: nil, issuer: identity.issuer),
          file: summary.path, line: line, resolution: identity.id == nil ? nil : .id,
          resolutionConfidence: identity.id == nil ? nil : 1)
      }
      // The same id in two files: the first file keeps it.
      if nodes[at].file == nil { nodes[at].file = summary.path }
    }
  }

  func identityKey(_ identity: DocumentIdentity, path: String, number: Int) -> String {
    guard let id = identity.id else { return "FILE:\(path)#\(number)" }
    return NodeKey.key(id: id, kind: identity.kind, province: identity.province)
  }

  mutating func node(key: String, make: () -> GraphNode) -> Int {
    if let at = index[key] { return at }
    nodes.append(make())
    index[key] = nodes.count - 1
    return nodes.count - 1
  }

  mutating func addCitations(of summary: DocumentSummary) {
    let citingKeys: [String] =
      summary.identities.isEmpty
      ? ["FILE:" + summary.path]
      : summary.identities.indices.map { identityKey(summary.identities[$0], path: summary.path, number: $0) }
    for located in summary.citations {
      let citation = located.citation
      // The document whose text holds the citation: the last one starting before it.
      var owner = 0
      for (number, identity) in summary.identities.enumerated()
      where identity.range.lowerBound <= citation.range.lowerBound {
        owner = number
      }
      guard let from = index[citingKeys[min(owner, citingKeys.count - 1)]] else { continue }
      let province = nodes[from].province
      let key = key(citing: citation.id, kind: citation.kind, from: from)
      let to = node(key: key) {
        GraphNode(
          key: key, id: citation.id, kind: citation.kind, name: citation.name, date: citation.date,
          title: located.subject, issuer: citation.issuer,
          province: NodeKey.isLocal(id: citation.id) ? province : nil,
          level: NodeKey.level(id: citation.id, kind: citation.kind, name: citation.name),
          file: nil, line: nil, resolution: nil, resolutionConfidence: nil)
      }
      guard to != from else { continue }  // a document naming itself
      fill(to, from: located)
      links[from, default: [:]][to, default: []].append(
        Mention(
          path: summary.path, line: located.location.line, column: located.location.column,
          text: located.text, relation: citation.relation, isFootnote: citation.isFootnote,
          range: citation.range,
          originalRange: located.location.byteOffset..<max(located.location.byteOffset, located.originalEnd),
          citedID: citation.id, date: citation.date,
          isRepaired: citation.isRepaired))
      if nodes[to].file == nil, let subject = located.subject {
        subjects[to, default: []].append(subject)
      }
    }
  }

  /// Completes a cited node's facts from a later citation (the first mention may lack the date).
  mutating func fill(_ at: Int, from located: LocatedCitation) {
    let citation = located.citation
    if nodes[at].date == nil { nodes[at].date = citation.date }
    if nodes[at].issuer == nil { nodes[at].issuer = citation.issuer }
    if nodes[at].name == nil { nodes[at].name = citation.name }
    if nodes[at].file == nil, nodes[at].title == nil { nodes[at].title = located.subject }
  }

  /// Links cited documents to corpus documents that state no number, by kind, issuer and title.
  mutating func resolveByTitle() {
    let untitledCorpus = nodes.indices.filter { nodes[$0].isInCorpus && nodes[$0].id == nil && nodes[$0].title != nil }
    guard !untitledCorpus.isEmpty else { return }
    for cited in nodes.indices where !nodes[cited].isInCorpus {
      guard let subjects = subjects[cited] else { continue }
      let target = untitledCorpus.first { candidate in
        let document = nodes[candidate]
        guard document.kind == nodes[cited].kind, let title = document.title else { return false }
        if let a = document.date, let b = nodes[cited].date, a != b { return false }
        if let a = document.issuer, let b = nodes[cited].issuer,
          !Self.sameIssuer(DiacriticFolding.fold(a), DiacriticFolding.fold(b))
        {
          return false
        }
        let wanted = Self.comparable(title)
        return subjects.contains { Self.comparable($0) == wanted }
      }
      guard let target else { continue }
      // Every link to the cited node now goes to the corpus document.
      for from in links.keys {
        if let mentions = links[from]?[cited] {
          links[from]?[cited] = nil
          if from != target { links[from, default: [:]][target, default: []] += mentions }
        }
      }
      // Compared facts (checked above to agree) raise the confidence; filled-in ones do not.
      let issuerAgreed = nodes[target].issuer != nil && nodes[cited].issuer != nil
      let dateAgreed = nodes[target].date != nil && nodes[cited].date != nil
      nodes[target].id = nodes[target].id ?? nodes[cited].id
      if nodes[target].date == nil { nodes[target].date = nodes[cited].date }
      nodes[target].resolution = .title
      nodes[target].resolutionConfidence = Double(8 + (issuerAgreed ? 1 : 0) + (dateAgreed ? 1 : 0)) / 10
      nodes[target].level = NodeKey.level(
        id: nodes[target].id, kind: nodes[target].kind, name: nil, issuer: nodes[target].issuer)
      nodes[cited].key = ""  // dropped in finish()
    }
  }

  /// Issuers are compatible when one's words contain the other's ("Ban Thường vụ Tỉnh ủy" and
  /// "BAN THƯỜNG VỤ TỈNH ỦY HƯNG YÊN").
  static func sameIssuer(_ a: String, _ b: String) -> Bool {
    let x = a.split(separator: " ").joined(separator: " ")
    let y = b.split(separator: " ").joined(separator: " ")
    return x.contains(y) || y.contains(x)
  }

  /// A title as compared: folded, a leading "về" dropped, spaces collapsed.
  /// (One definition with the index's citation map, which files documents under it.)
  static func comparable(_ title: String) -> String { CitationKeys.title(title) }

  /// Sorted nodes (corpus by path, then cited by key) and edges (by from, to).
  func finish() -> ([GraphNode], [GraphEdge]) {
    let kept = nodes.indices.filter { !nodes[$0].key.isEmpty }
    let order = kept.sorted { a, b in
      let x = nodes[a]
      let y = nodes[b]
      if x.isInCorpus != y.isInCorpus { return x.isInCorpus }
      if let f = x.file, let g = y.file, f != g { return f.utf8Precedes(g) }
      if x.isInCorpus, x.line != y.line { return (x.line ?? 0) < (y.line ?? 0) }
      return x.key.utf8Precedes(y.key)
    }
    var position: [Int: Int] = [:]
    for (newIndex, old) in order.enumerated() { position[old] = newIndex }
    var edges: [GraphEdge] = []
    for (from, targets) in links {
      for (to, mentions) in targets where !mentions.isEmpty {
        guard let f = position[from], let t = position[to] else { continue }
        let relations = CitationRelation.allCases.filter { relation in
          mentions.contains { $0.relation == relation }
        }
        let sorted = mentions.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) }
        edges.append(GraphEdge(from: f, to: t, relations: relations, mentions: sorted))
      }
    }
    edges.sort { ($0.from, $0.to) < ($1.from, $1.to) }
    return (order.map { nodes[$0] }, edges)
  }
}
