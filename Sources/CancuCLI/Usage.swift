/// The help texts, generated from ``CommandSpec`` so they always match the parser.
public enum Usage {
  /// The version `cancu --version` prints.
  public static let version = "0.1.0"

  /// `cancu --help`: every command with its one-line summary.
  public static var overview: String {
    let width = CommandSpec.all.map(\.name.count).max() ?? 0
    var lines = [
      "cancu \(version): citations and full-text search for Vietnamese legal and Party documents",
      "",
      "Usage: cancu COMMAND [ARGUMENTS] [OPTIONS]",
      "",
      "Commands:",
    ]
    for spec in CommandSpec.all {
      lines.append("  " + pad(spec.name, to: width) + "  " + spec.summary)
    }
    lines += ["", "Options for every command:"]
    lines += optionLines(
      CommandSpec.globalOptions + [CommandSpec.Option(name: "version", help: "print the version")])
    lines += [
      "",
      "Run 'cancu help COMMAND' or 'cancu COMMAND --help' for a command's options.",
      "Exit status: 0 results, 1 no results, 2 usage or input error.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// `cancu help COMMAND`: the command's usage, options and examples.
  public static func help(for spec: CommandSpec) -> String {
    var lines = ["Usage: \(synopsis(spec))", "", spec.summary.prefix(1).uppercased() + spec.summary.dropFirst() + ".", ""]
    if !spec.options.isEmpty {
      lines.append("Options:")
      lines += optionLines(spec.options)
      lines.append("")
    }
    lines.append("Options for every command:")
    lines += optionLines(CommandSpec.globalOptions)
    if !spec.examples.isEmpty {
      lines += ["", "Examples:"]
      lines += spec.examples.map { "  " + $0 }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The one-line usage shown after a usage error.
  public static func synopsis(_ spec: CommandSpec) -> String {
    var parts = ["cancu", spec.name]
    if !spec.arguments.isEmpty { parts.append(spec.arguments) }
    for option in spec.options {
      parts.append("[--\(option.name)" + (option.value.map { " " + $0 } ?? "") + "]")
    }
    return parts.joined(separator: " ")
  }

  private static func optionLines(_ options: [CommandSpec.Option]) -> [String] {
    let width = max(options.map { label($0).count }.max() ?? 0, 20)
    return options.map { "  " + pad(label($0), to: width) + "  " + $0.help }
  }

  private static func label(_ option: CommandSpec.Option) -> String {
    let short = option.short.map { "-\($0), " } ?? ""
    return short + "--" + option.name + (option.value.map { " " + $0 } ?? "")
  }

  private static func pad(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}
