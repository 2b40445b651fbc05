import Foundation
import Testing

@testable import VietText

@Suite struct ClusterAlignmentTests {
  private func offsets(_ original: String) -> (normalized: [UInt8], offsets: [Int32]) {
    let normalized = Array(original.foundationNFC.utf8)
    var offsets: [Int32] = []
    withBytes(original) {
      ClusterAlignment.appendOffsets(original: $0, normalized: normalized[...], into: &offsets)
    }
    return (normalized, offsets)
  }

  @Test func mapsComposedClustersToTheirOriginalStart() {
    let original = "n\u{303}o e\u{301}\u{302}"
    let (normalized, offsets) = offsets(original)
    #expect(
      String(decoding: normalized, as: UTF8.self).exact == "ño e\u{301}\u{302}".foundationNFC.exact)
    #expect(offsets.count == normalized.count + 1)
    #expect(offsets[0..<2] == [0, 0])  // ñ ← n + U+0303 at 0
    #expect(offsets[2] == 3)  // o
    #expect(offsets[3] == 4)  // space
    #expect(offsets[4...].dropLast().allSatisfy { $0 == 5 })  // é + U+0302 ← e at 5
    #expect(offsets.last == Int32(original.utf8.count))
  }

  @Test func mapsToTheLineStartWhenClustersMerge() {
    let (normalized, offsets) = offsets("x\u{1100}\u{1161}")
    #expect(offsets.count == normalized.count + 1)
    #expect(offsets.dropLast().allSatisfy { $0 == 0 })
  }
}
