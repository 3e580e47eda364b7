import GrouperSupport

/// The statistics behind outlier limits, computed exactly on cents.
package enum OutlierStatistics {
  /// The `p`th percentile (0 < p < 100) of amounts sorted ascending, by SAS's default definition
  /// (PCTLDEF=5, the empirical distribution function with averaging, used by PROC UNIVARIATE
  /// and PROC MEANS; Hyndman and Fan's definition 2):
  ///
  /// with n amounts x(1) ≤ … ≤ x(n), write n·p/100 = j + g (j whole, 0 ≤ g < 1); the percentile
  /// is x(j+1) when g > 0, and (x(j) + x(j+1)) / 2 when g = 0.
  ///
  /// n·p/100 is formed exactly from the decimal `p`, so the test g = 0 is exact. The average of
  /// two amounts is rounded to the cent, halves away from zero (the one rounding rule); no other
  /// interpolation happens, so every percentile is one of the amounts or the midpoint of two
  /// neighbours. Example: 200 amounts, 99th percentile: 200 × 0.99 = 198 exactly, so the
  /// percentile is (x(198) + x(199)) / 2; with 150 amounts, 148.5 gives x(149).
  /// - Precondition: `sorted` is not empty and `0 < p < 100`.
  package static func percentile(_ sorted: [Cents], _ p: ExactDecimal) -> Cents {
    precondition(!sorted.isEmpty && p > .zero && p < .hundred)
    let n = Int128(sorted.count)
    let numerator = n * Int128(p.units)
    let denominator = Int128(100) * Int128(p.denominator)
    let j = Int(numerator / denominator)
    let g = numerator % denominator
    if g > 0 { return sorted[j] }
    // g = 0 and p > 0 give j ≥ 1; p < 100 gives j < n.
    return (sorted[j - 1] + sorted[j]).scaled(by: 1, over: 2)
  }

  /// The mean plus `k` standard deviations of the amounts, rounded to the cent (halves away from
  /// zero), computed without floating point: with S = Σx, Q = Σx², the variance is
  /// (n·Q − S²) / (n·(n − 1)) for a sample or (n·Q − S²) / n² for a population, and the result
  /// is the cent nearest to S/n + k·√variance, found by exact integer comparisons of squares.
  /// Nil when the sums outgrow 128 bits (amounts far beyond any episode's).
  /// - Precondition: at least two amounts for a sample, one for a population; `k ≥ 0`.
  package static func meanPlusSD(_ amounts: [Cents], k: ExactDecimal, sample: Bool) -> Cents? {
    precondition(amounts.count >= (sample ? 2 : 1) && !k.isNegative)
    let n = Int128(amounts.count)
    var s: Int128 = 0
    var q: Int128 = 0
    for a in amounts {
      let x = Int128(a.value)
      let (square, o1) = x.multipliedReportingOverflow(by: x)
      let (sum, o2) = q.addingReportingOverflow(square)
      guard !o1, !o2 else { return nil }
      q = sum
      s += x
    }
    // Variance = vn / vd.
    guard let nq = checkedProduct(n, q), let s2 = checkedProduct(s, s) else { return nil }
    let vn = nq - s2
    let vd = sample ? n * (n - 1) : n * n
    let kn = Int128(k.units)
    let kd = Int128(k.denominator)
    // m ≤ 2T, with T = S/n + (kn/kd)·√(vn/vd), holds when L = m·n − 2S ≤ 0 or
    // L²·kd²·vd ≤ 4·kn²·n²·vn (both sides compared as 256-bit products).
    guard let kd2vd = checkedProduct(kd * kd, vd), let kn2 = checkedProduct(kn, kn),
      let n2 = checkedProduct(n, n), let c4 = checkedProduct(4 * kn2, n2)
    else { return nil }
    func compareSquares(_ m: Int128) -> Int? {
      guard let mn = checkedProduct(m, n) else { return nil }
      let l = mn - 2 * s
      if l <= 0 { return l == 0 && (vn == 0 || kn == 0) ? 0 : -1 }
      guard let l2 = checkedProduct(l, l) else { return nil }
      return compareProducts(UInt128(l2), UInt128(kd2vd), UInt128(c4), UInt128(vn))
    }
    // floor(2T): the largest m with m ≤ 2T, searched upward from floor(2S/n) ≤ 2T.
    var low = floorDivide(2 * s, n)
    var step: Int128 = 1
    while true {
      guard let c = compareSquares(low + step) else { return nil }
      if c > 0 { break }
      low += step
      step *= 2
    }
    var high = low + step  // low ≤ 2T < high
    while high - low > 1 {
      let mid = low + (high - low) / 2
      guard let c = compareSquares(mid) else { return nil }
      if c > 0 { high = mid } else { low = mid }
    }
    guard let exactness = compareSquares(low) else { return nil }
    let twiceIsWhole = exactness == 0  // 2T = low exactly
    // Round T = (2T)/2 to the nearest whole cent, halves away from zero.
    let rounded: Int128
    if low >= 0 {
      rounded = floorDivide(low + 1, 2)
    } else {
      let negatedFloor = -(low + (twiceIsWhole ? 0 : 1))  // floor(−2T)
      rounded = -floorDivide(negatedFloor + 1, 2)
    }
    guard let cents = Int64(exactly: rounded) else { return nil }
    return Cents(cents)
  }

  /// `a × b`, or nil on overflow.
  private static func checkedProduct(_ a: Int128, _ b: Int128) -> Int128? {
    let (p, o) = a.multipliedReportingOverflow(by: b)
    return o ? nil : p
  }

  /// The sign of `a·b − c·d` for non-negative 128-bit values, compared as 256-bit products.
  private static func compareProducts(_ a: UInt128, _ b: UInt128, _ c: UInt128, _ d: UInt128) -> Int
  {
    let left = a.multipliedFullWidth(by: b)
    let right = c.multipliedFullWidth(by: d)
    if left.high != right.high { return left.high < right.high ? -1 : 1 }
    if left.low != right.low { return left.low < right.low ? -1 : 1 }
    return 0
  }

  /// `a ÷ b` rounded toward negative infinity (`b > 0`).
  private static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
    let q = a / b
    return (a % b != 0 && a < 0) ? q - 1 : q
  }
}
