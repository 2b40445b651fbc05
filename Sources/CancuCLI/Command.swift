/// A parsed command line: what to do, as a pure value (parsing performs no I/O).
public enum Command: Equatable, Sendable {
  /// `cancu index`.
  /// `memory`: MiB of postings and documents held before they go to temporary files (`nil`: the
  /// default).
  case index(rebuild: Bool, memory: Int? = nil)
  /// `cancu search QUERY`.
  case search(query: String, limit: Int, exact: Bool, format: OutputFormat)
  /// `cancu citations FILE...`.
  case citations(files: [String], format: OutputFormat)
  /// `cancu cited-by CITATION`.
  case citedBy(
    citation: String, kind: String?, relation: String?, transitive: Bool, format: OutputFormat)
  /// `cancu cites DOCUMENT`.
  case cites(document: String, format: OutputFormat)
  /// `cancu graph`.
  case graph(format: GraphFormat, around: String?, depth: Int, kind: String?, output: String?)
  /// `cancu show DOCUMENT`.
  case show(document: String, format: OutputFormat)
  /// `cancu stats`.
  case stats(format: OutputFormat)
  /// `cancu lint`.
  case lint(format: OutputFormat)
  /// `cancu --help`, `cancu help [COMMAND]`, `cancu COMMAND --help`.
  case help(command: String?)
  /// `cancu --version`.
  case version

  /// The name of the command, as typed.
  public var name: String {
    switch self {
    case .index: "index"
    case .search: "search"
    case .citations: "citations"
    case .citedBy: "cited-by"
    case .cites: "cites"
    case .graph: "graph"
    case .show: "show"
    case .stats: "stats"
    case .lint: "lint"
    case .help: "help"
    case .version: "version"
    }
  }
}

/// How results are printed.
public enum OutputFormat: Equatable, Sendable {
  /// For people: aligned lines, colour on a terminal.
  case text
  /// JSON Lines, one object per result, stable keys.
  case json
}

/// The formats of `cancu graph`.
public enum GraphFormat: String, Equatable, Sendable {
  /// Graphviz DOT.
  case dot
  /// JSON with `nodes` and `edges`.
  case json
}

/// A whole command line: the command and the options every command shares.
public struct Invocation: Equatable, Sendable {
  /// What to do.
  public var command: Command
  /// The corpus folder (`--corpus`, default `corpus`).
  public var corpus: String
  /// The index folder (`--index`, default `index`).
  public var index: String
  /// Whether to bring a stale index up to date first (off with `--no-refresh`).
  public var refresh: Bool

  /// Creates an invocation.
  public init(command: Command, corpus: String = "corpus", index: String = "index", refresh: Bool = true) {
    self.command = command
    self.corpus = corpus
    self.index = index
    self.refresh = refresh
  }
}
