public import Citations
import VietText

/// The lookup keys under which the index files a document's identities and citations, so that a
/// query for one cited document decodes only the documents that can bear on it.
///
/// Each key is *coarser* than the identity the citation graph uses (a superset of the documents
/// that matter is found, never a subset): the graph's ``NodeKey``-style keys add a kind family and
/// a province scope to the id, and these keys drop both. The functions are shared by the index
/// writer and the graph, so the two can never disagree on what a title or an id compares as.
public enum CitationKeys {
  /// What a key files documents under.
  public enum Facet: UInt8, Sendable, CaseIterable {
    /// A document holds an identity with this id.
    case identity = 0x69  // "i"
    /// A document cites this id.
    case cited = 0x63  // "c"
    /// A document holds an identity with no number and this title.
    case untitled = 0x74  // "t"
    /// A document cites something with this subject ("… về <subject>"), which is the title of a
    /// document that states no number.
    case subject = 0x73  // "s"
    /// A document cites something by this name (a law named without its number).
    case name = 0x6E  // "n"
  }

  /// An id as looked up: lower-cased, the Party's `QĐi` spelled `QĐ` (`11-QĐi/TW` and
  /// `11-QĐ/TW` may be one document; which one the graph decides from the kind).
  public static func id(_ id: String) -> String {
    id.lowercased().replacing("qđi", with: "qđ")
  }

  /// A title or subject as compared when a citation is resolved by title: folded, a leading
  /// "về" dropped, every run of non-letters one space.
  public static func title(_ title: String) -> String {
    var words = DiacriticFolding.fold(title).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    if words.first == "ve" { words.removeFirst() }
    return words.joined(separator: " ")
  }

  /// A name as compared: folded.
  public static func name(_ name: String) -> String { DiacriticFolding.fold(name) }

  /// The key bytes of a facet and a value: the facet byte, then the value's UTF-8.
  public static func key(_ facet: Facet, _ value: String) -> [UInt8] {
    [facet.rawValue] + Array(value.utf8)
  }

  /// Every key a document is filed under, each once, in no particular order.
  ///
  /// - Parameter untitledTitles: The titles (compared form) of the corpus's documents that state
  ///   no number: a subject is filed only when it is one of them, since only then can it resolve a
  ///   citation by title. `nil` files every subject.
  public static func keys(of summary: DocumentSummary, untitledTitles: Set<String>? = nil)
    -> Set<[UInt8]>
  {
    var keys: Set<[UInt8]> = []
    for identity in summary.identities {
      if let id = identity.id {
        keys.insert(key(.identity, Self.id(id)))
      } else if let title = identity.title {
        keys.insert(key(.untitled, Self.title(title)))
      }
    }
    for located in summary.citations {
      keys.insert(key(.cited, id(located.citation.id)))
      if let subject = located.subject {
        let compared = title(subject)
        if untitledTitles?.contains(compared) ?? true { keys.insert(key(.subject, compared)) }
      }
      if let name = located.citation.name { keys.insert(key(.name, Self.name(name))) }
    }
    return keys
  }
}
