#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public import Corpus

/// Everything that can go wrong with the search index.
///
/// A damaged or foreign index is reported in one sentence that says how to fix it; it never
/// crashes the tool and never yields a wrong answer.
public enum IndexError: Error, Hashable, Sendable {
  /// No index has been built at this path.
  case missing(path: String)
  /// The file does not start with cancu's magic bytes: not an index, or overwritten.
  case notAnIndex(path: String)
  /// The index was written by another version of cancu.
  case unsupportedFormatVersion(path: String, found: Int, supported: Int)
  /// A checksum does not match, or a structure points outside the file.
  case damaged(path: String, detail: String)
  /// A system call failed.
  case io(path: String, operation: String, errno: Int32)
  /// Another `cancu index` holds the lock.
  case busy(path: String)
  /// The corpus could not be listed.
  case corpus(CorpusError)
  /// The query cannot be understood.
  case invalidQuery(String)

  /// The index file or folder concerned.
  public var path: String {
    switch self {
    case .missing(let path), .notAnIndex(let path), .unsupportedFormatVersion(let path, _, _),
      .damaged(let path, _), .io(let path, _, _), .busy(let path):
      path
    case .corpus(let error): error.path
    case .invalidQuery: ""
    }
  }
}

extension IndexError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .missing(let path):
      "no index at '\(path)'; run `cancu index`"
    case .notAnIndex(let path):
      "'\(path)' is not a cancu index; run `cancu index --rebuild`"
    case .unsupportedFormatVersion(let path, let found, let supported):
      "index '\(path)' has format version \(found), this cancu reads version \(supported); "
        + "run `cancu index --rebuild`"
    case .damaged(let path, let detail):
      "index is damaged ('\(path)': \(detail)); run `cancu index --rebuild`"
    case .io(let path, let operation, let code):
      "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
    case .busy(let path):
      "the index '\(path)' is being updated by another cancu; try again when it has finished"
    case .corpus(let error):
      error.description
    case .invalidQuery(let message):
      message
    }
  }
}
