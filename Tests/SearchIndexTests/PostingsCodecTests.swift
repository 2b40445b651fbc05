import TestSupport
import Testing

@testable import SearchIndex

/// A term's postings as the test means them: per exact form, per document, its positions.
private struct ModelTerm: Equatable {
  var key: [UInt8]
  /// Forms in byte order, each with its documents ascending and their positions ascending.
  var forms: [(form: [UInt8], documents: [(id: UInt32, positions: [UInt32])])]

  static func == (a: ModelTerm, b: ModelTerm) -> Bool {
    a.key == b.key && a.forms.count == b.forms.count
      && zip(a.forms, b.forms).allSatisfy { x, y in
        x.form == y.form && x.documents.count == y.documents.count
          && zip(x.documents, y.documents).allSatisfy {
            $0.id == $1.id && $0.positions == $1.positions
          }
      }
  }
}

/// How a generated term looks.
struct PostingsShape: CustomTestStringConvertible, Sendable {
  var name: String
  /// Documents of each form.
  var documentsPerForm: [Int]
  /// Largest document id + 1.
  var documentCount = 10_000
  /// Largest gap between positions, and how often (1 in n) a gap is that large.
  var hugeGap: UInt32 = 100_000
  var hugeGapOdds: UInt64 = 20
  /// Most occurrences of one form in one document.
  var maximumFrequency = 6

  var testDescription: String { name }
}

let postingsShapes: [PostingsShape] = [
  PostingsShape(name: "one document", documentsPerForm: [1]),
  PostingsShape(name: "one document, one occurrence", documentsPerForm: [1], maximumFrequency: 1),
  PostingsShape(name: "127 documents", documentsPerForm: [127]),
  PostingsShape(name: "exactly 128 documents", documentsPerForm: [128]),
  PostingsShape(name: "129 documents", documentsPerForm: [129]),
  PostingsShape(name: "257 documents, 3 forms", documentsPerForm: [257, 1, 40]),
  PostingsShape(name: "dense: every document", documentsPerForm: [600], documentCount: 600),
  PostingsShape(
    name: "huge gaps: ids and positions near 2^32", documentsPerForm: [130, 3],
    documentCount: Int(UInt32.max), hugeGap: 1_500_000_000, hugeGapOdds: 2, maximumFrequency: 2),
  PostingsShape(name: "many occurrences", documentsPerForm: [5, 200], maximumFrequency: 3_000),
  PostingsShape(name: "40 forms", documentsPerForm: (0..<40).map { $0 % 7 + 1 }),
]

/// A random term of `shape`: each document's positions are distinct across forms (one token per
/// position).
private func randomTerm(_ shape: PostingsShape, seed: UInt64) -> ModelTerm {
  var random = SeededGenerator(seed: seed)
  let key = Array("dan".utf8)
  // Forms folding to "dan", in byte order: "dan", "dan·1", …; one without the key's prefix.
  var forms = shape.documentsPerForm.indices.map { i in
    i == 0 ? key : i == 1 ? Array("dân".utf8) : Array("dan·\(i)".utf8)
  }
  forms.sort { $0.lexicographicallyPrecedes($1) }
  // Per form, its document ids.
  var byDocument: [UInt32: [Int]] = [:]
  for (f, count) in shape.documentsPerForm.enumerated() {
    var ids = Set<UInt32>()
    while ids.count < count {
      let id: UInt32
      if shape.documentCount == Int(UInt32.max), random.next() % 2 == 0 {
        id = UInt32.max - 1 - UInt32(random.next() % 5_000)  // the top of the id range
      } else {
        id = UInt32(random.next() % UInt64(shape.documentCount))
      }
      ids.insert(id)
    }
    for id in ids { byDocument[id, default: []].append(f) }
  }
  var documents: [[(id: UInt32, positions: [UInt32])]] = forms.map { _ in [] }
  for id in byDocument.keys.sorted() {
    let formsHere = byDocument[id] ?? []
    var occurrences: [Int] = []
    for f in formsHere {
      let frequency = 1 + Int(random.next() % UInt64(shape.maximumFrequency))
      occurrences += Array(repeating: f, count: frequency)
    }
    occurrences.shuffle(using: &random)
    var position = UInt64(random.next() % 50)
    var positions: [[UInt32]] = forms.map { _ in [] }
    for f in occurrences {
      let huge = random.next() % shape.hugeGapOdds == 0
      let gap = huge ? random.next() % UInt64(shape.hugeGap) : random.next() % 40
      position = min(position + gap, UInt64(UInt32.max) - UInt64(occurrences.count))
      positions[f].append(UInt32(position))
      position += 1
    }
    for f in formsHere { documents[f].append((id, positions[f])) }
  }
  return ModelTerm(key: key, forms: zip(forms, documents).map { ($0, $1) })
}

/// The term as build-time parts: each form goes to one of `partCount` parts (so a document may
/// come in several), documents in a scrambled order, forms listed in a scrambled order.
private func parts(_ term: ModelTerm, count partCount: Int, seed: UInt64) -> [PostingsEncoder.Part]
{
  var random = SeededGenerator(seed: seed)
  return (0..<partCount).map { p in
    var forms = term.forms.indices.filter { $0 % partCount == p }
    forms.shuffle(using: &random)
    var occurrences: [UInt32: [(position: UInt32, variant: Int)]] = [:]
    for (local, f) in forms.enumerated() {
      for document in term.forms[f].documents {
        occurrences[document.id, default: []] += document.positions.map { ($0, local) }
      }
    }
    var writer = ByteWriter()
    var ids = Array(occurrences.keys)
    ids.shuffle(using: &random)
    for id in ids {
      let list = (occurrences[id] ?? []).sorted { $0.position < $1.position }
      writer.varint(UInt64(id))
      writer.varint(list.count)
      var previous: UInt32 = 0
      for occurrence in list {
        writer.varint(UInt64(occurrence.position - previous))
        writer.varint(occurrence.variant)
        previous = occurrence.position
      }
    }
    return PostingsEncoder.Part(postings: writer.bytes, forms: forms.map { term.forms[$0].form })
  }
}

/// The test's own reading of the format, from its doc comment: plain loops, one bit at a time.
private func referenceDecode(_ bytes: ArraySlice<UInt8>, key: [UInt8]) -> ModelTerm? {
  var offset = bytes.startIndex
  func varint() -> Int {
    var value = 0
    var shift = 0
    while true {
      let byte = bytes[offset]
      offset += 1
      value |= Int(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }
  let small = bytes.count <= PostingsCodec.smallLength
  var heads: [(form: [UInt8], count: Int, documentsLength: Int, blockLengths: [Int])] = []
  for _ in 0..<varint() {
    let shared = varint()
    let restLength = varint()
    let form = Array(key[..<shared]) + Array(bytes[offset..<(offset + restLength)])
    offset += restLength
    let count = varint()
    let documentsLength = varint()
    if !small { offset += 4 }
    var blockLengths: [Int] = []
    for _ in 0..<((count + 127) / 128) {
      blockLengths.append(varint())
      if !small { offset += 4 }
    }
    heads.append((form, count, documentsLength, blockLengths))
  }
  /// Bits least significant first.
  struct Bits {
    let bytes: [UInt8]
    var at = 0
    mutating func read(_ count: Int) -> UInt64 {
      var value: UInt64 = 0
      for i in 0..<count {
        if (bytes[(at + i) / 8] >> UInt8((at + i) % 8)) & 1 == 1 { value |= 1 << UInt64(i) }
      }
      at += count
      return value
    }
    mutating func unary() -> UInt64 {
      var zeros: UInt64 = 0
      while read(1) == 0 { zeros += 1 }
      return zeros
    }
    /// Rice codes, the low parts of all, then the high parts of all.
    mutating func riceSequence(count: Int, parameter k: Int) -> [UInt64] {
      let lows = (0..<count).map { _ in read(k) }
      return lows.map { unary() << UInt64(k) | $0 }
    }
  }
  var model = ModelTerm(key: key, forms: [])
  for head in heads {
    var documents = Bits(bytes: Array(bytes[offset..<(offset + head.documentsLength)]))
    offset += head.documentsLength
    var ids: [UInt32] = []
    var frequencies: [Int] = []
    while ids.count < head.count {
      let k = Int(documents.read(5))
      let j = Int(documents.read(5))
      let count = min(128, head.count - ids.count)
      for gap in documents.riceSequence(count: count, parameter: k) {
        ids.append(ids.isEmpty ? UInt32(gap) : ids[ids.count - 1] + 1 + UInt32(gap))
      }
      frequencies += documents.riceSequence(count: count, parameter: j).map { Int($0) + 1 }
    }
    guard (documents.at + 7) / 8 == head.documentsLength else { return nil }
    var entries: [(id: UInt32, positions: [UInt32])] = []
    for (b, length) in head.blockLengths.enumerated() {
      var block = Bits(bytes: Array(bytes[offset..<(offset + length)]))
      offset += length
      let range = (b * 128)..<min(head.count, b * 128 + 128)
      let total = range.reduce(0) { $0 + frequencies[$1] }
      let values = block.riceSequence(count: total, parameter: Int(block.read(5)))
      guard (block.at + 7) / 8 == length else { return nil }
      var next = 0
      for d in range {
        var positions: [UInt32] = []
        for n in 0..<frequencies[d] {
          let value = UInt32(values[next])
          positions.append(n == 0 ? value : positions[n - 1] + 1 + value)
          next += 1
        }
        entries.append((ids[d], positions))
      }
    }
    model.forms.append((head.form, entries))
  }
  return offset == bytes.endIndex ? model : nil
}

/// The encoded term inside a buffer (`before` and `after` bytes of filler around it).
private struct Encoded {
  var buffer: [UInt8]
  var range: Range<Int>
  var checksum: UInt32
  var documentFrequency: Int

  init(buffer: [UInt8], range: Range<Int>, checksum: UInt32, documentFrequency: Int) {
    self.buffer = buffer
    self.range = range
    self.checksum = checksum
    self.documentFrequency = documentFrequency
  }

  init(_ term: ModelTerm, partCount: Int = 2, before: Int = 7, after: Int = 9, seed: UInt64 = 0) {
    var output = ByteWriter()
    output.append(Array(repeating: 0xEE, count: before))
    (checksum, documentFrequency) = PostingsEncoder.encode(
      parts(term, count: partCount, seed: seed), key: term.key, into: &output)
    range = before..<output.count
    output.append(Array(repeating: 0xFF, count: after))
    buffer = output.bytes
  }

  /// The term as ``TermPostings`` reads it, every document's positions read in `order`.
  func read(documentCount: Int, order: Order = .forward) throws(IndexError) -> ModelTerm {
    try buffer.withUnsafeBytes { bytes in
      Result { () throws(IndexError) in
        let postings = try TermPostings(
          bytes: bytes, range: range, key: Array("dan".utf8), checksum: checksum,
          documentFrequency: 0, documentCount: documentCount, path: "/tmp/chỉ mục")
        var positions = postings.variants.map { variant in variant.documents.map { _ in [UInt32]() }
        }
        var reads: [(variant: Int, index: Int)] = []
        for (v, variant) in postings.variants.enumerated() {
          reads += variant.documents.indices.map { (v, $0) }
        }
        switch order {
        case .forward: break
        case .backward: reads.reverse()
        case .random(let seed):
          var random = SeededGenerator(seed: seed)
          reads.shuffle(using: &random)
        }
        for (v, k) in reads {
          var found: [UInt32] = [42]  // appended to, not replaced
          try postings.positions(variant: v, index: k, into: &found)
          #expect(found.first == 42)
          positions[v][k] = Array(found.dropFirst())
        }
        return ModelTerm(
          key: Array("dan".utf8),
          forms: postings.variants.enumerated().map { v, variant in
            (variant.form, zip(variant.documents, positions[v]).map { ($0, $1) })
          })
      }
    }.get()
  }

  enum Order {
    case forward
    case backward
    case random(UInt64)
  }
}

@Suite("Postings codec")
struct PostingsCodecTests {
  @Test("Round-trips through the reader and the reference decoder", arguments: postingsShapes)
  func roundTrips(shape: PostingsShape) throws {
    for seed in 1...3 as ClosedRange<UInt64> {
      let term = randomTerm(shape, seed: seed)
      let encoded = Encoded(term, partCount: Int(seed), seed: seed)
      let postings = encoded.buffer[encoded.range]
      #expect(referenceDecode(postings, key: term.key) == term, "seed \(seed)")
      let documentCount = shape.documentCount
      for order in [Encoded.Order.forward, .backward, .random(seed)] {
        #expect(
          try encoded.read(documentCount: documentCount, order: order) == term, "seed \(seed)")
      }
      #expect(encoded.documentFrequency == Set(term.forms.flatMap { $0.documents.map(\.id) }).count)
      // The record's checksum covers the whole of small postings, the head of longer ones.
      let whole = Checksum.crc32(Array(postings))
      #expect((encoded.checksum == whole) == (postings.count <= PostingsCodec.smallLength))
    }
  }

  @Test func postingsAtTheVeryEndOfTheBufferReadBack() throws {
    for shape in [postingsShapes[0], postingsShapes[4]] {
      let term = randomTerm(shape, seed: 9)
      let encoded = Encoded(term, before: 0, after: 0)
      #expect(try encoded.read(documentCount: shape.documentCount) == term)
    }
  }

  @Test func formsWhoseDocumentsAreAllDroppedStayEmpty() throws {
    let term = randomTerm(
      PostingsShape(name: "", documentsPerForm: [3, 140], documentCount: 1_000), seed: 4)
    // Build-time ids are slots; the slot of every document of the first form is dropped.
    let dropped = Set(term.forms[0].documents.map(\.id))
    let slots = (0..<1_000).map { dropped.contains(UInt32($0)) ? -1 : Int32($0) }
    var output = ByteWriter()
    let (checksum, frequency) = PostingsEncoder.encode(
      parts(term, count: 1, seed: 1), key: term.key, slots: slots, into: &output)
    var expected = term
    expected.forms[0].documents = []
    expected.forms[1].documents.removeAll { dropped.contains($0.id) }
    #expect(frequency == expected.forms[1].documents.count)
    #expect(referenceDecode(output.bytes[...], key: term.key) == expected)
    let encoded = Encoded(
      buffer: output.bytes, range: 0..<output.count, checksum: checksum,
      documentFrequency: frequency)
    #expect(try encoded.read(documentCount: 1_000) == expected)
  }

  @Test("Rice parameter is the shortest", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func riceParameterIsTheShortest(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let lists: [[UInt32]] = [
      [0], [1], [UInt32.max], Array(repeating: 0, count: 128),
      Array(repeating: UInt32.max, count: 7),
      Array(repeating: 0, count: 127) + [UInt32.max],
      (0..<128).map { _ in UInt32(random.next() % 1_000) },
      (0..<300).map { _ in UInt32(truncatingIfNeeded: random.next() >> (32 + random.next() % 32)) },
      (0..<64).map { _ in random.next() % 10 == 0 ? UInt32(random.next() % 100_000) : 3 },
    ]
    func length(_ values: [UInt32], _ k: Int) -> UInt64 {
      values.reduce(0) { $0 + UInt64($1 >> UInt32(k)) + 1 + UInt64(k) }
    }
    for values in lists {
      let k = values.withUnsafeBufferPointer(PostingsCodec.riceParameter)
      let shortest = (0...PostingsCodec.maximumRiceParameter).map { length(values, $0) }.min()
      #expect(length(values, k) == shortest, "\(values.prefix(4))…")
    }
    #expect([UInt32]().withUnsafeBufferPointer(PostingsCodec.riceParameter) == 0)
  }

  /// CRC-32 finds every one-byte change: reading all of a term must then fail, whatever the
  /// byte, and never crash or answer wrong.
  @Test(
    "A flipped byte is found, small and long postings",
    arguments: [postingsShapes[2], postingsShapes[5]])
  func flippedByteIsDamaged(shape: PostingsShape) throws {
    let term = randomTerm(shape, seed: 5)
    let encoded = Encoded(term)
    #expect((encoded.range.count <= PostingsCodec.smallLength) == (shape.documentsPerForm == [127]))
    for offset in encoded.range {
      for flip in [0x01, 0x80, 0xFF] as [UInt8] {
        var damaged = encoded
        damaged.buffer[offset] ^= flip
        do {
          let read = try damaged.read(documentCount: shape.documentCount)
          Issue.record(
            "byte \(offset) ^ \(flip) not found; \(read == term ? "same" : "different") answer")
        } catch {
          guard case .damaged(let path, _) = error else {
            Issue.record("byte \(offset): \(error)")
            continue
          }
          #expect(path == "/tmp/chỉ mục")
        }
      }
    }
  }

  /// Ranking reads documents and frequencies only: in long postings, damage to a positions
  /// block leaves them readable and right, and is found when the block is read.
  @Test func damagedPositionsOfLongPostingsAreFoundWhenRead() throws {
    let shape = postingsShapes[5]
    let term = randomTerm(shape, seed: 8)
    let encoded = Encoded(term)
    #expect(encoded.range.count > PostingsCodec.smallLength)
    let expected = term.forms.map { form in
      (form.documents.map(\.id), form.documents.map { UInt32($0.positions.count) })
    }
    var openedDespiteDamage = 0
    for offset in encoded.range {
      var damaged = encoded
      damaged.buffer[offset] ^= 0x10
      let opened = damaged.buffer.withUnsafeBytes { bytes in
        try? TermPostings(
          bytes: bytes, range: damaged.range, key: term.key, checksum: damaged.checksum,
          documentFrequency: 0, documentCount: shape.documentCount, path: "/tmp/chỉ mục"
        ).variants.map { ($0.documents, $0.frequencies) }
      }
      guard let opened else { continue }
      openedDespiteDamage += 1
      #expect(opened.elementsEqual(expected) { $0 == $1 }, "byte \(offset)")
      #expect(throws: IndexError.self) { try damaged.read(documentCount: shape.documentCount) }
    }
    #expect(openedDespiteDamage > encoded.range.count / 2, "most bytes are positions")
  }

  @Test func truncatedOrWidenedPostingsAreDamaged() throws {
    for shape in [postingsShapes[2], postingsShapes[5]] {
      let encoded = Encoded(randomTerm(shape, seed: 6))
      for cut in [1, 2, 5, encoded.range.count / 2, encoded.range.count - 1] {
        var damaged = encoded
        damaged.range = encoded.range.lowerBound..<(encoded.range.upperBound - cut)
        #expect(throws: IndexError.self) { try damaged.read(documentCount: shape.documentCount) }
      }
      var widened = encoded
      widened.range = encoded.range.lowerBound..<(encoded.range.upperBound + 3)
      #expect(throws: IndexError.self) { try widened.read(documentCount: shape.documentCount) }
    }
  }

  @Test func documentsOutsideTheIndexAreDamaged() throws {
    let shape = postingsShapes[4]
    let encoded = Encoded(randomTerm(shape, seed: 7))
    #expect(throws: IndexError.self) { try encoded.read(documentCount: 10) }
  }
}
