import Testing

@testable import GrouperPricing
@testable import GrouperSupport

@Suite struct OutlierStatisticsTests {
  /// $1.00, $2.00, …, $n.00.
  func dollars(_ n: Int) -> [Cents] { (1...n).map { Cents(Int64($0) * 100) } }

  @Test func percentileAveragesTwoNeighboursWhenNTimesPIsWhole() {
    // n = 200, p = 99: n·p/100 = 198 exactly, so (x(198) + x(199)) / 2 = (198 + 199) / 2 = 198.50.
    #expect(
      OutlierStatistics.percentile(dollars(200), Fixture.decimal("99")) == Fixture.money("198.50"))
    // n = 10, p = 50: 5 exactly, so (x(5) + x(6)) / 2 = 5.50.
    #expect(
      OutlierStatistics.percentile(dollars(10), Fixture.decimal("50")) == Fixture.money("5.50"))
  }

  @Test func percentileTakesTheNextAmountOtherwise() {
    // n = 150, p = 99: 148.5, so x(149) = 149.00.
    #expect(
      OutlierStatistics.percentile(dollars(150), Fixture.decimal("99")) == Fixture.money("149.00"))
    // n = 50, p = 99: 49.5, so x(50) = 50.00 (below 100 episodes the 99th percentile is the largest).
    #expect(
      OutlierStatistics.percentile(dollars(50), Fixture.decimal("99")) == Fixture.money("50.00"))
    // n = 200, p = 1: 2 exactly, so (x(2) + x(3)) / 2 = 2.50.
    #expect(
      OutlierStatistics.percentile(dollars(200), Fixture.decimal("1")) == Fixture.money("2.50"))
    // n = 3, p = 97.5: 2.925, so x(3).
    #expect(
      OutlierStatistics.percentile(dollars(3), Fixture.decimal("97.5")) == Fixture.money("3.00"))
  }

  @Test func percentileMidpointRoundsHalfACentAwayFromZero() {
    // n = 2, p = 50: 1 exactly, so (1.01 + 1.02) / 2 = 1.015 → 1.02.
    let amounts = [Fixture.money("1.01"), Fixture.money("1.02")]
    #expect(OutlierStatistics.percentile(amounts, Fixture.decimal("50")) == Fixture.money("1.02"))
  }

  /// $2, $4, $4, $4, $5, $5, $7, $9: mean $5, population SD exactly $2.
  let known = ["2", "4", "4", "4", "5", "5", "7", "9"].map { Fixture.money($0) }

  @Test func meanPlusPopulationSD() {
    // 5 + 2 × 2 = 9.00; 5 + 1.5 × 2 = 8.00; k = 0 gives the mean.
    #expect(
      OutlierStatistics.meanPlusSD(known, k: Fixture.decimal("2"), sample: false)
        == Fixture.money("9.00"))
    #expect(
      OutlierStatistics.meanPlusSD(known, k: Fixture.decimal("1.5"), sample: false)
        == Fixture.money("8.00"))
    #expect(OutlierStatistics.meanPlusSD(known, k: .zero, sample: false) == Fixture.money("5.00"))
  }

  @Test func meanPlusSampleSD() {
    // Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; sample variance 32/7 dollars² = 45714.2857… cents²;
    // SD = 213.8090… cents; mean + 2 SD = 500 + 427.618… = 927.618… cents → $9.28.
    #expect(
      OutlierStatistics.meanPlusSD(known, k: Fixture.decimal("2"), sample: true)
        == Fixture.money("9.28"))
    // k = 3: 500 + 641.427… = 1141.427… cents → $11.41.
    #expect(
      OutlierStatistics.meanPlusSD(known, k: Fixture.decimal("3"), sample: true)
        == Fixture.money("11.41"))
  }

  @Test func meanPlusSDRoundsHalvesAwayFromZero() {
    // 100 and 101 cents, k = 0: mean 100.5 cents → 101 cents.
    #expect(
      OutlierStatistics.meanPlusSD([Cents(100), Cents(101)], k: .zero, sample: true) == Cents(101))
    // Population SD of {100, 101} is 0.5 cents: 100.5 + 1 × 0.5 = 101 cents exactly.
    #expect(
      OutlierStatistics.meanPlusSD([Cents(100), Cents(101)], k: .one, sample: false) == Cents(101))
    // −101 and −100 cents, k = 0: −100.5 → −101 cents (away from zero).
    #expect(
      OutlierStatistics.meanPlusSD([Cents(-101), Cents(-100)], k: .zero, sample: true)
        == Cents(-101))
    // Sample SD of {100, 101} is √0.5 = 0.7071… cents: 100.5 + 0.7071… = 101.207… → 101 cents.
    #expect(
      OutlierStatistics.meanPlusSD([Cents(100), Cents(101)], k: .one, sample: true) == Cents(101))
  }

  @Test func limitsCapAndRaise() {
    let limits = OutlierLimits(lower: Fixture.money("15.00"), upper: Fixture.money("95.00"))
    #expect(limits.capped(Fixture.money("100.00")) == Fixture.money("95.00"))
    #expect(limits.capped(Fixture.money("10.00")) == Fixture.money("15.00"))
    #expect(limits.capped(Fixture.money("95.00")) == Fixture.money("95.00"))
    #expect(limits.side(of: Fixture.money("95.01")) == .high)
    #expect(limits.side(of: Fixture.money("14.99")) == .low)
    #expect(limits.side(of: Fixture.money("15.00")) == nil)
  }

  @Test func sampleSDNeedsTwoEpisodes() {
    let rule = OutlierRule(method: .meanPlusSD(k: Fixture.decimal("2"), sample: true))
    #expect(rule.limits(over: [Fixture.money("10.00")]) == OutlierLimits(lower: nil, upper: nil))
  }
}
