import Dispatch
import Foundation
import Synchronization

/// Generates a deterministic corpus of about `megabytes` MiB into a folder: the same seed and
/// size give the same bytes on any machine, so every benchmark run measures the same work.
///
/// Files go into subfolders of 1,000 (`000/000123.txt`), as large collections are stored. A
/// stamp file (hidden, so cancu skips it) records what was generated, and a folder that already
/// holds the requested corpus is reused.
struct CorpusGenerator {
  var megabytes: Int
  var seed: UInt64
  /// The real documents the text is learned from.
  var trainingFolder: String

  /// Bump when the output for a given seed changes.
  static let version = 2
  static let stampName = ".cancu-bench-corpus"

  struct Summary {
    var files: Int
    var bytes: Int
    var seconds: Double
    var reused: Bool
  }

  private var stamp: String { "cancu-bench corpus v\(Self.version) mb=\(megabytes) seed=\(seed)\n" }

  func generate(into folder: String, log: @escaping @Sendable (String) -> Void) throws -> Summary {
    let stampPath = folder + "/" + Self.stampName
    if let existing = try? String(contentsOfFile: stampPath, encoding: .utf8),
      existing.hasPrefix(stamp)
    {
      let counts = existing.dropFirst(stamp.count).split(whereSeparator: \.isWhitespace)
        .compactMap { Int($0) }
      if counts.count == 2 { return Summary(files: counts[0], bytes: counts[1], seconds: 0, reused: true) }
    }
    let started = Stopwatch()
    let manager = FileManager.default
    if manager.fileExists(atPath: folder) { try manager.removeItem(atPath: folder) }
    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)

    let (paragraphs, subjects) = try Self.learn(from: trainingFolder)
    let chain = MarkovChain(paragraphs: paragraphs)
    guard !chain.isEmpty else { throw BenchError("no paragraphs to learn from in \(trainingFolder)") }
    let pool = CitationPool(size: 40_000, seed: seed, subjects: subjects)
    let generator = DocumentGenerator(chain: chain, pool: pool, subjects: subjects)

    // Sizes first, from one stream, so the file count does not depend on scheduling.
    var random = SplitMix64(seed: seed)
    var plannedSizes: [Int] = []
    var planned = 0
    while planned < megabytes << 20 {
      let size = Int(random.logNormal(median: 15_000, sigma: 0.75).clamped(to: 1_500...600_000))
      plannedSizes.append(size)
      planned += size
    }
    for group in 0...(plannedSizes.count - 1) / 1000 {
      try manager.createDirectory(
        atPath: folder + "/" + Self.padded(group, 3), withIntermediateDirectories: true)
    }

    let sizes = plannedSizes
    let written = Mutex<Int>(0)
    let failures = Mutex<[String]>([])
    let chunk = 64
    DispatchQueue.concurrentPerform(iterations: (sizes.count + chunk - 1) / chunk) { part in
      var bytes = 0
      for index in part * chunk..<min(sizes.count, (part + 1) * chunk) {
        let document = generator.document(index: index, targetBytes: sizes[index], seed: seed)
        let path = folder + "/" + Self.relativePath(index)
        if FileManager.default.createFile(atPath: path, contents: Data(document)) {
          bytes += document.count
        } else {
          failures.withLock { $0.append(path) }
        }
      }
      let total = written.withLock { value in
        value += bytes
        return value
      }
      if part % 64 == 0 { log("generated \(total >> 20) of \(megabytes) MiB") }
    }
    if let failed = failures.withLock({ $0.first }) { throw BenchError("cannot write \(failed)") }
    let bytes = written.withLock { $0 }
    try (stamp + "\(sizes.count) \(bytes)\n").write(toFile: stampPath, atomically: true, encoding: .utf8)
    return Summary(files: sizes.count, bytes: bytes, seconds: started.seconds, reused: false)
  }

  static func relativePath(_ index: Int) -> String {
    padded(index / 1000, 3) + "/" + padded(index, 6) + ".txt"
  }

  private static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// The paragraphs of the training documents, and the subjects ("về …") they name.
  private static func learn(from folder: String) throws -> ([String], [String]) {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
    var paragraphs: [String] = []
    var subjects: [String] = []
    for name in names {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      for line in text.split(whereSeparator: \.isNewline) {
        // Footnote markers are made anew, with footnotes to match (training only, not timed).
        let plain = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(
          of: "<sup>[0-9]+</sup>", with: "", options: .regularExpression)
        paragraphs.append(plain)
        for part in plain.components(separatedBy: " về ").dropFirst() {
          let words = part.split(separator: " ").prefix(9)
          guard words.count >= 3 else { continue }
          var subject = words.joined(separator: " ")
          while let last = subject.last, ",;.:)(".contains(last) { subject.removeLast() }
          subjects.append(subject)
        }
      }
    }
    return (paragraphs, subjects)
  }
}

extension Comparable {
  func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
