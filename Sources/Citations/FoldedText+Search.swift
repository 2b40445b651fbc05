import Glibc

// MARK: - Searching

extension FoldedText {
  /// The first position in `range` where the folded characters start with `prefix`, found with
  /// `memchr` on its first byte: the document-wide searches ("thông qua", "tỉnh") visit only the
  /// few places that can match instead of every character.
  func firstPosition(of prefix: StaticString, in range: Range<Int>) -> Int? {
    let p = prefix.utf8Start
    let length = prefix.utf8CodeUnitCount
    return chars.withUnsafeBufferPointer { c -> Int? in
      guard let base = c.baseAddress, range.upperBound <= c.count else { return nil }
      var j = range.lowerBound
      while j < range.upperBound {
        guard let hit = memchr(base + j, Int32(p[0]), range.upperBound &- j) else { return nil }
        j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        var k = 1
        while k < length, j &+ k < c.count, c[j &+ k] == p[k] { k &+= 1 }
        if k == length { return j }
        j &+= 1
      }
      return nil
    }
  }
}

