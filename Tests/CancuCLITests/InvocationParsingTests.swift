import Testing

@testable import CancuCLI

@Suite("Command-line parsing")
struct InvocationParsingTests {
  @Test("Parses every command of the contract", arguments: [
    (["index", "--rebuild"], Command.index(rebuild: true)),
    (["index"], .index(rebuild: false)),
    (["index", "--memory", "64"], .index(rebuild: false, memory: 64)),
    (["search", "dan chu co so"], .search(query: "dan chu co so", limit: 10, exact: false, format: .text)),
    (["search", "dan", "chu", "--limit", "3", "--exact", "--json"],
      .search(query: "dan chu", limit: 3, exact: true, format: .json)),
    (["search", "dân", "-chủ", "-n", "5"], .search(query: "dân -chủ", limit: 5, exact: false, format: .text)),
    (["search", "--limit=7", "x"], .search(query: "x", limit: 7, exact: false, format: .text)),
    (["citations", "a.txt", "b.txt", "--json"], .citations(files: ["a.txt", "b.txt"], format: .json)),
    (["cited-by", "Chỉ thị 30-CT/TW", "--kind", "nghị quyết"],
      .citedBy(citation: "Chỉ thị 30-CT/TW", kind: "nghị quyết", relation: nil, transitive: false, format: .text)),
    (["cited-by", "chi", "thi", "30-CT/TW", "--relation", "basis", "--transitive", "--json"],
      .citedBy(citation: "chi thi 30-CT/TW", kind: nil, relation: "basis", transitive: true, format: .json)),
    (["cites", "corpus/a.txt"], .cites(document: "corpus/a.txt", format: .text)),
    (["graph"], .graph(format: .dot, around: nil, depth: 1, kind: nil, output: nil)),
    (["graph", "--format", "json", "--around", "49-NQ/TU", "--depth", "2", "-o", "g.json"],
      .graph(format: .json, around: "49-NQ/TU", depth: 2, kind: nil, output: "g.json")),
    (["show", "49-NQ/TU", "--json"], .show(document: "49-NQ/TU", format: .json)),
    (["stats"], .stats(format: .text)),
    (["lint", "--json"], .lint(format: .json)),
    (["--help"], .help(command: nil)),
    ([], .help(command: nil)),
    (["help", "graph"], .help(command: "graph")),
    (["search", "--help"], .help(command: "search")),
    (["--version"], .version),
  ])
  func parses(arguments: [String], expected: Command) throws {
    #expect(try Invocation(arguments: arguments).command == expected)
  }

  @Test func parsesGlobalOptionsAnywhere() throws {
    let invocation = try Invocation(
      arguments: ["--corpus", "docs", "search", "x", "--index=/tmp/i", "--no-refresh"])
    #expect(invocation.corpus == "docs")
    #expect(invocation.index == "/tmp/i")
    #expect(!invocation.refresh)
    #expect(invocation.command == .search(query: "x", limit: 10, exact: false, format: .text))
    let other = try Invocation(arguments: ["stats", "--corpus", "văn bản", "--index", "idx"])
    #expect(other.corpus == "văn bản")
    #expect(other.index == "idx")
    #expect(other.refresh)
    let defaults = try Invocation(arguments: ["stats"])
    #expect(defaults.corpus == "corpus" && defaults.index == "index")
  }

  @Test("Rejects bad command lines with a message naming the argument", arguments: [
    (["frobnicate"], "'frobnicate'"),
    (["--frobnicate"], "'--frobnicate'"),
    (["search"], "QUERY"),
    (["search", "x", "--limit", "0"], "'0'"),
    (["index", "--memory", "0"], "'0'"),
    (["index", "--memory", "lots"], "'lots'"),
    (["search", "x", "--limit"], "--limit"),
    (["search", "x", "--bogus"], "'--bogus'"),
    (["citations"], "FILE"),
    (["graph", "--format", "svg"], "'svg'"),
    (["graph", "--depth", "-1"], "'-1'"),
    (["graph", "extra"], "'extra'"),
    (["cited-by", "30-CT/TW", "--relation", "likes"], "'likes'"),
    (["stats", "--json=yes"], "--json"),
    (["help", "nope"], "'nope'"),
  ])
  func rejects(arguments: [String], mentioning fragment: String) {
    #expect {
      try Invocation(arguments: arguments)
    } throws: { error in
      guard let usage = error as? UsageError else { return false }
      return usage.message.contains(fragment) && !usage.message.contains("\n")
    }
  }
}
