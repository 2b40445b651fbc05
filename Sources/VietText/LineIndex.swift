/// A place in a file as people read it: 1-based line and column, and the byte offset.
public struct SourceLocation: Hashable, Sendable, Comparable {
  /// The line, from 1.
  public var line: Int
  /// The column in characters (a base with its combining marks counts once), from 1.
  public var column: Int
  /// The byte offset in the original file.
  public var byteOffset: Int

  /// Creates a location.
  public init(line: Int, column: Int, byteOffset: Int) {
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    a.byteOffset < b.byteOffset
  }
}

/// Byte offset → line number for text whose lines end in `\n`.
///
/// Built once per document in one scan; a lookup is a binary search over the line starts.
public struct LineIndex: Hashable, Sendable {
  /// The byte offset where each line starts; the first is 0.
  public let lineStarts: [Int]
  /// The length in bytes of the text.
  public let byteCount: Int

  /// Indexes the lines of `bytes`.
  ///
  /// - Complexity: O(*n*).
  package init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var starts = [0]
    starts.reserveCapacity(bytes.count / 64 + 1)
    for i in 0..<bytes.count where bytes[i] == 0x0A { starts.append(i &+ 1) }
    lineStarts = starts
    byteCount = bytes.count
  }

  /// Indexes the lines of `text`.
  public init(_ text: String) {
    var text = text
    self = text.withUTF8 { LineIndex($0) }
  }

  /// The number of lines (a final `\n` starts an empty last line).
  public var lineCount: Int { lineStarts.count }

  /// The 0-based index of the line that holds `offset`.
  ///
  /// - Complexity: O(log *lines*).
  public func lineIndex(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle }
    }
    return low
  }

  /// The bytes of the 0-based line `index`, without its `\n`.
  public func byteRange(ofLine index: Int) -> Range<Int> {
    let start = lineStarts[index]
    let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : byteCount
    return start..<max(start, end)
  }

  /// The 1-based column of `offset` in its line: characters before it, plus one.
  package static func column(
    of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>
  ) -> Int {
    column(of: offset, lineStart: lineStart, from: lineStart, column: 1, in: bytes)
  }

  /// The 1-based column of `offset`, counting on from an earlier offset `from` of the same line
  /// whose column is known: many offsets of one long line cost one pass over it, not one each.
  package static func column(
    of offset: Int, lineStart: Int, from: Int, column start: Int,
    in bytes: UnsafeBufferPointer<UInt8>
  ) -> Int {
    var column = start
    var i = from
    while i < offset, i < bytes.count {
      let byte = bytes[i]
      // Count scalar starts, except combining marks U+0300–U+036F (CC xx, CD 80–AF) after a base;
      // a mark at the start of a line has no base and is a character of its own.
      let isMark =
        byte == 0xCC || (byte == 0xCD && i &+ 1 < bytes.count && bytes[i &+ 1] < 0xB0)
      if !byte.isUTF8Continuation, !isMark || i == lineStart { column &+= 1 }
      i &+= 1
    }
    return column
  }
}
