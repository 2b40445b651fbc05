import TestSupport
import Testing

@testable import SearchIndex

/// The test's own bit stream: one `Bool` per bit, packed least significant bit first only at
/// the end, the plainest reading of the format's words.
private struct ReferenceBits {
  var bits: [Bool] = []

  mutating func write(_ value: UInt64, bits count: Int) {
    for i in 0..<count { bits.append((value >> UInt64(i)) & 1 == 1) }
  }

  mutating func unary(_ zeros: UInt64) {
    bits += Array(repeating: false, count: Int(zeros))
    bits.append(true)
  }

  /// Rice codes, low parts of all first.
  mutating func riceSequence(_ values: [UInt32], parameter k: Int) {
    for value in values { write(UInt64(value) & ((1 << UInt64(k)) - 1), bits: k) }
    for value in values { unary(UInt64(value) >> UInt64(k)) }
  }

  var bytes: [UInt8] {
    stride(from: 0, to: bits.count, by: 8).map { start in
      var byte: UInt8 = 0
      for i in start..<min(start + 8, bits.count) where bits[i] { byte |= 1 << UInt8(i - start) }
      return byte
    }
  }
}

/// One step of a random stream.
private enum Step {
  case field(UInt64, bits: Int)
  case unary(UInt64)
  case riceSequence([UInt32], parameter: Int)
}

private func randomSteps(_ random: inout SeededGenerator, count: Int) -> [Step] {
  (0..<count).map { _ in
    switch random.next() % 3 {
    case 0:
      let width = Int(random.next() % 57)
      return .field(width == 0 ? 0 : random.next() >> UInt64(64 - width), bits: width)
    case 1:
      return .unary(random.next() % 8 == 0 ? random.next() % 300 : random.next() % 5)
    default:
      let k = Int(random.next() % 32)
      let raw =
        random.next() % 4 == 0
        ? UInt64(UInt32.max - UInt32(random.next() % 3))
        : random.next() >> (32 + random.next() % 32)
      // Unary parts of at most 4096 bits; from k = 20 on, any value below 2^32.
      let values = (0..<(1 + random.next() % 4)).map { i in
        UInt32(min(i == 0 ? raw : random.next() % 1_000, (4096 << UInt64(k)) - 1))
      }
      return .riceSequence(values, parameter: k)
    }
  }
}

@Suite("Bit writer and reader")
struct BitWriterTests {
  @Test("Writes the bytes of the plain bit-by-bit writer", arguments: [1, 2, 3, 4] as [UInt64])
  func writesTheReferenceBytes(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let steps = randomSteps(&random, count: 2_000)
    var writer = BitWriter()
    var reference = ReferenceBits()
    for step in steps {
      switch step {
      case .field(let value, let width):
        writer.write(value, bits: width)
        reference.write(value, bits: width)
      case .unary(let zeros):
        writer.unary(zeros)
        reference.unary(zeros)
      case .riceSequence(let values, let k):
        values.withUnsafeBufferPointer { writer.writeRiceSequence($0, parameter: k) }
        reference.riceSequence(values, parameter: k)
      }
      #expect(writer.bitCount == reference.bits.count)
    }
    writer.finish()
    #expect(writer.bytes == reference.bytes)
  }

  /// The stream placed in the middle of a buffer and at its very end (where the reader cannot
  /// load eight bytes at once).
  @Test("Reads back what was written", arguments: [5, 6, 7] as [UInt64])
  func readsBack(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let steps = randomSteps(&random, count: 1_000)
    var writer = BitWriter()
    for step in steps {
      switch step {
      case .field(let value, let width): writer.write(value, bits: width)
      case .unary(let zeros): writer.unary(zeros)
      case .riceSequence(let values, let k):
        values.withUnsafeBufferPointer { writer.writeRiceSequence($0, parameter: k) }
      }
    }
    writer.finish()
    for (before, after) in [(3, 17), (0, 0), (1, 1)] {
      let buffer =
        Array(repeating: 0xA5, count: before) + writer.bytes
        + Array(repeating: 0xFF, count: after)
      buffer.withUnsafeBytes { bytes in
        var reader = BitReader(bytes, bytes: before..<(before + writer.bytes.count))
        for step in steps {
          switch step {
          case .field(let value, let width): #expect(reader.bits(width) == value)
          case .unary(let zeros): #expect(reader.unary() == zeros)
          case .riceSequence(let values, let k):
            var read: [UInt32] = []
            reader.readRiceSequence(count: values.count, parameter: k) { read.append(UInt32($1)) }
            #expect(read == values)
          }
        }
        #expect(!reader.isOverrun)
        #expect((reader.position + 7) / 8 == before + writer.bytes.count)
      }
    }
  }

  @Test("Rice sequences: low parts, then high parts", arguments: [0, 1, 5, 17, 31])
  func riceSequencesRoundTrip(parameter k: Int) {
    var random = SeededGenerator(seed: UInt64(k) + 20)
    for count in [0, 1, 2, 64, 129, 1_000] {
      let values = (0..<count).map { _ in
        let raw = random.next() % 5 == 0 ? random.next() >> 32 : random.next() % 300
        return UInt32(min(raw, (2_000 << UInt64(k)) - 1))
      }
      var writer = BitWriter()
      writer.write(5, bits: 3)
      values.withUnsafeBufferPointer { writer.writeRiceSequence($0, parameter: k) }
      writer.write(1, bits: 1)
      var reference = ReferenceBits()
      reference.write(5, bits: 3)
      reference.riceSequence(values, parameter: k)
      reference.write(1, bits: 1)
      #expect(writer.bitCount == reference.bits.count)
      writer.finish()
      #expect(writer.bytes == reference.bytes)
      writer.bytes.withUnsafeBytes { bytes in
        var reader = BitReader(bytes, bytes: 0..<bytes.count)
        #expect(reader.bits(3) == 5)
        var read: [UInt32] = []
        reader.readRiceSequence(count: count, parameter: k) { i, value in
          #expect(i == read.count)
          read.append(UInt32(value))
        }
        #expect(read == values)
        #expect(reader.bits(1) == 1)
        #expect(!reader.isOverrun)
      }
    }
  }

  /// A sequence whose bytes run out (a truncated postings list) stops, overrun, with no hang:
  /// past the buffer the reader sees only zero bits, so a unary code there never ends.
  @Test func riceSequenceCutShortEndsOverrun() {
    var random = SeededGenerator(seed: 12)
    let values = (0..<300).map { _ in UInt32(random.next() % 5_000) }
    var writer = BitWriter()
    values.withUnsafeBufferPointer { writer.writeRiceSequence($0, parameter: 4) }
    writer.finish()
    for cut in [0, 1, 7, 8, 9, writer.bytes.count / 2, writer.bytes.count - 1] {
      let bytes = Array(writer.bytes[..<cut])
      bytes.withUnsafeBytes { bytes in
        var reader = BitReader(bytes, bytes: 0..<bytes.count)
        var read = 0
        reader.readRiceSequence(count: values.count, parameter: 4) { _, _ in read += 1 }
        #expect(reader.isOverrun, "cut at \(cut)")
        #expect(read < values.count, "cut at \(cut)")
      }
    }
  }

  @Test func skipsUnaryCodesByCountingOnes() {
    var random = SeededGenerator(seed: 11)
    let lengths = (0..<500).map { _ in
      random.next() % 6 == 0 ? random.next() % 200 : random.next() % 4
    }
    var writer = BitWriter()
    for zeros in lengths { writer.unary(zeros) }
    writer.finish()
    writer.bytes.withUnsafeBytes { bytes in
      for skip in [0, 1, 2, 55, 56, 57, 100, 499] {
        var reader = BitReader(bytes, bytes: 0..<bytes.count)
        reader.skipUnary(skip)
        #expect(reader.unary() == lengths[skip], "after skipping \(skip)")
        #expect(!reader.isOverrun)
      }
    }
  }

  @Test func readingPastTheEndIsAnOverrunNotACrash() {
    let bytes: [UInt8] = [0b0000_0100, 0, 0]
    bytes.withUnsafeBytes { buffer in
      var reader = BitReader(buffer, bytes: 0..<1)
      #expect(reader.unary() == 2)
      #expect(!reader.isOverrun)
      _ = reader.unary()  // no one bit before the end of the stream
      #expect(reader.isOverrun)
      var zeros = BitReader(buffer, bytes: 1..<3)
      zeros.skipUnary(3)
      #expect(zeros.isOverrun)
      var field = BitReader(buffer, bytes: 2..<3)
      #expect(field.bits(32) == 0)  // zeros past the buffer's end
      #expect(field.isOverrun)
    }
    [UInt8]().withUnsafeBytes { empty in
      var reader = BitReader(empty, bytes: 0..<0)
      #expect(reader.bits(5) == 0)
      #expect(reader.isOverrun)
    }
  }
}
