// Builds a seed index file for the reader target with the same sources as the fuzz binaries:
//   seed-index CORPUS-FOLDER OUTPUT-FILE SCRATCH-FOLDER
// indexes every file of CORPUS-FOLDER in SCRATCH-FOLDER and moves the index file to OUTPUT-FILE.
// run.sh gives it a few pieces (≤ 4 KiB) of the corpus: small seeds mutate and run faster.
import Corpus
@testable import SearchIndex

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

@main
enum SeedIndex {
  static func main() throws {
    let arguments = CommandLine.arguments
    precondition(arguments.count == 4, "usage: seed-index CORPUS-FOLDER OUTPUT-FILE SCRATCH-FOLDER")
    let (corpus, output, scratch) = (arguments[1], arguments[2], arguments[3])
    _ = try IndexUpdater(corpus: corpus, folder: scratch).update()
    guard rename(IndexReader.file(inFolder: scratch), output) == 0 else {
      fatalError("cannot move the index to \(output): errno \(errno)")
    }
  }
}
