/// One folded term's postings as a query reads them (``PostingsCodec``): documents and
/// frequencies of every exact form decoded at once, positions read lazily, one checked block at
/// a time.
///
/// A class, not a struct, because it remembers which positions blocks were already checked and
/// where the last read stopped: a phrase reads many documents of one block in order, each
/// block's checksum is computed once, and no occurrence is skipped twice.
package final class TermPostings {
  /// One exact form's documents.
  package struct Variant {
    /// The exact form (`dân`).
    package var form: [UInt8]
    /// Document ids, ascending.
    package var documents: [UInt32] = []
    /// Occurrences in each document.
    package var frequencies: [UInt32] = []
    /// Byte range of each positions block in the mapped file.
    fileprivate var blocks: [Range<Int>] = []
    /// Each block's checksum; empty when the whole postings were checked at once.
    fileprivate var blockChecksums: [UInt32] = []
    fileprivate var checked: [Bool] = []
    /// Where the last read stopped, so reading documents in order never rescans a block.
    fileprivate var cursor = Cursor()
  }

  /// A place in a positions block: the next document (index in the variant) and the bits its
  /// occurrences start at, in the low parts and in the high parts.
  fileprivate struct Cursor {
    var block = -1
    var index = 0
    /// The block's Rice parameter, and where its high parts start.
    var parameter = 0
    var highStart = 0
    var lowBit = 0
    var highBit = 0
  }

  /// The exact forms, in the order the index stores them.
  ///
  /// Not checked for exclusive access at run time: a phrase opens a position stream per form
  /// per document, and each opening read this property a dozen times, a dynamic check each
  /// (a tenth of a common phrase's instructions). No access to it overlaps another: every
  /// method reads or writes it directly, never across a call.
  @exclusivity(unchecked) package private(set) var variants: [Variant] = []
  /// The number of documents the term occurs in, in any form.
  package let documentFrequency: Int
  private let bytes: UnsafeRawBufferPointer
  private let path: String

  /// Decodes the head and every documents run of the postings in `range` of `bytes`.
  ///
  /// - Parameters:
  ///   - key: The folded term, which the forms are written against.
  ///   - checksum: The dictionary record's checksum: of the whole postings when they are at
  ///     most ``PostingsCodec/smallLength`` bytes, else of the head.
  package init(
    bytes: UnsafeRawBufferPointer, range: Range<Int>, key: [UInt8], checksum: UInt32,
    documentFrequency: Int, documentCount: Int, path: String
  ) throws(IndexError) {
    self.documentFrequency = documentFrequency
    self.bytes = bytes
    self.path = path
    let small = range.count <= PostingsCodec.smallLength
    if small {
      guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[range])) == checksum else {
        throw .damaged(path: path, detail: "postings checksum mismatch")
      }
    }
    var reader = ByteReader(bytes, offset: range.lowerBound, path: path)
    let variantCount = try reader.count(limit: 65_535)
    guard variantCount > 0 else { throw reader.damaged("term without forms") }
    var documentRuns: [(length: Int, checksum: UInt32)] = []
    for _ in 0..<variantCount {
      let shared = try reader.count(limit: key.count)
      let rest = try reader.count(limit: 4096)
      var variant = Variant(form: Array(key[..<shared]) + Array(try reader.slice(rest)))
      let count = try reader.count(limit: documentCount)
      documentRuns.append((try reader.count(limit: range.count), small ? 0 : try reader.uint32()))
      let blockCount = (count + PostingsCodec.blockSize - 1) / PostingsCodec.blockSize
      variant.blocks.reserveCapacity(blockCount)
      for _ in 0..<blockCount {
        let blockLength = try reader.count(limit: range.count)
        variant.blocks.append(0..<blockLength)  // made absolute below
        if !small { variant.blockChecksums.append(try reader.uint32()) }
      }
      variant.checked = Array(repeating: small, count: blockCount)
      variant.documents = Array(repeating: 0, count: count)  // filled below
      variants.append(variant)
    }
    let headEnd = reader.offset
    if !small {
      let head = UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<headEnd])
      guard Checksum.crc32(head) == checksum else {
        throw .damaged(path: path, detail: "postings checksum mismatch")
      }
    }
    // Body: per variant its documents run, then its positions blocks.
    var offset = headEnd
    for index in variants.indices {
      let run = documentRuns[index]
      guard run.length <= range.upperBound - offset else {
        throw .damaged(path: path, detail: "postings outside their term")
      }
      let runRange = offset..<(offset + run.length)
      if !small {
        guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[runRange])) == run.checksum
        else { throw .damaged(path: path, detail: "postings checksum mismatch") }
      }
      try decodeDocuments(runRange, variant: index, documentCount: documentCount)
      offset += run.length
      for block in variants[index].blocks.indices {
        let length = variants[index].blocks[block].count
        guard length <= range.upperBound - offset else {
          throw .damaged(path: path, detail: "postings outside their term")
        }
        variants[index].blocks[block] = offset..<(offset + length)
        offset += length
      }
    }
    guard offset == range.upperBound else {
      throw .damaged(path: path, detail: "postings overrun")
    }
  }

  /// Decodes one variant's documents and frequencies from its (checked) run.
  private func decodeDocuments(_ run: Range<Int>, variant index: Int, documentCount: Int)
    throws(IndexError)
  {
    let count = variants[index].documents.count
    var frequencies = [UInt32](repeating: 0, count: count)
    var bits = BitReader(bytes, bytes: run)
    // One before the first document, so that every document is the one before plus its gap
    // plus one (the first gap is the first document; the sum wraps there).
    var document = UInt64.max
    var failure: String?
    variants[index].documents.withUnsafeMutableBufferPointer { documents in
      frequencies.withUnsafeMutableBufferPointer { frequencies in
        var k = 0
        while k < count {
          let documentParameter = Int(bits.bits(5))
          let frequencyParameter = Int(bits.bits(5))
          guard documentParameter <= PostingsCodec.maximumRiceParameter,
            frequencyParameter <= PostingsCodec.maximumRiceParameter
          else {
            failure = "bad postings parameter"
            return
          }
          let first = k
          let blockCount = min(count &- k, PostingsCodec.blockSize)
          // Checked once a block, not once a value: the largest gap (none may pass 32 bits, so
          // documents ascend without wrapping) and the block's last document, its largest.
          var largestGap: UInt64 = 0
          bits.readRiceSequence(count: blockCount, parameter: documentParameter) { i, gap in
            document = document &+ gap &+ 1
            largestGap = max(largestGap, gap)
            documents[first &+ i] = UInt32(truncatingIfNeeded: document)
          }
          let outside = largestGap > UInt64(UInt32.max) || document >= UInt64(documentCount)
          var largestFrequency: UInt64 = 0
          bits.readRiceSequence(count: blockCount, parameter: frequencyParameter) { i, value in
            largestFrequency = max(largestFrequency, value)
            frequencies[first &+ i] = UInt32(truncatingIfNeeded: value &+ 1)
          }
          let tooMany = largestFrequency >= UInt64(UInt32.max)
          guard !outside, !tooMany else {
            failure = outside ? "postings name a document past \(documentCount)" : "bad frequency"
            return
          }
          k &+= blockCount
        }
      }
    }
    if let failure { throw .damaged(path: path, detail: failure) }
    // The stream ends in the run's last byte (or the run is empty).
    guard !bits.isOverrun, (bits.position + 7) / 8 == run.upperBound else {
      throw .damaged(path: path, detail: "postings overrun")
    }
    variants[index].frequencies = frequencies
  }

  /// Appends the positions of document index `index` (not id) of variant `variant`, ascending.
  package func positions(variant: Int, index: Int, into output: inout [UInt32]) throws(IndexError) {
    var stream = try positionStream(variant: variant, index: index)
    let start = output.count
    output.reserveCapacity(start + stream.remaining)
    while let position = stream.next() { output.append(position) }
    if let damage = stream.damage {
      output.removeSubrange(start...)
      throw .damaged(path: path, detail: damage)
    }
    // The next document's occurrences start where these end.
    variants[variant].cursor = Cursor(
      block: stream.block, index: index + 1, parameter: stream.parameter,
      highStart: stream.highStart, lowBit: stream.low.position, highBit: stream.high.position)
  }

  /// The positions of document index `index` (not id) of variant `variant`, to read one at a
  /// time: a phrase can stop at its first occurrence. The block is checked first; the stream's
  /// ``PositionStream/damage`` must be looked at once reading stops.
  package func positionStream(variant: Int, index: Int) throws(IndexError) -> PositionStream {
    let block = index / PostingsCodec.blockSize
    let range = variants[variant].blocks[block]
    if !variants[variant].checked[block] {
      let blockBytes = UnsafeRawBufferPointer(rebasing: bytes[range])
      guard Checksum.crc32(blockBytes) == variants[variant].blockChecksums[block] else {
        throw .damaged(path: path, detail: "positions checksum mismatch")
      }
      variants[variant].checked[block] = true
    }
    // Resume from the cursor when it lies in this block at or before `index`; else start the
    // block: its parameter, then the low parts of its occurrences, then their high parts.
    var cursor = variants[variant].cursor
    if cursor.block != block || cursor.index > index {
      let first = block * PostingsCodec.blockSize
      let end = min(variants[variant].documents.count, first + PostingsCodec.blockSize)
      var occurrences = 0
      for k in first..<end { occurrences += Int(variants[variant].frequencies[k]) }
      var header = BitReader(bytes, bytes: range)
      let parameter = Int(header.bits(5))
      let lowStart = header.position
      guard parameter <= PostingsCodec.maximumRiceParameter,
        occurrences * parameter <= range.upperBound * 8 - lowStart
      else { throw .damaged(path: path, detail: "positions overrun") }
      let highStart = lowStart + occurrences * parameter
      cursor = Cursor(
        block: block, index: first, parameter: parameter, highStart: highStart, lowBit: lowStart,
        highBit: highStart)
    }
    // Skip the occurrences of the block's documents before `index`.
    var skip = 0
    for k in cursor.index..<index { skip += Int(variants[variant].frequencies[k]) }
    let k = cursor.parameter
    let low = BitReader(bytes, bytes: range, bit: cursor.lowBit + skip * k)
    var high = BitReader(bytes, bytes: range, bit: cursor.highBit)
    high.skipUnary(skip)
    // Remember where this document starts: a later read of it or of the next skips less.
    variants[variant].cursor = Cursor(
      block: block, index: index, parameter: k, highStart: cursor.highStart,
      lowBit: low.position, highBit: high.position)
    return PositionStream(
      low: low, high: high, block: block, parameter: k, highStart: cursor.highStart,
      remaining: Int(variants[variant].frequencies[index]))
  }
}

/// One document's positions in one exact form, ascending, decoded one at a time
/// (``TermPostings/positionStream(variant:index:)``).
package struct PositionStream {
  fileprivate var low: BitReader
  fileprivate var high: BitReader
  fileprivate let block: Int
  fileprivate let parameter: Int
  fileprivate let highStart: Int
  /// Positions not read yet.
  package private(set) var remaining: Int
  private var position: UInt64 = 0
  private var started = false
  private var tooLarge = false

  fileprivate init(
    low: BitReader, high: BitReader, block: Int, parameter: Int, highStart: Int, remaining: Int
  ) {
    self.low = low
    self.high = high
    self.block = block
    self.parameter = parameter
    self.highStart = highStart
    self.remaining = remaining
  }

  /// The next position, or nil after the last.
  @inline(__always)
  package mutating func next() -> UInt32? {
    guard remaining > 0 else { return nil }
    remaining &-= 1
    let value = (high.unary() &<< UInt64(parameter)) | low.bits(parameter)
    position = started ? position &+ value &+ 1 : value
    started = true
    guard position <= UInt64(UInt32.max) else {
      tooLarge = true
      remaining = 0
      return nil
    }
    return UInt32(truncatingIfNeeded: position)
  }

  /// Whether a read went past the block's bits: what was read must be thrown away.
  private var isOverrun: Bool { high.isOverrun || low.position > highStart }

  /// What is wrong with the positions read, when they are not to be trusted (an overrun, or a
  /// position past `UInt32`), for the error; `nil` when nothing is.
  package var damage: String? {
    tooLarge ? "bad position" : isOverrun ? "positions overrun" : nil
  }
}
