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
    let lower = id.lowercased()
    // "qđi" in UTF-8; most ids have none, and a byte scan is far cheaper than `replacing`.
    let pattern: [UInt8] = [0x71, 0xC4, 0x91, 0x69]
    let bytes = Array(lower.utf8)
    guard bytes.count >= pattern.count,
      (0...(bytes.count - pattern.count)).contains(where: { bytes[$0..<($0 + 4)].elementsEqual(pattern) })
    else { return lower }
    return lower.replacing("qđi", with: "qđ")
  }

  /// A title or subject as compared when a citation is resolved by title: folded, a leading
  /// "về" dropped, every run of non-letters one space.
  public static func title(_ title: String) -> String {
    let folded = DiacriticFolding.fold(title)
    if let ascii = asciiTitle(folded) { return ascii }
    var words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    if words.first == "ve" { words.removeFirst() }
    return words.joined(separator: " ")
  }

  /// ``title(_:)`` of folded text that is all ASCII (nearly every title), on bytes: for ASCII,
  /// `isLetter || isNumber` is exactly `[A-Za-z0-9]`. `nil` when the text is not all ASCII.
  private static func asciiTitle(_ folded: String) -> String? {
    var folded = folded
    var output: [UInt8] = []
    let done = folded.withUTF8 { appendASCIITitle($0, to: &output) }
    return done ? String(decoding: output, as: UTF8.self) : nil
  }

  /// Appends ``title(_:)`` of the folded bytes `folded` to `output` and returns true when they
  /// are all ASCII; else leaves `output` as it was and returns false.
  private static func appendASCIITitle(
    _ folded: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]
  ) -> Bool {
    let start = output.count
    output.reserveCapacity(start + folded.count)
    var words = 0
    var inWord = false
    var firstWordEnd = 0
    for byte in folded {
      guard byte < 0x80 else {
        output.removeSubrange(start...)
        return false
      }
      let isWordByte =
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
      if isWordByte {
        if !inWord {
          if words > 0 { output.append(0x20) }
          if words == 1 { firstWordEnd = output.count - 1 - start }
          words += 1
          inWord = true
        }
        output.append(byte)
      } else {
        inWord = false
      }
    }
    // A leading "ve" (and the space after it) goes.
    let length = output.count - start
    if words > 0, length >= 2, output[start] == 0x76, output[start + 1] == 0x65,
      words == 1 ? length == 2 : firstWordEnd == 2
    {
      output.removeSubrange(start..<(start + (words == 1 ? 2 : 3)))
    }
    return true
  }

  /// A name as compared: folded.
  public static func name(_ name: String) -> String { DiacriticFolding.fold(name) }

  /// The key bytes of a facet and a value: the facet byte, then the value's UTF-8.
  public static func key(_ facet: Facet, _ value: String) -> [UInt8] {
    var key: [UInt8] = []
    key.reserveCapacity(1 + value.utf8.count)
    key.append(facet.rawValue)
    key.append(contentsOf: value.utf8)
    return key
  }

  /// `key(facet, id(id))`, made on the bytes, without the strings between, for an id of ASCII
  /// and `Đ`/`đ` (nearly every id); any other goes through ``id(_:)``.
  static func idKey(_ facet: Facet, _ id: String) -> [UInt8] {
    var id = id
    var key: [UInt8] = []
    let done = id.withUTF8 { bytes -> Bool in
      key.reserveCapacity(1 + bytes.count)
      key.append(facet.rawValue)
      var i = 0
      while i < bytes.count {
        let byte = bytes[i]
        if byte < 0x80 {
          key.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
          i &+= 1
        } else if byte == 0xC4, i &+ 1 < bytes.count, bytes[i &+ 1] & 0xFE == 0x90 {
          key.append(0xC4)
          key.append(0x91)  // đ
          // The Party's "QĐi" is looked up as "QĐ": the "i" after "qđ" goes.
          if key.count >= 4, key[key.count - 3] == 0x71, i &+ 2 < bytes.count,
            bytes[i &+ 2] | 0x20 == 0x69
          {
            i &+= 1
          }
          i &+= 2
        } else {
          return false
        }
      }
      return true
    }
    return done ? key : self.key(facet, Self.id(id))
  }

  /// `key(facet, title(title))`, folded and compared on the bytes when the folded title is ASCII.
  static func titleKey(_ facet: Facet, _ title: String) -> [UInt8] {
    var title = title
    var folded: [UInt8] = []
    title.withUTF8 { DiacriticFolding.fold($0, range: 0..<$0.count, into: &folded) }
    var key: [UInt8] = [facet.rawValue]
    let done = folded.withUnsafeBufferPointer { appendASCIITitle($0, to: &key) }
    return done ? key : self.key(facet, Self.title(title))
  }

  /// `key(facet, name(name))`, folded straight into the key.
  static func nameKey(_ facet: Facet, _ name: String) -> [UInt8] {
    var name = name
    var key: [UInt8] = [facet.rawValue]
    name.withUTF8 { DiacriticFolding.fold($0, range: 0..<$0.count, into: &key) }
    return key
  }

  /// Every key a document is filed under, each once, in byte order.
  ///
  /// - Parameter untitledTitles: The titles (compared form) of the corpus's documents that state
  ///   no number: a subject is filed only when it is one of them, since only then can it resolve a
  ///   citation by title. `nil` files every subject.
  public static func keys(of summary: DocumentSummary, untitledTitles: Set<String>? = nil)
    -> [[UInt8]]
  {
    // Gathered, sorted and deduplicated: a `Set<[UInt8]>` hashes its keys a byte at a time.
    var keys: [[UInt8]] = []
    keys.reserveCapacity(summary.identities.count &+ 2 &* summary.citations.count)
    for identity in summary.identities {
      if let id = identity.id {
        keys.append(idKey(.identity, id))
      } else if let title = identity.title {
        keys.append(titleKey(.untitled, title))
      }
    }
    for located in summary.citations {
      keys.append(idKey(.cited, located.citation.id))
      if let subject = located.subject {
        if let untitledTitles {
          let compared = title(subject)
          if untitledTitles.contains(compared) { keys.append(key(.subject, compared)) }
        } else {
          keys.append(titleKey(.subject, subject))
        }
      }
      if let name = located.citation.name { keys.append(nameKey(.name, name)) }
    }
    keys.sort { $0.lexicographicallyPrecedes($1) }
    var unique = 0
    for index in keys.indices where unique == 0 || keys[index] != keys[unique &- 1] {
      keys.swapAt(index, unique)
      unique &+= 1
    }
    keys.removeLast(keys.count &- unique)
    return keys
  }
}
