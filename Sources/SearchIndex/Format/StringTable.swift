import Citations

/// The strings and cited documents shared by every document record (section 7 of
/// ``IndexFormat``).
///
/// Ids, issuers, subjects, provinces and titles repeat across a corpus — `30-CT/TW` is cited by
/// three documents in four — so a record names them by a varint index into this table instead of
/// spelling them out. What a citation says of the cited document itself (kind, id, number, year,
/// symbol, name) is one more level of sharing: a *target*, also indexed. Both tables are sorted by
/// how often they are referred to, most often first, so the common references take one byte.
///
/// ```
/// string count u32, target count u32, block count u32,
/// string offsets u32 × (strings + 1), target offsets u32 × (targets + 1)   (relative to the blob)
/// block crc32 u32 × blocks, crc32 u32 of everything before it
/// blob: strings (UTF-8), then targets: kind index, id ref, number ref, year + 1, symbol ref,
///       name ref, usual date (yyyymmdd or 0), usual issuer ref — the date and issuer most of its
///       citations give, so that those citations need not repeat them
/// ```
/// A subject is stored in its record as words (references to strings split at spaces): subjects
/// are sentences, mostly different, made of a few thousand words.
/// A reference is a varint: 0 for none, else index + 1. Strings and targets are checked in blocks
/// of ``blockSize`` entries, each block once, when first read.
package enum StringTable {
  /// Entries per checked block.
  package static let blockSize = 256

  /// What a citation says of the document it cites, shared by every citation of it.
  package struct Target: Hashable, Sendable {
    package var kind: DocumentKind
    package var id: String
    package var number: String?
    package var year: Int?
    package var symbol: String?
    package var name: String?

    package init(_ citation: Citation) {
      kind = citation.kind
      id = citation.id
      number = citation.number
      year = citation.year
      symbol = citation.symbol
      name = citation.name
    }

    /// Compared by bytes, as ``Bytes`` (the table's strings are NFC: equal text is equal bytes).
    package static func == (a: Target, b: Target) -> Bool {
      func same(_ x: String?, _ y: String?) -> Bool {
        switch (x, y) {
        case (nil, nil): true
        case (let x?, let y?): Bytes(x) == Bytes(y)
        default: false
        }
      }
      return a.kind == b.kind && a.year == b.year && same(a.id, b.id) && same(a.number, b.number)
        && same(a.symbol, b.symbol) && same(a.name, b.name)
    }

    package func hash(into hasher: inout Hasher) {
      func combine(_ field: String?) {
        if let field {
          Bytes(field).hash(into: &hasher)
          hasher.combine(field.utf8.count)
        } else {
          hasher.combine(-1)
        }
      }
      hasher.combine(kind)
      hasher.combine(year)
      combine(id)
      combine(number)
      combine(symbol)
      combine(name)
    }

    /// Every field in one string, for a deterministic order of equally used targets.
    var sortKey: String {
      func field(_ value: String?) -> String { value.map { "1" + $0 } ?? "0" }
      return [kind.rawValue, id, field(number), field(year.map(String.init)), field(symbol), field(name)]
        .joined(separator: "\u{0}")
    }

    package init(
      kind: DocumentKind, id: String, number: String?, year: Int?, symbol: String?, name: String?
    ) {
      self.kind = kind
      self.id = id
      self.number = number
      self.year = year
      self.symbol = symbol
      self.name = name
    }
  }

  /// A string that hashes and compares by its UTF-8 bytes, as the table stores it. `String`'s
  /// own hashing first checks a non-ASCII key for NFC, scalar by scalar, which made counting
  /// the strings of a large corpus a noticeable part of writing its index.
  struct Bytes: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: Bytes, b: Bytes) -> Bool {
      var x = a.string
      var y = b.string
      return x.withUTF8 { x in
        y.withUTF8 { y in keysEqual(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) }
      }
    }

    func hash(into hasher: inout Hasher) {
      var string = string
      string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }

  /// Counts uses while records are planned, then numbers strings and targets by frequency.
  package struct Builder {
    private var stringUses: [Bytes: Int] = [:]
    private var targetUses: [Target: Int] = [:]
    private var dateUses: [Target: [Int: Int]] = [:]
    private var issuerUses: [Target: [Bytes: Int]] = [:]
    /// Per target (in table order): the date and issuer most citations of it give.
    private(set) var usualDates: [Int] = []
    private(set) var usualIssuers: [String?] = []
    private(set) var strings: [String] = []
    private(set) var targets: [Target] = []
    private var stringIndex: [Bytes: Int] = [:]
    private var targetIndex: [Target: Int] = [:]

    package init() {}

    package mutating func use(_ string: String?) {
      if let string { stringUses[Bytes(string), default: 0] += 1 }
    }

    /// Counts a citation of `target` that gives `date` (packed, 0 for none) and `issuer`.
    package mutating func use(_ target: Target, date: Int, issuer: String?) {
      if date != 0 { dateUses[target, default: [:]][date, default: 0] += 1 }
      if let issuer { issuerUses[target, default: [:]][Bytes(issuer), default: 0] += 1 }
      use(target)
    }

    /// Counts each word of a text stored as words (a subject).
    package mutating func use(words text: String) {
      StringTable.forEachWord(in: text) { use($0) }
    }

    private mutating func use(_ target: Target) {
      targetUses[target, default: 0] += 1
    }

    /// Adds the counts of a builder that planned other records (builders plan disjoint runs of
    /// records in parallel); the result is the same as one builder planning them all.
    package mutating func merge(_ other: Builder) {
      stringUses.merge(other.stringUses, uniquingKeysWith: +)
      targetUses.merge(other.targetUses, uniquingKeysWith: +)
      for (target, dates) in other.dateUses { dateUses[target, default: [:]].merge(dates, uniquingKeysWith: +) }
      for (target, issuers) in other.issuerUses {
        issuerUses[target, default: [:]].merge(issuers, uniquingKeysWith: +)
      }
    }

    /// Fixes the numbering: most used first, ties by bytes, so the table is deterministic.
    package mutating func finish() {
      // A target's own strings count once per target, however often it is cited.
      for target in targetUses.keys {
        use(target.id)
        use(target.number)
        use(target.symbol)
        use(target.name)
      }
      strings = stringUses.sorted { a, b in
        a.value != b.value ? a.value > b.value : a.key.string.utf8.lexicographicallyPrecedes(b.key.string.utf8)
      }.map(\.key.string)
      for (index, string) in strings.enumerated() { stringIndex[Bytes(string)] = index }
      // Each target's sort key made once, not once per comparison.
      targets = targetUses.map { (target: $0.key, uses: $0.value, key: Array($0.key.sortKey.utf8)) }
        .sorted { a, b in
          a.uses != b.uses ? a.uses > b.uses : a.key.lexicographicallyPrecedes(b.key)
        }
        .map(\.target)
      for (index, target) in targets.enumerated() { targetIndex[target] = index }
      // Most used, ties by the smaller date or the first issuer in byte order.
      usualDates = targets.map { target in
        (dateUses[target] ?? [:]).max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
      }
      usualIssuers = targets.map { target in
        (issuerUses[target] ?? [:]).max { a, b in
          a.value != b.value ? a.value < b.value : b.key.string.utf8.lexicographicallyPrecedes(a.key.string.utf8)
        }?.key.string
      }
    }

    /// The reference of a string counted before ``finish()``.
    package func reference(_ string: String?) -> Int {
      guard let string else { return 0 }
      guard let index = stringIndex[Bytes(string)] else { preconditionFailure("string not counted: \(string)") }
      return index + 1
    }

    /// The reference of a target counted before ``finish()``.
    package func reference(_ target: Target) -> Int {
      guard let index = targetIndex[target] else { preconditionFailure("target not counted: \(target)") }
      return index + 1
    }

    /// The section's bytes.
    package func serialize() -> [UInt8] {
      var blob = ByteWriter()
      var stringOffsets: [UInt32] = []
      for string in strings {
        stringOffsets.append(UInt32(blob.count))
        blob.append(Array(string.utf8))
      }
      stringOffsets.append(UInt32(blob.count))
      let targetsStart = blob.count
      var targetOffsets: [UInt32] = []
      for target in targets {
        targetOffsets.append(UInt32(blob.count - targetsStart))
        blob.varint(DocumentCodec.kindIndex(target.kind))
        blob.varint(reference(target.id))
        blob.varint(reference(target.number))
        blob.varint(target.year.map { $0 + 1 } ?? 0)
        blob.varint(reference(target.symbol))
        blob.varint(reference(target.name))
        blob.varint(usualDates[targetIndex[target] ?? 0])
        blob.varint(reference(usualIssuers[targetIndex[target] ?? 0]))
      }
      targetOffsets.append(UInt32(blob.count - targetsStart))
      // Block checksums: block b covers entries b·size ..< (b+1)·size of strings, then of targets.
      var blockCRCs: [UInt32] = []
      blob.bytes.withUnsafeBytes { bytes in
        func blocks(_ offsets: [UInt32], base: Int) {
          var start = 0
          while start < offsets.count - 1 {
            let end = min(start + StringTable.blockSize, offsets.count - 1)
            let range = (base + Int(offsets[start]))..<(base + Int(offsets[end]))
            blockCRCs.append(Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[range])))
            start = end
          }
        }
        blocks(stringOffsets, base: 0)
        blocks(targetOffsets, base: targetsStart)
      }
      var section = ByteWriter()
      section.uint32(UInt32(strings.count))
      section.uint32(UInt32(targets.count))
      section.uint32(UInt32(blockCRCs.count))
      for offset in stringOffsets { section.uint32(offset) }
      for offset in targetOffsets { section.uint32(offset) }
      for crc in blockCRCs { section.uint32(crc) }
      section.uint32(Checksum.crc32(section.bytes))
      section.append(blob.bytes)
      return section.bytes
    }
  }

  /// A text's words: split at every space, so that joining them with spaces gives it back.
  ///
  /// Split as bytes: a space byte is never part of another character's UTF-8, and joining the
  /// pieces gives the text back whatever follows a space.
  package static func words(_ text: String) -> [String] {
    var words: [String] = []
    forEachWord(in: text) { words.append($0) }
    return words
  }

  /// Calls `body` with each word of `text` split at single spaces, empty words kept (the words
  /// of ``words(_:)``), without building an array: a byte loop, where the generic `split` over
  /// the UTF-8 view was most of the time spent counting the words of the corpus's subjects.
  package static func forEachWord(in text: String, _ body: (String) -> Void) {
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      for index in bytes.indices where bytes[index] == 0x20 {
        body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        start = index &+ 1
      }
      body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
    }
  }

  /// Blocks needed for `count` entries.
  package static func blockCount(_ count: Int) -> Int { (count + blockSize - 1) / blockSize }
}

/// Reads the shared table of one mapped index, checking each block on first use and keeping
/// what it decoded: one reader serves a whole batch of records.
package struct StringTableReader {
  /// The layout of the section, read once when the index is opened.
  package struct Layout: Sendable {
    var stringCount = 0
    var targetCount = 0
    var stringOffsetsStart = 0
    var targetOffsetsStart = 0
    var blockCRCsStart = 0
    var blobStart = 0
    var blobEnd = 0
    /// Blocks already checked, shared by every reader of the index.
    let checked = CheckedBlocks()

    /// Reads the fixed part of the section at `range`, checking it.
    package init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, path: String) throws(IndexError) {
      var reader = ByteReader(bytes, offset: range.lowerBound, path: path)
      guard range.count >= 16 else { throw reader.damaged("string table is truncated") }
      stringCount = Int(try reader.uint32())
      targetCount = Int(try reader.uint32())
      let blocks = Int(try reader.uint32())
      guard stringCount < range.count, targetCount < range.count,
        blocks == StringTable.blockCount(stringCount) + StringTable.blockCount(targetCount)
      else { throw reader.damaged("string table does not match its size") }
      stringOffsetsStart = reader.offset
      targetOffsetsStart = stringOffsetsStart + (stringCount + 1) * 4
      blockCRCsStart = targetOffsetsStart + (targetCount + 1) * 4
      let tableEnd = blockCRCsStart + blocks * 4
      guard tableEnd + 4 <= range.upperBound else { throw reader.damaged("string table is truncated") }
      reader.offset = tableEnd
      let stored = try reader.uint32()
      guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<tableEnd])) == stored
      else { throw reader.damaged("string table checksum mismatch") }
      blobStart = tableEnd + 4
      blobEnd = range.upperBound
      checked.reset(blocks)
    }
  }

  /// Which blocks have been checked: set once each, under a lock.
  package final class CheckedBlocks: @unchecked Sendable {
    private let lock = Mutex()
    private var done: [Bool] = []
    func reset(_ count: Int) { lock.withLock { done = Array(repeating: false, count: count) } }
    func check(_ block: Int, _ body: () -> Bool) -> Bool {
      lock.withLock {
        if done[block] { return true }
        let ok = body()
        if ok { done[block] = true }
        return ok
      }
    }
  }

  private let bytes: UnsafeRawBufferPointer
  private let layout: Layout
  private let path: String
  /// What was decoded, by index: dictionaries, since a batch reads few of the entries and
  /// making an array for all of them costs more than a small query.
  private var strings: [Int: String] = [:]
  private var targets: [Int: StoredTarget] = [:]

  /// A target with the date and issuer most of its citations give.
  package struct StoredTarget {
    package var target: StringTable.Target
    package var usualDate: Int
    package var usualIssuer: String?
  }

  /// A reader of the table in `bytes`, laid out as `layout`; `bytes` must outlive it.
  package init(_ bytes: UnsafeRawBufferPointer, layout: Layout, path: String) {
    self.bytes = bytes
    self.layout = layout
    self.path = path
  }

  private func offset(_ table: Int, _ index: Int) -> Int {
    Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: table + index * 4, as: UInt32.self)))
  }

  /// Checks the block holding entry `index` of a table (`targets` or strings).
  private func checkBlock(of index: Int, targets isTarget: Bool) throws(IndexError) {
    let table = isTarget ? layout.targetOffsetsStart : layout.stringOffsetsStart
    let count = isTarget ? layout.targetCount : layout.stringCount
    let block = index / StringTable.blockSize
    let first = block * StringTable.blockSize
    let last = min(first + StringTable.blockSize, count)
    let base = layout.blobStart + (isTarget ? offset(layout.stringOffsetsStart, layout.stringCount) : 0)
    let number = block + (isTarget ? StringTable.blockCount(layout.stringCount) : 0)
    let bytes = bytes
    let lower = base + offset(table, first)
    let upper = base + offset(table, last)
    let stored = UInt32(
      littleEndian: bytes.loadUnaligned(fromByteOffset: layout.blockCRCsStart + number * 4, as: UInt32.self))
    let ok = layout.checked.check(number) {
      lower <= upper && upper <= layout.blobEnd
        && Checksum.crc32(UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])) == stored
    }
    guard ok else { throw .damaged(path: path, detail: "string table checksum mismatch") }
  }

  /// String `ref` (a reference, so index + 1).
  package mutating func string(_ ref: Int) throws(IndexError) -> String {
    let index = ref - 1
    guard index >= 0, index < layout.stringCount else {
      throw .damaged(path: path, detail: "string reference \(ref) out of range")
    }
    if let string = strings[index] { return string }
    try checkBlock(of: index, targets: false)
    let lower = layout.blobStart + offset(layout.stringOffsetsStart, index)
    let upper = layout.blobStart + offset(layout.stringOffsetsStart, index + 1)
    guard lower <= upper, upper <= layout.blobEnd else {
      throw .damaged(path: path, detail: "string table entry out of bounds")
    }
    let slice = UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    guard let string = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
      throw .damaged(path: path, detail: "invalid text in the string table")
    }
    strings[index] = string
    return string
  }

  /// The optional string whose reference `reader` reads next.
  package mutating func optional(_ reader: inout ByteReader) throws(IndexError) -> String? {
    let ref = try reader.varint()
    return ref == 0 ? nil : try string(Int(clamping: ref))
  }

  /// Target `ref`.
  package mutating func target(_ ref: Int) throws(IndexError) -> StoredTarget {
    let index = ref - 1
    guard index >= 0, index < layout.targetCount else {
      throw .damaged(path: path, detail: "citation target \(ref) out of range")
    }
    if let target = targets[index] { return target }
    try checkBlock(of: index, targets: true)
    let base = layout.blobStart + offset(layout.stringOffsetsStart, layout.stringCount)
    var reader = ByteReader(bytes, offset: base + offset(layout.targetOffsetsStart, index), path: path)
    guard let kind = try DocumentCodec.kind(&reader) else {
      throw reader.damaged("citation without a kind")
    }
    let idRef = try reader.varint()
    guard idRef != 0 else { throw reader.damaged("citation without an id") }
    let target = StoredTarget(
      target: StringTable.Target(
        kind: kind, id: try string(Int(clamping: idRef)), number: try optional(&reader),
        year: try DocumentCodec.optionalYear(&reader), symbol: try optional(&reader),
        name: try optional(&reader)),
      usualDate: try reader.count(limit: 99_991_231), usualIssuer: try optional(&reader))
    targets[index] = target
    return target
  }
}
