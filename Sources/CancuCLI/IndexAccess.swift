import Corpus
import Dispatch
import SearchIndex

/// Opens the index for a query command, first bringing it up to date with the corpus unless
/// `--no-refresh` says not to, so `cancu search` works on a fresh clone.
struct IndexAccess {
  var invocation: Invocation
  var terminal: Terminal

  /// The open index, or `nil` after an error was written.
  func open(errors: inout some TextOutputStream) -> IndexReader? {
    let updater = IndexUpdater(corpus: invocation.corpus, folder: invocation.index)
    do {
      if invocation.refresh {
        let freshness = try updater.freshness()
        if freshness != .fresh {
          if terminal.interactiveErrors {
            let what = freshness == .missing ? "building the index" : "updating the index"
            errors.write("cancu: \(what) of '\(TerminalText.safe(invocation.corpus))'…\n")
          }
          let summary = try updater.update()
          for warning in summary.warnings { Runner.warn(warning, to: &errors) }
        }
      }
      return try IndexReader(path: updater.indexPath)
    } catch {
      errors.write("cancu: \(TerminalText.safe(error.description))\n")
      return nil
    }
  }

  /// Answers from the index as it is while the corpus is checked on another thread, and keeps
  /// the answer only when the check finds the index fresh; otherwise brings the index up to date
  /// as ``open(errors:)`` does and answers again. `nil` after an error was written.
  ///
  /// The check `stat`s every corpus file, about as long on this file system as the query and
  /// its snippets together: side by side, a `cancu search` takes the longer of the two instead
  /// of their sum. The answer is exactly what checking first would give: an answer from an index
  /// that turns out stale is thrown away unseen.
  func answer<Answer>(
    errors: inout some TextOutputStream, _ body: (IndexReader) -> Answer
  ) -> Answer? {
    let updater = IndexUpdater(corpus: invocation.corpus, folder: invocation.index)
    guard invocation.refresh, let reader = try? IndexReader(path: updater.indexPath),
      reader.isCurrentAnalysis
    else {
      return open(errors: &errors).map(body)
    }
    let check = FreshnessCheck()
    let done = DispatchGroup()
    done.enter()
    DispatchQueue.global().async {
      check.isFresh = (try? updater.freshness()) == .fresh
      done.leave()
    }
    let speculative = body(reader)
    done.wait()
    if check.isFresh { return speculative }
    return open(errors: &errors).map(body)
  }

  /// Where a stored document is now: under the corpus folder given on this command line (the
  /// folder may have moved since it was indexed), by its path relative to the corpus.
  func path(of document: StoredDocument) -> String {
    CorpusLoader(root: invocation.corpus).root + "/" + document.relativePath
  }
}

/// The outcome of a freshness check run on another thread: written by the check before it
/// signals its group, read after the wait.
private final class FreshnessCheck: @unchecked Sendable {
  var isFresh = false
}
