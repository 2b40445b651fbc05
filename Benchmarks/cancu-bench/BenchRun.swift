import CancuCLI
import Citations
import Corpus
import Foundation
import SearchIndex
import VietText

/// `cancu-bench run`: every measurement of the benchmark issue, beside the peers, in one run on
/// one generated corpus.
struct BenchRun {
  var megabytes = 100
  var seed: UInt64 = 1
  var workFolder = ".build/cancu-bench"
  var runs = 200
  var processRuns = 20
  var peers = true
  /// `queries --only`: the mix's queries whose label contains this.
  var onlyQuery: String?
  /// The queries measured: the mix, or the part `--only` names.
  private var selectedQueries: [BenchQuery] {
    QueryMix.all.filter { onlyQuery.map($0.label.contains) ?? true }
  }
  var reportFile: String? = "BENCHMARKS.md"
  /// Extraction speed is measured on at most this much of the corpus (the Python baseline takes
  /// minutes a GiB).
  var extractionSample = 256 << 20

  private var corpus: String { "\(workFolder)/corpus-\(megabytes)mb-seed\(seed)" }
  private var index: String { "\(workFolder)/index-\(megabytes)mb" }
  private var peerFolder: String { "\(workFolder)/peers-\(megabytes)mb" }
  private var scripts: String { "Benchmarks/peers" }

  func run() throws {
    #if DEBUG
      log("warning: a debug build; measure with `swift run -c release cancu-bench run`")
    #endif
    let cancu = try Self.cancuExecutable()
    log("cancu: \(cancu)")
    let generated = try CorpusGenerator(megabytes: megabytes, seed: seed, trainingFolder: "corpus")
      .generate(into: corpus, log: log)
    let corpusMiB = Double(generated.bytes) / 1_048_576
    log(
      generated.reused
        ? "corpus: reusing \(corpus)"
        : "corpus: generated \(generated.files) files in \(String(format: "%.1f", generated.seconds)) s")

    var report = Report(
      title: "\(megabytes) MiB", machine: .current(), date: Self.today(),
      corpus: "\(generated.files) generated files, \(String(format: "%.1f", corpusMiB)) MiB "
        + "(`cancu-bench generate --mb \(megabytes) --seed \(seed)`)")

    // Citation extraction, one core, in process.
    log("extraction: cancu")
    let extraction = try measureExtraction()
    var pythonExtraction: Double?
    var pythonCitations: Int?
    if peers {
      log("extraction: Python re")
      let json = peer { try python("re_citations.py", [corpus, "\(extractionSample)"]) }
      pythonCitations = json?["citations"] as? Int
      pythonExtraction = json.flatMap { json in
        (json["bytes"] as? Double).flatMap { b in (json["seconds"] as? Double).map { b / 1_048_576 / $0 } }
      }
    }
    report.rows.append(ReportRow(
      metric: "citation extraction, 1 core (NFC text in memory)", ours: extraction.extractMiBps,
      unit: "MiB/s", peer: "Python re", theirs: pythonExtraction, target: "≥ 300 MiB/s, ≥ 4× re"))
    report.rows.append(ReportRow(
      metric: "normalize + extract, 1 core (raw bytes in memory)", ours: extraction.fullMiBps,
      unit: "MiB/s"))
    report.notes.append(
      "Extraction is measured on the first \(String(format: "%.0f", extraction.mebibytes)) MiB of "
        + "the corpus, held in memory, best of three passes in thread CPU time: cancu found \(extraction.citations) citations there, the Python re baseline "
        + "\(pythonCitations.map(String.init) ?? "—") matches (its patterns are looser and know no "
        + "lists, repairs or law names, so only speed is compared).")

    // Full build.
    log("index: cancu full build")
    let build = try Subprocess.run(
      [cancu, "index", "--rebuild", "--corpus", corpus, "--index", index], showErrors: false)
    guard build.status == 0 else { throw BenchError("cancu index exited with \(build.status)") }
    let indexBytes = DiskUsage.bytes(at: IndexReader.file(inFolder: index))
    var fts5Build: [String: Any]?
    var tantivyBuild: [String: Any]?
    var fts5RSS: Double?
    if peers {
      log("index: FTS5 build")
      try? FileManager.default.createDirectory(atPath: peerFolder, withIntermediateDirectories: true)
      unlink("\(peerFolder)/fts5.db")
      let measured = peerOutcome { try python("fts5_bench.py", ["build", corpus, "\(peerFolder)/fts5.db"]) }
      fts5Build = measured?.json
      fts5RSS = measured.map { Double($0.rss) / 1_048_576 }
      log("index: tantivy build")
      tantivyBuild = peer { try python("tantivy_bench.py", ["build", corpus, "\(peerFolder)/tantivy"]) }
    }
    let buildMiBps = corpusMiB / build.seconds
    let fts5MiBps = (fts5Build?["seconds"] as? Double).map { corpusMiB / $0 }
    let tantivyMiBps = (tantivyBuild?["seconds"] as? Double).map { corpusMiB / $0 }
    report.rows.append(ReportRow(
      metric: "index build (whole process, 2 cores)", ours: buildMiBps, unit: "MiB/s",
      peer: "SQLite FTS5", theirs: fts5MiBps, target: "≥ 4× FTS5"))
    report.rows.append(ReportRow(
      metric: "index build", ours: buildMiBps, unit: "MiB/s", peer: "tantivy", theirs: tantivyMiBps))
    report.rows.append(ReportRow(
      metric: "index size / corpus size", ours: Double(indexBytes) / Double(generated.bytes), unit: "×",
      peer: "SQLite FTS5 contentless", theirs: (fts5Build?["bytes"] as? Double).map { $0 / Double(generated.bytes) },
      better: .lower, target: "≤ FTS5 (≤ 0.34×)"))
    report.rows.append(ReportRow(
      metric: "index size / corpus size", ours: Double(indexBytes) / Double(generated.bytes), unit: "×",
      peer: "tantivy", theirs: (tantivyBuild?["bytes"] as? Double).map { $0 / Double(generated.bytes) },
      better: .lower))
    report.rows.append(ReportRow(
      metric: "peak RSS of the build", ours: Double(build.peakMemoryBytes) / 1_048_576, unit: "MiB",
      peer: "SQLite FTS5 (Python)", theirs: fts5RSS, better: .lower, target: "≤ 1 GiB at 1 GiB"))

    // Incremental update after touching 1% of the files.
    log("index: incremental update of 1% of files")
    let update = try measureIncrementalUpdate(cancu: cancu, files: generated.files)
    report.rows.append(ReportRow(
      metric: "incremental update, 1% of files changed", ours: update * 1000, unit: "ms",
      better: .lower))

    // Queries in process.
    log("queries: in process")
    let inProcess = try measureQueries()
    var fts5Queries: [String: Any]?
    var tantivyQueries: [String: Any]?
    if peers {
      let fts5Texts = QueryMix.all.compactMap(\.fts5)
      let tantivyTexts = QueryMix.all.compactMap(\.tantivy)
      log("queries: FTS5")
      fts5Queries = peer {
        try python("fts5_bench.py", ["query", "\(peerFolder)/fts5.db", "\(runs)"] + fts5Texts)
      }
      log("queries: tantivy")
      tantivyQueries = peer {
        try python("tantivy_bench.py", ["query", "\(peerFolder)/tantivy", "\(runs)"] + tantivyTexts)
      }
    }
    var allOurs = Latencies()
    var allFTS5 = Latencies()
    var allTantivy = Latencies()
    for (query, latencies) in zip(QueryMix.all, inProcess.perQuery) {
      allOurs.add(latencies)
      let fts5 = query.fts5.flatMap { Self.latencies(fts5Queries, $0) }
      let tantivy = query.tantivy.flatMap { Self.latencies(tantivyQueries, $0) }
      if let fts5 { allFTS5.add(fts5) }
      if let tantivy { allTantivy.add(tantivy) }
      report.rows.append(ReportRow(
        metric: "top-10 p50, \(query.label): `\(query.cancu)`\(query.exactOnly ? " --exact" : "")"
          + " (\(inProcess.hits[query.label] ?? 0) matches)",
        ours: latencies.p50, unit: "ms", peer: query.fts5 == nil ? "" : "SQLite FTS5",
        theirs: fts5?.p50, better: .lower))
    }
    report.rows.append(ReportRow(
      metric: "top-10 p50, whole mix", ours: allOurs.p50, unit: "ms", peer: "SQLite FTS5",
      theirs: allFTS5.p50, better: .lower, target: "≤ 1 ms"))
    report.rows.append(ReportRow(
      metric: "top-10 p99, whole mix", ours: allOurs.p99, unit: "ms", peer: "SQLite FTS5",
      theirs: allFTS5.p99, better: .lower))
    report.rows.append(ReportRow(
      metric: "top-10 p50, whole mix", ours: allOurs.p50, unit: "ms", peer: "tantivy",
      theirs: allTantivy.p50, better: .lower))
    report.rows.append(ReportRow(
      metric: "top-10 p99, whole mix", ours: allOurs.p99, unit: "ms", peer: "tantivy",
      theirs: allTantivy.p99, better: .lower))
    report.rows.append(ReportRow(
      metric: "`cited-by \"\(QueryMix.citedBy)\"` in process, p50", ours: inProcess.citedBy.p50,
      unit: "ms", better: .lower))

    // Whole processes.
    log("queries: whole process")
    let query = QueryMix.processQuery
    let searchProcess = try Subprocess.time(
      [cancu, "search", query.cancu, "--corpus", corpus, "--index", index], runs: processRuns)
    let searchNoRefresh = try Subprocess.time(
      [cancu, "search", query.cancu, "--corpus", corpus, "--index", index, "--no-refresh"],
      runs: processRuns)
    let citedByProcess = try Subprocess.time(
      [cancu, "cited-by", QueryMix.citedBy, "--corpus", corpus, "--index", index],
      runs: processRuns, warmups: 1)
    var sqliteProcess: Latencies?
    var ripgrep: Latencies?
    if peers, let fts5 = query.fts5 {
      sqliteProcess = try? Subprocess.time(
        ["sqlite3", "\(peerFolder)/fts5.db",
         "SELECT rowid FROM docs WHERE docs MATCH '\(fts5)' ORDER BY rank LIMIT 10"],
        runs: processRuns)
      ripgrep = try? Subprocess.time(["rg", "-c", "-i", "-F", "dân chủ ở cơ sở", corpus], runs: 3, warmups: 1)
    }
    report.rows.append(ReportRow(
      metric: "`cancu search \"\(query.cancu)\"`, whole process, median", ours: searchProcess.p50,
      unit: "ms", peer: "`sqlite3` CLI", theirs: sqliteProcess?.p50, better: .lower,
      target: megabytes >= 1024 ? "≤ 50 ms" : "≤ 20 ms, ≤ sqlite3"))
    report.rows.append(ReportRow(
      metric: "the same with `--no-refresh`", ours: searchNoRefresh.p50, unit: "ms",
      peer: "`sqlite3` CLI", theirs: sqliteProcess?.p50, better: .lower))
    report.rows.append(ReportRow(
      metric: "`cancu search`, whole process, vs scanning without an index", ours: searchProcess.p50,
      unit: "ms", peer: "`rg -c -i -F` (exact form only)", theirs: ripgrep?.p50, better: .lower))
    report.rows.append(ReportRow(
      metric: "`cancu cited-by \"\(QueryMix.citedBy)\"`, whole process, median",
      ours: citedByProcess.p50, unit: "ms", better: .lower))
    report.notes.append(
      "In-process query times are `Searcher.search(_:limit: 10)` on the memory-mapped index "
        + "(identity of the hits included, snippets not); FTS5 and tantivy are timed the same way "
        + "from Python, \(runs) runs per query after a warm-up. Whole-process times are the median of "
        + "\(processRuns) runs after 2 warm-ups, including cancu's freshness check of the corpus.")
    if !peers { report.notes.append("Peers were not run (`--no-peers`).") }

    print(report.markdown)
    if let reportFile {
      try report.write(toFile: reportFile, key: "\(megabytes) MiB")
      log("wrote \(reportFile)")
    }
  }

  // MARK: - Measurements

  private struct ExtractionFigures {
    var mebibytes: Double
    var extractMiBps: Double
    var fullMiBps: Double
    var citations: Int
  }

  /// Extraction on one core: the files read first (not timed), then normalized and extracted,
  /// three passes, the best of each kept, in thread CPU time (one pass of wall time moved by a
  /// tenth between runs on this shared machine).
  private func measureExtraction() throws -> ExtractionFigures {
    let (files, _) = try CorpusLoader(root: corpus).files()
    let extractor = CitationExtractor()
    var originals: [String] = []
    var bytes = 0
    for file in files where bytes < extractionSample {
      guard let original = try? String(contentsOfFile: file.path, encoding: .utf8) else { continue }
      bytes += original.utf8.count
      originals.append(original)
    }
    var extractSeconds = Double.infinity
    var normalizeSeconds = Double.infinity
    var citations = 0
    for _ in 0..<3 {
      var extracting = 0.0
      var normalizing = 0.0
      citations = 0
      for original in originals {
        let started = threadSeconds()
        let normalized = NormalizedText(original: original)
        let normalizedAt = threadSeconds()
        let extraction = extractor.extract(from: normalized.text)
        extracting += threadSeconds() - normalizedAt
        normalizing += normalizedAt - started
        citations += extraction.citations.count
      }
      extractSeconds = min(extractSeconds, extracting)
      normalizeSeconds = min(normalizeSeconds, normalizing)
    }
    let mebibytes = Double(bytes) / 1_048_576
    return ExtractionFigures(
      mebibytes: mebibytes, extractMiBps: mebibytes / extractSeconds,
      fullMiBps: mebibytes / (extractSeconds + normalizeSeconds), citations: citations)
  }

  /// Appends a line to every 100th file, updates, then puts the files back and updates again.
  private func measureIncrementalUpdate(cancu: String, files: Int) throws -> Double {
    let touched = stride(from: 0, to: files, by: 100).map { "\(corpus)/\(CorpusGenerator.relativePath($0))" }
    var originals: [(String, Data)] = []
    for path in touched {
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      originals.append((path, data))
      var changed = data
      changed.append(contentsOf: Array("\nCập nhật: thực hiện Chỉ thị số 30-CT/TW.\n".utf8))
      try changed.write(to: URL(fileURLWithPath: path))
    }
    let update = try Subprocess.run([cancu, "index", "--corpus", corpus, "--index", index])
    for (path, data) in originals { try data.write(to: URL(fileURLWithPath: path)) }
    _ = try Subprocess.run([cancu, "index", "--corpus", corpus, "--index", index])
    guard update.status == 0 else { throw BenchError("incremental cancu index exited with \(update.status)") }
    return update.seconds
  }

  /// `cancu-bench queries`: the in-process query mix alone, on the index a `run` left, beside
  /// tantivy's and FTS5's when their indexes are there: the quick loop for query work.
  func runQueries() throws {
    guard FileManager.default.fileExists(atPath: IndexReader.file(inFolder: index)) else {
      throw BenchError("no index in \(index): run `cancu-bench run --mb \(megabytes)` first")
    }
    let figures = try measureQueries()
    var mix = Latencies()
    var peerMix: [String: Latencies] = [:]
    var peerFigures: [String: [String: Any]] = [:]
    if peers {
      let tantivyTexts = QueryMix.all.compactMap(\.tantivy)
      let fts5Texts = QueryMix.all.compactMap(\.fts5)
      peerFigures["tantivy"] = peer {
        try python("tantivy_bench.py", ["query", "\(peerFolder)/tantivy", "\(runs)"] + tantivyTexts)
      }
      peerFigures["FTS5"] = peer {
        try python("fts5_bench.py", ["query", "\(peerFolder)/fts5.db", "\(runs)"] + fts5Texts)
      }
    }
    func milliseconds(_ value: Double?) -> String {
      value.map { String(format: "%.3f", $0) } ?? "–"
    }
    print("| query | matches | p50 ms | p99 ms | tantivy p50 | FTS5 p50 |")
    print("|---|---:|---:|---:|---:|---:|")
    let measured = selectedQueries
    for (query, latencies) in zip(measured, figures.perQuery) {
      mix.add(latencies)
      let tantivy = query.tantivy.flatMap { Self.latencies(peerFigures["tantivy"], $0) }
      let fts5 = query.fts5.flatMap { Self.latencies(peerFigures["FTS5"], $0) }
      if let tantivy { peerMix["tantivy", default: Latencies()].add(tantivy) }
      if let fts5 { peerMix["FTS5", default: Latencies()].add(fts5) }
      print(
        "| \(query.label) | \(figures.hits[query.label] ?? 0) | \(milliseconds(latencies.p50)) "
          + "| \(milliseconds(latencies.p99)) | \(milliseconds(tantivy?.p50)) "
          + "| \(milliseconds(fts5?.p50)) |")
    }
    print(
      "| whole mix | | \(milliseconds(mix.p50)) | \(milliseconds(mix.p99)) "
        + "| \(milliseconds(peerMix["tantivy"]?.p50)) | \(milliseconds(peerMix["FTS5"]?.p50)) |")
  }

  private struct QueryFigures {
    var perQuery: [Latencies]
    var hits: [String: Int]
    var citedBy: Latencies
  }

  private func measureQueries() throws -> QueryFigures {
    let reader = try IndexReader(path: IndexReader.file(inFolder: index))
    let searcher = Searcher(reader: reader)
    var perQuery: [Latencies] = []
    var hits: [String: Int] = [:]
    for query in selectedQueries {
      let parsed = try Query(parsing: query.cancu)
      var latencies = Latencies()
      for run in 0..<(runs + 3) {
        let clock = Stopwatch()
        let results = try searcher.search(parsed, limit: 10, exactOnly: query.exactOnly)
        if run >= 3 { latencies.add(clock.milliseconds) }
        hits[query.label] = results.totalMatches
      }
      perQuery.append(latencies)
    }
    var citedBy = Latencies()
    let runner = Runner()
    // `--only` profiles the queries alone.
    for run in 0..<(onlyQuery == nil ? min(runs, processRuns) + 1 : 0) {
      var output = ""
      var errors = ""
      let clock = Stopwatch()
      _ = runner.run(
        ["cited-by", QueryMix.citedBy, "--corpus", corpus, "--index", index, "--no-refresh"],
        output: &output, errors: &errors)
      if run >= 1 { citedBy.add(clock.milliseconds) }
    }
    return QueryFigures(perQuery: perQuery, hits: hits, citedBy: citedBy)
  }

  // MARK: - Peers

  private func python(_ script: String, _ arguments: [String]) throws -> (json: [String: Any], rss: Int) {
    let outcome = try Subprocess.run(
      ["python3", "\(scripts)/\(script)"] + arguments, captureOutput: true, showErrors: true)
    guard outcome.status == 0,
      let line = outcome.output.split(separator: "\n").last,
      let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { throw BenchError("\(script) failed (exit \(outcome.status))") }
    return (json, outcome.peakMemoryBytes)
  }

  /// A peer's figures, or `nil` (reported as missing) when the peer is not installed or fails.
  private func peer(_ body: () throws -> (json: [String: Any], rss: Int)) -> [String: Any]? {
    peerOutcome(body)?.json
  }

  private func peerOutcome(
    _ body: () throws -> (json: [String: Any], rss: Int)
  ) -> (json: [String: Any], rss: Int)? {
    do { return try body() } catch {
      log("peer missing or failed: \(error)")
      return nil
    }
  }

  private static func latencies(_ json: [String: Any]?, _ query: String) -> Latencies? {
    guard let all = json?["latencies"] as? [String: Any], let samples = all[query] as? [Double]
    else { return nil }
    var latencies = Latencies()
    samples.forEach { latencies.add($0) }
    return latencies
  }

  // MARK: - Environment

  /// The release `cancu` next to this executable, built first when missing.
  static func cancuExecutable() throws -> String {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    let path = folder + "/cancu"
    if access(path, X_OK) != 0 {
      log("building cancu (swift build -c release --product cancu)")
      let built = try Subprocess.run(["swift", "build", "-c", "release", "--product", "cancu"], showErrors: true)
      guard built.status == 0, access(path, X_OK) == 0 else { throw BenchError("cannot build cancu") }
    }
    return path
  }

  static func today() -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
  }
}

/// Progress and warnings go to standard error, the table to standard output.
func log(_ message: String) {
  FileHandle.standardError.write(Data(("cancu-bench: " + message + "\n").utf8))
}
