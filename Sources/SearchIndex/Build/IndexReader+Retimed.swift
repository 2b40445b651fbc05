// MARK: - Touched files

extension IndexReader {
  /// Writes this index again with new modification times for some documents, every other byte
  /// copied: what an update does when files were touched (copied, restored, saved unchanged) but
  /// none changed content, none was added or removed.
  ///
  /// A file's time is stored in two places only, both fixed-width: the manifest (section 5) and
  /// its document record's header (section 4). Both are patched in place, and each patched
  /// header's checksum is computed again; the sections are written in their order, so the result
  /// is the file a full rebuild would write, for the price of copying it.
  ///
  /// - Parameters:
  ///   - times: New modification times (nanoseconds), by document id.
  ///   - output: Where the new index goes; its header and section checksums are written by it.
  /// - Precondition: The index was verified (``verify()``): its records are read as sound.
  package func writeRetimed(_ times: [Int: Int64], to output: inout IndexFileOutput)
    throws(IndexError)
  {
    for (section, range) in sections.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
      switch section {
      case .documents, .manifest:
        var bytes = [UInt8](UnsafeRawBufferPointer(rebasing: mappedBytes[range]))
        if section == .documents {
          try retimeRecords(&bytes, from: range.lowerBound, times)
        } else {
          try retimeManifest(&bytes, from: range.lowerBound, times)
        }
        try output.section(section, bytes)
      default:
        // Copied a chunk at a time from the mapped file: the postings of a large corpus are
        // hundreds of megabytes, which a copy in memory would add to the update's footprint.
        output.begin(section)
        var start = range.lowerBound
        while start < range.upperBound {
          let end = min(range.upperBound, start + Self.copyChunk)
          try output.write([UInt8](UnsafeRawBufferPointer(rebasing: mappedBytes[start..<end])))
          start = end
        }
        output.end()
      }
    }
  }

  /// Bytes copied at a time from the mapped file.
  private static let copyChunk = 4 << 20

  /// Patches the time in the header of each record of `times`, and the header's checksum.
  /// `bytes` is the documents section, which starts at file offset `base`.
  private func retimeRecords(_ bytes: inout [UInt8], from base: Int, _ times: [Int: Int64])
    throws(IndexError)
  {
    for (id, time) in times {
      let record = try documentRecord(id)
      var reader = ByteReader(mappedBytes, offset: record.lowerBound, path: path)
      let (timeOffset, header) = try DocumentCodec.timeField(&reader, end: record.upperBound)
      Self.store(UInt64(bitPattern: time), at: timeOffset - base, in: &bytes, width: 8)
      let local = (header.lowerBound - base)..<(header.upperBound - base)
      let checksum = bytes.withUnsafeBytes {
        Checksum.crc32(UnsafeRawBufferPointer(rebasing: $0[local]))
      }
      Self.store(UInt64(checksum), at: header.upperBound - base, in: &bytes, width: 4)
    }
  }

  /// Patches the time of each document of `times` in the manifest (`bytes`, at file offset
  /// `base`): its entries are the documents in id order, then the skipped files.
  private func retimeManifest(_ bytes: inout [UInt8], from base: Int, _ times: [Int: Int64])
    throws(IndexError)
  {
    try forEachManifestEntry { entry, _, _, _, timeOffset in
      guard entry < documentCount, let time = times[entry] else { return }
      Self.store(UInt64(bitPattern: time), at: timeOffset - base, in: &bytes, width: 8)
    }
  }

  /// Writes the low `width` bytes of `value`, little-endian, at `offset`.
  private static func store(_ value: UInt64, at offset: Int, in bytes: inout [UInt8], width: Int) {
    for k in 0..<width { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> UInt64(8 * k)) }
  }
}
