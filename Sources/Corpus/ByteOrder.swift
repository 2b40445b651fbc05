#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
  /// Whether this string's UTF-8 bytes sort before `other`'s.
  ///
  /// Paths are ordered by bytes everywhere in cancu (Swift's `<` compares canonically equivalent
  /// NFC and NFD names as equal). `utf8.lexicographicallyPrecedes` says the same but compares
  /// byte by byte through the generic collection protocol, which made sorting a 50,000-file
  /// listing the largest cost of the freshness check; this is one `memcmp`.
  public func utf8Precedes(_ other: String) -> Bool {
    var a = self
    var b = other
    return a.withUTF8 { x in
      b.withUTF8 { y in
        let common = Swift.min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
          let order = memcmp(p, q, common)
          if order != 0 { return order < 0 }
        }
        return x.count < y.count
      }
    }
  }
}
