/// How many tokens each line of a document holds (section 8 of ``IndexFormat``): the way from a
/// token position, which the postings give, to its line.
///
/// With it a search picks its snippet lines from the postings alone and then reads, normalizes
/// and tokenizes only those lines, not the whole file: reading hit documents whole was three
/// quarters of a `cancu search` process on the 100 MiB benchmark corpus.
///
/// A record is the line count and the tokens on each line, as varints, then the crc32 of those
/// bytes. A line count of 0 means the record says nothing (a document written without its text,
/// as the tests' writer does): snippets then read the file whole.
package enum LineTokens {
  /// The record payload for these per-line token counts (its crc is added by the writer).
  package static func payload(_ counts: [UInt32]) -> [UInt8] {
    var writer = ByteWriter()
    writer.varint(counts.count)
    for count in counts { writer.varint(UInt64(count)) }
    return writer.bytes
  }

  /// Counts the tokens on each line while a document is tokenized: call ``token(at:)`` with each
  /// token's start, in order, then ``finish()``.
  package struct Counter {
    private let lineStarts: [Int]
    /// The line of the last token, and where the next line starts.
    private var line = 0
    private var nextLineStart: Int
    private var current: UInt32 = 0
    package private(set) var counts: [UInt32] = []

    /// A counter for a text whose lines start at `lineStarts` (`LineIndex.lineStarts`).
    package init(lineStarts: [Int]) {
      self.lineStarts = lineStarts
      nextLineStart = lineStarts.count > 1 ? lineStarts[1] : Int.max
      counts.reserveCapacity(lineStarts.count)
    }

    @inline(__always)
    package mutating func token(at offset: Int) {
      if offset >= nextLineStart { advance(to: offset) }
      current &+= 1
    }

    private mutating func advance(to offset: Int) {
      while offset >= nextLineStart {
        counts.append(current)
        current = 0
        line &+= 1
        nextLineStart = line &+ 1 < lineStarts.count ? lineStarts[line &+ 1] : Int.max
      }
    }

    /// The counts of every line, trailing lines without tokens included.
    package mutating func finish() -> [UInt32] {
      counts.append(current)
      while counts.count < lineStarts.count { counts.append(0) }
      return counts
    }
  }
}

// MARK: - Reading

extension IndexReader {
  /// The checked ``LineTokens`` payload of document `id` (its record without the crc), copied
  /// out: what an update carries over.
  package func lineTokensPayload(_ id: Int) throws(IndexError) -> [UInt8] {
    Array(UnsafeRawBufferPointer(rebasing: mappedBytes[try lineTokensRange(id)]))
  }

  /// Where the payload of document `id`'s lines record is in the mapped file, its crc checked.
  private func lineTokensRange(_ id: Int) throws(IndexError) -> Range<Int> {
    precondition(id >= 0 && id < documentCount, "document id \(id) out of range")
    let section = try sectionRange(.lines)
    var head = ByteReader(mappedBytes, offset: section.lowerBound, path: path)
    guard Int(try head.uint32()) == documentCount else {
      throw .damaged(path: path, detail: "lines table does not match the document count")
    }
    let recordsStart = section.lowerBound + 4 + (documentCount + 1) * 8
    guard recordsStart <= section.upperBound else {
      throw .damaged(path: path, detail: "lines table is truncated")
    }
    head.offset = section.lowerBound + 4 + id * 8
    let rawStart = try head.uint64()
    let rawEnd = try head.uint64()
    // Compare as UInt64 first: a damaged offset may not fit in Int.
    guard rawStart <= rawEnd, rawEnd - rawStart >= 4,
      rawEnd <= UInt64(section.upperBound - recordsStart)
    else { throw .damaged(path: path, detail: "lines record outside the table") }
    let start = recordsStart + Int(rawStart)
    let end = recordsStart + Int(rawEnd) - 4
    var crc = ByteReader(mappedBytes, offset: end, path: path)
    let payload = UnsafeRawBufferPointer(rebasing: mappedBytes[start..<end])
    guard Checksum.crc32(payload) == (try crc.uint32()) else {
      throw .damaged(path: path, detail: "lines record checksum mismatch")
    }
    return start..<end
  }

  /// The first token position of each line of document `id`, then its token count (one more
  /// entry than lines), or `nil` when the index does not know its lines.
  ///
  /// - Parameter tokenCount: The document's token count, which the lines must add up to.
  package func lineStarts(ofDocument id: Int, tokenCount: Int) throws(IndexError) -> [Int]? {
    let payload = try lineTokensRange(id)
    var reader = ByteReader(mappedBytes, offset: payload.lowerBound, path: path)
    let damaged = IndexError.damaged(path: path, detail: "lines record does not match the document")
    let lineCount = try reader.count(limit: payload.count)
    guard lineCount > 0 else { return nil }
    var starts: [Int] = []
    starts.reserveCapacity(lineCount + 1)
    var position = 0
    for _ in 0..<lineCount {
      starts.append(position)
      position += try reader.count(limit: tokenCount - position)
    }
    starts.append(position)
    guard position == tokenCount, reader.offset == payload.upperBound else { throw damaged }
    return starts
  }
}
