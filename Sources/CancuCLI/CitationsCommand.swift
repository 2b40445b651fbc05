import Citations
import Corpus
import VietText

/// `cancu citations FILE...`: parse files directly, no index.
struct CitationsCommand {
  var terminal: Terminal

  func run(
    files: [String], format: OutputFormat, output: inout some TextOutputStream,
    errors: inout some TextOutputStream
  ) -> ExitStatus {
    var failed = false
    var found = 0
    for path in expand(files, failed: &failed, errors: &errors) {
      switch Document.read(path: path) {
      case .failure(let error):
        Runner.warn(error, to: &errors)
        failed = true
      case .success(let document):
        found += document.extraction.citations.count
        switch format {
        case .json: writeJSON(document, to: &output)
        case .text: writeText(document, to: &output)
        }
      }
    }
    if failed { return .error }
    return found > 0 ? .success : .noResults
  }

  /// Files as given; a folder stands for the corpus documents below it.
  private func expand(
    _ paths: [String], failed: inout Bool, errors: inout some TextOutputStream
  ) -> [String] {
    var result: [String] = []
    for path in paths {
      let loader = CorpusLoader(root: path)
      guard let listing = try? loader.files() else {
        result.append(path)  // not a folder: read it as a file, and report what goes wrong there
        continue
      }
      for warning in listing.warnings { Runner.warn(warning, to: &errors) }
      result += listing.files.map(\.path)
    }
    return result
  }

  private func writeText(_ document: Document, to output: inout some TextOutputStream) {
    let color = terminal.colorOutput
    let citations = document.extraction.citations
    let idWidth = min(24, citations.map(\.id.count).max() ?? 0)
    let kindWidth = citations.map(\.kind.rawValue.count).max() ?? 0
    let locations = document.locations(of: citations.map(\.range.lowerBound))
    for (citation, location) in zip(citations, locations) {
      let place = TerminalText.safe(document.path) + ":\(location.line):\(location.column)"
      let id = TerminalText.safe(citation.id)
      let fields = [
        TerminalText.styled(place, .path, color: color),
        TerminalText.styled(pad(id, idWidth), .identifier, color: color),
        pad(citation.kind.rawValue, kindWidth),
        pad(citation.date?.iso ?? "-", 10),
        pad(citation.relation.rawValue, 10),
        TerminalText.safe(singleLine(document.originalText(of: citation.range)))
          + (citation.isFootnote ? TerminalText.styled(" (footnote)", .dim, color: color) : ""),
      ]
      output.write(fields.joined(separator: "  ") + "\n")
    }
  }

  private func writeJSON(_ document: Document, to output: inout some TextOutputStream) {
    var json = JSONWriter()
    json.beginObject()
    json.value(.string(document.path), key: "file")
    json.beginArray(key: "documents")
    for identity in document.extraction.documents {
      json.beginObject()
      json.value(.string(identity.kind?.rawValue), key: "kind")
      json.value(.string(identity.id), key: "id")
      json.value(.string(identity.date?.iso), key: "date")
      json.value(.string(identity.issuer), key: "issuer")
      json.value(.string(identity.title), key: "title")
      json.value(.string(identity.province), key: "province")
      json.value(.int(document.location(of: identity.range.lowerBound).line), key: "line")
      json.endObject()
    }
    json.endArray()
    json.beginArray(key: "citations")
    let citations = document.extraction.citations
    let starts = document.locations(of: citations.map(\.range.lowerBound))
    for (citation, start) in zip(citations, starts) {
      let end = document.normalized.originalByteOffset(of: citation.range.upperBound)
      json.beginObject()
      json.value(.string(citation.id), key: "id")
      json.value(.string(citation.kind.rawValue), key: "kind")
      json.value(.string(citation.number), key: "number")
      json.value(.int(citation.year), key: "year")
      json.value(.string(citation.symbol), key: "symbol")
      json.value(.string(citation.name), key: "name")
      json.value(.string(citation.date?.iso), key: "date")
      json.value(.string(citation.issuer), key: "issuer")
      json.value(.string(citation.relation.rawValue), key: "relation")
      json.value(.int(start.line), key: "line")
      json.value(.int(start.column), key: "column")
      json.value(.int(start.byteOffset), key: "start")
      json.value(.int(end), key: "end")
      json.value(.string(document.originalText(of: citation.range)), key: "text")
      json.value(.bool(citation.isFootnote), key: "footnote")
      json.value(.string(citation.pinpoint), key: "pinpoint")
      json.value(.bool(citation.isRepaired), key: "repaired")
      json.value(.double(citation.confidence), key: "confidence")
      json.endObject()
    }
    json.endArray()
    json.endObject()
    output.write(json.text + "\n")
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// A citation that runs over a line break, on one line.
  private func singleLine(_ text: String) -> String {
    var result = ""
    var lastWasSpace = false
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\r" {
        if !lastWasSpace { result += " " }
        lastWasSpace = true
      } else {
        result.unicodeScalars.append(scalar)
        lastWasSpace = scalar == " "
      }
    }
    return result
  }
}
