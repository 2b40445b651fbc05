import Foundation

/// A small, fast, deterministic random number generator (Steele, Lea and Flood's SplitMix64).
///
/// The generator must give the same corpus for the same seed on every machine and toolchain, so
/// it draws its own integers and doubles instead of relying on the standard library's
/// `random(in:using:)`, whose algorithm is not promised to stay the same.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// A generator for the `index`-th item of a stream, independent of the order items are made in.
  init(seed: UInt64, stream index: Int) {
    var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
    state = mixer.next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// An integer in `0..<bound` (Lemire's multiply-shift; the tiny bias does not matter here).
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// An integer in the closed range.
  mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

  /// A double in `[0, 1)`.
  mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// `true` with the given probability.
  mutating func chance(_ probability: Double) -> Bool { unit() < probability }

  /// One element of a non-empty array.
  mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

  /// A standard normal deviate (Box–Muller).
  mutating func normal() -> Double {
    let u = max(unit(), 0x1.0p-53)
    let v = unit()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }

  /// A log-normal deviate with the given median and spread (σ of the logarithm).
  mutating func logNormal(median: Double, sigma: Double) -> Double {
    median * exp(sigma * normal())
  }
}

/// Draws ranks `0..<count` with probability proportional to `1 / (rank + 1)^exponent`, the
/// long-tailed way real documents are cited: a few constantly, most once or twice.
struct ZipfSampler {
  private let cumulative: [Double]

  init(count: Int, exponent: Double = 1.07) {
    var total = 0.0
    var cumulative = [Double]()
    cumulative.reserveCapacity(count)
    for rank in 0..<count {
      total += 1 / pow(Double(rank + 1), exponent)
      cumulative.append(total)
    }
    self.cumulative = cumulative.map { $0 / total }
  }

  func draw(using random: inout SplitMix64) -> Int {
    let target = random.unit()
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
