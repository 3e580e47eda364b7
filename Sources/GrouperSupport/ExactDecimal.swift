/// An exact decimal number, `units × 10^-scale`, for the rates and factors of a price schedule
/// (a 3% discount, a risk factor of 1.0525, a 99th percentile).
///
/// Rates are read from their decimal text and never pass through binary floating point, so
/// `0.03` is three hundredths exactly. Applied to money, a rate is one multiplication and one
/// rounding to the cent by ``Cents/scaled(by:over:)``, the project's one rounding rule.
package struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The digits, as a whole number: `0.0525` has units 525.
  package let units: Int64
  /// The number of decimals, 0 through ``maximumScale``: `0.0525` has scale 4.
  package let scale: Int

  /// The most decimals a value holds, so that `10^scale` fits the 64-bit denominator of
  /// ``Cents/scaled(by:over:)``.
  package static let maximumScale = 18

  /// Zero.
  package static let zero = ExactDecimal(units: 0, scale: 0)
  /// One.
  package static let one = ExactDecimal(units: 1, scale: 0)
  /// One hundred.
  package static let hundred = ExactDecimal(units: 100, scale: 0)

  /// The value `units × 10^-scale`, kept with trailing zero decimals removed (`1.50` is `1.5`).
  /// - Precondition: `0 <= scale <= maximumScale`.
  package init(units: Int64, scale: Int) {
    precondition((0...ExactDecimal.maximumScale).contains(scale), "scale out of range")
    var u = units
    var s = scale
    while s > 0 && u % 10 == 0 {
      u /= 10
      s -= 1
    }
    self.units = u
    self.scale = s
  }

  /// A whole number.
  package init(_ whole: Int) {
    self.init(units: Int64(whole), scale: 0)
  }

  /// `10^scale`: the denominator of the value as a fraction.
  package var denominator: Int64 { ExactDecimal.powerOfTen(scale) }

  /// Whether the value is below zero.
  package var isNegative: Bool { units < 0 }

  /// `10^n` for `0 <= n <= 18`.
  static func powerOfTen(_ n: Int) -> Int64 {
    var p: Int64 = 1
    for _ in 0..<n { p *= 10 }
    return p
  }

  /// Reasons a text is not an exact decimal.
  package enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// Not a decimal number.
    case notANumber
    /// More significant digits or decimals than the value can hold exactly.
    case tooPrecise

    /// The reason, for messages.
    package var description: String {
      switch self {
      case .empty: return "a number is required"
      case .notANumber: return "not a decimal number"
      case .tooPrecise:
        return "more than \(ExactDecimal.maximumScale) decimals or 18 significant digits"
      }
    }
  }

  /// Parses decimal text as JSON writes numbers, or as people write rates: `0.03`, `-1.5`,
  /// `+2`, `.5`, `1e-2`, `97.5`. The value is exact; nothing is rounded.
  package static func parse(_ text: some StringProtocol) -> Result<ExactDecimal, ParseError> {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return .failure(.empty) }
    var i = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      i = 1
    }
    var digits: [UInt8] = []
    var decimals = 0
    var sawDigit = false
    var sawPoint = false
    while i < bytes.count {
      let c = bytes[i]
      if c >= 48 && c <= 57 {
        sawDigit = true
        if !(digits.isEmpty && c == 48) { digits.append(c - 48) }
        if sawPoint { decimals += 1 }
      } else if c == UInt8(ascii: "."), !sawPoint {
        sawPoint = true
      } else {
        break
      }
      i += 1
    }
    guard sawDigit else { return .failure(.notANumber) }
    var exponent = 0
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      var exponentNegative = false
      if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var sawExponentDigit = false
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
        exponent = min(exponent * 10 + Int(bytes[i] - 48), 1000)
        sawExponentDigit = true
        i += 1
      }
      guard sawExponentDigit else { return .failure(.notANumber) }
      if exponentNegative { exponent = -exponent }
    }
    guard i == bytes.count else { return .failure(.notANumber) }
    // Drop trailing zeros of the fraction, then shift by the exponent.
    var scale = decimals - exponent
    while scale > 0, let last = digits.last, last == 0 {
      digits.removeLast()
      scale -= 1
    }
    if digits.isEmpty { return .success(.zero) }
    while scale < 0 {
      digits.append(0)
      scale += 1
    }
    guard scale <= maximumScale, digits.count <= 18 else { return .failure(.tooPrecise) }
    var units: Int64 = 0
    for d in digits { units = units * 10 + Int64(d) }
    return .success(ExactDecimal(units: negative ? -units : units, scale: scale))
  }

  /// The product, exact, or nil when it needs more digits than a value holds.
  package func multiplied(by other: ExactDecimal) -> ExactDecimal? {
    let (product, overflow) = units.multipliedReportingOverflow(by: other.units)
    var u = product
    var s = scale + other.scale
    guard !overflow else { return nil }
    while s > ExactDecimal.maximumScale {
      guard u % 10 == 0 else { return nil }
      u /= 10
      s -= 1
    }
    return ExactDecimal(units: u, scale: s)
  }

  /// The difference, exact, or nil when it needs more digits than a value holds.
  package func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
    let s = max(scale, other.scale)
    let a = Int128(units) * Int128(ExactDecimal.powerOfTen(s - scale))
    let b = Int128(other.units) * Int128(ExactDecimal.powerOfTen(s - other.scale))
    let d = a - b
    guard let u = Int64(exactly: d) else { return nil }
    return ExactDecimal(units: u, scale: s)
  }

  /// The value as a fraction over `10^18`, for comparisons.
  var wide: Int128 {
    Int128(units) * Int128(ExactDecimal.powerOfTen(ExactDecimal.maximumScale - scale))
  }

  /// Compares two values exactly.
  package static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.wide < rhs.wide }

  /// The value in plain decimal notation, as few decimals as it needs: `0.03`, `1.0525`, `2`.
  package var description: String {
    let magnitude = units.magnitude
    var text = String(magnitude)
    if scale > 0 {
      if text.count <= scale {
        text = String(repeating: "0", count: scale - text.count + 1) + text
      }
      text.insert(".", at: text.index(text.endIndex, offsetBy: -scale))
    }
    return (units < 0 ? "-" : "") + text
  }
}

extension Cents {
  /// `self × factor`, rounded to the nearest cent, halves away from zero.
  package func multiplied(by factor: ExactDecimal) -> Cents {
    scaled(by: factor.units, over: factor.denominator)
  }

  /// `self ÷ factor`, rounded to the nearest cent, halves away from zero.
  /// - Precondition: `factor > 0`.
  package func divided(by factor: ExactDecimal) -> Cents {
    scaled(by: factor.denominator, over: factor.units)
  }
}
