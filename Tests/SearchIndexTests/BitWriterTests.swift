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

  mutating func rice(_ value: UInt32, parameter k: Int) {
    unary(UInt64(value) >> UInt64(k))
    write(UInt64(value) & ((1 << UInt64(k)) - 1), bits: k)
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
  case rice(UInt32, parameter: Int)
}

private func randomSteps(_ random: inout SeededGenerator, count: Int) -> [Step] {
  (0..<count).map { _ in
    switch random.next() % 3 {
    case 0:
      let width = Int(random.next() % 33)
      return .field(width == 0 ? 0 : random.next() >> UInt64(64 - width), bits: width)
    case 1:
      return .unary(random.next() % 8 == 0 ? random.next() % 300 : random.next() % 5)
    default:
      let k = Int(random.next() % 32)
      let raw =
        random.next() % 4 == 0
        ? UInt64(UInt32.max - UInt32(random.next() % 3)) : random.next() >> (32 + random.next() % 32)
      // Unary parts of at most 4096 bits; from k = 20 on, any value below 2^32.
      return .rice(UInt32(min(raw, (4096 << UInt64(k)) - 1)), parameter: k)
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
      case .rice(let value, let k):
        writer.rice(value, parameter: k)
        reference.rice(value, parameter: k)
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
      case .rice(let value, let k): writer.rice(value, parameter: k)
      }
    }
    writer.finish()
    for (before, after) in [(3, 17), (0, 0), (1, 1)] {
      let buffer = Array(repeating: 0xA5, count: before) + writer.bytes
        + Array(repeating: 0xFF, count: after)
      buffer.withUnsafeBytes { bytes in
        var reader = BitReader(bytes, bytes: before..<(before + writer.bytes.count))
        for step in steps {
          switch step {
          case .field(let value, let width): #expect(reader.bits(width) == value)
          case .unary(let zeros): #expect(reader.unary() == zeros)
          case .rice(let value, let k): #expect(reader.rice(parameter: k) == UInt64(value))
          }
        }
        #expect(!reader.isOverrun)
        #expect((reader.position + 7) / 8 == before + writer.bytes.count)
      }
    }
  }

  @Test func skipsUnaryCodesByCountingOnes() {
    var random = SeededGenerator(seed: 11)
    let lengths = (0..<500).map { _ in random.next() % 6 == 0 ? random.next() % 200 : random.next() % 4 }
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
