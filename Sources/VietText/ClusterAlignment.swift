/// Maps bytes of a line normalized by Foundation back to the original line.
///
/// NFC composition merges each base with the marks that follow it, so a line's clusters (a scalar
/// that is not a combining mark, with the marks after it) stay in the same order and number; the
/// n-th cluster of the normalized line came from the n-th cluster of the original. When the counts
/// differ (Hangul jamo compose across clusters) every byte maps to the start of the line, which
/// keeps line numbers right and only loses the column.
package enum ClusterAlignment {
  /// Appends one origin offset per byte of `normalized`, then `original.count`.
  package static func appendOffsets(
    original: UnsafeBufferPointer<UInt8>, normalized: ArraySlice<UInt8>, into offsets: inout [Int32]
  ) {
    let originalStarts = clusterStarts(original)
    let normalizedBytes = Array(normalized)
    let normalizedStarts = normalizedBytes.withUnsafeBufferPointer { clusterStarts($0) }
    let aligned = originalStarts.count == normalizedStarts.count
    var cluster = -1
    for i in 0..<normalizedBytes.count {
      while cluster &+ 1 < normalizedStarts.count, normalizedStarts[cluster &+ 1] <= i { cluster &+= 1 }
      let origin = aligned && cluster >= 0 ? originalStarts[cluster] : 0
      offsets.append(Int32(truncatingIfNeeded: origin))
    }
    offsets.append(Int32(truncatingIfNeeded: original.count))
  }

  private static func clusterStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var starts: [Int] = []
    var i = 0
    while i < bytes.count {
      let (value, length) = UTF8Decoding.decode(bytes, at: i)
      let isMark =
        UTF8Decoding.isCombiningMark(value)
        || (Unicode.Scalar(value)?.properties.canonicalCombiningClass.rawValue ?? 0) != 0
      if !isMark || starts.isEmpty { starts.append(i) }
      i &+= length
    }
    return starts
  }
}
