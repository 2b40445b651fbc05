import CancuCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

FileDescriptorStream.ignoreBrokenPipe()
var output = FileDescriptorStream.standardOutput
var errors = FileDescriptorStream.standardError
let status = Runner(terminal: .current())
  .run(Array(CommandLine.arguments.dropFirst()), output: &output, errors: &errors)
exit(status.rawValue)
