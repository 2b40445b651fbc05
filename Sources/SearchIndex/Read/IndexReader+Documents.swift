public import Corpus

// MARK: - Documents and the citation map

extension IndexReader {
  /// The layouts of sections 7 and 6, or `nil` for an index of another analysis version (which
  /// is rebuilt, never read).
  static func documentLayouts(
    _ bytes: UnsafeRawBufferPointer, sections: [IndexFormat.Section: Range<Int>], current: Bool,
    path: String
  ) throws(IndexError) -> (StringTableReader.Layout?, CitationMap.Layout?) {
    guard current else { return (nil, nil) }
    guard let strings = sections[.strings] else {
      throw .damaged(path: path, detail: "section strings is missing")
    }
    guard let map = sections[.citationMap] else {
      throw .damaged(path: path, detail: "section citationMap is missing")
    }
    return (
      try StringTableReader.Layout(bytes, range: strings, path: path),
      try CitationMap.Layout(bytes, range: map, path: path)
    )
  }

  /// A reader of the shared strings, for one batch of records.
  func stringTable() throws(IndexError) -> StringTableReader {
    guard let stringLayout else {
      throw .damaged(path: path, detail: "the index was written by another version; rebuild it")
    }
    return StringTableReader(mappedBytes, layout: stringLayout, path: path)
  }

  func document(_ id: Int, strings: inout StringTableReader) throws(IndexError) -> StoredDocument {
    let record = try documentRecord(id)
    var reader = ByteReader(mappedBytes, offset: record.lowerBound, path: path)
    return try DocumentCodec.decode(&reader, end: record.upperBound, strings: &strings)
  }

  /// Document `id` without its citations (`summary.citations` is empty): path, manifest fields,
  /// token count and identities, for search results and filters. Only the record's header is
  /// read and checked.
  public func documentHeader(_ id: Int) throws(IndexError) -> StoredDocument {
    var strings = try stringTable()
    let record = try documentRecord(id)
    var reader = ByteReader(mappedBytes, offset: record.lowerBound, path: path)
    return try DocumentCodec.decodeHeader(&reader, end: record.upperBound, strings: &strings)
  }

  /// Documents `ids`, in that order, sharing one decoding of the strings they refer to.
  /// Citation texts are empty but for repaired citations (see ``DocumentCodec``).
  public func documents(_ ids: [Int]) throws(IndexError) -> [StoredDocument] {
    try records(ids) { reader, end, strings throws(IndexError) in
      try DocumentCodec.decode(&reader, end: end, strings: &strings)
    }
  }

  /// Documents `ids`, in that order, with only the citations whose id `keep` accepts (asked once
  /// per cited document): the others are read past without making their strings.
  public func documents(_ ids: [Int], keepingCitations keep: @escaping (String) -> Bool) throws(IndexError)
    -> [StoredDocument]
  {
    var kept: [Int: Bool] = [:]
    let filter = { (ref: Int, id: String) -> Bool in
      if let known = kept[ref] { return known }
      let answer = keep(id)
      kept[ref] = answer
      return answer
    }
    return try records(ids) { reader, end, strings throws(IndexError) in
      try DocumentCodec.decode(&reader, end: end, strings: &strings, keep: filter)
    }
  }

  /// Document headers (``documentHeader(_:)``) `ids`, in that order.
  public func documentHeaders(_ ids: [Int]) throws(IndexError) -> [StoredDocument] {
    try records(ids) { reader, end, strings throws(IndexError) in
      try DocumentCodec.decodeHeader(&reader, end: end, strings: &strings)
    }
  }

  /// What search filters test of each document (``SearchFilterFields``), in the order of `ids`:
  /// headers checked, their other strings not made.
  package func searchFilterFields(_ ids: [Int]) throws(IndexError) -> [SearchFilterFields] {
    try records(ids) { reader, end, strings throws(IndexError) in
      try DocumentCodec.decodeFilterFields(&reader, end: end, strings: &strings)
    }
  }

  /// Decodes the records of documents `ids`, in that order, with `decode` (given a reader at the
  /// record's start, the record's end and the strings), sharing one string-table reader.
  private func records<Decoded>(
    _ ids: [Int],
    _ decode: (inout ByteReader, Int, inout StringTableReader) throws(IndexError) -> Decoded
  ) throws(IndexError) -> [Decoded] {
    guard !ids.isEmpty else { return [] }
    var strings = try stringTable()
    var result: [Decoded] = []
    result.reserveCapacity(ids.count)
    for id in ids {
      let record = try documentRecord(id)
      var reader = ByteReader(mappedBytes, offset: record.lowerBound, path: path)
      result.append(try decode(&reader, record.upperBound, &strings))
    }
    return result
  }

  /// The ids of the documents filed under a ``CitationKeys`` key, ascending.
  ///
  /// - Complexity: O(log *keys*) map entries read and checked.
  public func documents(filedUnder facet: CitationKeys.Facet, _ value: String) throws(IndexError) -> [Int] {
    guard let citationMapLayout else {
      throw .damaged(path: path, detail: "the index was written by another version; rebuild it")
    }
    return try CitationMap.documents(
      CitationKeys.key(facet, value), in: mappedBytes, layout: citationMapLayout,
      documentCount: documentCount, path: path)
  }
}

extension IndexReader {
  /// Every value filed under one facet of the citation map: for ``CitationKeys/Facet/untitled``,
  /// the titles of the documents that state no number.
  public func values(filedUnder facet: CitationKeys.Facet) throws(IndexError) -> [String] {
    guard let citationMapLayout else {
      throw .damaged(path: path, detail: "the index was written by another version; rebuild it")
    }
    return try CitationMap.values(of: facet, in: mappedBytes, layout: citationMapLayout, path: path)
  }
}
