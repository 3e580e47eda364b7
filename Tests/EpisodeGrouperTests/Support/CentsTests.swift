import Testing

@testable import GrouperSupport

@Suite("Cents")
struct CentsTests {
  @Test(
    "decimal dollars read straight to cents",
    arguments: [
      ("1234.5", 123_450), ("1234.56", 123_456), ("-0.07", -7), ("+3", 300), (".75", 75), ("0", 0),
      ("10.500", 1050),
      ("-12.00", -1200), ("007.10", 710), ("5.", 500), ("10000000000.99", 1_000_000_000_099),
    ])
  func parses(_ text: String, _ cents: Int64) throws {
    #expect(try Cents.parse(text).get() == Cents(cents))
  }

  @Test(
    "what is not an exact amount is an error",
    arguments: [
      ("", Cents.ParseError.empty), ("abc", .notANumber), ("1,000.00", .notANumber),
      ("$5", .notANumber),
      ("1.2.3", .notANumber), ("-", .notANumber), (".", .notANumber), ("10.505", .fractionOfACent),
      ("0.001", .fractionOfACent), ("99999999999999999999", .tooLarge), ("10000000001", .tooLarge),
      ("1e3", .notANumber), (" 5", .notANumber),
    ])
  func refused(_ text: String, _ error: Cents.ParseError) {
    #expect(throws: error) { try Cents.parse(text).get() }
  }

  @Test("printed with two decimals")
  func printed() {
    #expect(Cents(123_450).description == "1234.50")
    #expect(Cents(-7).description == "-0.07")
    #expect(Cents(0).description == "0.00")
    #expect(Cents(-100).description == "-1.00")
  }

  @Test("scaling rounds to the nearest cent, halves away from zero")
  func rounding() {
    // 9999.99 × 10 ÷ 20 = 4999.995 → 5000.00 (the half goes up, away from zero).
    #expect(Cents(999_999).scaled(by: 10, over: 20) == Cents(500_000))
    // −0.05 × 1 ÷ 2 = −0.025 → −0.03 (the half goes down, away from zero).
    #expect(Cents(-5).scaled(by: 1, over: 2) == Cents(-3))
    // 1.00 × 1 ÷ 3 = 0.333… → 0.33; 1.00 × 2 ÷ 3 = 0.666… → 0.67.
    #expect(Cents(100).scaled(by: 1, over: 3) == Cents(33))
    #expect(Cents(100).scaled(by: 2, over: 3) == Cents(67))
    // −1.00 × 2 ÷ 3 = −0.666… → −0.67.
    #expect(Cents(-100).scaled(by: 2, over: 3) == Cents(-67))
    // 0.01 × 1 ÷ 2 = 0.005 → 0.01.
    #expect(Cents(1).scaled(by: 1, over: 2) == Cents(1))
    // A large amount does not overflow: 90 trillion cents × 1000 ÷ 1000.
    #expect(Cents(90_000_000_000_000).scaled(by: 1000, over: 1000) == Cents(90_000_000_000_000))
  }
}
