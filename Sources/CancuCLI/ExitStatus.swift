/// How `cancu` exits, by grep's convention.
public enum ExitStatus: Int32, Sendable {
  /// Results were found and printed.
  case success = 0
  /// The command ran and found nothing.
  case noResults = 1
  /// A usage or input error; the message went to stderr.
  case error = 2
}
