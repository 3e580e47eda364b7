import GrouperSupport

/// An exact fraction of 128-bit integers, kept in lowest terms, for the target computation: year
/// means, weights, blends and factors are combined without rounding, and the result is rounded
/// to the cent once (see ``rounded``). Amounts of episodes and factors of a few decimals stay far
/// inside 128 bits.
package struct Ratio: Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The numerator (carries the sign).
  package private(set) var numerator: Int128
  /// The denominator, more than zero.
  package private(set) var denominator: Int128

  /// `numerator / denominator`.
  /// - Precondition: `denominator != 0`.
  package init(_ numerator: Int128, _ denominator: Int128 = 1) {
    precondition(denominator != 0, "a ratio over zero")
    let sign: Int128 = denominator < 0 ? -1 : 1
    let g = Ratio.gcd(numerator.magnitude, denominator.magnitude)
    self.numerator = sign * numerator / Int128(g == 0 ? 1 : g)
    self.denominator = sign * denominator / Int128(g == 0 ? 1 : g)
  }

  /// An amount in cents, as a number of cents.
  package init(cents: Cents) { self.init(Int128(cents.value)) }

  /// An exact decimal.
  package init(_ d: ExactDecimal) { self.init(Int128(d.units), Int128(d.denominator)) }

  /// Zero.
  package static let zero = Ratio(0)
  /// One.
  package static let one = Ratio(1)

  private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  /// The sum.
  package static func + (a: Ratio, b: Ratio) -> Ratio {
    let g = Int128(gcd(a.denominator.magnitude, b.denominator.magnitude))
    let l = a.denominator / g
    return Ratio(a.numerator * (b.denominator / g) + b.numerator * l, l * b.denominator)
  }
  /// The difference.
  package static func - (a: Ratio, b: Ratio) -> Ratio { a + Ratio(-b.numerator, b.denominator) }
  /// The product.
  package static func * (a: Ratio, b: Ratio) -> Ratio {
    let g1 = Int128(gcd(a.numerator.magnitude, b.denominator.magnitude))
    let g2 = Int128(gcd(b.numerator.magnitude, a.denominator.magnitude))
    let n1 = g1 == 0 ? a.numerator : a.numerator / g1
    let d2 = g1 == 0 ? b.denominator : b.denominator / g1
    let n2 = g2 == 0 ? b.numerator : b.numerator / g2
    let d1 = g2 == 0 ? a.denominator : a.denominator / g2
    return Ratio(n1 * n2, d1 * d2)
  }
  /// The quotient. - Precondition: `b` is not zero.
  package static func / (a: Ratio, b: Ratio) -> Ratio { a * Ratio(b.denominator, b.numerator) }
  /// Compares exactly.
  package static func < (a: Ratio, b: Ratio) -> Bool { (a - b).numerator < 0 }

  /// The value, read as cents, rounded to the nearest cent, halves away from zero (the one
  /// rounding rule).
  package var rounded: Cents {
    let q = numerator / denominator
    let r = numerator % denominator
    var whole = q
    if r.magnitude * 2 >= denominator.magnitude { whole += numerator < 0 ? -1 : 1 }
    return Cents(Int64(whole))
  }

  /// Parses a weight or factor: a decimal (`0.17`, `1.03`) or a fraction of whole numbers
  /// (`1/3`, `2/3`), exactly; nil when it is neither or divides by zero.
  package static func parse(_ text: String) -> Ratio? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 {
      guard let n = Int64(parts[0].trimmingCharacters(in: .whitespaces)),
        let d = Int64(parts[1].trimmingCharacters(in: .whitespaces)), d > 0
      else { return nil }
      return Ratio(Int128(n), Int128(d))
    }
    guard parts.count == 1, case .success(let d) = ExactDecimal.parse(text) else { return nil }
    return Ratio(d)
  }

  /// `n/d`, or the whole number: for outputs.
  package var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  /// The value as a decimal of at most `scale` places when exact, else `n/d`: `0.17`, `1/3`.
  package var text: String {
    var d = denominator
    var twos = 0
    var fives = 0
    while d % 2 == 0 {
      d /= 2
      twos += 1
    }
    while d % 5 == 0 {
      d /= 5
      fives += 1
    }
    let places = max(twos, fives)
    guard d == 1, places <= 18 else { return description }
    var scale: Int128 = 1
    for _ in 0..<places { scale *= 10 }
    let units = numerator * scale / denominator
    guard let u = Int64(exactly: units) else { return description }
    return ExactDecimal(units: u, scale: places).description
  }
}
