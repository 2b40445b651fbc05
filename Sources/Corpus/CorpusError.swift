#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can go wrong while reading a corpus.
///
/// A problem with one file is a warning: the loader reports it and goes on with the others, so
/// one bad file never costs the rest of the corpus. Only a missing or unreadable corpus folder
/// stops loading.
public enum CorpusError: Error, Hashable, Sendable {
  /// The corpus folder does not exist.
  case missingFolder(path: String)
  /// The corpus path is a file, not a folder.
  case notAFolder(path: String)
  /// A system call failed on a file or folder.
  case io(path: String, operation: String, errno: Int32)
  /// The file is not valid UTF-8; `legacyEncoding` names the old Vietnamese encoding it looks
  /// like, when it looks like one.
  case notUTF8(path: String, byteOffset: Int, legacyEncoding: LegacyEncoding?)
  /// The file is UTF-16 (a BOM, or NUL bytes between ASCII characters).
  case utf16(path: String)
  /// The file has NUL bytes, or control codes that no text encoding uses: an image, an archive,
  /// a word-processor file.
  case binary(path: String)
  /// The file is empty.
  case empty(path: String)
  /// The file is larger than cancu reads (see ``CorpusLoader/maximumFileSize``).
  case tooLarge(path: String, size: Int, limit: Int)
  /// A symbolic link that leads outside the corpus folder, or into a loop; not followed.
  case linkNotFollowed(path: String, reason: String)

  /// The file or folder the problem is about.
  public var path: String {
    switch self {
    case .missingFolder(let path), .notAFolder(let path), .io(let path, _, _),
      .notUTF8(let path, _, _), .utf16(let path), .binary(let path), .empty(let path),
      .tooLarge(let path, _, _), .linkNotFollowed(let path, _):
      path
    }
  }
}

/// An 8-bit Vietnamese encoding from before Unicode, still common in old office files.
public enum LegacyEncoding: String, Hashable, Sendable {
  /// TCVN3 (ABC): one byte per accented letter.
  case tcvn3 = "TCVN3 (ABC)"
  /// VNI or Windows-1258: a base letter followed by a byte for the mark.
  case vniOrWindows1258 = "VNI or Windows-1258"
}

extension CorpusError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .missingFolder(let path):
      "corpus folder '\(path)' does not exist; pass --corpus DIR"
    case .notAFolder(let path):
      "corpus path '\(path)' is not a folder; pass --corpus DIR"
    case .io(let path, let operation, let code):
      "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
    case .notUTF8(let path, let offset, let legacy?):
      "skipped '\(path)': not UTF-8 (byte \(offset)); it looks like \(legacy.rawValue), "
        + "a legacy Vietnamese encoding: convert it to UTF-8"
    case .notUTF8(let path, let offset, nil):
      "skipped '\(path)': not UTF-8 (invalid byte at offset \(offset)); convert it to UTF-8"
    case .utf16(let path):
      "skipped '\(path)': the file is UTF-16; convert it to UTF-8"
    case .binary(let path):
      "skipped '\(path)': binary file (it has NUL bytes or control codes), not text"
    case .empty(let path):
      "skipped '\(path)': the file is empty"
    case .tooLarge(let path, let size, let limit):
      "skipped '\(path)': \(size) bytes is more than the \(limit)-byte limit per file"
    case .linkNotFollowed(let path, let reason):
      "skipped '\(path)': symbolic link not followed (\(reason))"
    }
  }
}
