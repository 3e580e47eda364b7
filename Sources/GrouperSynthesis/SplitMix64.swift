import GrouperSupport

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator whose whole stream is fixed
/// by its seed, so synthetic data is reproducible on every platform.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator seeded with `seed`.
  package init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits of the stream.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A whole number in `range`, drawn without the platform's own algorithms, so streams match everywhere.
  package mutating func int(_ range: ClosedRange<Int>) -> Int {
    let span = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next() % span)
  }

  /// True with probability `p`.
  package mutating func chance(_ p: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < p
  }

  /// One element of a non-empty array.
  package mutating func pick<T>(_ items: [T]) -> T {
    items[int(0...(items.count - 1))]
  }

  /// An amount in cents between two dollar amounts.
  package mutating func dollars(_ low: Int, _ high: Int) -> Cents {
    Cents(Int64(int(low * 100...high * 100)))
  }
}
