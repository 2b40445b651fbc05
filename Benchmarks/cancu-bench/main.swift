// cancu-bench: generates a realistic corpus and measures cancu beside its peers.
// See BENCHMARKS.md and `cancu-bench --help`.
import Foundation

let usage = """
  usage: cancu-bench generate [--mb N] [--seed S] DIR
         cancu-bench run [--mb N] [--seed S] [--work DIR] [--runs N] [--process-runs N] [--no-peers] [--no-write]
         cancu-bench queries [--mb N] [--work DIR] [--runs N] [--no-peers] [--only LABEL]
         cancu-bench extract [--mb N] [--seed S] [--work DIR] [--runs N] [--sample MiB]

  generate  writes a deterministic corpus of about N MiB (default 100) learned from corpus/
  run       builds it (in --work, default .build/cancu-bench) and measures extraction, index
            build and size, incremental update, query latency and whole-process time, beside
            SQLite FTS5, tantivy, ripgrep and a Python re extractor; prints a Markdown table and
            writes it into BENCHMARKS.md (unless --no-write). Run from the package root, with
            `swift run -c release cancu-bench run --mb 100`.
  queries   the in-process query mix alone on the index a `run` left in --work (p50, p99 per
            query), beside tantivy's and FTS5's indexes when they are there; --only runs the
            queries whose label contains LABEL (for a profiler)
  extract   citation extraction alone, one core, on the first --sample MiB (default 64) of the
            same corpus held in memory: the best of --runs (default 5) and a digest of what was
            found.

  """

func main() -> Int32 {
  var arguments = Array(CommandLine.arguments.dropFirst())
  guard let command = arguments.first, command != "--help", command != "-h" else {
    print(usage, terminator: "")
    return arguments.isEmpty ? 2 : 0
  }
  arguments.removeFirst()
  var bench = BenchRun()
  var positional: [String] = []
  var runsGiven = false
  var sample = 64
  do {
    while !arguments.isEmpty {
      let argument = arguments.removeFirst()
      func value() throws -> String {
        guard !arguments.isEmpty else { throw BenchError("\(argument) needs a value") }
        return arguments.removeFirst()
      }
      func number() throws -> Int {
        let text = try value()
        guard let number = Int(text), number > 0 else {
          throw BenchError("\(argument) takes a positive whole number, not '\(text)'")
        }
        return number
      }
      switch argument {
      case "--mb": bench.megabytes = try number()
      case "--seed": bench.seed = UInt64(try number())
      case "--work": bench.workFolder = try value()
      case "--runs":
        bench.runs = try number()
        runsGiven = true
      case "--process-runs": bench.processRuns = try number()
      case "--sample": sample = try number()
      case "--no-peers": bench.peers = false
      case "--only": bench.onlyQuery = try value()
      case "--no-write": bench.reportFile = nil
      case let option where option.hasPrefix("-"): throw BenchError("unknown option \(option)")
      default: positional.append(argument)
      }
    }
    switch command {
    case "generate":
      guard positional.count == 1 else { throw BenchError("generate takes one folder") }
      let summary = try CorpusGenerator(
        megabytes: bench.megabytes, seed: bench.seed, trainingFolder: "corpus"
      ).generate(into: positional[0], log: log)
      print(
        "\(summary.reused ? "already there" : "generated"): \(summary.files) files, "
          + String(format: "%.1f MiB", Double(summary.bytes) / 1_048_576)
          + (summary.reused ? "" : String(format: " in %.1f s", summary.seconds)))
    case "run":
      guard positional.isEmpty else { throw BenchError("run takes no folder; use --work") }
      try bench.run()
    case "queries":
      guard positional.isEmpty else { throw BenchError("queries takes no folder; use --work") }
      try bench.runQueries()
    case "extract":
      guard positional.isEmpty else { throw BenchError("extract takes no folder; use --work") }
      var extract = BenchExtract(
        megabytes: bench.megabytes, seed: bench.seed, workFolder: bench.workFolder)
      if runsGiven { extract.runs = bench.runs }
      extract.sample = sample << 20
      try extract.run()
    default:
      throw BenchError("unknown command '\(command)'")
    }
    return 0
  } catch {
    FileHandle.standardError.write(Data("cancu-bench: \(error)\n\(usage)".utf8))
    return 2
  }
}

exit(main())
