// libFuzzer target: the text path every file takes — decode (Corpus), normalize (NFC, line ends,
// offset map), tokenize, fold, tone placement, analysis for the index.
// Checks invariants that must hold for any input: NFC is idempotent, folding is idempotent,
// tokens are in order and inside the text, offsets map back inside the original.
@testable import Corpus
@testable import SearchIndex
import VietText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let raw = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : count))
  // The loader's decoder must classify anything without trapping.
  let decoded = TextDecoding.decode(raw, path: "fuzz.txt")
  _ = TextDecoding.guessLegacy(raw)
  let offset = TextDecoding.firstInvalidOffset(raw)
  precondition(offset >= 0 && offset <= raw.count)
  // Every input also goes through as lossily decoded text.
  let original = (try? decoded.get()) ?? String(decoding: raw, as: UTF8.self)
  let normalized = NormalizedText(original: original)
  let text = normalized.text
  let length = text.utf8.count
  let originalLength = original.utf8.count
  precondition(Normalization.nfc(text) == text, "normalized text is not NFC")
  var previous = -1
  for offset in stride(from: 0, through: length, by: max(1, length / 64)) {
    let back = normalized.originalByteOffset(of: offset)
    precondition(back >= 0 && back <= originalLength, "offset \(offset) maps to \(back)")
    precondition(back >= previous, "offset map is not monotonic")
    previous = back
    let location = normalized.location(of: offset)
    precondition(location.line >= 1 && location.column >= 1)
  }
  var end = 0
  for token in Tokenizer.tokens(in: text) {
    precondition(token.range.lowerBound >= end && token.range.upperBound <= length)
    precondition(!token.range.isEmpty, "empty token")
    end = token.range.upperBound
  }
  let folded = DiacriticFolding.fold(text)
  precondition(DiacriticFolding.fold(folded) == folded, "folding is not idempotent")
  _ = DiacriticFolding.hasDiacritics(text)
  _ = TonePlacement.canonical(text)
  _ = ExactForm.key(text)
  let analysis = Analyzer().analyze(text)
  precondition(analysis.tokenCount >= 0)
  return 0
}
