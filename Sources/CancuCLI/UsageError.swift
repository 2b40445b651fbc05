/// A command line that cannot be run as written.
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong, in one line (lowercase, no final period, the argument in quotes).
  public var message: String
  /// The command whose usage to show after the message, if one was recognised.
  public var command: String?

  /// Creates a usage error.
  public init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }

  public var description: String { message }
}
