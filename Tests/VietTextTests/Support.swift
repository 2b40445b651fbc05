import Foundation
import TestSupport
import Testing

@testable import VietText

// Oracles and fixtures shared by the VietText suites. Every oracle here is built from Foundation or
// from first principles, never from VietText's own tables.

// MARK: - Foundation oracles

extension String {
  /// NFD by Foundation.
  var nfd: String { decomposedStringWithCanonicalMapping }
  /// NFC by Foundation.
  var foundationNFC: String { precomposedStringWithCanonicalMapping }
  /// The scalar values, for readable failure messages.
  var scalarValues: [UInt32] { unicodeScalars.map(\.value) }
}

/// The search folding cancu promises, by Foundation: diacritic- and case-insensitive folding, then
/// `đ`/`Đ`/`ð`/`Ð` → `d` (Foundation keeps them: they have no decomposition).
func foldOracle(_ text: String) -> String {
  let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
  var output = String.UnicodeScalarView()
  for scalar in folded.unicodeScalars {
    switch scalar.value {
    case 0x110, 0x111, 0xD0, 0xF0: output.append("d")
    default: output.append(scalar)
    }
  }
  return String(output)
}

// MARK: - The Vietnamese alphabet, generated independently

/// The twelve vowel bases as (ASCII letter, combining vowel mark or nil).
let vowelBases: [(base: Character, mark: UInt32?)] = [
  ("a", nil), ("a", 0x306), ("a", 0x302), ("e", nil), ("e", 0x302), ("i", nil),
  ("o", nil), ("o", 0x302), ("o", 0x31B), ("u", nil), ("u", 0x31B), ("y", nil),
]

/// The six tones as combining scalars (nil for the level tone), in the order of `Tone.allCases`.
let toneMarks: [UInt32?] = [nil, 0x300, 0x301, 0x309, 0x303, 0x323]

/// One vowel as letters are written in NFD: base, vowel mark, tone (canonical order).
struct VowelSpec: Sendable, CustomTestStringConvertible {
  var base: Character
  var mark: UInt32?
  var tone: UInt32?
  var uppercase: Bool

  /// The decomposed form built from scalars.
  var decomposed: String {
    var scalars = String.UnicodeScalarView()
    let baseText = uppercase ? String(base).uppercased() : String(base)
    scalars.append(contentsOf: baseText.unicodeScalars)
    if let mark, let scalar = Unicode.Scalar(mark) { scalars.append(scalar) }
    if let tone, let scalar = Unicode.Scalar(tone) { scalars.append(scalar) }
    return String(scalars)
  }

  /// The precomposed form by Foundation.
  var composed: String { decomposed.foundationNFC }

  var testDescription: String { "\(composed) \(decomposed.scalarValues)" }
}

/// Every vowel: 12 bases × 6 tones × 2 cases = 144, of which 12 are plain ASCII.
let allVowels: [VowelSpec] = [false, true].flatMap { upper in
  vowelBases.flatMap { row in
    toneMarks.map { VowelSpec(base: row.base, mark: row.mark, tone: $0, uppercase: upper) }
  }
}

/// The 67 lower-case precomposed Vietnamese letters (66 vowels with marks, and `đ`), by Foundation.
let precomposedLowercase: [String] =
  allVowels.filter { !$0.uppercase && ($0.mark != nil || $0.tone != nil) }.map(\.composed) + ["đ"]

/// The 67 upper-case precomposed Vietnamese letters, by Foundation.
let precomposedUppercase: [String] =
  allVowels.filter { $0.uppercase && ($0.mark != nil || $0.tone != nil) }.map(\.composed) + ["Đ"]

/// All 134 precomposed letters.
let precomposedLetters: [String] = precomposedLowercase + precomposedUppercase

/// ASCII printable characters (U+0020–U+007E).
let printableASCII: [String] = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }

// MARK: - Seed corpus

/// The seed documents in `corpus/`, found from this file's path.
func seedDocuments(filePath: String = #filePath) throws -> [(name: String, text: String)] {
  let root = URL(fileURLWithPath: filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let folder = root.appendingPathComponent("corpus")
  let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0.hasSuffix(".txt") }.sorted()
  return try names.map { name in
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return (name, String(decoding: data, as: UTF8.self))
  }
}

// MARK: - Bytes

/// Calls `body` with the UTF-8 bytes of `text`.
func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
  var text = text
  return text.withUTF8 { body($0) }
}

/// The text of a byte range of `text`.
func slice(_ text: String, _ range: Range<Int>) -> String {
  String(decoding: Array(text.utf8)[range], as: UTF8.self)
}

// MARK: - Deterministic randomness

/// The shared seeded generator, under the name these tests use.
typealias SplitMix64 = SeededGenerator

// MARK: - Byte-exact comparison

/// A string compared byte for byte. `String.==` uses canonical equivalence, so
/// `"hòa" == "ho\u{300}a"` holds and would hide a missing normalization; tests of normalization
/// compare `.exact` instead.
struct Exact: Equatable, CustomStringConvertible {
  var text: String
  static func == (a: Exact, b: Exact) -> Bool { Array(a.text.utf8) == Array(b.text.utf8) }
  var description: String {
    "\(text.debugDescription) \(text.unicodeScalars.map { String($0.value, radix: 16) })"
  }
}

extension String {
  /// This string, compared byte for byte.
  var exact: Exact { Exact(text: self) }
}

/// The lines of `text` split at every `\n` byte (`String.split` would keep `\r\n` whole).
func byteLines(_ text: String) -> [String] {
  Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
    .map { String(decoding: $0, as: UTF8.self) }
}
