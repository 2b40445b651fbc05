import Citations
import Corpus

/// Counts for `cancu stats`.
public struct GraphStatistics: Sendable {
  /// Documents in the corpus.
  public var corpusDocuments = 0
  /// Citations (mentions) in all.
  public var citations = 0
  /// Distinct documents cited.
  public var citedDocuments = 0
  /// Cited documents that are in the corpus.
  public var citedInCorpus = 0
  /// The most cited documents: node index, number of citing documents, number of mentions.
  public var mostCited: [(node: Int, citers: Int, mentions: Int)] = []
  /// Corpus documents and cited documents per kind, by kind name.
  public var kinds: [(kind: String, inCorpus: Int, cited: Int)] = []

  /// Computes the statistics of a graph.
  public init(_ graph: CitationGraph, top: Int = 10) {
    corpusDocuments = graph.nodes.filter(\.isInCorpus).count
    citations = graph.edges.reduce(0) { $0 + $1.count }
    var citers: [Int: Int] = [:]
    var mentions: [Int: Int] = [:]
    for edge in graph.edges {
      citers[edge.to, default: 0] += 1
      mentions[edge.to, default: 0] += edge.count
    }
    citedDocuments = citers.count
    citedInCorpus = citers.keys.filter { graph.nodes[$0].isInCorpus }.count
    mostCited = citers.map { (node: $0.key, citers: $0.value, mentions: mentions[$0.key] ?? 0) }
      .sorted { a, b in
        if a.citers != b.citers { return a.citers > b.citers }
        if a.mentions != b.mentions { return a.mentions > b.mentions }
        return graph.nodes[a.node].key.utf8Precedes(graph.nodes[b.node].key)
      }
    mostCited = Array(mostCited.prefix(top))
    var byKind: [String: (Int, Int)] = [:]
    for (index, node) in graph.nodes.enumerated() {
      let name = node.kind?.rawValue ?? "(unknown)"
      var entry = byKind[name] ?? (0, 0)
      if node.isInCorpus { entry.0 += 1 }
      if citers[index] != nil { entry.1 += 1 }
      byKind[name] = entry
    }
    kinds = byKind.map { (kind: $0.key, inCorpus: $0.value.0, cited: $0.value.1) }
      .sorted { ($0.inCorpus + $0.cited, $1.kind) > ($1.inCorpus + $1.cited, $0.kind) }
  }
}
