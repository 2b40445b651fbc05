public import Citations
public import VietText

/// One file of the corpus, decoded and normalized, with the way back to its original bytes.
///
/// `text` is what every scanner reads (NFC, `\n` line ends); `original` is the file as it was, for
/// quoting exact spans. When the file was already NFC with `\n` line ends — the usual case — the
/// two share one buffer.
public struct Document: Sendable {
  /// The path shown to users.
  public let path: String
  /// The file's text as read (valid UTF-8, BOM and line ends as they were).
  public let original: String
  /// The normalized text and its offset map.
  public let normalized: NormalizedText

  /// The documents the file holds (usually one) and the citations it makes.
  public let extraction: Extraction

  /// The normalized text: NFC, `\n` line ends.
  public var text: String { normalized.text }

  /// Creates a document from text already decoded from `path`: normalizes it and extracts its
  /// identity and citations.
  public init(path: String, original: String, extractor: CitationExtractor = CitationExtractor()) {
    self.path = path
    self.original = original
    self.normalized = NormalizedText(original: original)
    self.extraction = extractor.extract(from: normalized.text)
  }

  /// Reads, decodes and normalizes the file at `path`.
  ///
  /// - Parameter maximumSize: Files larger than this are refused with ``CorpusError/tooLarge(path:size:limit:)``.
  public static func read(path: String, maximumSize: Int = CorpusLoader.defaultMaximumFileSize)
    -> Result<Document, CorpusError>
  {
    decodedFile(path: path, maximumSize: maximumSize).map { Document(path: path, original: $0) }
  }

  /// Reads, decodes and normalizes the file at `path` without extracting citations: for showing
  /// lines of a file already indexed (search snippets).
  public static func readText(path: String, maximumSize: Int = CorpusLoader.defaultMaximumFileSize)
    -> Result<NormalizedText, CorpusError>
  {
    decodedFile(path: path, maximumSize: maximumSize).map { NormalizedText(original: $0) }
  }

  /// Lines `numbers` (0-based, ascending) of the file at `path`, normalized as
  /// ``readText(path:maximumSize:)`` would make them, or `nil` when the file's size or
  /// modification time is no longer the one given (it changed since it was indexed) or it
  /// cannot be read; a line that is not there or not UTF-8 is `nil`.
  public static func readLines(
    _ numbers: [Int], path: String, size: Int, modificationTime: Int64
  ) -> [String?]? {
    guard let status = try? FileSystem.status(path), status.size == size,
      status.modificationTime == modificationTime,
      let bytes = try? FileSystem.readFile(path, limit: size), bytes.count == size
    else { return nil }
    return bytes.withUnsafeBufferPointer { NormalizedText.lines(numbers, of: $0) }
  }

  /// The text of the file at `path`, or why it cannot be read as text.
  private static func decodedFile(path: String, maximumSize: Int) -> Result<String, CorpusError> {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(path, limit: maximumSize)
    } catch {
      return .failure(error)
    }
    return TextDecoding.decode(bytes, path: path)
  }

  /// Line, column and original byte offset of a byte offset in ``text``.
  public func location(of offset: Int) -> SourceLocation { normalized.location(of: offset) }

  /// The locations of many offsets, in one pass over each line (see
  /// `NormalizedText.locations(of:)`).
  public func locations(of offsets: [Int]) -> [SourceLocation] { normalized.locations(of: offsets) }

  /// The exact original text of a range of ``text``: what the file says there, NFD or CRLF and all.
  public func originalText(of range: Range<Int>) -> String {
    let start = normalized.originalByteOffset(of: range.lowerBound)
    let end = max(start, normalized.originalByteOffset(of: range.upperBound))
    let utf8 = original.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: min(start, utf8.count))
    let upper = utf8.index(utf8.startIndex, offsetBy: min(end, utf8.count))
    return String(decoding: utf8[lower..<upper], as: UTF8.self)
  }

  /// The text of the 1-based line `number` of ``text``, without its line end.
  public func line(_ number: Int) -> Substring {
    let range = normalized.lines.byteRange(ofLine: number - 1)
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
    return text[lower..<upper]
  }
}
