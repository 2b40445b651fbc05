/// One folded term's postings as a query reads them (``PostingsCodec``): documents and
/// frequencies of every exact form decoded at once, positions read lazily, one checked block at
/// a time.
///
/// A class, not a struct, because it remembers which positions blocks were already checked: a
/// phrase reads many documents of one block, and each block's checksum is computed once.
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
    fileprivate var blockChecksums: [UInt32] = []
    fileprivate var checked: [Bool] = []
    /// Where the last read left off: the next document index and its positions' first byte, so
    /// reading documents in order never rescans a block.
    fileprivate var cursorIndex = 0
    fileprivate var cursorOffset = 0
  }

  /// The exact forms, in the order the index stores them.
  package private(set) var variants: [Variant] = []
  private let bytes: UnsafeRawBufferPointer
  private let path: String

  /// Decodes the head and every documents run of the postings in `range` of `bytes`.
  ///
  /// - Parameter headChecksum: The dictionary record's checksum of the head.
  package init(
    bytes: UnsafeRawBufferPointer, range: Range<Int>, headChecksum: UInt32, documentCount: Int,
    path: String
  ) throws(IndexError) {
    self.bytes = bytes
    self.path = path
    var reader = ByteReader(bytes, offset: range.lowerBound, path: path)
    let variantCount = try reader.count(limit: 65_535)
    guard variantCount > 0 else { throw reader.damaged("term without forms") }
    var documentRuns: [(length: Int, checksum: UInt32)] = []
    for _ in 0..<variantCount {
      let length = try reader.count(limit: 4096)
      var variant = Variant(form: Array(try reader.slice(length)))
      let count = try reader.count(limit: documentCount)
      documentRuns.append((try reader.count(limit: range.count), try reader.uint32()))
      let blockCount = (count + PostingsCodec.blockSize - 1) / PostingsCodec.blockSize
      variant.documents.reserveCapacity(count)
      variant.frequencies.reserveCapacity(count)
      for _ in 0..<blockCount {
        let blockLength = try reader.count(limit: range.count)
        variant.blocks.append(0..<blockLength)  // made absolute below
        variant.blockChecksums.append(try reader.uint32())
      }
      variant.checked = Array(repeating: false, count: blockCount)
      variant.documents = Array(repeating: 0, count: count)  // filled below
      variants.append(variant)
    }
    let headEnd = reader.offset
    let head = UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<headEnd])
    guard Checksum.crc32(head) == headChecksum else {
      throw .damaged(path: path, detail: "postings checksum mismatch")
    }
    // Body: per variant its documents run, then its positions blocks.
    var offset = headEnd
    for index in variants.indices {
      let run = documentRuns[index]
      guard run.length <= range.upperBound - offset else {
        throw .damaged(path: path, detail: "postings outside their term")
      }
      let runBytes = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + run.length)])
      guard Checksum.crc32(runBytes) == run.checksum else {
        throw .damaged(path: path, detail: "postings checksum mismatch")
      }
      var documents = ByteReader(bytes, offset: offset, path: path)
      let count = variants[index].documents.count
      var document: UInt64 = 0
      for k in 0..<count {
        let delta = try documents.varint()
        guard k == 0 || delta > 0 else { throw documents.damaged("postings out of order") }
        document = k == 0 ? delta : document + delta
        guard document < UInt64(documentCount) else {
          throw documents.damaged("postings name document \(document) of \(documentCount)")
        }
        variants[index].documents[k] = UInt32(document)
        let frequency = try documents.varint()
        guard frequency > 0, frequency <= UInt64(UInt32.max) else {
          throw documents.damaged("bad frequency")
        }
        variants[index].frequencies.append(UInt32(frequency))
      }
      guard documents.offset == offset + run.length else {
        throw documents.damaged("postings overrun")
      }
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

  /// Appends the positions of document index `index` (not id) of variant `variant`, ascending.
  package func positions(variant: Int, index: Int, into output: inout [UInt32]) throws(IndexError) {
    let block = index / PostingsCodec.blockSize
    let range = variants[variant].blocks[block]
    if !variants[variant].checked[block] {
      let blockBytes = UnsafeRawBufferPointer(rebasing: bytes[range])
      guard Checksum.crc32(blockBytes) == variants[variant].blockChecksums[block] else {
        throw .damaged(path: path, detail: "positions checksum mismatch")
      }
      variants[variant].checked[block] = true
    }
    // Skip the positions of the block's earlier documents — from the cursor when it lies in
    // this block at or before `index` — one varint each: count the bytes that end a varint.
    let blockFirst = block * PostingsCodec.blockSize
    let cursor = variants[variant].cursorIndex
    let resume = cursor > blockFirst && cursor <= index && range.contains(variants[variant].cursorOffset)
    var offset = resume ? variants[variant].cursorOffset : range.lowerBound
    var skip = 0
    for k in (resume ? cursor : blockFirst)..<index { skip += Int(variants[variant].frequencies[k]) }
    while skip > 0 {
      guard offset < range.upperBound else { throw .damaged(path: path, detail: "positions overrun") }
      if bytes[offset] < 0x80 { skip -= 1 }
      offset += 1
    }
    var reader = ByteReader(bytes, offset: offset, path: path)
    var position: UInt64 = 0
    for k in 0..<Int(variants[variant].frequencies[index]) {
      guard reader.offset < range.upperBound else {
        throw .damaged(path: path, detail: "positions overrun")
      }
      let delta = try reader.varint()
      position = k == 0 ? delta : position + delta
      guard position <= UInt64(UInt32.max) else { throw reader.damaged("bad position") }
      output.append(UInt32(position))
    }
    variants[variant].cursorIndex = index + 1
    variants[variant].cursorOffset = reader.offset
  }
}
