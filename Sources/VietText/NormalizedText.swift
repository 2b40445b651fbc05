#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A document's text as cancu works on it — NFC, `\n` line ends, no BOM — with the way back to
/// the bytes of the original file.
///
/// Every scanner in cancu assumes NFC and `\n`; every result must point at the real file. Lines
/// stay in one-to-one correspondence (CRLF and lone CR become `\n`; nothing else adds or removes a
/// line), so an offset maps back through its line: unchanged lines by adding the line's shift,
/// changed lines (composed marks) through a per-byte table kept only for them.
public struct NormalizedText: Sendable {
  /// The normalized text.
  public let text: String
  /// The lines of ``text``.
  public let lines: LineIndex
  /// Where each line starts in the original file (same count as `lines.lineStarts`).
  private let originalLineStarts: [Int]
  /// For the lines whose bytes changed: origin, relative to the original line start, of every byte
  /// of the normalized line, plus one entry for its end.
  private let changedLines: [Int: [Int32]]

  /// Whether ``text`` is byte-for-byte the original file.
  public let isUnchanged: Bool

  /// The number of lines normalized (composed, or rewritten by Foundation).
  public var changedLineCount: Int { changedLines.count }

  /// Normalizes the text of a file.
  ///
  /// - Parameter original: The file's text, already validated as UTF-8 (a BOM is dropped here).
  /// - Complexity: O(*n*); already-NFC text with `\n` line ends is scanned once and not copied.
  public init(original: String) {
    var original = original
    let normalized: String?
    (normalized, lines, originalLineStarts, changedLines, isUnchanged) = original.withUTF8 { bytes in
      Self.normalize(bytes)
    }
    // Text that needs no work is the original string itself: no copy, no second validation.
    text = normalized ?? original
  }

  /// The normalized text (`nil` when it is the original's bytes), its lines, where they start in
  /// the original, the changed lines' byte maps and whether nothing changed.
  private static func normalize(_ bytes: UnsafeBufferPointer<UInt8>)
    -> (String?, LineIndex, [Int], [Int: [Int32]], Bool)
  {
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    if !hasBOM, !needsWork(bytes) {
      let lines = LineIndex(bytes)
      return (nil, lines, lines.lineStarts, [:], true)
    }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var originalStarts: [Int] = []
    var changed: [Int: [Int32]] = [:]
    var offsets: [Int32] = []
    var lineStart = hasBOM ? 3 : 0
    var hasCR = false
    while true {
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd &+= 1 }
      originalStarts.append(lineStart)
      offsets.removeAll(keepingCapacity: true)
      if Normalization.appendNFC(bytes, range: lineStart..<lineEnd, into: &output, offsets: &offsets)
      {
        changed[originalStarts.count - 1] = offsets
      }
      guard lineEnd < bytes.count else { break }
      output.append(0x0A)
      if bytes[lineEnd] == 0x0D { hasCR = true }
      let isCRLF = bytes[lineEnd] == 0x0D && lineEnd + 1 < bytes.count && bytes[lineEnd + 1] == 0x0A
      lineStart = lineEnd + (isCRLF ? 2 : 1)
    }
    let lines = output.withUnsafeBufferPointer { LineIndex($0) }
    precondition(lines.lineCount == originalStarts.count, "normalization changed the line count")
    let unchanged = !hasBOM && !hasCR && changed.isEmpty
    return (String(decoding: output, as: UTF8.self), lines, originalStarts, changed, unchanged)
  }

  /// Lines `numbers` (0-based, ascending) of a file's text, each normalized as the whole text
  /// would be — BOM dropped, NFC — without normalizing the rest: search snippets show three lines
  /// of a long file. A line that is not there, or is not valid UTF-8, is `nil`.
  ///
  /// Lines end at LF, CR or CRLF, as in ``init(original:)``.
  ///
  /// - Complexity: O(*n*) in the bytes up to the last line wanted, a `memchr` per line when the
  ///   text has no CR.
  public static func lines(_ numbers: [Int], of bytes: UnsafeBufferPointer<UInt8>) -> [String?] {
    guard let last = numbers.last else { return [] }
    let ranges = originalLineRanges(of: bytes, through: last)
    var output: [UInt8] = []
    var offsets: [Int32] = []
    return numbers.map { number in
      guard number < ranges.count,
        String(validating: UnsafeBufferPointer(rebasing: bytes[ranges[number]]), as: UTF8.self) != nil
      else { return nil }
      output.removeAll(keepingCapacity: true)
      _ = Normalization.appendNFC(bytes, range: ranges[number], into: &output, offsets: &offsets)
      return String(decoding: output, as: UTF8.self)
    }
  }

  /// The byte ranges of the lines of a file's text, without their line ends (LF, CR or CRLF) or
  /// the BOM, up to line `last` (0-based) or the end: the lines of ``init(original:)``, one to
  /// one, found without normalizing anything.
  ///
  /// - Complexity: O(*n*) in the bytes up to line `last`, a `memchr` per line when the text has
  ///   no CR.
  public static func originalLineRanges(
    of bytes: UnsafeBufferPointer<UInt8>, through last: Int = Int.max
  ) -> [Range<Int>] {
    let n = bytes.count
    guard let base = bytes.baseAddress else { return [0..<0] }
    let hasBOM = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    let hasCR = memchr(base, 0x0D, n) != nil
    var ranges: [Range<Int>] = []
    var start = hasBOM ? 3 : 0
    while ranges.count <= last {
      var end: Int
      if hasCR {
        end = start
        while end < n, bytes[end] != 0x0A, bytes[end] != 0x0D { end &+= 1 }
      } else if start < n, let newline = memchr(base + start, 0x0A, n - start) {
        end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
      } else {
        end = n
      }
      ranges.append(start..<end)
      guard end < n else { break }
      start = end &+ (bytes[end] == 0x0D && end &+ 1 < n && bytes[end &+ 1] == 0x0A ? 2 : 1)
    }
    return ranges
  }

  /// Whether any byte calls for more than a scan: a CR, or a byte that may start a non-NFC
  /// sequence (see ``Normalization/classify(_:range:)``).
  ///
  /// No sequence of valid UTF-8 spans a line end, so the whole text is classified at once, as
  /// its lines would be: cutting it into lines first scanned each line twice.
  private static func needsWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    if memchr(base, 0x0D, bytes.count) != nil { return true }
    return Normalization.classify(bytes, range: 0..<bytes.count) != .clean
  }

  /// The byte offset in the original file of the byte at `offset` in ``text``.
  public func originalByteOffset(of offset: Int) -> Int {
    let line = lines.lineIndex(containing: offset)
    let inLine = offset - lines.lineStarts[line]
    if let table = changedLines[line] {
      return originalLineStarts[line] + Int(table[min(inLine, table.count - 1)])
    }
    return originalLineStarts[line] + inLine
  }

  /// The line, column and original byte offset of the byte at `offset` in ``text``.
  public func location(of offset: Int) -> SourceLocation {
    let line = lines.lineIndex(containing: offset)
    var text = text
    let column = text.withUTF8 {
      LineIndex.column(of: offset, lineStart: lines.lineStarts[line], in: $0)
    }
    return SourceLocation(line: line + 1, column: column, byteOffset: originalByteOffset(of: offset))
  }

  /// The locations of many offsets at once, in the order given.
  ///
  /// - Complexity: O(*n* + *k* log *lines*) for *k* ascending offsets, one pass over each line
  ///   however many offsets it holds (a thousand citations on one 40 MB line); an offset below
  ///   the one before it costs a count from its line start.
  public func locations(of offsets: [Int]) -> [SourceLocation] {
    var text = text
    return text.withUTF8 { bytes in
      var result: [SourceLocation] = []
      result.reserveCapacity(offsets.count)
      var previous: (line: Int, offset: Int, column: Int)?
      for offset in offsets {
        let line = lines.lineIndex(containing: offset)
        let lineStart = lines.lineStarts[line]
        let column: Int
        if let previous, previous.line == line, previous.offset <= offset {
          column = LineIndex.column(
            of: offset, lineStart: lineStart, from: previous.offset, column: previous.column,
            in: bytes)
        } else {
          column = LineIndex.column(of: offset, lineStart: lineStart, in: bytes)
        }
        previous = (line, max(lineStart, min(offset, bytes.count)), column)
        result.append(
          SourceLocation(line: line + 1, column: column, byteOffset: originalByteOffset(of: offset)))
      }
      return result
    }
  }
}
