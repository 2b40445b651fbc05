/// The command-line contract of DESIGN.md as data: commands, their arguments and options.
///
/// The parser (``Command/init(arguments:)``) and the help text (``Usage``) are both driven by this
/// table, so what `--help` says is what the parser accepts.
public struct CommandSpec: Sendable {
  /// An option of a command.
  public struct Option: Sendable {
    /// The long name, without dashes.
    public var name: String
    /// A one-letter alias, without the dash.
    public var short: Character? = nil
    /// The placeholder of the value, or `nil` for a flag.
    public var value: String? = nil
    /// One line of help.
    public var help: String
  }

  /// The command's name (`cited-by`).
  public var name: String
  /// What it does, in one line, for `cancu --help`.
  public var summary: String
  /// The positional arguments as shown in the usage line (`QUERY`, `FILE...`).
  public var arguments: String
  /// Whether it needs at least one positional argument.
  public var requiresArgument: Bool
  /// Its own options (the global ones are added by ``Usage``).
  public var options: [Option]
  /// A few lines of examples.
  public var examples: [String]

  /// The options every command takes.
  public static let globalOptions: [Option] = [
    Option(name: "corpus", value: "DIR", help: "the documents to read (default ./corpus)"),
    Option(name: "index", value: "DIR", help: "where the index lives (default ./index)"),
    Option(name: "no-refresh", help: "use the index as it is, without checking for changed files"),
    Option(name: "help", short: "h", help: "show this help"),
  ]

  private static let json = Option(name: "json", help: "print JSON Lines, one object per result")
  private static let kind = Option(
    name: "kind", value: "KIND", help: "only documents of this kind (\"nghị quyết\", \"chi thi\", …)")

  /// Every command, in the order `cancu --help` lists them.
  public static let all: [CommandSpec] = [
    CommandSpec(
      name: "index", summary: "build or update the search index of the corpus",
      arguments: "", requiresArgument: false,
      options: [
        Option(name: "rebuild", help: "rebuild from scratch instead of updating"),
        Option(
          name: "memory", value: "MiB",
          help: "memory for postings and documents before they go to temporary files (default 512)"),
      ],
      examples: [
        "cancu index", "cancu index --corpus ~/vanban --index ~/vanban-index --rebuild",
        "cancu index --memory 128",
      ]),
    CommandSpec(
      name: "search", summary: "ranked full-text search, with or without diacritics",
      arguments: "QUERY", requiresArgument: true,
      options: [
        Option(name: "limit", short: "n", value: "N", help: "show at most N documents (default 10)"),
        Option(name: "exact", help: "only exact diacritic matches (hoà = hòa still counts)"), json,
      ],
      examples: [
        "cancu search \"dan chu co so\"", "cancu search '\"dân chủ ở cơ sở\" kind:\"nghị quyết\"'",
        "cancu search 30-CT/TW --json",
      ]),
    CommandSpec(
      name: "citations", summary: "list the citations in files, without an index",
      arguments: "FILE...", requiresArgument: true, options: [json],
      examples: ["cancu citations corpus/002_c2006f905afa915a.txt", "cancu citations --json corpus/*.txt"]),
    CommandSpec(
      name: "cited-by", summary: "the documents that cite a document",
      arguments: "CITATION", requiresArgument: true,
      options: [
        kind,
        Option(
          name: "relation", value: "R",
          help: "only citations of this relation: basis, implements, amends, replaces, repeals, guides, mentions"),
        Option(name: "transitive", help: "follow citations backwards to any depth"), json,
      ],
      examples: ["cancu cited-by \"Chỉ thị 30-CT/TW\" --kind \"nghị quyết\"", "cancu cited-by 49-NQ/TU --json"]),
    CommandSpec(
      name: "cites", summary: "what one document cites",
      arguments: "DOCUMENT", requiresArgument: true, options: [json],
      examples: ["cancu cites corpus/002_c2006f905afa915a.txt", "cancu cites 161-KH/ĐUK"]),
    CommandSpec(
      name: "graph", summary: "the citation graph as Graphviz DOT or JSON",
      arguments: "", requiresArgument: false,
      options: [
        Option(name: "format", value: "dot|json", help: "output format (default dot)"),
        Option(name: "around", value: "CITATION", help: "only the neighbourhood of this document"),
        Option(name: "depth", value: "N", help: "how many steps around --around (default 1)"), kind,
        Option(name: "output", short: "o", value: "FILE", help: "write to FILE instead of stdout"),
      ],
      examples: ["cancu graph --around 49-NQ/TU | dot -Tsvg > 49.svg", "cancu graph --format json -o graph.json"]),
    CommandSpec(
      name: "show", summary: "identity, title and citations of a document",
      arguments: "DOCUMENT", requiresArgument: true, options: [json],
      examples: ["cancu show 49-NQ/TU", "cancu show corpus/004_5eb50ab86d8b2fa5.txt"]),
    CommandSpec(
      name: "stats", summary: "counts: documents, citations, most-cited documents",
      arguments: "", requiresArgument: false, options: [json], examples: ["cancu stats"]),
    CommandSpec(
      name: "lint", summary: "data problems: conflicting dates, garbled ids, unscoped local symbols",
      arguments: "", requiresArgument: false, options: [json], examples: ["cancu lint --json"]),
  ]

  /// The command named `name`.
  public static func named(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

  /// The command's options followed by the global ones.
  public var allOptions: [Option] { options + Self.globalOptions }

  init(
    name: String, summary: String, arguments: String, requiresArgument: Bool, options: [Option],
    examples: [String]
  ) {
    self.name = name
    self.summary = summary
    self.arguments = arguments
    self.requiresArgument = requiresArgument
    self.options = options
    self.examples = examples
  }
}
