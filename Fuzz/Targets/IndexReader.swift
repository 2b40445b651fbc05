// libFuzzer target: the index reader on mutated index files.
//
// Each input is opened twice: as it is (the checksums catch almost every mutation), and after
// `resealed` has recomputed every checksum the format has, so the mutation reaches the decoders
// behind them (sections, dictionary records, postings, document records). Either way the reader
// must open the file and answer, or throw an IndexError; it must never trap.
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
@testable import SearchIndex

private let queries: [Query] = [
  "dân chủ", "dang", "\"dân chủ ở cơ sở\"", "30-CT/TW OR 59/2023/NĐ-CP", "dan -chu",
  "kind:\"Chỉ thị\"", "year:2024 dang", "issuer:\"Bộ Chính trị\"", "cites:30-CT/TW",
].compactMap { try? Query(parsing: $0) }

private let scratch: String = {
  let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
  return "\(folder)/cancu-fuzz-\(getpid()).index"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndexReader(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : count))
  exercise(bytes)
  exercise(resealed(bytes))
  return 0
}

private func exercise(_ bytes: [UInt8]) {
  let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  precondition(fd >= 0, "cannot write \(scratch)")
  _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  close(fd)
  defer { unlink(scratch) }
  guard let reader = try? IndexReader(path: scratch) else { return }
  _ = try? reader.manifestListing()
  _ = try? reader.verify()
  _ = reader.skipped.count
  for id in 0..<min(reader.documentCount, 32) {
    _ = try? reader.document(id)
    _ = try? reader.documentLength(id)
    if let header = try? reader.documentHeader(id) {
      _ = try? reader.lineStarts(ofDocument: id, tokenCount: header.tokenCount)
    }
  }
  var terms = 0
  try? reader.forEachTerm { _, _ in
    terms += 1
  }
  let searcher = Searcher(reader: reader)
  for query in queries {
    _ = try? searcher.search(query, limit: 5)
    _ = try? searcher.search(query, limit: 5, exactOnly: true)
  }
}

// MARK: - Resealing

private func load32(_ b: [UInt8], _ at: Int) -> UInt32? {
  guard at >= 0, at <= b.count - 4 else { return nil }
  return UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
}

private func load64(_ b: [UInt8], _ at: Int) -> UInt64? {
  guard let low = load32(b, at), let high = load32(b, at + 4) else { return nil }
  return UInt64(low) | UInt64(high) << 32
}

private func store32(_ b: inout [UInt8], _ at: Int, _ value: UInt32) {
  guard at >= 0, at <= b.count - 4 else { return }
  for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
}

private func crc(_ b: [UInt8], _ range: Range<Int>) -> UInt32 {
  b.withUnsafeBytes { Checksum.crc32(UnsafeRawBufferPointer(rebasing: $0[range])) }
}

/// The bytes with every checksum recomputed, as far as the layout can still be followed.
private func resealed(_ input: [UInt8]) -> [UInt8] {
  var b = input
  guard b.count >= IndexFormat.headerSize, let rawCount = load32(b, 8) else { return b }
  let sectionCount = Int(min(rawCount, 64))
  var sections: [UInt32: (entry: Int, range: Range<Int>)] = [:]
  for k in 0..<sectionCount {
    let entry = IndexFormat.headerSize + k * IndexFormat.sectionEntrySize
    guard let id = load32(b, entry), let offset = load64(b, entry + 4),
      let length = load64(b, entry + 12)
    else { return b }
    guard offset <= UInt64(b.count), length <= UInt64(b.count) - offset else { continue }
    sections[id] = (entry, Int(offset)..<Int(offset + length))
  }
  // Dictionary records: postings CRC, then the record's own CRC.
  if let terms = sections[IndexFormat.Section.terms.rawValue]?.range,
    let postings = sections[IndexFormat.Section.postings.rawValue]?.range,
    let rawTerms = load32(b, terms.lowerBound)
  {
    let recordsStart = terms.lowerBound + 4
    let termCount = min(Int(rawTerms), max(0, terms.upperBound - recordsStart) / 32)
    let keysStart = recordsStart + termCount * 32
    for index in 0..<termCount {
      let record = recordsStart + index * 32
      guard let keyOffset = load32(b, record), let offset = load64(b, record + 12),
        let length = load32(b, record + 20)
      else { break }
      let keyLength = Int(b[record + 4]) | Int(b[record + 5]) << 8
      if offset <= UInt64(postings.count), UInt64(length) <= UInt64(postings.count) - offset {
        let start = postings.lowerBound + Int(offset)
        store32(&b, record + 24, crc(b, start..<(start + Int(length))))
      }
      let keyStart = keysStart + Int(keyOffset)
      guard keyStart + keyLength <= terms.upperBound else { continue }
      let sealed = Array(b[record..<(record + 28)]) + Array(b[keyStart..<(keyStart + keyLength)])
      store32(&b, record + 28, Checksum.crc32(sealed))
    }
  }
  // Document table: lengths CRC, then each record's CRC.
  if let documents = sections[IndexFormat.Section.documents.rawValue]?.range,
    let rawCount = load32(b, documents.lowerBound)
  {
    let offsetsStart = documents.lowerBound + 4
    let count = min(Int(rawCount), max(0, documents.upperBound - offsetsStart) / 12)
    let lengthsStart = offsetsStart + (count + 1) * 8
    let recordsStart = lengthsStart + count * 4 + 4
    if recordsStart <= documents.upperBound {
      store32(&b, lengthsStart + count * 4, crc(b, lengthsStart..<(lengthsStart + count * 4)))
      for id in 0..<count {
        guard let start = load64(b, offsetsStart + id * 8), let end = load64(b, offsetsStart + id * 8 + 8),
          start <= end, end <= UInt64(documents.upperBound - recordsStart), end - start >= 4
        else { continue }
        let recordEnd = recordsStart + Int(end)
        store32(&b, recordEnd - 4, crc(b, (recordsStart + Int(start))..<(recordEnd - 4)))
      }
    }
  }
  // Sections, then the header and section table.
  for (_, section) in sections { store32(&b, section.entry + 20, crc(b, section.range)) }
  let tableEnd = IndexFormat.headerSize + sectionCount * IndexFormat.sectionEntrySize
  if tableEnd + 4 <= b.count { store32(&b, tableEnd, crc(b, 0..<tableEnd)) }
  return b
}
