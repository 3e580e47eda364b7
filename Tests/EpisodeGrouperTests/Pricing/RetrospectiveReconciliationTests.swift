import Testing

@testable import GrouperPricing

/// One definition, a 10000.00 target for every episode, no discount or risk adjustment unless a
/// test says so: each provider's aggregate target is 10000.00 × its episodes.
@Suite struct RetrospectiveReconciliationTests {
  func reconcile(
    terms: String, quality: String = "", discount: String = "0", scores: QualityScores = .none,
    _ episodes: [PricingEpisode]
  ) throws -> PricingResult {
    let json = Fixture.program(
      design: "retrospective", terms: terms, quality: quality,
      definitions:
        #"{ "LEJR": { "discount": "\#(discount)", "targets": [ { "amount": "10000.00" } ] } }"#)
    return try Pricer(schedule: try Fixture.schedule(json), quality: scores).price(episodes)
  }

  func provider(_ result: PricingResult, _ id: String) -> ProviderReconciliation {
    result.providers.first { $0.provider == id }!
  }

  let limits = #"{ "stop_gain": "0.20", "stop_loss": "0.20" }"#

  @Test func stopGainAtAndAcrossItsLimit() throws {
    // Limit 10000.00 × 0.20 = 2000.00. Actual 8000.00: gross 2000.00, exactly at the limit, kept.
    // Actual 7999.99: gross 2000.01, cut to 2000.00 (adjustment −0.01).
    let result = try reconcile(
      terms: limits,
      [
        Fixture.episode("E1", provider: "AT", actual: "8000.00"),
        Fixture.episode("E2", provider: "ACROSS", actual: "7999.99"),
      ])
    let at = provider(result, "AT")
    #expect(at.grossVariance == Fixture.money("2000.00"))
    #expect(at.stopGainLimit == Fixture.money("2000.00"))
    #expect(at.stopApplied == "")
    #expect(at.stopAdjustment == .zero)
    #expect(at.netReconciliation == Fixture.money("2000.00"))
    let across = provider(result, "ACROSS")
    #expect(across.grossVariance == Fixture.money("2000.01"))
    #expect(across.stopApplied == "stop_gain")
    #expect(across.stopAdjustment == Fixture.money("-0.01"))
    #expect(across.netReconciliation == Fixture.money("2000.00"))
  }

  @Test func stopLossAtAndAcrossItsLimit() throws {
    // Actual 12000.00: gross −2000.00, exactly at −2000.00, kept. Actual 12000.01: −2000.01 → −2000.00.
    let result = try reconcile(
      terms: limits,
      [
        Fixture.episode("E1", provider: "AT", actual: "12000.00"),
        Fixture.episode("E2", provider: "ACROSS", actual: "12000.01"),
      ])
    #expect(provider(result, "AT").stopApplied == "")
    #expect(provider(result, "AT").netReconciliation == Fixture.money("-2000.00"))
    let across = provider(result, "ACROSS")
    #expect(across.stopLossLimit == Fixture.money("2000.00"))
    #expect(across.stopApplied == "stop_loss")
    #expect(across.stopAdjustment == Fixture.money("0.01"))
    #expect(across.netReconciliation == Fixture.money("-2000.00"))
  }

  @Test func limitsApplyToTheProvidersAggregateTarget() throws {
    // Two episodes: aggregate target 20000.00, limit 4000.00. Actuals 7000.00 and 8500.00:
    // variances 3000.00 and 1500.00, gross 4500.00 → 4000.00.
    let result = try reconcile(
      terms: limits,
      [Fixture.episode("E1", actual: "7000.00"), Fixture.episode("E2", actual: "8500.00")])
    let r = provider(result, "H1")
    #expect(r.targetTotal == Fixture.money("20000.00"))
    #expect(r.stopGainLimit == Fixture.money("4000.00"))
    #expect(r.grossVariance == Fixture.money("4500.00"))
    #expect(r.netReconciliation == Fixture.money("4000.00"))
  }

  @Test func sharingRatesForSavingsAndLosses() throws {
    // Savings: gross 10000.00 − 9000.01 = 999.99; × 0.50 = 499.995 → 500.00 (half away from zero).
    // Losses: gross 10000.00 − 10333.33 = −333.33; × 0.80 = −266.664 → −266.66.
    let result = try reconcile(
      terms: #"{ "savings_sharing_rate": "0.50", "loss_sharing_rate": "0.80" }"#,
      [
        Fixture.episode("E1", provider: "SAVES", actual: "9000.01"),
        Fixture.episode("E2", provider: "LOSES", actual: "10333.33"),
      ])
    #expect(provider(result, "SAVES").sharingRate == Fixture.decimal("0.5"))
    #expect(provider(result, "SAVES").sharedVariance == Fixture.money("500.00"))
    #expect(provider(result, "SAVES").netReconciliation == Fixture.money("500.00"))
    #expect(provider(result, "LOSES").sharingRate == Fixture.decimal("0.8"))
    #expect(provider(result, "LOSES").netReconciliation == Fixture.money("-266.66"))
  }

  @Test func belowTheMinimumEpisodeCountNothingIsReconciled() throws {
    // Minimum 3. SMALL has 2 episodes (gross 2000.00 + 1000.00 = 3000.00): net 0.
    // BIG has 3 (gross 3 × 500.00 = 1500.00): reconciled.
    let result = try reconcile(
      terms: #"{ "minimum_episodes": 3 }"#,
      [
        Fixture.episode("E1", provider: "SMALL", actual: "8000.00"),
        Fixture.episode("E2", provider: "SMALL", actual: "9000.00"),
        Fixture.episode("E3", provider: "BIG", actual: "9500.00"),
        Fixture.episode("E4", provider: "BIG", actual: "9500.00"),
        Fixture.episode("E5", provider: "BIG", actual: "9500.00"),
      ])
    let small = provider(result, "SMALL")
    #expect(small.grossVariance == Fixture.money("3000.00"))
    #expect(small.sharedVariance == nil)
    #expect(small.netReconciliation == .zero)
    #expect(small.reason == "2 priced episodes, fewer than the minimum of 3: nothing is reconciled")
    #expect(provider(result, "BIG").netReconciliation == Fixture.money("1500.00"))
  }

  let scaled = #"""
    { "method": "scale_reconciliation", "positive_max_reduction": "0.10", "negative_max_reduction": "0.10",
      "missing_score": "0" }
    """#

  @Test func qualityScalesReconciliation() throws {
    let scores = QualityScores(
      file: "q.csv",
      entries: [
        "": [
          "GOOD": .init(score: Fixture.decimal("80"), passed: nil, line: 2),
          "POOR": .init(score: Fixture.decimal("80"), passed: nil, line: 3),
        ]
      ])
    let result = try reconcile(
      terms: "{}", quality: scaled, scores: scores,
      [
        Fixture.episode("E1", provider: "GOOD", actual: "9000.00"),
        Fixture.episode("E2", provider: "POOR", actual: "11000.00"),
        Fixture.episode("E3", provider: "UNSCORED", actual: "9000.00"),
      ])
    // GOOD: +1000.00 loses 0.10 × (100 − 80)/100 = 2%: −20.00 → 980.00.
    let good = provider(result, "GOOD")
    #expect(good.qualityScore == Fixture.decimal("80"))
    #expect(good.qualityAdjustment == Fixture.money("-20.00"))
    #expect(good.netReconciliation == Fixture.money("980.00"))
    // POOR: −1000.00 is relieved of 0.10 × 80/100 = 8%: +80.00 → −920.00.
    #expect(provider(result, "POOR").qualityAdjustment == Fixture.money("80.00"))
    #expect(provider(result, "POOR").netReconciliation == Fixture.money("-920.00"))
    // UNSCORED takes the missing score 0: +1000.00 loses 10%: 900.00.
    #expect(provider(result, "UNSCORED").qualityScore == .zero)
    #expect(provider(result, "UNSCORED").netReconciliation == Fixture.money("900.00"))
  }

  @Test func qualityComesBeforeTheStopGain() throws {
    // Gross 10000.00 − 7500.00 = 2500.00; score 100 keeps all; limit 2000.00 cuts 500.00.
    // Score 50: 2500.00 loses 0.10 × 50/100 = 5% = 125.00 → 2375.00, still cut to 2000.00.
    let scores = QualityScores(
      file: "q.csv",
      entries: ["prog": ["H1": .init(score: Fixture.decimal("50"), passed: nil, line: 2)]])
    let r = provider(
      try reconcile(
        terms: limits, quality: scaled, scores: scores, [Fixture.episode("E1", actual: "7500.00")]),
      "H1")
    #expect(r.qualityAdjustment == Fixture.money("-125.00"))
    #expect(r.stopAdjustment == Fixture.money("-375.00"))
    #expect(r.netReconciliation == Fixture.money("2000.00"))
  }

  @Test func qualityBandsSetTheDiscountAndCanWithholdPayment() throws {
    let bands = #"""
      { "method": "discount_by_score", "bands": [
        { "minimum_score": "0", "discount": "0.03", "reconciliation_payment": false },
        { "minimum_score": "40", "discount": "0.03" },
        { "minimum_score": "60", "discount": "0.02" },
        { "minimum_score": "80", "discount": "0.015" } ] }
      """#
    let scores = QualityScores(
      file: "q.csv",
      entries: [
        "": [
          "EXCELLENT": .init(score: Fixture.decimal("85"), passed: nil, line: 2),
          "GOOD": .init(score: Fixture.decimal("60"), passed: nil, line: 3),
          "BELOW": .init(score: Fixture.decimal("39.99"), passed: nil, line: 4),
        ]
      ])
    let json = Fixture.program(
      design: "retrospective", quality: bands,
      definitions: #"{ "LEJR": { "targets": [ { "amount": "10000.00" } ] } }"#)
    let result = try Pricer(schedule: try Fixture.schedule(json), quality: scores).price([
      Fixture.episode("E1", provider: "EXCELLENT", actual: "9000.00"),
      Fixture.episode("E2", provider: "GOOD", actual: "9000.00"),
      Fixture.episode("E3", provider: "BELOW", actual: "9000.00"),
    ])
    // 10000.00 × (1 − 0.015) = 9850.00; × (1 − 0.02) = 9800.00; × (1 − 0.03) = 9700.00.
    #expect(
      result.episodes.map(\.discountedTarget)
        == ["9850.00", "9800.00", "9700.00"].map { Fixture.money($0) })
    #expect(provider(result, "EXCELLENT").netReconciliation == Fixture.money("850.00"))
    #expect(provider(result, "GOOD").netReconciliation == Fixture.money("800.00"))
    // BELOW: +700.00 withheld.
    let below = provider(result, "BELOW")
    #expect(below.qualityAdjustment == Fixture.money("-700.00"))
    #expect(below.netReconciliation == .zero)
  }

  @Test func discountAndVarianceOfEachEpisode() throws {
    // 10000.00 × 0.97 = 9700.00; variance 9700.00 − 9200.00 = 500.00.
    let result = try reconcile(
      terms: "{}", discount: "0.03", [Fixture.episode("E1", actual: "9200.00")])
    let e = result.episodes[0]
    #expect(e.target == Fixture.money("10000.00"))
    #expect(e.riskFactor == .one)
    #expect(e.adjustedTarget == Fixture.money("10000.00"))
    #expect(e.discountedTarget == Fixture.money("9700.00"))
    #expect(e.variance == Fixture.money("500.00"))
    // Payer: baseline 10000.00 (before discount), spending 9200.00 + 500.00 = 9700.00, savings 300.00 = 3.00%.
    let payer = result.payers[0]
    #expect(payer.baselineTotal == Fixture.money("10000.00"))
    #expect(payer.spending == Fixture.money("9700.00"))
    #expect(payer.savings == Fixture.money("300.00"))
    #expect(payer.savingsPercentText == "3.00")
  }

  @Test func winsorizationCapsAndRaisesActualSpending() throws {
    // Ten episodes of 1000.00 … 10000.00. 90th percentile: 10 × 0.9 = 9 exactly, so
    // (x(9) + x(10)) / 2 = 9500.00; 10th: 1 exactly, so (x(1) + x(2)) / 2 = 1500.00.
    let json = Fixture.program(
      design: "retrospective",
      definitions: #"""
        { "LEJR": { "targets": [ { "amount": "5000.00" } ],
          "outliers": { "method": "percentile", "lower_percentile": "10", "upper_percentile": "90" } } }
        """#)
    let episodes = (1...10).map { Fixture.episode("E\($0)", actual: "\($0 * 1000).00") }
    let result = try Pricer(schedule: try Fixture.schedule(json)).price(episodes)
    let first = result.episodes[0]
    #expect(
      first.limits
        == OutlierLimits(lower: Fixture.money("1500.00"), upper: Fixture.money("9500.00")))
    #expect(first.outlier == .low && first.capped && first.cappedActual == Fixture.money("1500.00"))
    let last = result.episodes[9]
    #expect(last.outlier == .high && last.cappedActual == Fixture.money("9500.00"))
    #expect(last.variance == Fixture.money("-4500.00"))
    #expect(result.episodes[4].capped == false)
    // Σ capped = 1500 + 2000 + … + 9000 + 9500: the 1000.00 raised by 500.00, the 10000.00 cut
    // by 500.00, so the same 55000.00 as Σ actual.
    #expect(result.providers[0].cappedActualTotal == Fixture.money("55000.00"))
    #expect(result.providers[0].feeForServiceTotal == Fixture.money("55000.00"))
  }
}
