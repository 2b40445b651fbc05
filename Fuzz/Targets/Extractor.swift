// libFuzzer target: the citation extractor on arbitrary (decoded, normalized) text.
// Checks that every range it returns lies inside the text it was given.
import Citations
import VietText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtractor(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : count)
  let text = NormalizedText(original: String(decoding: bytes, as: UTF8.self)).text
  let extraction = CitationExtractor().extract(from: text)
  let length = text.utf8.count
  for citation in extraction.citations {
    precondition(citation.range.lowerBound >= 0 && citation.range.upperBound <= length,
      "citation range \(citation.range) outside the text (\(length) bytes)")
  }
  for document in extraction.documents {
    precondition(document.range.lowerBound >= 0 && document.range.upperBound <= length,
      "document range \(document.range) outside the text (\(length) bytes)")
  }
  return 0
}
