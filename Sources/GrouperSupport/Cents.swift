/// An exact amount of money in integer cents.
///
/// Amounts are never held in binary floating point. Input is read as decimal dollars straight to
/// cents; the only place a fraction of a cent arises is a division (proration, a percentage), and
/// there the one rounding rule of the project applies: ``Cents/divided(by:roundingTo:)`` rounds to
/// the nearest cent, halves away from zero, as SAS's `ROUND` function does in CMS's published
/// episode code.
public struct Cents: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
  /// The amount in cents.
  public var value: Int64

  /// An amount of `value` cents.
  public init(_ value: Int64) {
    self.value = value
  }

  /// Zero dollars.
  public static let zero = Cents(0)

  /// The sum.
  public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
  /// The difference.
  public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value - rhs.value) }
  /// Adds `rhs` to `lhs`.
  public static func += (lhs: inout Cents, rhs: Cents) { lhs.value += rhs.value }
  /// Subtracts `rhs` from `lhs`.
  public static func -= (lhs: inout Cents, rhs: Cents) { lhs.value -= rhs.value }
  /// Whether `lhs` comes before `rhs`.
  public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

  /// The amount as decimal dollars with two decimals: `1234.50`, `-0.07`.
  public var description: String {
    let negative = value < 0
    let magnitude = value.magnitude
    let dollars = magnitude / 100
    let cents = magnitude % 100
    return (negative ? "-" : "") + String(dollars) + (cents < 10 ? ".0" : ".") + String(cents)
  }

  /// `self × numerator ÷ denominator`, rounded to the nearest cent, halves away from zero.
  ///
  /// The product is formed in 128 bits, so no amount a claim file can hold overflows.
  /// - Precondition: `denominator > 0`.
  public func scaled(by numerator: Int64, over denominator: Int64) -> Cents {
    precondition(denominator > 0, "proration over a non-positive number of days")
    let product = value.multipliedFullWidth(by: numerator)
    let wide = (Int128(product.high) << 64) | Int128(product.low)
    return Cents(Int64(Cents.roundHalfAwayFromZero(wide, Int128(denominator))))
  }

  /// `n ÷ d` rounded to the nearest integer, halves away from zero (`d > 0`).
  static func roundHalfAwayFromZero(_ n: Int128, _ d: Int128) -> Int128 {
    let q = n / d
    let r = n % d  // same sign as n
    if r.magnitude * 2 >= d.magnitude {
      return n < 0 ? q - 1 : q + 1
    }
    return q
  }

  /// Reasons a text is not an amount of money.
  public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// A character other than a sign, digits and one decimal point.
    case notANumber
    /// More than two decimals that are not all zero: a fraction of a cent cannot be held exactly.
    case fractionOfACent
    /// More than ten billion dollars on one line: beyond any claim, and kept small enough that
    /// sums over hundreds of millions of lines stay exact in 64 bits.
    case tooLarge

    /// The value as text, as outputs and messages write it.
    public var description: String {
      switch self {
      case .empty: return "an amount is required"
      case .notANumber: return "not a decimal amount"
      case .fractionOfACent: return "amount has a fraction of a cent"
      case .tooLarge: return "amount is larger than ten billion dollars"
      }
    }
  }

  /// The largest whole-dollar magnitude a line may hold: ten billion.
  static let largestDollars: Int64 = 10_000_000_000

  /// Parses decimal dollars (`1234.5`, `-12.00`, `+3`, `.75`) straight to cents.
  ///
  /// Digits beyond the second decimal must be zeros (`10.500` is read, `10.505` is an error):
  /// the amount is never rounded on the way in.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Cents, ParseError> {
    var i = 0
    let n = bytes.count
    guard n > 0 else { return .failure(.empty) }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      i = 1
    }
    var whole: Int64 = 0
    var digits = 0
    while i < n, bytes[i] &- 48 < 10 {
      let (m, o1) = whole.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(bytes[i] &- 48))
      if o1 || o2 || s > Cents.largestDollars { return .failure(.tooLarge) }
      whole = s
      digits += 1
      i += 1
    }
    var fraction: Int64 = 0
    var fractionDigits = 0
    if i < n, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, bytes[i] &- 48 < 10 {
        let digit = Int64(bytes[i] &- 48)
        if fractionDigits < 2 {
          fraction = fraction * 10 + digit
        } else if digit != 0 {
          return .failure(.fractionOfACent)
        }
        fractionDigits += 1
        i += 1
      }
    }
    guard i == n, digits + fractionDigits > 0 else { return .failure(.notANumber) }
    if fractionDigits == 1 { fraction *= 10 }
    let cents = whole * 100 + fraction
    return .success(Cents(negative ? -cents : cents))
  }

  /// Parses decimal dollars from text; see ``parse(_:)-(UnsafeBufferPointer<UInt8>)``.
  public static func parse(_ text: some StringProtocol) -> Result<Cents, ParseError> {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { parse($0) }
  }
}
