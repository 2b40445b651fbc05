import VietText

/// The terms of one document: what the index writer needs, computed apart from the writer so
/// documents can be analyzed in parallel.
///
/// Each token gives a **folded** term (the dictionary key: `dan`, `dang`, `30-ct/tw`) and an
/// **exact form** (lower case, canonical tone placement: `dân`, `đảng`), kept per position as an
/// index into the term's variants. Exact matching then needs no re-reading of documents.
package struct DocumentAnalysis: Sendable {
  /// The folded terms, in order of first appearance.
  package var terms: [[UInt8]] = []
  /// For each term, its exact forms, in order of first appearance.
  package var variants: [[[UInt8]]] = []
  /// For each term, its occurrences: position and variant index, interleaved.
  package var occurrences: [[UInt32]] = []
  /// The number of tokens (the document length for BM25).
  package var tokenCount = 0
}

/// Turns text into terms: tokenize (``Tokenizer``), fold (``DiacriticFolding``), exact form
/// (``ExactForm``).
package struct Analyzer: Sendable {
  /// Tokens longer than this many bytes (runs of garbage, base64) are skipped but still take a
  /// position.
  package var maximumTermLength = 96

  package init() {}

  /// Analyzes NFC text.
  ///
  /// - Complexity: O(*n*); one dictionary lookup per token, on a reused buffer.
  package func analyze(_ text: String) -> DocumentAnalysis {
    var text = text
    return text.withUTF8 { analyze($0) }
  }

  package func analyze(_ bytes: UnsafeBufferPointer<UInt8>) -> DocumentAnalysis {
    var analysis = DocumentAnalysis()
    var local: [[UInt8]: Int] = [:]
    var seen = TokenTable(capacity: bytes.count / 32)
    var folded: [UInt8] = []
    var exact: [UInt8] = []
    var scratch: [UInt32] = []
    folded.reserveCapacity(64)
    exact.reserveCapacity(64)
    var position: UInt32 = 0
    Tokenizer.forEachToken(in: bytes) { token in
      defer { position &+= 1 }
      guard token.range.count <= maximumTermLength else { return }
      let hash = TokenTable.hash(bytes, token.range)
      if let (term, variant) = seen.lookup(bytes, token.range, hash: hash) {
        analysis.occurrences[term].append(position)
        analysis.occurrences[term].append(UInt32(truncatingIfNeeded: variant))
        return
      }
      folded.removeAll(keepingCapacity: true)
      DiacriticFolding.fold(bytes, range: token.range, into: &folded)
      guard !folded.isEmpty else { return }
      exact.removeAll(keepingCapacity: true)
      ExactForm.key(bytes, range: token.range, scratch: &scratch, into: &exact)
      let term: Int
      if let known = local[folded] {
        term = known
      } else {
        term = analysis.terms.count
        local[folded] = term
        analysis.terms.append(folded)
        analysis.variants.append([])
        analysis.occurrences.append([])
      }
      let variant: Int
      if let known = analysis.variants[term].firstIndex(of: exact) {
        variant = known
      } else {
        variant = analysis.variants[term].count
        analysis.variants[term].append(exact)
      }
      seen.insert(token.range, hash: hash, term: term, variant: variant)
      analysis.occurrences[term].append(position)
      analysis.occurrences[term].append(UInt32(truncatingIfNeeded: variant))
    }
    analysis.tokenCount = Int(position)
    return analysis
  }

  /// The folded and exact forms of each token of a query word or phrase.
  package func queryTerms(_ text: String) -> [(folded: [UInt8], exact: [UInt8])] {
    var text = Normalization.nfc(text)
    var result: [(folded: [UInt8], exact: [UInt8])] = []
    var scratch: [UInt32] = []
    text.withUTF8 { bytes in
      Tokenizer.forEachToken(in: bytes) { token in
        var folded: [UInt8] = []
        var exact: [UInt8] = []
        DiacriticFolding.fold(bytes, range: token.range, into: &folded)
        ExactForm.key(bytes, range: token.range, scratch: &scratch, into: &exact)
        if !folded.isEmpty { result.append((folded, exact)) }
      }
    }
    return result
  }
}
