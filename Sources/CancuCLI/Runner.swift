import Corpus

/// Runs `cancu` command lines: all behaviour is here, the streams are injected, so tests drive it
/// with `String`s and no process is spawned.
public struct Runner: Sendable {
  /// What the streams are connected to.
  public var terminal: Terminal

  /// A runner for the given terminal.
  public init(terminal: Terminal = .plain) { self.terminal = terminal }

  /// Parses and runs one command line.
  ///
  /// - Parameters:
  ///   - arguments: The arguments, without the program name.
  ///   - output: Where results go (stdout).
  ///   - errors: Where errors, warnings and progress go (stderr).
  /// - Returns: 0 with results, 1 with none, 2 on a usage or input error.
  public func run(
    _ arguments: [String], output: inout some TextOutputStream,
    errors: inout some TextOutputStream
  ) -> ExitStatus {
    let invocation: Invocation
    do {
      invocation = try Invocation(arguments: arguments)
    } catch {
      errors.write("cancu: \(error.message)\n")
      if let name = error.command, let spec = CommandSpec.named(name) {
        errors.write("usage: \(Usage.synopsis(spec))\n")
      } else {
        errors.write("usage: cancu COMMAND [ARGUMENTS] [OPTIONS]; see 'cancu --help'\n")
      }
      return .error
    }
    return run(invocation, output: &output, errors: &errors)
  }

  /// Runs a parsed command line.
  public func run(
    _ invocation: Invocation, output: inout some TextOutputStream,
    errors: inout some TextOutputStream
  ) -> ExitStatus {
    switch invocation.command {
    case .help(nil):
      output.write(Usage.overview)
      return .success
    case .help(let name?):
      guard let spec = CommandSpec.named(name) else {
        errors.write("cancu: unknown command '\(name)'; see 'cancu --help'\n")
        return .error
      }
      output.write(Usage.help(for: spec))
      return .success
    case .version:
      output.write("cancu \(Usage.version)\n")
      return .success
    case .citations(let files, let format):
      return CitationsCommand(terminal: terminal)
        .run(files: files, format: format, output: &output, errors: &errors)
    case .index(let rebuild, let memory):
      return IndexCommand(invocation: invocation, terminal: terminal)
        .run(rebuild: rebuild, memory: memory, output: &output, errors: &errors)
    case .search(let query, let limit, let exact, let format):
      return SearchCommand(invocation: invocation, terminal: terminal).run(
        query: query, limit: limit, exact: exact, format: format, output: &output, errors: &errors)
    case .citedBy, .cites, .graph, .show, .stats, .lint:
      return GraphCommands(invocation: invocation, terminal: terminal)
        .run(output: &output, errors: &errors)
    }
  }

  /// Writes a corpus warning as `cancu: warning: …`.
  static func warn(_ error: CorpusError, to errors: inout some TextOutputStream) {
    errors.write("cancu: warning: \(TerminalText.safe(error.description))\n")
  }
}
