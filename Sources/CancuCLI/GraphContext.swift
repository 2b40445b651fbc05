import CitationGraph
import Citations
import Corpus
import Dispatch
import SearchIndex
import VietText

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The citation graph of the indexed corpus — or of the part of it that answers the command
/// (``GraphScope``) — and the lookups the graph commands share.
struct GraphContext {
  let graph: CitationGraph
  /// The indexed content hash of each document the graph was built from, by shown path.
  private let hashes: [String: UInt64]
  /// Citing files read for their sentences and citation texts: each is read once.
  private var texts: [String: FileText] = [:]

  /// A citing file as it is now, checked to be the one indexed (so valid UTF-8): its bytes on
  /// disk and its lines. Only the lines quoted are normalized — a much-cited document's
  /// `cited-by` reads thousands of files, and validating and normalizing each whole was most of
  /// its time.
  private struct FileText {
    var bytes: [UInt8]
    /// The lines' byte ranges in ``bytes`` (`NormalizedText.originalLineRanges(of:through:)`).
    var lines: [Range<Int>]
  }

  /// Opens (refreshing) the index and builds the graph the command needs, or writes an error
  /// and returns `nil`.
  ///
  /// `cited-by`, `cites` and `show` build the graph of the documents that bear on their argument
  /// only; the other commands, of every document.
  static func load(
    _ invocation: Invocation, terminal: Terminal, errors: inout some TextOutputStream
  ) -> GraphContext? {
    let access = IndexAccess(invocation: invocation, terminal: terminal)
    guard let reader = access.open(errors: &errors) else { return nil }
    do {
      let documents: [StoredDocument]
      switch invocation.command {
      case .citedBy(let text, _, _, let transitive, _):
        guard let citation = parse(text, errors: &errors) else { return nil }
        documents = try citedByScope(citation, transitive: transitive, reader: reader, access: access)
      case .cites(let text, _), .show(let text, _):
        guard
          let found = try documentScope(text, reader: reader, access: access, errors: &errors)
        else { return nil }
        documents = found
      default:
        documents = try reader.allDocuments()
      }
      return GraphContext(documents: documents, access: access)
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return nil
    }
  }

  /// The graph of `documents`, their paths as this command line's corpus folder has them.
  init(documents: [StoredDocument], access: IndexAccess) {
    var hashes: [String: UInt64] = [:]
    let summaries = documents.map { document in
      let summary = access.summary(of: document)
      hashes[summary.path] = document.contentHash
      return summary
    }
    self.init(graph: CitationGraph(documents: summaries), hashes: hashes)
  }

  init(graph: CitationGraph, hashes: [String: UInt64] = [:]) {
    self.graph = graph
    self.hashes = hashes
  }

  /// A CITATION argument parsed, or an error written and `nil`.
  static func parse(_ text: String, errors: inout some TextOutputStream) -> Citation? {
    do {
      return try Citation(parsing: text)
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return nil
    }
  }

  // MARK: - Scopes

  /// The documents that decide `cited-by CITATION`: those that hold or cite it (or, with
  /// `transitive`, cite any of its citers, at any depth), closed under ``GraphScope``'s rules.
  static func citedByScope(
    _ citation: Citation, transitive: Bool, reader: IndexReader, access: IndexAccess
  ) throws(IndexError) -> [StoredDocument] {
    var scope = try GraphScope(reader: reader)
    try scope.require(id: citation.id)
    if let name = citation.name { try scope.require(name: name) }
    try scope.close()
    guard transitive else { return try scope.loaded() }
    // Each round adds the citers of the citers found so far, until a round finds no new one.
    var required: Set<String> = []
    while true {
      let graph = GraphContext(documents: try scope.loaded(), access: access).graph
      let before = scope.documents.count
      for target in graph.nodes(matching: citation) {
        for (node, _) in graph.citers(of: target, transitive: true) {
          guard let id = graph.nodes[node].id, required.insert(id).inserted else { continue }
          try scope.require(id: id)
        }
      }
      try scope.close()
      if scope.documents.count == before { return try scope.loaded() }
    }
  }

  /// The documents that decide `cites DOCUMENT` and `show DOCUMENT`: the document (a corpus
  /// file, else what the citation names), what cites it and everything about what it cites.
  /// `nil` after an error was written.
  static func documentScope(
    _ text: String, reader: IndexReader, access: IndexAccess, errors: inout some TextOutputStream
  ) throws(IndexError) -> [StoredDocument]? {
    var scope = try GraphScope(reader: reader)
    // As CitationGraph.nodes(inFile:): the exact path, else a path ending in it.
    // The manifest lists the indexed documents first, in id order.
    let manifest = try reader.manifestListing()
    let paths = (0..<reader.documentCount).map { access.path(relative: manifest.relativePath($0)) }
    var files = paths.indices.filter { paths[$0] == text }
    if files.isEmpty {
      files = paths.indices.filter { paths[$0].hasSuffix("/" + text) || text.hasSuffix("/" + paths[$0]) }
    }
    var sources: [Int]
    if !files.isEmpty {
      try scope.load(files)
      sources = files
    } else {
      guard let citation = parse(text, errors: &errors) else { return nil }
      try scope.require(id: citation.id)
      if let name = citation.name { try scope.require(name: name) }
      try scope.close()
      // The corpus files of the nodes it names.
      let graph = GraphContext(documents: try scope.loaded(), access: access).graph
      let named = Set(graph.nodes(matching: citation).compactMap { graph.nodes[$0].file })
      sources = scope.documents.filter { named.contains(access.path(of: $0.value)) }.map(\.key)
    }
    // A file whose number another file already holds adds its citations to that file's node:
    // every file that holds a source's id is a source too.
    var pending = sources
    while let source = pending.popLast() {
      for identity in scope.documents[source]?.summary.identities ?? [] {
        guard let id = identity.id else { continue }
        for holder in try scope.add(.identity, CitationKeys.id(id)).ids where !sources.contains(holder) {
          sources.append(holder)
          pending.append(holder)
        }
      }
    }
    for id in sources {
      for identity in scope.documents[id]?.summary.identities ?? [] {
        if let id = identity.id { try scope.require(id: id) }
      }
      for located in try scope.citations(of: id) { try scope.require(id: located.citation.id) }
    }
    try scope.close()
    // A source that states no number may be resolved by title: then it is cited by the id it is
    // cited as, which only the graph knows.
    let untitled = sources.contains { id in
      scope.documents[id]?.summary.identities.contains { $0.id == nil } ?? false
    }
    guard untitled else { return try scope.loaded() }
    let graph = GraphContext(documents: try scope.loaded(), access: access).graph
    let sourcePaths = Set(sources.compactMap { scope.documents[$0].map(access.path(of:)) })
    for node in graph.nodes where node.file.map(sourcePaths.contains) == true {
      if let id = node.id { try scope.require(id: id) }
    }
    try scope.close()
    return try scope.loaded()
  }

  // MARK: - Texts

  /// A citing file, read once and checked against the content hash it was indexed with.
  private mutating func file(_ path: String) -> Result<FileText, GraphTextError> {
    if let text = texts[path] { return .success(text) }
    let result = Self.read(path, expectedHash: hashes[path])
    if case .success(let text) = result { texts[path] = text }
    return result
  }

  /// Reads the files of these mentions on every core, ahead of printing them one by one: a
  /// much-cited document's `cited-by` reads thousands of files. A file that fails is left to be
  /// read (and reported) when its mention is printed.
  mutating func prefetch(_ mentions: [Mention]) {
    var paths: [String] = []
    var seen: Set<String> = []
    for mention in mentions {
      if texts[mention.path] == nil, seen.insert(mention.path).inserted { paths.append(mention.path) }
    }
    guard paths.count > 1 else { return }
    let wanted = paths
    let results = UnsafeMutableBufferPointer<FileText?>.allocate(capacity: paths.count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    nonisolated(unsafe) let slots = results  // each index written by one worker only
    let hashes = self.hashes
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      if case .success(let text) = Self.read(wanted[index], expectedHash: hashes[wanted[index]]) {
        slots[index] = text
      }
    }
    for (path, text) in zip(paths, results) where text != nil { texts[path] = text }
  }

  /// A citing file's bytes, checked against the hash the index holds for it (or, without one,
  /// decoded as any corpus file is).
  private static func read(_ path: String, expectedHash: UInt64?) -> Result<FileText, GraphTextError> {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(path, limit: CorpusLoader.defaultMaximumFileSize)
      if expectedHash == nil { _ = try TextDecoding.decode(bytes, path: path).get() }
    } catch {
      return .failure(.unreadable(path: path, reason: error.description))
    }
    if let expectedHash, bytes.withUnsafeBytes({ contentHash($0) }) != expectedHash {
      return .failure(.changed(path: path))
    }
    let lines = bytes.withUnsafeBufferPointer { NormalizedText.originalLineRanges(of: $0) }
    return .success(FileText(bytes: bytes, lines: lines))
  }

  /// A mention's citation as the file writes it.
  mutating func text(of mention: Mention) throws(GraphTextError) -> String {
    if !mention.text.isEmpty { return mention.text }
    let bytes = try file(mention.path).get().bytes
    let start = min(max(0, mention.originalRange.lowerBound), bytes.count)
    let end = min(max(start, mention.originalRange.upperBound), bytes.count)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

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

  /// The sentence around a mention, from the citing file (read once per file): its line alone
  /// is normalized, and the mention's original bytes found in it.
  mutating func sentence(of mention: Mention) throws(GraphTextError) -> String {
    let file = try file(mention.path).get()
    let number = mention.line - 1
    guard number >= 0, number < file.lines.count else { return "" }
    let line = file.lines[number]
    var normalized: [UInt8] = []
    var origins: [Int32] = []
    let changed = file.bytes.withUnsafeBufferPointer { bytes in
      Normalization.appendNFC(bytes, range: line, into: &normalized, offsets: &origins)
    }
    // The mention's bytes in the normalized line: the same offsets when the line is unchanged,
    // else the first normalized bytes coming from at or after its original bounds.
    func inLine(_ original: Int) -> Int {
      let offset = min(max(0, original - line.lowerBound), line.count)
      guard changed else { return offset }
      return origins.firstIndex { Int($0) >= offset } ?? normalized.count
    }
    let start = inLine(mention.originalRange.lowerBound)
    let end = max(start, inLine(mention.originalRange.upperBound))
    return Self.sentence(in: normalized, line: 0..<normalized.count, around: start..<end)
  }

  /// The sentence (or clause, for long ones) holding `range`, on its line.
  ///
  /// - Parameters:
  ///   - bytes: Normalized text.
  ///   - line: The bytes of the line holding `range`, without its line end.
  static func sentence(in bytes: [UInt8], line: Range<Int>, around range: Range<Int>) -> String {
    guard range.upperBound <= bytes.count else { return "" }
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
    // Nearly every sentence has neither a tag nor bold marks: one byte scan, no rewriting.
    var copy = text
    let plain = copy.withUTF8 { bytes in
      bytes.baseAddress.map { memchr($0, 0x3C, bytes.count) == nil && memchr($0, 0x2A, bytes.count) == nil }
        ?? true
    }
    guard !plain else { return text }
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
    return result.utf8.contains(UInt8(ascii: "*")) ? result.replacing("**", with: "") : result
  }

  /// A node as one heading line: kind, id or name, date, file.
  static func heading(_ node: GraphNode) -> String {
    var parts = [node.displayName]
    if let date = node.date { parts.append(date.iso) }
    if node.id == nil, node.isInCorpus { parts.append("(no number)") }
    return parts.joined(separator: "  ")
  }
}

/// Why the text of a citation cannot be shown.
enum GraphTextError: Error, CustomStringConvertible {
  /// The file is gone or unreadable.
  case unreadable(path: String, reason: String)
  /// The file is not the one indexed (`--no-refresh` with a changed corpus).
  case changed(path: String)

  var description: String {
    switch self {
    case .unreadable(_, let reason): reason
    case .changed(let path):
      "'\(path)' changed since it was indexed; run `cancu index` (or drop --no-refresh)"
    }
  }
}

extension IndexAccess {
  /// A stored document's summary, its path as this command line's corpus folder has it.
  func summary(of document: StoredDocument) -> DocumentSummary {
    var summary = document.summary
    summary.path = path(of: document)
    return summary
  }

  /// Where a file of the corpus is, by its path relative to the corpus.
  func path(relative: String) -> String {
    CorpusLoader(root: invocation.corpus).root + "/" + relative
  }
}
