/// What the output streams are connected to: decides colour and progress display.
public struct Terminal: Equatable, Sendable {
  /// Whether standard output is a terminal and colour is wanted (`NO_COLOR` unset).
  public var colorOutput: Bool
  /// Whether standard error is a terminal (progress bars).
  public var interactiveErrors: Bool

  /// Creates a terminal description.
  public init(colorOutput: Bool, interactiveErrors: Bool) {
    self.colorOutput = colorOutput
    self.interactiveErrors = interactiveErrors
  }

  /// Plain output, as in tests and pipes.
  public static let plain = Terminal(colorOutput: false, interactiveErrors: false)

  /// The terminal of this process.
  public static func current() -> Terminal {
    let noColor = FileDescriptorStream.environment("NO_COLOR").map { !$0.isEmpty } ?? false
    return Terminal(
      colorOutput: FileDescriptorStream.standardOutput.isTerminal && !noColor,
      interactiveErrors: FileDescriptorStream.standardError.isTerminal)
  }
}
