import Testing

@testable import CancuCLI

@Suite("Runner")
struct RunnerTests {
  @Test func helpListsEveryCommandOfTheContract() {
    let result = runCancu(["--help"])
    #expect(result.status == .success)
    #expect(result.errors.isEmpty)
    for name in ["index", "search", "citations", "cited-by", "cites", "graph", "show", "stats", "lint"] {
      #expect(result.output.contains("\n  \(name) "), "missing \(name)")
    }
  }

  @Test("Command help shows the command's options", arguments: CommandSpec.all.map(\.name))
  func commandHelp(name: String) throws {
    let spec = try #require(CommandSpec.named(name))
    for arguments in [["help", name], [name, "--help"], [name, "-h"]] {
      let result = runCancu(arguments)
      #expect(result.status == .success)
      #expect(result.output.hasPrefix("Usage: cancu \(name)"))
      for option in spec.options { #expect(result.output.contains("--\(option.name)")) }
      #expect(result.output.contains("--corpus DIR"))
    }
  }

  @Test func unknownCommandExitsTwoWithUsageOnStderr() {
    let result = runCancu(["frobnicate"])
    #expect(result.status == .error)
    #expect(result.output.isEmpty)
    #expect(result.errors.hasPrefix("cancu: unknown command 'frobnicate'"))
    #expect(result.errors.contains("usage: cancu"))
  }

  @Test func unknownOptionShowsTheCommandsUsage() {
    let result = runCancu(["search", "x", "--frob"])
    #expect(result.status == .error)
    #expect(result.errors.contains("usage: cancu search QUERY"))
  }

  @Test func versionPrintsTheVersion() {
    #expect(runCancu(["--version"]).output == "cancu \(Usage.version)\n")
  }

  @Test func citationsOfAMissingFileExitTwoNamingIt() {
    let result = runCancu(["citations", "/nonexistent/văn bản.txt"])
    #expect(result.status == .error)
    #expect(result.errors.contains("'/nonexistent/văn bản.txt'"))
    #expect(result.errors.split(separator: "\n").count == 1)
  }
}
