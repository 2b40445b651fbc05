@testable import Citations
import Testing

/// `DocumentKind` compares and hashes by case (not through its Vietnamese raw value).
@Suite("Document kinds")
struct DocumentKindTests {
  @Test("the ordinal is the position in allCases, and tells every case apart")
  func ordinalIsThePositionInAllCases() {
    for (index, kind) in DocumentKind.allCases.enumerated() {
      #expect(kind.ordinal == index, "\(kind)")
      for other in DocumentKind.allCases {
        #expect((kind == other) == (kind.rawValue == other.rawValue), "\(kind) \(other)")
      }
    }
    #expect(Set(DocumentKind.allCases).count == DocumentKind.allCases.count)
    var byKind: [DocumentKind: String] = [:]
    for kind in DocumentKind.allCases { byKind[kind] = kind.rawValue }
    for kind in DocumentKind.allCases { #expect(byKind[kind] == kind.rawValue) }
    #expect(DocumentKind(rawValue: "Nghị quyết") == .resolution)
  }
}
