import Testing

@testable import GrouperPricing

@Suite struct ProspectiveBundleTests {
  @Test func bundlePriceAgainstFeeForService() throws {
    // Bundle = 10000.00 × (1 − 0.02) = 9800.00. Spending above the fixed 11000.00 limit is paid on top.
    // E1: actual 9000.00, variance 9800.00 − 9000.00 = 800.00.
    // E2: actual 12000.00, capped 11000.00, variance 9800.00 − 11000.00 = −1200.00; outlier payment 1000.00.
    let json = Fixture.program(
      design: "prospective",
      definitions: #"""
        { "LEJR": { "discount": "0.02", "targets": [ { "amount": "10000.00" } ],
                    "outliers": { "method": "fixed", "amount": "11000.00" } } }
        """#)
    let result = try Pricer(schedule: try Fixture.schedule(json)).price([
      Fixture.episode("E1", actual: "9000.00"), Fixture.episode("E2", actual: "12000.00"),
    ])
    #expect(
      result.episodes.map(\.variance) == [Fixture.money("800.00"), Fixture.money("-1200.00")])
    let r = result.providers[0]
    // Bundles 19600.00; FFS 21000.00; capped 20000.00; outlier payments 1000.00;
    // net = 19600.00 − 20000.00 = −400.00 (the payer pays 20600.00 instead of 21000.00).
    #expect(r.targetTotal == Fixture.money("19600.00"))
    #expect(r.feeForServiceTotal == Fixture.money("21000.00"))
    #expect(r.outlierPayments == Fixture.money("1000.00"))
    #expect(r.netReconciliation == Fixture.money("-400.00"))
    let payer = result.payers[0]
    #expect(payer.spending == Fixture.money("20600.00"))
    #expect(payer.bundleTotal == Fixture.money("19600.00"))
    // Baseline 20000.00 (targets before discount): savings 20000.00 − 20600.00 = −600.00, −3.00%.
    #expect(payer.savings == Fixture.money("-600.00"))
    #expect(payer.savingsPercentText == "-3.00")
  }
}
