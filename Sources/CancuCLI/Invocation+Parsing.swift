extension Invocation {
  /// Parses `cancu`'s arguments (without the program name).
  ///
  /// Options may come before or after the arguments, as `--name value`, `--name=value` or `-x value`;
  /// `--` ends the options. Several words where one argument is expected are joined with spaces, so
  /// `cancu search dan chu co so` works without quotes.
  ///
  /// - Throws: ``UsageError`` for an unknown command or option, a missing or malformed value.
  public init(arguments: [String]) throws(UsageError) {
    // Global options may also come before the command: `cancu --corpus docs search x`.
    var arguments = arguments
    var leading: [String] = []
    while let first = arguments.first, ["--corpus", "--index"].contains(first) {
      guard arguments.count >= 2 else {
        throw UsageError("option '\(first)' needs a value DIR")
      }
      leading += arguments.prefix(2)
      arguments.removeFirst(2)
    }
    while let first = arguments.first,
      first == "--no-refresh" || first.hasPrefix("--corpus=") || first.hasPrefix("--index=")
    {
      leading.append(first)
      arguments.removeFirst()
    }
    if !leading.isEmpty, let command = arguments.first, CommandSpec.named(command) != nil {
      arguments = [command] + leading + arguments.dropFirst()
    }
    guard let first = arguments.first else {
      self.init(command: .help(command: nil))
      return
    }
    switch first {
    case "-h", "--help":
      self.init(command: .help(command: nil))
      return
    case "--version", "-V", "version":
      self.init(command: .version)
      return
    case "help":
      let topic = arguments.dropFirst().first
      if let topic, CommandSpec.named(topic) == nil {
        throw UsageError("unknown command '\(topic)'; see 'cancu --help'")
      }
      self.init(command: .help(command: topic))
      return
    default:
      break
    }
    guard let spec = CommandSpec.named(first) else {
      if first.hasPrefix("-") {
        throw UsageError("unknown option '\(first)'; a command comes first, see 'cancu --help'")
      }
      throw UsageError("unknown command '\(first)'; see 'cancu --help'")
    }
    let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: spec)
    if parsed.flags.contains("help") {
      self.init(command: .help(command: spec.name))
      return
    }
    if spec.requiresArgument, parsed.positionals.isEmpty {
      throw UsageError("'\(spec.name)' needs \(spec.arguments)", command: spec.name)
    }
    if !spec.requiresArgument, let extra = parsed.positionals.first {
      throw UsageError("'\(spec.name)' takes no argument, got '\(extra)'", command: spec.name)
    }
    let command = try Self.command(spec: spec, parsed)
    self.init(
      command: command, corpus: parsed.values["corpus"] ?? "corpus",
      index: parsed.values["index"] ?? "index", refresh: !parsed.flags.contains("no-refresh"))
  }

  private static func command(spec: CommandSpec, _ parsed: ParsedArguments) throws(UsageError)
    -> Command
  {
    let format: OutputFormat = parsed.flags.contains("json") ? .json : .text
    let joined = parsed.positionals.joined(separator: " ")
    switch spec.name {
    case "index":
      let memory = try parsed.integer("memory", in: 1...1_048_576, command: spec.name)
      return .index(rebuild: parsed.flags.contains("rebuild"), memory: memory)
    case "search":
      let limit = try parsed.integer("limit", in: 1...100_000, command: spec.name) ?? 10
      guard !joined.allSatisfy({ $0 == " " }) else {
        throw UsageError("'search' needs a QUERY that is not empty", command: spec.name)
      }
      return .search(
        query: joined, limit: limit, exact: parsed.flags.contains("exact"), format: format)
    case "citations":
      return .citations(files: parsed.positionals, format: format)
    case "cited-by":
      let relation = parsed.values["relation"]
      let relations = ["basis", "implements", "amends", "replaces", "repeals", "guides", "mentions"]
      if let relation, !relations.contains(relation) {
        throw UsageError(
          "unknown relation '\(relation)'; expected one of \(relations.joined(separator: ", "))",
          command: spec.name)
      }
      return .citedBy(
        citation: joined, kind: parsed.values["kind"], relation: relation,
        transitive: parsed.flags.contains("transitive"), format: format)
    case "cites":
      return .cites(document: joined, format: format)
    case "graph":
      let formatName = parsed.values["format"] ?? "dot"
      guard let graphFormat = GraphFormat(rawValue: formatName) else {
        throw UsageError("unknown format '\(formatName)'; expected dot or json", command: spec.name)
      }
      let depth = try parsed.integer("depth", in: 0...100, command: spec.name) ?? 1
      return .graph(
        format: graphFormat, around: parsed.values["around"], depth: depth,
        kind: parsed.values["kind"], output: parsed.values["output"])
    case "show":
      return .show(document: joined, format: format)
    case "stats":
      return .stats(format: format)
    case "lint":
      return .lint(format: format)
    default:
      preconditionFailure("command '\(spec.name)' is in the table but not parsed")
    }
  }
}

/// Arguments split into options and positionals, checked against a command's table.
struct ParsedArguments {
  var flags: Set<String> = []
  var values: [String: String] = [:]
  var positionals: [String] = []

  init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
    let options = spec.allOptions
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      guard !onlyPositionals, argument.hasPrefix("-"), argument != "-" else {
        positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      // A negative number or a "-term" exclusion in a search query is an argument.
      if spec.name == "search", !argument.hasPrefix("--") {
        let isShortOption = options.contains { $0.short.map { "-\($0)" } == argument }
        if !isShortOption {
          positionals.append(argument)
          continue
        }
      }
      var name: String
      var inlineValue: String?
      if argument.hasPrefix("--") {
        name = String(argument.dropFirst(2))
        if let equals = name.firstIndex(of: "=") {
          inlineValue = String(name[name.index(after: equals)...])
          name = String(name[..<equals])
        }
      } else {
        let letter = argument.dropFirst()
        guard letter.count == 1, let option = options.first(where: { $0.short.map(String.init) == String(letter) })
        else {
          throw UsageError("unknown option '\(argument)' for '\(spec.name)'", command: spec.name)
        }
        name = option.name
      }
      guard let option = options.first(where: { $0.name == name }) else {
        throw UsageError("unknown option '--\(name)' for '\(spec.name)'", command: spec.name)
      }
      if let placeholder = option.value {
        if let inlineValue {
          values[name] = inlineValue
        } else if index < arguments.count {
          values[name] = arguments[index]
          index += 1
        } else {
          throw UsageError("option '--\(name)' needs a value \(placeholder)", command: spec.name)
        }
      } else {
        guard inlineValue == nil else {
          throw UsageError("option '--\(name)' takes no value", command: spec.name)
        }
        flags.insert(name)
      }
    }
  }

  func integer(_ name: String, in range: ClosedRange<Int>, command: String) throws(UsageError)
    -> Int?
  {
    guard let text = values[name] else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw UsageError(
        "option '--\(name)' needs a whole number from \(range.lowerBound) to \(range.upperBound), "
          + "got '\(text)'", command: command)
    }
    return value
  }
}
