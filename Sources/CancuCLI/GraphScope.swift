import Citations
import Corpus
import SearchIndex

/// The documents a citation graph must be built from to answer a question about a few documents
/// exactly as the graph of the whole corpus would, found through the index's citation map.
///
/// The graph of a subset of the corpus agrees with the whole graph on a node when it holds every
/// document that contributes to that node. ``require(id:)`` loads every document that holds or
/// cites an id (lookup keys are coarser than graph keys, so more, never fewer); ``close()`` then
/// adds what the graph's other rules reach:
/// - a document holding an identity with an id: every document holding the same id (the first
///   file keeps it);
/// - a document that states no number (it may be resolved by title): every other such document
///   with the same title, and every citation for that subject — with everything about the
///   documents those citations name, since which of them claims the document first, and with
///   what date, decides its id and date;
/// - a citation whose subject is such a title: everything about the document it names.
/// The answers built on a scope are checked against the whole graph's by the tests
/// (`GraphScopeTests`).
struct GraphScope {
  let reader: IndexReader
  /// Loaded documents, by id.
  private(set) var documents: [Int: StoredDocument] = [:]
  private var lookups: [[UInt8]: [Int]] = [:]
  /// The ids (lookup form) required: every node they can be part of is complete.
  private var required: Set<String> = []
  private var pending: [Int] = []
  /// The titles of the documents that state no number (compared form).
  private let untitledTitles: Set<String>
  private var comparable: [String: String] = [:]

  init(reader: IndexReader) throws(IndexError) {
    self.reader = reader
    untitledTitles = Set(try reader.values(filedUnder: .untitled))
  }

  /// Loads the documents filed under a key; returns their ids and whether the key is new.
  @discardableResult
  mutating func add(_ facet: CitationKeys.Facet, _ value: String) throws(IndexError)
    -> (ids: [Int], isNew: Bool)
  {
    let key = CitationKeys.key(facet, value)
    if let ids = lookups[key] { return (ids, false) }
    let ids = try reader.documents(filedUnder: facet, value)
    lookups[key] = ids
    try load(ids)
    return (ids, true)
  }

  /// Loads documents by id: their headers only while no document states no number (the rules
  /// then read identities only), else whole.
  mutating func load(_ ids: [Int]) throws(IndexError) {
    let new = ids.filter { documents[$0] == nil }
    let read = untitledTitles.isEmpty ? try reader.documentHeaders(new) : try reader.documents(new)
    for (id, document) in zip(new, read) { documents[id] = document }
    pending += new
  }

  /// Loads every document that holds or cites `id`.
  mutating func require(id: String) throws(IndexError) {
    let key = CitationKeys.id(id)
    guard required.insert(key).inserted else { return }
    try add(.cited, key)
    try add(.identity, key)
  }

  /// Loads every document that cites something by `name`, and everything about what it cites.
  mutating func require(name: String) throws(IndexError) {
    let folded = CitationKeys.name(name)
    let (ids, isNew) = try add(.name, folded)
    guard isNew else { return }
    for document in try reader.documents(ids) {
      for located in document.summary.citations
      where located.citation.name.map(CitationKeys.name) == folded {
        try require(id: located.citation.id)
      }
    }
  }

  /// Adds documents until the rules of the type's comment add none.
  mutating func close() throws(IndexError) {
    while let id = pending.popLast() {
      guard let summary = documents[id]?.summary else { continue }
      for identity in summary.identities {
        if let id = identity.id {
          try add(.identity, CitationKeys.id(id))
        } else if let title = identity.title {
          try requireTitle(CitationKeys.title(title))
        }
      }
      guard !untitledTitles.isEmpty else { continue }
      for located in summary.citations {
        guard let subject = located.subject else { continue }
        let title = comparableTitle(subject)
        guard untitledTitles.contains(title) else { continue }
        try requireTitle(title)
        try require(id: located.citation.id)
      }
    }
  }

  private mutating func requireTitle(_ title: String) throws(IndexError) {
    try add(.untitled, title)
    let (ids, isNew) = try add(.subject, title)
    guard isNew else { return }
    for id in ids {
      for located in documents[id]?.summary.citations ?? []
      where located.subject.map({ comparableTitle($0) }) == title {
        try require(id: located.citation.id)
      }
    }
  }

  private mutating func comparableTitle(_ subject: String) -> String {
    if let known = comparable[subject] { return known }
    let title = CitationKeys.title(subject)
    comparable[subject] = title
    return title
  }

  /// The citations of document `id` (read whole from the index).
  func citations(of id: Int) throws(IndexError) -> [LocatedCitation] {
    try reader.documents([id]).first?.summary.citations ?? []
  }

  /// The loaded documents, in id order, each with only its citations of required ids.
  ///
  /// Dropping the other citations changes no answer about a required id: the nodes they make
  /// are incomplete anyway, and none of them can be resolved by title (a citation whose subject
  /// is an untitled document's title has its id required by ``close()``). It makes decoding and
  /// building the graph of a popular document's citers cost its citations, not every citation
  /// of the citers.
  func loaded() throws(IndexError) -> [StoredDocument] {
    let required = required
    return try reader.documents(documents.keys.sorted()) { required.contains(CitationKeys.id($0)) }
  }
}
