import Testing

@testable import GrouperCore
@testable import GrouperPricing
@testable import GrouperSupport

/// The settings that let a price file follow a programme: the outlier population, the target
/// date, the reconciliation order, the quality fallback, dated thresholds and the risk-share
/// limit; and the located errors for thresholds and risk factors that make no sense.
@Suite struct PricingSettingsTests {
  /// An episode anchored from `first` through `last`.
  func episode(
    _ id: String, provider: String = "H1", code: String = "470", first: String,
    last: String? = nil, actual: String, definition: String = "LEJR"
  ) -> PricingEpisode {
    PricingEpisode(
      id: id, definition: definition, member: "M", payer: "P", provider: provider,
      anchor: DayRange(Day(iso: first)!, Day(iso: last ?? first)!), status: .complete,
      allowedTotal: Fixture.money(actual), triggerCode: code)
  }

  func provider(_ result: PricingResult, _ id: String) -> ProviderReconciliation {
    result.providers.first { $0.provider == id }!
  }

  // MARK: outlier populations

  /// A fixed-target program capping at the mean (k = 0) of the population given.
  func capped(population: String, _ episodes: [PricingEpisode], regions: String = "{}") throws
    -> [PricedEpisode]
  {
    let json = Fixture.program(
      design: "retrospective",
      definitions: """
        { "LEJR": { "targets": [ { "amount": "5000.00" } ],
          "outliers": { "method": "mean_plus_sd", "k": "0", "sd": "population"\(population) } } }
        """, regions: regions)
    return try Pricer(schedule: try Fixture.schedule(json)).price(episodes).episodes
  }

  let twoYears: [(String, String)] = [
    ("2024-03-01", "100.00"), ("2024-04-01", "300.00"), ("2025-03-01", "1000.00"),
    ("2025-04-01", "3000.00"),
  ]

  @Test func oneOutlierPoolPerDefinitionAndPayerByDefault() throws {
    // Pooled: mean (100 + 300 + 1000 + 3000) / 4 = 1100.00, so only 3000.00 is capped.
    let list = twoYears.enumerated().map {
      episode("E\($0.offset)", first: $0.element.0, actual: $0.element.1)
    }
    let out = try capped(population: "", list)
    #expect(
      out.map(\.cappedActual) == ["100.00", "300.00", "1000.00", "1100.00"].map(Fixture.money))
  }

  @Test func outlierPoolsByYear() throws {
    // 2024: mean (100 + 300) / 2 = 200.00 caps 300.00; 2025: mean (1000 + 3000) / 2 = 2000.00
    // caps 3000.00.
    let list = twoYears.enumerated().map {
      episode("E\($0.offset)", first: $0.element.0, actual: $0.element.1)
    }
    let out = try capped(population: #", "population": ["definition", "year"]"#, list)
    #expect(
      out.map(\.cappedActual) == ["100.00", "200.00", "1000.00", "2000.00"].map(Fixture.money))
    #expect(out[1].limits?.upper == Fixture.money("200.00"))
    #expect(out[3].limits?.upper == Fixture.money("2000.00"))
  }

  @Test func outlierPoolsByFiscalYear() throws {
    // Fiscal 2024 runs 2023-10-01 to 2024-09-30: {100 (2023-10-01), 300 (2024-04-01)} → mean
    // 200.00; fiscal 2025 {1000 (2024-10-01), 3000 (2025-04-01)} → 2000.00.
    let days = ["2023-10-01", "2024-04-01", "2024-10-01", "2025-04-01"]
    let list = zip(days, twoYears).enumerated().map {
      episode("E\($0.offset)", first: $0.element.0, actual: $0.element.1.1)
    }
    let out = try capped(population: #", "population": ["definition", "fiscal_year"]"#, list)
    #expect(
      out.map(\.cappedActual) == ["100.00", "200.00", "1000.00", "2000.00"].map(Fixture.money))
  }

  @Test func outlierPoolsByTriggerCodeAndRegion() throws {
    // Codes: 470 {100, 300} → 200.00; 27447 {1000, 3000} → 2000.00.
    let byCode = [
      episode("A", code: "470", first: "2024-01-02", actual: "100.00"),
      episode("B", code: "470", first: "2024-01-03", actual: "300.00"),
      episode("C", code: "27447", first: "2024-01-04", actual: "1000.00"),
      episode("D", code: "27447", first: "2024-01-05", actual: "3000.00"),
    ]
    let out = try capped(population: #", "population": "trigger_code""#, byCode)
    #expect(
      out.map(\.cappedActual) == ["100.00", "200.00", "1000.00", "2000.00"].map(Fixture.money))
    // Regions: H1 and H2 east {100, 3000} → 1550.00; H3 west {300, 1000} → 650.00.
    let byRegion = [
      episode("A", provider: "H1", first: "2024-01-02", actual: "100.00"),
      episode("B", provider: "H3", first: "2024-01-03", actual: "300.00"),
      episode("C", provider: "H3", first: "2024-01-04", actual: "1000.00"),
      episode("D", provider: "H2", first: "2024-01-05", actual: "3000.00"),
    ]
    let regional = try capped(
      population: #", "population": ["definition", "region"]"#, byRegion,
      regions: #"{ "H1": "east", "H2": "east", "H3": "west" }"#)
    #expect(
      regional.map(\.cappedActual) == ["100.00", "300.00", "650.00", "1550.00"].map(Fixture.money))
  }

  // MARK: target date

  func dated(_ setting: String, _ e: PricingEpisode) throws -> PricedEpisode {
    let json = """
      { "version": 1, "programs": [ { "id": "prog", "payer": "P", "design": "retrospective"\(setting),
        "definitions": { "LEJR": { "targets": [
          { "id": "y2023", "from": "2023-01-01", "through": "2023-12-31", "amount": "100.00" },
          { "id": "y2024", "from": "2024-01-01", "through": "2024-12-31", "amount": "200.00" } ] } } } ] }
      """
    return try Pricer(schedule: try Fixture.schedule(json)).price([e]).episodes[0]
  }

  @Test func theTargetDateIsTheAnchorStartUnlessSet() throws {
    // Admitted 2023-12-30, discharged 2024-01-02: CJR's admission date picks 2023's target,
    // TEAM's discharge date 2024's.
    let e = episode("E", first: "2023-12-30", last: "2024-01-02", actual: "50.00")
    #expect(try dated("", e).targetLabel == "y2023")
    #expect(try dated(#", "target_date": "anchor_start""#, e).targetLabel == "y2023")
    #expect(try dated(#", "target_date": "anchor_end""#, e).targetLabel == "y2024")
    let late = episode("L", first: "2024-12-30", last: "2025-01-02", actual: "50.00")
    #expect(
      try dated(#", "target_date": "anchor_end""#, late).reason
        == "no target in force on 2025-01-02 for provider 'H1', trigger code '470'")
  }

  @Test func anUnknownTargetDate() {
    #expect(
      Fixture.scheduleError(
        #"{ "version": 1, "programs": [ { "id": "p", "payer": "P", "design": "prospective", "target_date": "discharge", "definitions": { "LEJR": { "targets": [ { "amount": "1.00" } ] } } } ] }"#
      )
        == "prices.json:1:98: error: $.programs[0].target_date: unknown target date 'discharge' (expected anchor_start or anchor_end)"
    )
  }

  @Test func aTargetsOwnDiscountReplacesTheDefinitions() throws {
    // 470's target carries 2%: 1000.00 × 0.98 = 980.00; 469 takes the definition's 3%: 970.00.
    let json = Fixture.program(
      design: "retrospective",
      definitions: """
        { "LEJR": { "discount": "0.03", "targets": [
          { "trigger_code": "470", "amount": "1000.00", "discount": "0.02" },
          { "trigger_code": "469", "amount": "1000.00" } ] } }
        """)
    let out = try Pricer(schedule: try Fixture.schedule(json)).price([
      episode("A", code: "470", first: "2024-01-02", actual: "1.00"),
      episode("B", code: "469", first: "2024-01-02", actual: "1.00"),
    ]).episodes
    #expect(out.map(\.discountedTarget) == [Fixture.money("980.00"), Fixture.money("970.00")])
  }

  // MARK: reconciliation order

  /// Target 10000.00, actual 7000.00: gross 3000.00; stop-gain 20% = 2000.00; quality scales a
  /// positive amount down by 10% × (100 − 50)/100 = 5% with score 50.
  func ordered(_ order: String) throws -> ProviderReconciliation {
    let json = Fixture.program(
      design: "retrospective", terms: #"{ "stop_gain": "0.20"\#(order) }"#,
      quality:
        #"{ "method": "scale_reconciliation", "positive_max_reduction": "0.10", "missing_score": "50" }"#,
      definitions: #"{ "LEJR": { "targets": [ { "amount": "10000.00" } ] } }"#)
    let result = try Pricer(schedule: try Fixture.schedule(json)).price([
      episode("E", first: "2024-01-02", actual: "7000.00")
    ])
    return provider(result, "H1")
  }

  @Test func theDefaultOrderIsSharingQualityLimits() throws {
    // 3000.00, quality −150.00 (3000 × 0.05) → 2850.00, then cut to 2000.00.
    let r = try ordered("")
    #expect(r.qualityAdjustment == Fixture.money("-150.00"))
    #expect(r.stopAdjustment == Fixture.money("-850.00"))
    #expect(r.netReconciliation == Fixture.money("2000.00"))
    #expect(
      try ordered(#", "order": ["sharing", "quality", "limits"]"#).netReconciliation
        == r.netReconciliation)
  }

  @Test func limitsBeforeQuality() throws {
    // 3000.00 cut to 2000.00 (−1000.00), then quality −100.00 (2000 × 0.05): 1900.00.
    let r = try ordered(#", "order": ["sharing", "limits", "quality"]"#)
    #expect(r.stopAdjustment == Fixture.money("-1000.00"))
    #expect(r.qualityAdjustment == Fixture.money("-100.00"))
    #expect(r.netReconciliation == Fixture.money("1900.00"))
  }

  @Test func anOrderMustNameEachStepOnce() {
    func error(_ order: String) -> String? {
      Fixture.scheduleError(
        Fixture.program(
          design: "retrospective", terms: #"{ "order": \#(order) }"#,
          definitions: #"{ "LEJR": { "targets": [ { "amount": "1.00" } ] } }"#))
    }
    let prefix = "prices.json:1:"
    #expect(
      error(#"["sharing", "limits"]"#)
        == prefix
        + "132: error: $.programs[0].terms.order: the order names each of sharing, quality, limits once"
    )
    #expect(
      error(#"["sharing", "sharing", "limits"]"#)
        == prefix
        + "144: error: $.programs[0].terms.order[1]: step 'sharing' is named twice: each step comes once"
    )
    #expect(
      error(#"["sharing", "qualty", "limits"]"#)
        == prefix
        + "144: error: $.programs[0].terms.order[1]: unknown reconciliation step 'qualty' (did you mean 'quality'?)"
    )
  }

  // MARK: quality fallback

  @Test func aProgramRowWithOnlyAPassKeepsTheCompositeScore() throws {
    // The every-program row scores H1 60; the program's row says only quality_passed. The
    // quality adjustment of a −1000.00 gross variance uses 60: relieved by 10% × 60/100 = 6%,
    // +60.00, not by 0.
    let text = "program,provider,composite_score,quality_passed\n,H1,60,\nprog,H1,,true\n"
    var reader = CSVReader(source: MemoryByteSource(Array(text.utf8)), name: "quality.csv")
    let scores = try QualityScores.read(&reader, file: "quality.csv", programs: ["prog"])
    #expect(
      scores.entry(program: "prog", provider: "H1")
        == .init(score: Fixture.decimal("60"), passed: true, line: 3))
    let json = Fixture.program(
      design: "retrospective",
      quality: #"{ "method": "scale_reconciliation", "negative_max_reduction": "0.10" }"#,
      definitions: #"{ "LEJR": { "targets": [ { "amount": "10000.00" } ] } }"#)
    let result = try Pricer(schedule: try Fixture.schedule(json), quality: scores).price([
      episode("E", first: "2024-01-02", actual: "11000.00")
    ])
    #expect(provider(result, "H1").qualityScore == Fixture.decimal("60"))
    #expect(provider(result, "H1").qualityAdjustment == Fixture.money("60.00"))
    #expect(provider(result, "H1").netReconciliation == Fixture.money("-940.00"))
  }

  // MARK: thresholds

  func thresholds(_ terms: String, _ body: String, _ episodes: [PricingEpisode]) throws
    -> PricingResult
  {
    let json = Fixture.program(
      design: "thresholds", terms: terms,
      definitions: #"{ "PERINATAL": { "thresholds": \#(body) } }"#)
    return try Pricer(schedule: try Fixture.schedule(json)).price(episodes)
  }

  @Test func thresholdsInForceByDate() throws {
    // 2023: commendable 1000, acceptable 1500; 2024: 1200, 1800. H1 has one episode of 2000.00
    // in each year: 2023 risk share (2000 − 1500) × 0.5 = 250.00; 2024 (2000 − 1800) × 0.5 =
    // 100.00. An episode of 2025 has none in force.
    let body = """
      [ { "from": "2023-01-01", "through": "2023-12-31", "commendable": "1000.00", "acceptable": "1500.00" },
        { "from": "2024-01-01", "through": "2024-12-31", "commendable": "1200.00", "acceptable": "1800.00" } ]
      """
    let result = try thresholds(
      #"{ "gain_share_rate": "0.5", "risk_share_rate": "0.5" }"#, body,
      [
        episode("A", first: "2023-05-01", actual: "2000.00", definition: "PERINATAL"),
        episode("B", first: "2024-05-01", actual: "2000.00", definition: "PERINATAL"),
        episode("C", first: "2025-05-01", actual: "2000.00", definition: "PERINATAL"),
      ])
    let rows = result.providers.filter { $0.episodes > 0 }
    #expect(
      rows.map(\.thresholds?.acceptable) == [Fixture.money("1500.00"), Fixture.money("1800.00")])
    #expect(rows.map(\.netReconciliation) == [Fixture.money("-250.00"), Fixture.money("-100.00")])
    #expect(result.episodes[2].status == .unpriced)
    #expect(result.episodes[2].reason == "no thresholds in force on 2025-05-01")
  }

  @Test func theRiskShareLimit() throws {
    // Three episodes of 2000.00: Σ 6000.00 above 3 × 1500.00 = 4500.00; risk share
    // (6000 − 4500) × 0.5 = 750.00, limited to 6000.00 × 0.10 = 600.00.
    let result = try thresholds(
      #"{ "gain_share_rate": "0.5", "risk_share_rate": "0.5", "risk_share_limit": "0.10" }"#,
      #"{ "commendable": "1000.00", "acceptable": "1500.00" }"#,
      (1...3).map {
        episode("E\($0)", first: "2024-05-0\($0)", actual: "2000.00", definition: "PERINATAL")
      })
    let r = provider(result, "H1")
    #expect(r.shareBase == Fixture.money("1500.00"))
    #expect(r.stopLossLimit == Fixture.money("600.00"))
    #expect(r.stopApplied == "stop_loss")
    #expect(r.stopAdjustment == Fixture.money("150.00"))
    #expect(r.netReconciliation == Fixture.money("-600.00"))
  }

  // MARK: located errors

  /// The error of a thresholds definition whose `thresholds` member is `value`, all on line 1,
  /// with the column of `needle` (the value found wrong) in the text.
  func thresholdsError(_ value: String) -> String? {
    Fixture.scheduleError(
      Fixture.program(
        design: "thresholds", terms: #"{ "gain_share_rate": "0.5", "risk_share_rate": "0.5" }"#,
        definitions: #"{ "PERINATAL": { "thresholds": \#(value) } }"#))
  }

  /// The 1-based column of the first `needle` in the one-line program around `value`.
  func column(of needle: String, around value: String) -> Int {
    let text = Fixture.program(
      design: "thresholds", terms: #"{ "gain_share_rate": "0.5", "risk_share_rate": "0.5" }"#,
      definitions: #"{ "PERINATAL": { "thresholds": \#(value) } }"#)
    let start = text.range(of: "\"thresholds\": ")!.upperBound
    return text.distance(from: text.startIndex, to: text[start...].range(of: needle)!.lowerBound)
      + 1
  }

  @Test func badThresholdsAreLocated() {
    let path = "$.programs[0].definitions.PERINATAL.thresholds"
    let zero = #"{ "commendable": "0.00", "acceptable": "1500.00" }"#
    #expect(
      thresholdsError(zero)
        == "prices.json:1:\(column(of: "\"0.00\"", around: zero)): error: \(path).commendable: "
        + "the commendable threshold must be more than zero, found 0.00")
    let negative = #"{ "commendable": "100.00", "acceptable": "-1500.00" }"#
    #expect(
      thresholdsError(negative)
        == "prices.json:1:\(column(of: "\"-1500.00\"", around: negative)): error: \(path).acceptable: "
        + "the acceptable threshold must be more than zero, found -1500.00")
    let equal = #"{ "commendable": "1500.00", "acceptable": "1500.00" }"#
    #expect(
      thresholdsError(equal)
        == "prices.json:1:\(column(of: "\"1500.00\" }", around: equal)): error: \(path).acceptable: "
        + "the acceptable threshold must be above the commendable one, both are 1500.00: "
        + "the provider shares in every dollar either side")
    let reversed = #"{ "commendable": "1600.00", "acceptable": "1500.00" }"#
    #expect(
      thresholdsError(reversed)
        == "prices.json:1:\(column(of: "\"1500.00\"", around: reversed)): error: \(path).acceptable: "
        + "the acceptable threshold (1500.00) is below the commendable one (1600.00)")
    let limit =
      #"{ "commendable": "1000.00", "acceptable": "1500.00", "gain_sharing_limit": "-1.00" }"#
    #expect(
      thresholdsError(limit)
        == "prices.json:1:\(column(of: "\"-1.00\"", around: limit)): error: \(path).gain_sharing_limit: "
        + "the gain sharing limit must not be negative, found -1.00")
    let overlap = """
      [ { "through": "2023-12-31", "commendable": "1.00", "acceptable": "2.00" }, { "from": "2023-12-31", "commendable": "1.00", "acceptable": "2.00" } ]
      """
    #expect(
      thresholdsError(overlap)
        == "prices.json:1:\(column(of: "{ \"from\"", around: overlap)): error: \(path)[1]: "
        + "in force 2023-12-31..on, overlapping thresholds[0] (any date..2023-12-31)")
  }

  @Test func riskFactorsOutsideTheSensibleRange() {
    func error(_ factor: String) -> String? {
      Fixture.scheduleError(
        Fixture.program(
          design: "retrospective",
          definitions:
            #"{ "LEJR": { "targets": [ { "amount": "1.00" } ], "risk_adjustment": { "sex": { "F": "\#(factor)" } } } }"#
        ))
    }
    // `"F": ` ends at column 210 of the one-line file: the value starts there.
    let at = "prices.json:1:211: error: $.programs[0].definitions.LEJR.risk_adjustment.sex.F: "
    #expect(error("12") == at + "a risk factor runs from 0.1 to 10, found 12")
    #expect(error("0.05") == at + "a risk factor runs from 0.1 to 10, found 0.05")
    #expect(error("10") == nil)
    #expect(error("0.1") == nil)
  }
}
