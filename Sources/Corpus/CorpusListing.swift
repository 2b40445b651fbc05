#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a corpus as `stat` sees them — relative path, size, modification time — held
/// compactly: the paths' bytes one after another, no string or struct per file.
///
/// Every query compares the corpus with the index's manifest before it answers (the freshness
/// check), so listing 5,000 files costs what the user waits for. As `[CorpusFile]`, with two
/// strings per file and a sort through `String`, the listing was most of that check's own time.
public struct CorpusListing: Sendable {
  /// The relative paths' UTF-8 bytes, one after another.
  private var bytes: [UInt8] = []
  /// Where each path ends in ``bytes`` (it starts where the one before ends).
  private var ends: [Int] = []
  /// Sizes in bytes.
  public private(set) var sizes: [Int] = []
  /// Modification times, nanoseconds since 1970.
  public private(set) var modificationTimes: [Int64] = []

  /// An empty listing.
  public init() {}

  /// The number of files.
  public var count: Int { ends.count }

  /// Adds a file.
  public mutating func append(relativePath: some Sequence<UInt8>, size: Int, modificationTime: Int64) {
    bytes.append(contentsOf: relativePath)
    ends.append(bytes.count)
    sizes.append(size)
    modificationTimes.append(modificationTime)
  }

  /// Adds a file whose relative path is `folder`, a slash (when `folder` is not empty) and `name`.
  mutating func append(folder: [UInt8], name: String, size: Int, modificationTime: Int64) {
    bytes.append(contentsOf: folder)
    if !folder.isEmpty { bytes.append(0x2F) }
    bytes.append(contentsOf: name.utf8)
    ends.append(bytes.count)
    sizes.append(size)
    modificationTimes.append(modificationTime)
  }

  /// The bytes of file `i`'s relative path.
  private func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

  /// The relative path of file `i`.
  public func relativePath(_ i: Int) -> String {
    String(decoding: bytes[range(i)], as: UTF8.self)
  }

  /// The listing in byte order of the relative paths (the order of ``CorpusLoader/files()``).
  ///
  /// - Complexity: O(*n* log *n*) comparisons, each a `memcmp` of two paths in place.
  public func sortedByPath() -> CorpusListing {
    var order = Array(0..<count)
    bytes.withUnsafeBufferPointer { b in
      ends.withUnsafeBufferPointer { e in
        order.sort { i, j in Self.compare(b, e, i, b, e, j) < 0 }
      }
    }
    var sorted = CorpusListing()
    sorted.bytes.reserveCapacity(bytes.count)
    sorted.ends.reserveCapacity(count)
    sorted.sizes.reserveCapacity(count)
    sorted.modificationTimes.reserveCapacity(count)
    for i in order {
      sorted.append(relativePath: bytes[range(i)], size: sizes[i], modificationTime: modificationTimes[i])
    }
    return sorted
  }

  /// How many files were added, removed, or changed size or time from `earlier` to this
  /// listing, in any order. Paths compare by bytes: an NFC and an NFD name are two files.
  ///
  /// - Complexity: O(*n*): `earlier`'s paths go into an open-addressing table of indices (no
  ///   string, no sort), and each path of this listing is looked up once.
  public func changes(since earlier: CorpusListing) -> Int {
    bytes.withUnsafeBufferPointer { b in
      ends.withUnsafeBufferPointer { e in
        earlier.bytes.withUnsafeBufferPointer { ob in
          earlier.ends.withUnsafeBufferPointer { oe in
            var capacity = 16
            while capacity < earlier.count * 2 { capacity <<= 1 }
            let mask = capacity - 1
            var slots = [Int32](repeating: -1, count: capacity)
            for k in 0..<earlier.count {
              var slot = Self.hash(ob, oe, k) & mask
              while slots[slot] >= 0 { slot = (slot + 1) & mask }
              slots[slot] = Int32(k)
            }
            var changes = 0
            var matched = 0
            for i in 0..<count {
              var slot = Self.hash(b, e, i) & mask
              var found = -1
              while slots[slot] >= 0 {
                let k = Int(slots[slot])
                if Self.compare(ob, oe, k, b, e, i) == 0 {
                  found = k
                  break
                }
                slot = (slot + 1) & mask
              }
              if found < 0 {
                changes += 1  // added
              } else {
                matched += 1
                if earlier.sizes[found] != sizes[i] || earlier.modificationTimes[found] != modificationTimes[i] {
                  changes += 1
                }
              }
            }
            return changes + earlier.count - matched  // and removed
          }
        }
      }
    }
  }

  /// FNV-1a of path `i`'s bytes.
  @inline(__always)
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ ends: UnsafeBufferPointer<Int>, _ i: Int) -> Int {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for k in (i == 0 ? 0 : ends[i - 1])..<ends[i] {
      hash = (hash ^ UInt64(bytes[k])) &* 0x0000_0100_0000_01B3
    }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  /// The order of path `i` of one listing and path `j` of another, by bytes.
  @inline(__always)
  private static func compare(
    _ a: UnsafeBufferPointer<UInt8>, _ aEnds: UnsafeBufferPointer<Int>, _ i: Int,
    _ b: UnsafeBufferPointer<UInt8>, _ bEnds: UnsafeBufferPointer<Int>, _ j: Int
  ) -> Int {
    let aStart = i == 0 ? 0 : aEnds[i - 1]
    let bStart = j == 0 ? 0 : bEnds[j - 1]
    let aCount = aEnds[i] - aStart
    let bCount = bEnds[j] - bStart
    let common = min(aCount, bCount)
    if common > 0, let p = a.baseAddress, let q = b.baseAddress {
      let order = memcmp(p + aStart, q + bStart, common)
      if order != 0 { return Int(order) }
    }
    return aCount - bCount
  }

  /// The files, with paths shown under `root`.
  func files(root: String) -> [CorpusFile] {
    (0..<count).map { i in
      let relative = relativePath(i)
      return CorpusFile(
        path: root + "/" + relative, relativePath: relative, size: sizes[i],
        modificationTime: modificationTimes[i])
    }
  }
}
