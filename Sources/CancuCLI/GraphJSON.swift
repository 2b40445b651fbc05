import CitationGraph
import Citations

/// `cancu graph --format json`: `{"nodes":[…],"edges":[…]}` with the facts of the DOT output.
enum GraphJSON {
  static func write(_ graph: CitationGraph, subset: Set<Int>?) -> String {
    let included = graph.nodes.indices.filter { subset?.contains($0) ?? true }
    let set = Set(included)
    var json = JSONWriter()
    json.beginObject()
    json.beginArray(key: "nodes")
    for index in included {
      let node = graph.nodes[index]
      json.beginObject()
      json.value(.string("n\(index)"), key: "key")
      json.value(.string(node.id), key: "id")
      json.value(.string(node.kind?.rawValue), key: "kind")
      json.value(.string(node.name), key: "name")
      json.value(.string(node.date?.iso), key: "date")
      json.value(.string(node.title), key: "title")
      json.value(.string(node.issuer), key: "issuer")
      json.value(.string(node.province), key: "province")
      json.value(.string(node.level.rawValue), key: "level")
      json.value(.string(node.file), key: "file")
      json.value(.string(node.resolution?.rawValue), key: "resolved_by")
      json.endObject()
    }
    json.endArray()
    json.beginArray(key: "edges")
    for edge in graph.edges where set.contains(edge.from) && set.contains(edge.to) {
      json.beginObject()
      json.value(.string("n\(edge.from)"), key: "from")
      json.value(.string("n\(edge.to)"), key: "to")
      json.strings(edge.relations.map(\.rawValue), key: "relations")
      json.value(.int(edge.count), key: "count")
      json.beginArray(key: "lines")
      for mention in edge.mentions { json.value(.int(mention.line)) }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.endObject()
    return json.text + "\n"
  }
}
