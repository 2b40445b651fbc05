import Citations
import Corpus

/// Which documents bear on a cited document (section 6 of ``IndexFormat``): the documents filed
/// under each ``CitationKeys`` key — those that hold an identity with an id, cite an id, hold an
/// untitled identity with a title, cite something for a subject that is such a title, or by a
/// name.
///
/// `cancu cited-by 30-CT/TW` looks up `c` + `30-ct/tw` and `i` + `30-ct/tw` and decodes only
/// those documents, instead of every record of the index.
/// ```
/// key count u32, entry offsets u32 × (count + 1) (relative to the entries),
/// crc32 u32 of the offsets, entries sorted by key bytes; per entry: key length, key,
/// document count << 1 | 1 and a bitmap of (document count + 7) / 8 bytes — or document count << 1
/// and document id deltas, whichever is smaller —, crc32 u32 of the entry
/// ```
package enum CitationMap {
  /// The keys one document is filed under; computed for many documents at once by the writer.
  /// With `untitledTitles` `nil`, every subject is filed.
  package static func keys(of summary: DocumentSummary, untitledTitles: Set<String>?) -> [[UInt8]] {
    CitationKeys.keys(of: summary, untitledTitles: untitledTitles)
  }

  /// The section, from a walk over every (document id, key) pair, ids ascending.
  package static func serialize(
    documentCount: Int, keys walk: (_ file: (Int, [UInt8]) -> Void) -> Void
  ) -> [UInt8] {
    var documents: [[UInt8]: [Int32]] = [:]
    walk { id, key in documents[key, default: []].append(Int32(id)) }
    let keys = documents.keys.sorted { $0.lexicographicallyPrecedes($1) }
    var entries = ByteWriter()
    var offsets: [UInt32] = []
    for key in keys {
      let start = entries.count
      offsets.append(UInt32(start))
      entries.varint(key.count)
      entries.append(key)
      let ids = (documents[key] ?? []).lazy.map { Int($0) }
      var deltas = ByteWriter()
      var previous = 0
      for id in ids {
        deltas.varint(id - previous)
        previous = id
      }
      let bitmapSize = (documentCount + 7) / 8
      if bitmapSize < deltas.count {
        var bitmap = [UInt8](repeating: 0, count: bitmapSize)
        for id in ids { bitmap[id / 8] |= 1 << UInt8(id % 8) }
        entries.varint(ids.count << 1 | 1)
        entries.append(bitmap)
      } else {
        entries.varint(ids.count << 1)
        entries.append(deltas.bytes)
      }
      let crc = entries.bytes.withUnsafeBytes {
        Checksum.crc32(UnsafeRawBufferPointer(rebasing: $0[start...]))
      }
      entries.uint32(crc)
    }
    offsets.append(UInt32(entries.count))
    var section = ByteWriter()
    section.uint32(UInt32(keys.count))
    for offset in offsets { section.uint32(offset) }
    section.uint32(Checksum.crc32(section.bytes))
    section.append(entries.bytes)
    return section.bytes
  }

  /// Where the parts of the section are, read when the index is opened.
  package struct Layout: Sendable {
    var count = 0
    var offsetsStart = 0
    var entriesStart = 0
    var end = 0

    /// Reads and checks the fixed part of the section at `range`.
    package init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, path: String) throws(IndexError) {
      var reader = ByteReader(bytes, offset: range.lowerBound, path: path)
      guard range.count >= 12 else { throw reader.damaged("citation map is truncated") }
      count = Int(try reader.uint32())
      offsetsStart = reader.offset
      guard count < range.count, offsetsStart + (count + 1) * 4 + 4 <= range.upperBound else {
        throw reader.damaged("citation map does not match its size")
      }
      reader.offset = offsetsStart + (count + 1) * 4
      let tableEnd = reader.offset
      guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<tableEnd]))
        == (try reader.uint32())
      else { throw reader.damaged("citation map checksum mismatch") }
      entriesStart = reader.offset
      end = range.upperBound
    }
  }

  /// The entry at `index`: its key and where its document list starts, checked.
  fileprivate static func entry(
    _ index: Int, _ bytes: UnsafeRawBufferPointer, _ layout: Layout, path: String
  ) throws(IndexError) -> (key: UnsafeRawBufferPointer, reader: ByteReader, end: Int) {
    func offset(_ i: Int) -> Int {
      layout.entriesStart
        + Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: layout.offsetsStart + i * 4, as: UInt32.self)))
    }
    let start = offset(index)
    let end = offset(index + 1)
    var reader = ByteReader(bytes, offset: start, path: path)
    guard start + 4 <= end, end <= layout.end else { throw reader.damaged("citation map entry out of bounds") }
    let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: end - 4, as: UInt32.self))
    guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[start..<(end - 4)])) == stored else {
      throw reader.damaged("citation map checksum mismatch")
    }
    let length = try reader.count(limit: end - start)
    let key = try reader.slice(length)
    return (key, reader, end - 4)
  }

  /// The documents filed under `key`, ascending; empty when none.
  ///
  /// - Complexity: O(log *keys*) entries read and checked, then the list.
  package static func documents(
    _ key: [UInt8], in bytes: UnsafeRawBufferPointer, layout: Layout, documentCount: Int, path: String
  ) throws(IndexError) -> [Int] {
    var low = 0
    var high = layout.count
    while low < high {
      let middle = (low + high) / 2
      var (found, reader, end) = try entry(middle, bytes, layout, path: path)
      if found.elementsEqual(key) {
        let header = try reader.count(limit: documentCount << 1 | 1)
        let count = header >> 1
        var ids: [Int] = []
        ids.reserveCapacity(count)
        if header & 1 == 1 {
          let bitmap = try reader.slice((documentCount + 7) / 8)
          for (index, byte) in bitmap.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << UInt8(bit)) != 0 { ids.append(index * 8 + bit) }
          }
          guard ids.count == count, (ids.last ?? 0) < max(1, documentCount) else {
            throw reader.damaged("citation map bitmap does not match its count")
          }
        } else {
          var previous = 0
          for index in 0..<count {
            let delta = try reader.count(limit: documentCount)
            guard index == 0 || delta > 0 else { throw reader.damaged("citation map list is not ascending") }
            previous += delta
            guard previous < documentCount else { throw reader.damaged("citation map document out of range") }
            ids.append(previous)
          }
        }
        guard reader.offset == end else { throw reader.damaged("citation map entry has extra bytes") }
        return ids
      }
      if found.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
    }
    return []
  }
}

extension CitationMap {
  /// The values of every key of one facet (the key bytes after the facet byte), in key order.
  ///
  /// - Complexity: O(log *keys*) to find the facet's first key, then its keys.
  package static func values(
    of facet: CitationKeys.Facet, in bytes: UnsafeRawBufferPointer, layout: Layout, path: String
  ) throws(IndexError) -> [String] {
    var low = 0
    var high = layout.count
    while low < high {
      let middle = (low + high) / 2
      let (key, _, _) = try entry(middle, bytes, layout, path: path)
      if (key.first ?? 0) < facet.rawValue { low = middle + 1 } else { high = middle }
    }
    var values: [String] = []
    var index = low
    while index < layout.count {
      let (key, reader, _) = try entry(index, bytes, layout, path: path)
      guard key.first == facet.rawValue else { break }
      guard let value = String(validating: key.dropFirst().map { $0 }, as: UTF8.self) else {
        throw reader.damaged("invalid text in the citation map")
      }
      values.append(value)
      index += 1
    }
    return values
  }
}
