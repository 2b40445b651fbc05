public import Citations
public import VietText

/// A citation with where it sits in the original file and what the file says there.
public struct LocatedCitation: Hashable, Sendable {
  /// The parsed citation (its `range` is in the normalized text).
  public var citation: Citation
  /// Line, column and original byte offset of its first character.
  public var location: SourceLocation
  /// The original byte offset just past it.
  public var originalEnd: Int
  /// The exact original text of the citation.
  public var text: String
  /// What the cited document is about, as the citing sentence says after "về" ("… của Ban
  /// Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng …"): resolves citations of documents
  /// that never state their own number.
  public var subject: String?

  /// Creates a located citation.
  public init(
    citation: Citation, location: SourceLocation, originalEnd: Int, text: String,
    subject: String? = nil
  ) {
    self.citation = citation
    self.location = location
    self.originalEnd = originalEnd
    self.text = text
    self.subject = subject
  }
}

/// What the index keeps of a document besides its words, and what the citation graph is built
/// from: its path, the documents it holds, and its citations with their places.
///
/// `SearchIndex` stores these and `CitationGraph` consumes them; neither module knows the other.
public struct DocumentSummary: Hashable, Sendable {
  /// The path shown to users.
  public var path: String
  /// The documents the file holds, first the main one.
  public var identities: [DocumentIdentity]
  /// The citations, in order of appearance.
  public var citations: [LocatedCitation]
  /// The 1-based line where each identity's text starts (same count as `identities`).
  public var identityLines: [Int]

  /// Creates a summary.
  public init(
    path: String, identities: [DocumentIdentity], citations: [LocatedCitation],
    identityLines: [Int]
  ) {
    self.path = path
    self.identities = identities
    self.citations = citations
    self.identityLines = identityLines
  }
}

extension DocumentSummary {
  /// The summary with every citation's ``LocatedCitation/text`` taken from the file's text: the
  /// original bytes between its ``LocatedCitation/location`` and ``LocatedCitation/originalEnd``.
  ///
  /// The index does not store citation texts (they are the file's own bytes); a command that
  /// prints them reads the file — after checking it is the one indexed — and calls this.
  /// - Parameter original: The file's text as read (``Document/original``).
  public func withCitationTexts(original: String) -> DocumentSummary {
    var copy = self
    for index in copy.citations.indices {
      let located = copy.citations[index]
      copy.citations[index].text = LocatedCitation.originalText(
        in: original, bytes: located.location.byteOffset..<max(located.location.byteOffset, located.originalEnd))
    }
    return copy
  }
}

extension LocatedCitation {
  /// The text of a file's original bytes `range`, clamped to the text (as
  /// ``Document/originalText(of:)`` takes it).
  public static func originalText(in original: String, bytes range: Range<Int>) -> String {
    let utf8 = original.utf8
    let start = min(max(0, range.lowerBound), utf8.count)
    let end = min(max(start, range.upperBound), utf8.count)
    let lower = utf8.index(utf8.startIndex, offsetBy: start)
    let upper = utf8.index(utf8.startIndex, offsetBy: end)
    return String(decoding: utf8[lower..<upper], as: UTF8.self)
  }
}

extension Document {
  /// The document's summary: identities and located citations.
  public var summary: DocumentSummary {
    var text = normalized.text
    let citationLocations = locations(of: extraction.citations.map(\.range.lowerBound))
    let citations = text.withUTF8 { bytes in
      zip(extraction.citations, citationLocations).map { citation, location in
        LocatedCitation(
          citation: citation, location: location,
          originalEnd: normalized.originalByteOffset(of: citation.range.upperBound),
          text: originalText(of: citation.range),
          subject: Self.subject(after: citation.range.upperBound, in: bytes))
      }
    }
    return DocumentSummary(
      path: path, identities: extraction.documents, citations: citations,
      identityLines: locations(of: extraction.documents.map(\.range.lowerBound)).map(\.line))
  }
}

extension Document {
  /// The subject that follows a citation: the words after " về " when it comes soon after the
  /// citation (its date and issuer between), up to the end of the clause.
  static func subject(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let ve: [UInt8] = [0x20, 0x76, 0xE1, 0xBB, 0x81, 0x20]  // " về "
    let searchEnd = min(bytes.count, offset + 160)
    var i = offset
    var start: Int?
    while i + ve.count <= searchEnd {
      let byte = bytes[i]
      if byte == 0x0A || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "(") { return nil }
      if byte == 0x20, bytes[i..<(i + ve.count)].elementsEqual(ve) {
        start = i + ve.count
        break
      }
      i += 1
    }
    guard let start else { return nil }
    var end = start
    let limit = min(bytes.count, start + 320)
    while end < limit {
      let byte = bytes[end]
      if byte == 0x0A || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "(")
        || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"")
        || (byte == UInt8(ascii: ".") && (end + 1 == bytes.count || bytes[end + 1] == 0x20))
        || (byte == 0xE2 && end + 2 < bytes.count && bytes[end + 1] == 0x80
          && (bytes[end + 2] == 0x9C || bytes[end + 2] == 0x9D))
      {
        break
      }
      end += 1
    }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
    // Back to a scalar boundary if the limit cut a letter.
    while end > start, end < bytes.count, bytes[end].isUTF8Continuation { end -= 1 }
    guard end - start >= 8 else { return nil }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}
