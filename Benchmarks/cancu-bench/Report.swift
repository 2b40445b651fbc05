import Foundation

/// One line of the results table: our figure, a peer's, and how far ahead we are.
struct ReportRow {
  enum Better { case higher, lower }

  var metric: String
  var ours: Double?
  var unit: String
  var peer: String = ""
  var theirs: Double? = nil
  var better: Better = .higher
  var target: String = ""

  /// How many times better cancu is (> 1: cancu is ahead), or `nil` without both figures.
  var advantage: Double? {
    guard let ours, let theirs, ours > 0, theirs > 0 else { return nil }
    return better == .higher ? ours / theirs : theirs / ours
  }
}

/// The results table, as Markdown, for the terminal and for `BENCHMARKS.md`.
struct Report {
  var title: String
  var machine: MachineInfo
  var date: String
  var corpus: String
  var rows: [ReportRow] = []
  var notes: [String] = []

  var markdown: String {
    var lines = [
      "### \(title)", "",
      "Measured \(date) on \(machine.summary). Corpus: \(corpus).", "",
      "| metric | cancu | peer | peer's figure | advantage (>1: cancu ahead) | target |",
      "|---|---:|---|---:|---:|---|",
    ]
    for row in rows {
      let ours = row.ours.map { Self.format($0) + " " + row.unit } ?? "—"
      let theirs = row.theirs.map { Self.format($0) + " " + row.unit } ?? (row.peer.isEmpty ? "" : "missing")
      let advantage = row.advantage.map { String(format: "%.2f×", $0) } ?? ""
      lines.append("| \(row.metric) | \(ours) | \(row.peer) | \(theirs) | \(advantage) | \(row.target) |")
    }
    if !notes.isEmpty {
      lines.append("")
      lines += notes.map { "- " + $0 }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func format(_ value: Double) -> String {
    switch abs(value) {
    case 100...: String(format: "%.0f", value)
    case 10..<100: String(format: "%.1f", value)
    case 1..<10: String(format: "%.2f", value)
    default: String(format: "%.3f", value)
    }
  }

  /// Replaces this size's section of `BENCHMARKS.md` (between its markers) or appends it, leaving
  /// the hand-written parts of the file alone.
  func write(toFile path: String, key: String) throws {
    let begin = "<!-- cancu-bench \(key) begin -->"
    let end = "<!-- cancu-bench \(key) end -->"
    let section = begin + "\n" + markdown + end
    var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmarks\n"
    if let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) {
      text.replaceSubrange(start.lowerBound..<stop.upperBound, with: section)
    } else {
      if !text.hasSuffix("\n") { text += "\n" }
      text += "\n" + section + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}
