import Corpus
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

  /// Where a stored document is now: under the corpus folder given on this command line (the
  /// folder may have moved since it was indexed), by its path relative to the corpus.
  func path(of document: StoredDocument) -> String {
    CorpusLoader(root: invocation.corpus).root + "/" + document.relativePath
  }
}
