import Testing

@testable import GrouperCore
@testable import GrouperPricing
@testable import GrouperSupport

/// Thresholds for PERINATAL: commendable 1000.00, acceptable 1500.00, gain sharing limit 600.00;
/// 50% gain and risk share; at least 3 valid episodes. Risk factor 1 unless a test says so.
@Suite struct ThresholdReconciliationTests {
  func reconcile(_ episodes: [PricingEpisode], passed: [String: Bool] = [:], extra: String = "")
    throws
    -> PricingResult
  {
    let json = Fixture.program(
      design: "thresholds",
      terms:
        #"{ "gain_share_rate": "0.50", "risk_share_rate": "0.50", "minimum_valid_episodes": 3 }"#,
      definitions: """
        { "PERINATAL": { "thresholds": { "commendable": "1000.00", "acceptable": "1500.00", "gain_sharing_limit": "600.00" }\(extra) } }
        """)
    var entries: [String: QualityScores.Entry] = [:]
    for (provider, ok) in passed { entries[provider] = .init(score: nil, passed: ok, line: 1) }
    let scores = QualityScores(file: "q.csv", entries: ["": entries])
    return try Pricer(schedule: try Fixture.schedule(json), quality: scores).price(episodes)
  }

  func episodes(_ provider: String, _ actuals: [String]) -> [PricingEpisode] {
    actuals.enumerated().map {
      Fixture.episode(
        "\(provider)-\($0.offset)", definition: "PERINATAL", provider: provider, actual: $0.element)
    }
  }

  func provider(_ result: PricingResult, _ id: String) -> ProviderReconciliation {
    result.providers.first { $0.provider == id }!
  }

  @Test func gainShareBelowCommendableWithQualityPassed() throws {
    // Σ = 800 + 900 + 1000 = 2700.00 < 3 × 1000.00: average 900.00.
    // Gain share = (3000.00 − 2700.00) × 0.50 = 150.00.
    let r = provider(
      try reconcile(episodes("A", ["800.00", "900.00", "1000.00"]), passed: ["A": true]), "A")
    #expect(r.averageRiskAdjustedCost == Fixture.money("900.00"))
    #expect(r.thresholdResult == "below_commendable")
    #expect(r.shareBase == Fixture.money("300.00"))
    #expect(r.netReconciliation == Fixture.money("150.00"))
  }

  @Test func gainShareStopsAtTheGainSharingLimit() throws {
    // Σ = 500 + 500 + 600 = 1600.00, below 3 × 600.00 = 1800.00: counted from the limit.
    // Gain share = (3000.00 − 1800.00) × 0.50 = 600.00.
    let r = provider(
      try reconcile(episodes("B", ["500.00", "500.00", "600.00"]), passed: ["B": true]), "B")
    #expect(r.shareBase == Fixture.money("1200.00"))
    #expect(r.netReconciliation == Fixture.money("600.00"))
    #expect(
      r.reason == "average below the gain sharing limit: the gain share is counted from the limit")
  }

  @Test func noGainShareWithoutPassingQuality() throws {
    // Σ = 2400.00 < 3000.00 but quality failed (C) or not reported (D).
    let result = try reconcile(
      episodes("C", ["800.00", "800.00", "800.00"])
        + episodes("D", ["800.00", "800.00", "800.00"]),
      passed: ["C": false])
    for id in ["C", "D"] {
      #expect(provider(result, id).thresholdResult == "below_commendable")
      #expect(provider(result, id).qualityPassed == false)
      #expect(provider(result, id).netReconciliation == .zero)
      #expect(provider(result, id).reason == "quality metrics not passed: no gain share")
    }
  }

  @Test func riskShareAboveAcceptableWhateverTheQuality() throws {
    // Σ = 1600 + 1700 + 1800 = 5100.00 > 3 × 1500.00 = 4500.00.
    // Risk share = (5100.00 − 4500.00) × 0.50 = 300.00, repaid.
    let r = provider(try reconcile(episodes("E", ["1600.00", "1700.00", "1800.00"])), "E")
    #expect(r.thresholdResult == "above_acceptable")
    #expect(r.shareBase == Fixture.money("600.00"))
    #expect(r.netReconciliation == Fixture.money("-300.00"))
  }

  @Test func nothingBetweenTheThresholdsOrOnThem() throws {
    // F: Σ 3700.00, between 3000.00 and 4500.00. G: average exactly 1000.00. H: exactly 1500.00.
    let result = try reconcile(
      episodes("F", ["1000.00", "1200.00", "1500.00"])
        + episodes("G", ["900.00", "1000.00", "1100.00"])
        + episodes("H", ["1400.00", "1500.00", "1600.00"]),
      passed: ["F": true, "G": true, "H": true])
    for id in ["F", "G", "H"] {
      #expect(provider(result, id).thresholdResult == "between_thresholds")
      #expect(provider(result, id).netReconciliation == .zero)
    }
  }

  @Test func belowTheMinimumValidEpisodesNothingIsShared() throws {
    // Two episodes far above acceptable: no risk share below the minimum of 3.
    let r = provider(try reconcile(episodes("I", ["5000.00", "5000.00"])), "I")
    #expect(r.thresholdResult == "below_minimum")
    #expect(r.netReconciliation == .zero)
    #expect(r.reason == "2 valid episodes, fewer than the minimum of 3: no gain or risk share")
  }

  @Test func riskAdjustedCostDividesByTheFactorAndOutliersAreExcluded() throws {
    // Age 35-49 factor 1.10 for member OLD (born 1985-01-01, 38 on 2023-06-01); others 1.
    // Costs: 1100.00 ÷ 1.1 = 1000.00; 733.33 ÷ 1.1 = 666.6636… → 666.66; 700.00; 700.00.
    // The 2500.00 episode is beyond the fixed 2000.00 limit: excluded from the average.
    // Valid Σ = 1000.00 + 666.66 + 700.00 + 700.00 = 3066.66 < 4 × 1000.00 = 4000.00:
    // gain share = (4000.00 − 3066.66) × 0.50 = 466.67 (466.67 from 933.34 / 2 exactly).
    let extra = #"""
      , "risk_adjustment": { "age_bands": [ { "from": 0, "through": 34, "factor": "1" },
                                            { "from": 35, "through": 49, "factor": "1.10" } ] },
        "outliers": { "method": "fixed", "amount": "2000.00", "action": "exclude" }
      """#
    let members = [
      "OLD": Member(birth: Day(iso: "1985-01-01"), sex: "F"),
      "YOUNG": Member(birth: Day(iso: "2000-01-01"), sex: "F"),
    ]
    let list = [
      Fixture.episode(
        "J1", definition: "PERINATAL", provider: "J", member: "OLD", actual: "1100.00"),
      Fixture.episode(
        "J2", definition: "PERINATAL", provider: "J", member: "OLD", actual: "733.33"),
      Fixture.episode(
        "J3", definition: "PERINATAL", provider: "J", member: "YOUNG", actual: "700.00"),
      Fixture.episode(
        "J4", definition: "PERINATAL", provider: "J", member: "YOUNG", actual: "700.00"),
      Fixture.episode(
        "J5", definition: "PERINATAL", provider: "J", member: "YOUNG", actual: "2500.00"),
    ]
    let json = Fixture.program(
      design: "thresholds", terms: #"{ "gain_share_rate": "0.50", "risk_share_rate": "0.50" }"#,
      definitions: """
        { "PERINATAL": { "thresholds": { "commendable": "1000.00", "acceptable": "1500.00" }\(extra) } }
        """)
    let scores = QualityScores(
      file: "q.csv", entries: ["": ["J": .init(score: nil, passed: true, line: 2)]])
    let result = try Pricer(schedule: try Fixture.schedule(json), quality: scores, members: members)
      .price(list)
    #expect(
      result.episodes.map(\.riskAdjustedCost)
        == ["1000.00", "666.66", "700.00", "700.00", nil].map { $0.map(Fixture.money) })
    #expect(result.episodes[4].status == .outlierExcluded)
    #expect(
      result.episodes[4].reason
        == "actual 2500.00 above the outlier limit 2000.00: left out of reconciliation")
    let r = provider(result, "J")
    #expect(r.episodes == 4 && r.excludedEpisodes == 1)
    #expect(r.riskAdjustedCostTotal == Fixture.money("3066.66"))
    #expect(r.netReconciliation == Fixture.money("466.67"))
  }
}
