import Foundation
import TestSupport
import Testing
import VietText

/// `NormalizedText.locations(of:)` counts columns in one pass over a line: it must give exactly
/// what `location(of:)` gives one offset at a time (the oracle), in any order of offsets.
@Suite("Locations of many offsets")
struct LocationTests {
  @Test("Batch locations equal one-at-a-time locations", arguments: [
    "Chỉ thị số 30-CT/TW, Chỉ thị số 30-CT/TW\nhai\r\nba",
    "\u{FEFF}dòng một\rdòng hai có dấu\n\n",
    ("\u{301}dấu ở đầu dòng, hoà bình\nthuỷ lợi và khoẻ" as String).decomposedStringWithCanonicalMapping,
    "",
  ])
  func batchEqualsOneAtATime(original: String) {
    let text = NormalizedText(original: original)
    let count = text.text.utf8.count
    var random = SeededGenerator(seed: UInt64(count))
    let sorted = Array(0...count)
    let shuffled = (0..<(count + 5)).map { _ in Int(random.next() % UInt64(count + 1)) }
    for offsets in [sorted, shuffled, sorted.reversed()] {
      #expect(text.locations(of: offsets) == offsets.map { text.location(of: $0) })
    }
  }
}
