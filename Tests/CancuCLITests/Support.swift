import CancuCLI
import Foundation

/// Runs `cancu` in-process with string streams.
func runCancu(_ arguments: [String]) -> (status: CancuCLI.ExitStatus, output: String, errors: String) {
  var output = ""
  var errors = ""
  let status = Runner().run(arguments, output: &output, errors: &errors)
  return (status, output, errors)
}

/// The package's root folder, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A seed document of the shipped corpus.
func corpusFile(_ name: String) -> String {
  packageRoot.appendingPathComponent("corpus").appendingPathComponent(name).path
}
