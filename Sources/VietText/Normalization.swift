import Foundation

/// Unicode NFC normalization that stays linear in the input.
///
/// Foundation's `precomposedStringWithCanonicalMapping` is superlinear on a whole decomposed
/// document (0.03 s for 100 KB, 0.44 s for 400 KB, minutes for a few MB) and slow even per line,
/// so normalization works line by line, and each line takes the cheapest path that is correct:
/// 1. bytes that cannot be part of a non-NFC sequence (ASCII, Latin, precomposed Vietnamese, common
///    punctuation): the line is kept as it is — the usual case costs one scan;
/// 2. combining marks U+0300–U+036F: ``VietnameseComposer`` composes them from a table;
/// 3. anything else: the standard library's NFC quick check, and Foundation only when it fails.
///
/// This is the only file in cancu that imports Foundation's Unicode machinery.
public enum Normalization {
  /// What a line needs before it is NFC.
  package enum LineClass {
    /// Already NFC.
    case clean
    /// Has combining marks; try ``VietnameseComposer``.
    case combiningMarks
    /// Has scalars whose NFC status the byte scan cannot decide.
    case needsCheck
  }

  /// Classifies `bytes[range]` (a line, or a whole text: no sequence of valid UTF-8 spans a line
  /// end, so a text classifies as the worst of its lines) by a byte scan.
  @inline(__always)
  package static func classify(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> LineClass
  {
    var result = LineClass.clean
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let byte = bytes[i]
      if byte < 0xCC {
        i &+= 1
        continue
      }
      switch byte {
      case 0xCD where i &+ 1 < end && bytes[i &+ 1] >= 0xB0:
        return .needsCheck  // U+0370–U+037F: Greek, with the singletons U+0374 and U+037E
      case 0xCC, 0xCD:
        result = .combiningMarks
        i &+= 2
      case 0xE1 where i &+ 1 < end && (bytes[i &+ 1] == 0xBA || bytes[i &+ 1] == 0xBB):
        i &+= 3  // U+1E80–U+1EFF: precomposed Vietnamese, NFC
      case 0xE2 where i &+ 1 < end && bytes[i &+ 1] == 0x80 && i &+ 2 < end && bytes[i &+ 2] >= 0x82:
        i &+= 3  // U+2002–U+203F: spaces, dashes, quotes; U+2000/U+2001 are not NFC
      default:
        return .needsCheck
      }
    }
    return result
  }

  /// Whether `line` passes the standard library's NFC quick check.
  package static func isNFC(_ line: String) -> Bool {
    var span = line.utf8Span
    return span.checkForNFC(quickCheck: true)
  }

  /// The letter under the combining marks of a precomposed Latin, Greek or Cyrillic letter
  /// (`ñ` → `n`, `Ё` → `Е`, `ά` → `α`); `nil` for every other scalar.
  ///
  /// Folding drops combining marks, so `n` + U+0303 folds to `n`; this lets the precomposed `ñ`
  /// fold the same way. Looked up in a table built once from Foundation's canonical decomposition
  /// of U+00C0–U+04FF and U+1E00–U+1FFF.
  package static func baseLetter(_ value: UInt32) -> UInt32? {
    let base: UInt32
    if value &- 0xC0 < 0x440 {
      base = baseLetters.latin[Int(value &- 0xC0)]
    } else if value &- 0x1E00 < 0x200 {
      base = baseLetters.extended[Int(value &- 0x1E00)]
    } else {
      return nil
    }
    return base == 0 ? nil : base
  }

  private static let baseLetters: (latin: [UInt32], extended: [UInt32]) = {
    func bases(_ values: Range<UInt32>) -> [UInt32] {
      values.map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard parts.count > 1, let first = parts.first,
          parts.dropFirst().allSatisfy({ UTF8Decoding.isCombiningMark($0.value) })
        else { return 0 }
        return first.value
      }
    }
    return (bases(0xC0..<0x500), bases(0x1E00..<0x2000))
  }()

  /// The NFC form of one line by Foundation: correct for every script, and slow.
  package static func foundationNFC(_ line: String) -> String {
    line.precomposedStringWithCanonicalMapping
  }

  /// The NFC form of `text`, with the old line ends kept. Use it for queries and short strings;
  /// documents go through ``NormalizedText``, which also maps offsets back.
  ///
  /// - Complexity: O(*n*); already-NFC text is scanned once and returned unchanged.
  public static func nfc(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String in
      var output: [UInt8] = []
      var offsets: [Int32] = []
      var changed = false
      var lineStart = 0
      while lineStart <= bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd &+= 1 }
        let range = lineStart..<lineEnd
        changed = appendNFC(bytes, range: range, into: &output, offsets: &offsets) || changed
        offsets.removeAll(keepingCapacity: true)
        if lineEnd < bytes.count { output.append(0x0A) }
        lineStart = lineEnd &+ 1
      }
      guard changed else { return String(decoding: bytes, as: UTF8.self) }
      return String(decoding: output, as: UTF8.self)
    }
  }

  /// Appends the NFC form of one line to `output`.
  ///
  /// When the line changes, `offsets` receives, for every byte appended, its origin as an offset
  /// into the line, then the line's length; when it does not, `offsets` is left as it is.
  ///
  /// - Returns: Whether the line changed.
  package static func appendNFC(
    _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into output: inout [UInt8],
    offsets: inout [Int32]
  ) -> Bool {
    let lineClass = classify(bytes, range: range)
    if lineClass == .clean {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
      return false
    }
    if lineClass == .combiningMarks,
      VietnameseComposer.compose(bytes, range: range, into: &output, offsets: &offsets)
    {
      return true
    }
    let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    if lineClass == .needsCheck, isNFC(line) {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
      return false
    }
    let normalized = foundationNFC(line)
    if normalized.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[range])) {
      // Already NFC, marks and all (`q` + U+0301 has no precomposed form).
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
      return false
    }
    let before = output.count
    output.append(contentsOf: normalized.utf8)
    ClusterAlignment.appendOffsets(
      original: UnsafeBufferPointer(rebasing: bytes[range]),
      normalized: output[before...], into: &offsets)
    return true
  }
}
