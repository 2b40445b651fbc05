// libFuzzer target: the query parser of `cancu search`, and the query analysis behind it.
// A query is either parsed or rejected with IndexError.invalidQuery; NFD input parses like NFC.
@testable import SearchIndex
import VietText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : count), as: UTF8.self)
  let parsed: Query?
  do {
    parsed = try Query(parsing: text)
  } catch {
    guard case .invalidQuery = error else { preconditionFailure("unexpected error \(error)") }
    parsed = nil
  }
  let nfc = try? Query(parsing: Normalization.nfc(text))
  precondition(nfc == parsed, "NFC and the original parse differently")
  _ = Analyzer().queryTerms(text)
  return 0
}
