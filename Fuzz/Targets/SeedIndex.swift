// Builds the reader target's seed index files with the same sources as the fuzz binaries:
//   seed-index CORPUS OUTPUT-FOLDER SCRATCH-FOLDER
// writes OUTPUT-FOLDER/corpus.index (the whole corpus) and OUTPUT-FOLDER/one.index (its smallest
// file alone: small seeds mutate faster).
import Corpus
@testable import SearchIndex

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

@main
enum SeedIndex {
  static func main() throws {
    let arguments = CommandLine.arguments
    precondition(arguments.count == 4, "usage: seed-index CORPUS OUTPUT-FOLDER SCRATCH-FOLDER")
    let corpus = arguments[1]
    let output = arguments[2]
    let scratch = arguments[3]
    mkdir(scratch, 0o755)
    // The whole corpus.
    _ = try IndexUpdater(corpus: corpus, folder: scratch + "/all").update()
    rename(IndexReader.file(inFolder: scratch + "/all"), output + "/corpus.index")
    // The smallest document alone.
    let files = try CorpusLoader(root: corpus).files().files
    guard let smallest = files.min(by: { $0.size < $1.size }) else { return }
    mkdir(scratch + "/one", 0o755)
    mkdir(scratch + "/one/corpus", 0o755)
    // Its first lines, up to 4 KiB.
    var bytes = try FileSystem.readFile(smallest.path)
    if bytes.count > 4096 {
      let end = bytes[..<4096].lastIndex(of: UInt8(ascii: "\n")) ?? 0
      bytes.removeSubrange((end + 1)...)
    }
    let fd = open(scratch + "/one/corpus/one.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    _ = try IndexUpdater(corpus: scratch + "/one/corpus", folder: scratch + "/one/index").update()
    rename(IndexReader.file(inFolder: scratch + "/one/index"), output + "/one.index")
  }
}
