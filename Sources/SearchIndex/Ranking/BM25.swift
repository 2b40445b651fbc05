#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Okapi BM25, the ranking function of Lucene, tantivy and SQLite FTS5.
public struct BM25: Equatable, Sendable {
  /// Term-frequency saturation.
  public var k1: Double
  /// Length normalization.
  public var b: Double

  /// The usual parameters, k1 = 1.2 and b = 0.75.
  public init(k1: Double = 1.2, b: Double = 0.75) {
    self.k1 = k1
    self.b = b
  }

  /// Inverse document frequency, never negative.
  public func idf(documentFrequency: Int, documentCount: Int) -> Double {
    let n = Double(documentCount)
    let df = Double(documentFrequency)
    return log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /// The saturated, length-normalized term frequency.
  public func weight(frequency: Int, length: Int, averageLength: Double) -> Double {
    weight(frequency: frequency, norm: norm(length: length, averageLength: averageLength))
  }

  /// A document's length normalization, `1 - b + b · length / averageLength`. A search computes
  /// it once per document, not once per term of the document.
  @inline(__always)
  public func norm(length: Int, averageLength: Double) -> Double {
    1 - b + b * Double(length) / max(averageLength, 1)
  }

  /// ``weight(frequency:length:averageLength:)`` from the document's ``norm(length:averageLength:)``:
  /// the same value, bit for bit.
  @inline(__always)
  public func weight(frequency: Int, norm: Double) -> Double {
    guard frequency > 0 else { return 0 }
    let tf = Double(frequency)
    return tf * (k1 + 1) / (tf + k1 * norm)
  }
}
