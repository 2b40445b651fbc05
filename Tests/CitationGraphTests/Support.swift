import Citations
import Corpus
import Foundation
import VietText

@testable import CitationGraph

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The summaries of the shipped corpus, read the way the index reads them.
let seedSummaries: [DocumentSummary] = {
  let loader = CorpusLoader(root: packageRoot.appendingPathComponent("corpus").path)
  guard let files = try? loader.files().files else { return [] }
  return files.compactMap { try? loader.load($0).get().summary }
}()

/// The seed graph.
let seedGraph = CitationGraph(documents: seedSummaries)

/// The three-digit seed number of a path (`…/002_c2006f905afa915a.txt` → "002").
func seedNumber(_ path: String?) -> String {
  guard let path else { return "-" }
  return String(URL(fileURLWithPath: path).lastPathComponent.prefix(3))
}

/// A minimal summary for synthetic graphs.
func summary(
  _ path: String, id: String?, kind: DocumentKind = .resolution, date: CitationDate? = nil,
  title: String? = nil, issuer: String? = nil, province: String? = nil,
  citations: [(id: String, kind: DocumentKind, date: CitationDate?, line: Int, repaired: Bool)] = []
) -> DocumentSummary {
  let identity = DocumentIdentity(
    kind: kind, id: id, date: date, issuer: issuer, title: title, province: province, range: 0..<1)
  let located = citations.enumerated().map { offset, item in
    LocatedCitation(
      citation: Citation(
        kind: item.kind, id: item.id, date: item.date, range: (offset * 10 + 5)..<(offset * 10 + 9),
        isRepaired: item.repaired),
      location: SourceLocation(line: item.line, column: 1, byteOffset: offset * 10 + 5),
      originalEnd: offset * 10 + 9, text: "\(item.kind.rawValue) số \(item.id)")
  }
  return DocumentSummary(path: path, identities: [identity], citations: located, identityLines: [1])
}

/// Graphviz's `dot`, if installed.
let dotPath: String? = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Renders DOT with the real Graphviz: exit status and everything it wrote to stderr.
func renderWithGraphviz(_ dot: String) throws -> (status: Int32, errors: String, output: Data) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: dotPath ?? "/usr/bin/dot")
  process.arguments = ["-Tsvg"]
  let input = Pipe()
  let output = Pipe()
  let errors = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = errors
  try process.run()
  input.fileHandleForWriting.write(Data(dot.utf8))
  try input.fileHandleForWriting.close()
  let rendered = output.fileHandleForReading.readDataToEndOfFile()
  let message = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: message, as: UTF8.self), rendered)
}
