import Corpus
import SearchIndex

/// `cancu index`: build or update the index, with a progress bar on a terminal and a one-line
/// summary at the end.
struct IndexCommand {
  var invocation: Invocation
  var terminal: Terminal

  func run(
    rebuild: Bool, memory: Int? = nil, output: inout some TextOutputStream,
    errors: inout some TextOutputStream
  ) -> ExitStatus {
    var updater = IndexUpdater(corpus: invocation.corpus, folder: invocation.index)
    if let memory { updater.memoryBudget = memory << 20 }
    var bar = ProgressBar(enabled: terminal.interactiveErrors)
    let summary: IndexUpdater.Summary
    do {
      summary = try updater.update(
        rebuild: rebuild,
        waiting: { [terminal] in
          if terminal.interactiveErrors {
            var stderr = FileDescriptorStream.standardError
            stderr.write("cancu: waiting for another cancu to finish updating the index…\n")
          }
        },
        progress: { progress in
          var stderr = FileDescriptorStream.standardError
          bar.update(progress, to: &stderr)
        })
    } catch {
      bar.finish(to: &errors)
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return .error
    }
    bar.finish(to: &errors)
    if let problem = summary.previousIndexProblem {
      errors.write("cancu: warning: the previous index was unusable and was rebuilt (\(TerminalText.safe(problem.description)))\n")
    }
    for warning in summary.warnings { Runner.warn(warning, to: &errors) }
    let megabytes = Double(summary.bytesRead) / 1_048_576
    var parts = [
      "\(summary.documents) document\(summary.documents == 1 ? "" : "s") indexed",
      "\(summary.added) new, \(summary.changed) changed, \(summary.removed) removed, \(summary.unchanged) unchanged",
      String(format2(megabytes)) + " MiB read in " + format2(summary.seconds) + " s",
    ]
    if summary.retimed > 0 {
      parts.append(
        "\(summary.retimed) touched file\(summary.retimed == 1 ? "" : "s") (same content): times updated")
    }
    if summary.segments > 1 || summary.spilledDocuments > 0 {
      parts.append(
        "over the memory budget: postings merged from \(summary.segments) segments, "
          + "\(summary.spilledDocuments) documents kept on disk")
    }
    if !summary.warnings.isEmpty {
      parts.append("\(summary.warnings.count) warning\(summary.warnings.count == 1 ? "" : "s")")
    }
    output.write(parts.joined(separator: "; ") + " → \(TerminalText.safe(updater.indexPath))\n")
    return .success
  }
}

/// A number with two decimals, without Foundation's formatter.
func format2(_ value: Double) -> String {
  let scaled = Int((value * 100).rounded())
  let fraction = abs(scaled % 100)
  return "\(scaled / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// A one-line progress bar on stderr: files, MiB, rate, ETA. Drawn only on a terminal.
struct ProgressBar {
  var enabled: Bool
  private var start: Double?
  private var drawn = false

  init(enabled: Bool) { self.enabled = enabled }

  mutating func update(_ progress: IndexUpdater.Progress, to stream: inout some TextOutputStream) {
    guard enabled, progress.filesTotal > 0 else { return }
    let now = IndexFiles.now()
    let started = start ?? now
    start = started
    let fraction = Double(progress.bytesDone) / Double(max(progress.bytesTotal, 1))
    let width = 24
    let filled = Int(fraction * Double(width))
    let elapsed = max(now - started, 0.001)
    let rate = Double(progress.bytesDone) / 1_048_576 / elapsed
    let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
    stream.write(
      "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        + "] \(progress.filesDone)/\(progress.filesTotal) files  "
        + format2(Double(progress.bytesDone) / 1_048_576) + " MiB  " + format2(rate) + " MiB/s  ETA "
        + "\(Int(remaining.rounded())) s \u{1B}[K")
    drawn = true
  }

  mutating func finish(to stream: inout some TextOutputStream) {
    if drawn { stream.write("\r\u{1B}[K") }
    drawn = false
  }
}
