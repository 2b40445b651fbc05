import VietText

extension Query {
  /// Parses the query language of `cancu search`.
  ///
  /// Words are ANDed; `"…"` is a phrase; `OR` (upper case) between two atoms makes them
  /// alternatives; `-word` and `-"…"` exclude; `kind:`, `year:`, `issuer:`, `cites:` filter (a quoted
  /// value may hold spaces) and `-kind:…` excludes by a filter. A word that tokenizes into several tokens (`dân-chủ`) is a phrase. The
  /// query is normalized to NFC first, so NFD input equals NFC input.
  ///
  /// - Throws: ``IndexError/invalidQuery(_:)`` for a query with nothing to search or a bad filter.
  public init(parsing text: String) throws(IndexError) {
    self.init()
    var items = Self.split(Normalization.nfc(text))
    var pendingOr = false
    while !items.isEmpty {
      let item = items.removeFirst()
      if item.text == "OR", !item.quoted {
        guard !required.isEmpty, !items.isEmpty else {
          throw .invalidQuery("'OR' needs a word or phrase on each side")
        }
        pendingOr = true
        continue
      }
      if !item.quoted, let colon = item.text.firstIndex(of: ":") {
        let name = item.text[..<colon].lowercased()
        var value = String(item.text[item.text.index(after: colon)...])
        if ["kind", "year", "issuer", "cites"].contains(name) {
          if value.isEmpty, let next = items.first, next.quoted {
            value = next.text
            items.removeFirst()
          }
          let filter = try Self.filter(name, value)
          if item.negated { excludedFilters.append(filter) } else { filters.append(filter) }
          continue
        }
      }
      let words = Self.words(item.text)
      guard !words.isEmpty else { continue }
      let atom: Atom = words.count == 1 ? .term(words[0]) : .phrase(words)
      if item.negated {
        excluded.append(atom)
      } else if pendingOr, !required.isEmpty {
        required[required.count - 1].append(atom)
      } else {
        required.append([atom])
      }
      pendingOr = false
    }
    if required.isEmpty && filters.isEmpty && excludedFilters.isEmpty {
      throw .invalidQuery("the query has nothing to search for: give a word, a phrase or a filter")
    }
  }

  private static func filter(_ name: String, _ value: String) throws(IndexError) -> Filter {
    guard !value.isEmpty else { throw .invalidQuery("filter '\(name):' needs a value") }
    switch name {
    case "kind": return .kind(DiacriticFolding.fold(value))
    case "issuer": return .issuer(DiacriticFolding.fold(value))
    case "cites": return .cites(value)
    default:
      guard let year = Int(value), (1900...2100).contains(year) else {
        throw .invalidQuery("filter 'year:' needs a year such as 2024, got '\(value)'")
      }
      return .year(year)
    }
  }

  /// The tokens of a word or phrase, as text.
  private static func words(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return Tokenizer.tokens(in: text).map { String(decoding: bytes[$0.range], as: UTF8.self) }
  }

  private struct Item {
    var text: String
    var quoted: Bool
    var negated: Bool
  }

  /// Splits on white space, keeping `"…"` together; an unclosed quote runs to the end.
  private static func split(_ text: String) -> [Item] {
    var items: [Item] = []
    var current = ""
    var inQuote = false
    var negated = false
    var quoted = false
    func flush() {
      if !current.isEmpty || quoted { items.append(Item(text: current, quoted: quoted, negated: negated)) }
      current = ""
      negated = false
      quoted = false
    }
    for character in text {
      if inQuote {
        if character == "\"" || character == "”" {
          inQuote = false
          flush()
        } else {
          current.append(character)
        }
      } else if character == "\"" || character == "“" {
        if !current.isEmpty, !current.hasSuffix(":") {
          flush()
        } else if current.hasSuffix(":") {
          // kind:"nghị quyết": the quoted value follows as its own item.
          flush()
        }
        if current.isEmpty, let last = items.last, last.text == "-", !last.quoted {
          items.removeLast()
          negated = true
        }
        inQuote = true
        quoted = true
      } else if character.isWhitespace {
        flush()
      } else if character == "-", current.isEmpty, !negated {
        negated = true
      } else {
        current.append(character)
      }
    }
    flush()
    return items
  }
}
