import Testing

@testable import GrouperSupport

@Suite struct ExactDecimalTests {
  @Test(
    arguments: [
      ("0.03", 3, 2, "0.03"),
      ("1.50", 15, 1, "1.5"),
      ("100", 100, 0, "100"),
      ("-2.125", -2125, 3, "-2.125"),
      (".5", 5, 1, "0.5"),
      ("1e-2", 1, 2, "0.01"),
      ("2.5E3", 2500, 0, "2500"),
      ("0.000", 0, 0, "0"),
    ] as [(String, Int64, Int, String)])
  func parsesExactly(text: String, units: Int64, scale: Int, shown: String) throws {
    let d = try ExactDecimal.parse(text).get()
    #expect(d.units == units)
    #expect(d.scale == scale)
    #expect(d.description == shown)
  }

  @Test(arguments: [
    ("", ExactDecimal.ParseError.empty),
    ("abc", .notANumber),
    ("1.2.3", .notANumber),
    ("1e", .notANumber),
    ("0.0000000000000000001", .tooPrecise),
  ])
  func refusesMalformedText(text: String, error: ExactDecimal.ParseError) {
    #expect(ExactDecimal.parse(text) == .failure(error))
  }

  @Test func multipliesAndSubtractsExactly() {
    // 0.96 × 1.02 = 0.9792; × 1.55 = 1.51776; 1 − 0.03 = 0.97.
    let p = Fixture.decimal("0.96").multiplied(by: Fixture.decimal("1.02"))!.multiplied(
      by: Fixture.decimal("1.55"))!
    #expect(p.description == "1.51776")
    #expect(ExactDecimal.one.subtracting(Fixture.decimal("0.03"))!.description == "0.97")
    #expect(Fixture.decimal("0.1") < Fixture.decimal("0.25"))
    #expect(Fixture.decimal("2") == Fixture.decimal("2.000"))
  }

  @Test func appliesToMoneyWithTheOneRoundingRule() {
    // 100.01 × 0.5 = 50.005 → 50.01 (half away from zero); the negative amount mirrors it.
    #expect(
      Fixture.money("100.01").multiplied(by: Fixture.decimal("0.5")) == Fixture.money("50.01"))
    #expect(
      Fixture.money("-100.01").multiplied(by: Fixture.decimal("0.5")) == Fixture.money("-50.01"))
    // 1000.00 ÷ 1.5 = 666.666… → 666.67; 1100.00 ÷ 1.1 = 1000.00 exactly.
    #expect(Fixture.money("1000.00").divided(by: Fixture.decimal("1.5")) == Fixture.money("666.67"))
    #expect(
      Fixture.money("1100.00").divided(by: Fixture.decimal("1.1")) == Fixture.money("1000.00"))
  }
}
