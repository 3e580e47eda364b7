/// Ratios written with a fixed number of decimals, computed from whole numbers and rounded
/// halves away from zero, so the same counts always print the same text.
package enum Ratio {
  /// `numerator ÷ denominator` with `places` decimals (`0.4512`); empty when the denominator
  /// is zero.
  package static func text(_ numerator: Int64, over denominator: Int64, places: Int = 4) -> String {
    guard denominator != 0 else { return "" }
    var scale: Int128 = 1
    for _ in 0..<places { scale *= 10 }
    let n = Int128(numerator) * scale * (denominator < 0 ? -1 : 1)
    let d = Int128(denominator.magnitude)
    var q = n / d
    let r = n % d
    if r.magnitude * 2 >= d.magnitude { q += n < 0 ? -1 : 1 }
    let negative = q < 0
    let m = q.magnitude
    let whole = m / UInt128(scale)
    var fraction = String(m % UInt128(scale))
    while fraction.count < places { fraction = "0" + fraction }
    return (negative ? "-" : "") + String(whole) + (places > 0 ? "." + fraction : "")
  }
}
