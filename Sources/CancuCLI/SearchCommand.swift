import Citations
import Corpus
import SearchIndex

/// `cancu search QUERY`: ranked documents with their best lines, words marked.
struct SearchCommand {
  var invocation: Invocation
  var terminal: Terminal

  func run(
    query text: String, limit: Int, exact: Bool, format: OutputFormat,
    output: inout some TextOutputStream, errors: inout some TextOutputStream
  ) -> ExitStatus {
    let query: Query
    do {
      query = try Query(parsing: text)
    } catch {
      errors.write("cancu: invalid query '\(TerminalText.safe(text))': \(error.description)\n")
      return .error
    }
    let access = IndexAccess(invocation: invocation, terminal: terminal)
    // The answer is written out only once the index is known to be fresh (see
    // IndexAccess.answer).
    guard
      let (status, answer, messages) = access.answer(errors: &errors, { reader in
        var answer = ""
        var messages = ""
        let status = run(query, text: text, reader: reader, limit: limit, exact: exact, format: format,
          output: &answer, errors: &messages)
        return (status, answer, messages)
      })
    else { return .error }
    output.write(answer)
    errors.write(messages)
    return status
  }

  private func run(
    _ query: Query, text: String, reader: IndexReader, limit: Int, exact: Bool, format: OutputFormat,
    output: inout some TextOutputStream, errors: inout some TextOutputStream
  ) -> ExitStatus {
    let results: SearchResults
    do {
      results = try Searcher(reader: reader).search(query, limit: limit, exactOnly: exact)
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return .error
    }
    guard !results.hits.isEmpty else {
      if format == .text { errors.write("cancu: no document matches '\(TerminalText.safe(text))'\n") }
      return .noResults
    }
    let access = IndexAccess(invocation: invocation, terminal: terminal)
    var hits = results.hits
    for index in hits.indices { hits[index].document.path = access.path(of: hits[index].document) }
    let allSnippets = SnippetMaker().snippets(
      for: results, paths: hits.map(\.document.path), reader: reader, query: query,
      exactOnly: exact)
    for (rank, (hit, snippets)) in zip(hits, allSnippets).enumerated() {
      switch format {
      case .json: writeJSON(hit, snippets, to: &output)
      case .text: writeText(rank + 1, hit, snippets, to: &output)
      }
    }
    if format == .text, results.totalMatches > results.hits.count {
      output.write("(\(results.hits.count) of \(results.totalMatches) documents; --limit N for more)\n")
    }
    return .success
  }

  private func writeText(
    _ rank: Int, _ hit: SearchHit, _ snippets: [Snippet], to output: inout some TextOutputStream
  ) {
    let color = terminal.colorOutput
    let identity = hit.document.summary.identities.first
    var heading = [
      "\(rank).", TerminalText.styled(TerminalText.safe(hit.document.path), .path, color: color),
    ]
    let name = [identity?.kind?.rawValue, identity?.id].compactMap { $0 }.joined(separator: " ")
    if !name.isEmpty { heading.append(TerminalText.styled(TerminalText.safe(name), .identifier, color: color)) }
    if let date = identity?.date?.iso { heading.append(date) }
    heading.append(TerminalText.styled("score " + format2(hit.score), .dim, color: color))
    output.write(heading.joined(separator: "  ") + "\n")
    if let title = identity?.title {
      output.write("   " + TerminalText.safe(shorten(title, 110)) + "\n")
    }
    for snippet in snippets {
      // path:line, so editors and terminals can jump to it.
      let place = TerminalText.styled(
        TerminalText.safe(hit.document.path) + ":\(snippet.line):", .line, color: color)
      output.write("   " + place + " " + highlighted(snippet, color: color) + "\n")
    }
  }

  /// The snippet with its marks: colour on a terminal, `[…]` otherwise.
  private func highlighted(_ snippet: Snippet, color: Bool) -> String {
    let bytes = Array(snippet.text.utf8)
    var result = ""
    var cursor = 0
    for range in snippet.highlights {
      result += TerminalText.safe(String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self))
      let word = TerminalText.safe(String(decoding: bytes[range], as: UTF8.self))
      result += color ? TerminalText.styled(word, .match, color: true) : "[" + word + "]"
      cursor = range.upperBound
    }
    result += TerminalText.safe(String(decoding: bytes[cursor...], as: UTF8.self))
    return result
  }

  private func writeJSON(_ hit: SearchHit, _ snippets: [Snippet], to output: inout some TextOutputStream) {
    let identity = hit.document.summary.identities.first
    var json = JSONWriter()
    json.beginObject()
    json.value(.string(hit.document.path), key: "file")
    json.value(.string(identity?.id), key: "id")
    json.value(.string(identity?.kind?.rawValue), key: "kind")
    json.value(.string(identity?.date?.iso), key: "date")
    json.value(.string(identity?.title), key: "title")
    json.value(.double(hit.score), key: "score")
    json.value(.bool(hit.isExactMatch), key: "exact")
    json.beginArray(key: "snippets")
    for snippet in snippets {
      json.beginObject()
      json.value(.int(snippet.line), key: "line")
      json.value(.string(snippet.text), key: "text")
      // Highlights in characters (Unicode scalars), as JavaScript and Python count them.
      json.beginArray(key: "highlights")
      let bytes = Array(snippet.text.utf8)
      for range in snippet.highlights {
        let start = String(decoding: bytes[..<range.lowerBound], as: UTF8.self).unicodeScalars.count
        let length = String(decoding: bytes[range], as: UTF8.self).unicodeScalars.count
        json.value(.raw("[\(start),\(start + length)]"))
      }
      json.endArray()
      json.endObject()
    }
    json.endArray()
    json.endObject()
    output.write(json.text + "\n")
  }

  private func shorten(_ text: String, _ limit: Int) -> String {
    let flat = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
    return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
  }
}
