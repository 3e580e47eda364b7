import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperPricing
@testable import GrouperSupport

/// The shipped target methods against baselines computed by hand: each test builds a few
/// baseline episodes, works the method's arithmetic out in its comments, and checks the targets
/// (or thresholds) and the price file `grouper targets` writes from them.
@Suite struct TargetSettingTests {
  /// A shipped method file.
  func shipped(_ name: String) throws -> TargetMethod {
    try TargetMethodLoader.load(path: packagePath("EpisodeDefinitions/prices/\(name)"))
  }

  /// `count` complete episodes of `payer` at `provider`, anchored on `day`, each of `amount`.
  func episodes(
    _ count: Int, _ provider: String, _ day: String, _ amount: String, code: String = "470",
    payer: String = "MEDICARE", definition: String = "LEJR"
  ) -> [PricingEpisode] {
    (0..<count).map { i in
      PricingEpisode(
        id: "\(provider)-\(day)-\(code)-\(amount)-\(i)", definition: definition, member: "M\(i)",
        payer: payer, provider: provider, anchor: DayRange(Day(iso: day)!, Day(iso: day)!),
        status: .complete, allowedTotal: Fixture.money(amount), triggerCode: code)
    }
  }

  func row(
    _ rows: [TargetRow], _ level: String, region: String = "", provider: String = "", code: String
  )
    -> TargetRow?
  {
    rows.first {
      $0.level == level && $0.region == region && $0.provider == provider && $0.code == code
    }
  }

  // MARK: CJR-like

  @Test func cjrLike() throws {
    let method = try shipped("cjr_like_method.json")
    let regions = ["H1": "east", "H2": "east", "H3": "west"]
    // East, MS-DRG 470 (522 is priced with it):
    //   2022: H1 20 × 20000.00; H2 4 × 20000.00 and one 70000.00. Mean 550000 / 25 = 22000,
    //         population variance (24 × 2000² + 48000²) / 25 = 2400000000 / 25 = 96000000,
    //         SD 9797.9590, cap 22000 + 2 × 9797.9590 = 41595.9179 → 41595.92: 70000.00 capped.
    //   2021: H2 19000.00 (470) and 21000.00 (522): mean 20000, SD 1000, cap 22000: no cap.
    // Pooled with the year trends (2021 × 1.02): (400000 + 80000 + 41595.92
    //   + 1.02 × 40000) / 27 = 562395.92 / 27 = 20829.4785… → 20829.48.
    // West, 469: H3 2020 30000.00 and 34000.00: mean 32000, SD 2000, cap 36000; × 1.04 →
    //   (1.04 × 64000) / 2 = 33280.00. West has no 470 and east no 469: the national cells.
    let list =
      episodes(20, "H1", "2022-03-01", "20000.00") + episodes(4, "H2", "2022-04-01", "20000.00")
      + episodes(1, "H2", "2022-05-01", "70000.00") + episodes(1, "H2", "2021-05-01", "19000.00")
      + episodes(1, "H2", "2021-06-01", "21000.00", code: "522")
      + episodes(1, "H3", "2020-02-01", "30000.00", code: "469")
      + episodes(1, "H3", "2020-03-01", "34000.00", code: "469")
      + episodes(3, "H1", "2019-12-31", "99999.00")
      + episodes(2, "H1", "2022-06-01", "1.00", payer: "OTHER")
    let result = TargetSetter(method: method, regions: regions).compute(list)
    #expect(result.episodes["LEJR"] == 29)
    let east470 = try #require(row(result.rows, "region", region: "east", code: "470"))
    #expect(east470.episodes == 27)
    #expect(east470.triggerCodes == ["470", "522"])
    #expect(east470.caps == "2021:22000.00 2022:41595.92")
    #expect(east470.target == Fixture.money("20829.48"))
    #expect(east470.discount == Fixture.decimal("0.03"))
    // 20829.48 × 0.97 = 20204.5956 → 20204.60.
    #expect(east470.discountedTarget == Fixture.money("20204.60"))
    // H1 has 20 episodes (and 3 of 2019, outside the baseline), the minimum for its own component: 1/3 × 20000.00 + 2/3 × 20829.4785…
    //   = 6666.6667 + 13886.3190 = 20552.9857 → 20552.99. H2 (7 episodes) and H3 take the region's.
    let h1 = try #require(row(result.rows, "provider", region: "east", provider: "H1", code: "470"))
    #expect(h1.providerComponent == Fixture.money("20000.00"))
    #expect(h1.target == Fixture.money("20552.99"))
    #expect(row(result.rows, "provider", region: "east", provider: "H2", code: "470") == nil)
    // H2's 7 episodes and H3's 2 count over the definition too: no own target for either.
    #expect(row(result.rows, "provider", region: "west", provider: "H3", code: "469") == nil)
    let west470 = try #require(row(result.rows, "region", region: "west", code: "470"))
    #expect(west470.fallback == "national")
    #expect(west470.target == Fixture.money("20829.48"))
    #expect(
      row(result.rows, "region", region: "east", code: "469")?.target == Fixture.money("33280.00"))
    #expect(
      row(result.rows, "region", region: "west", code: "469")?.target == Fixture.money("33280.00"))
    #expect(row(result.rows, "region", region: "west", code: "469")?.fallback == "")

    // The price file reads back, with the blended target for H1 and the program's terms.
    let text = try TargetOutputs.priceFile(
      method: method, regions: regions, rows: result.rows, sources: ["base"])
    let schedule = try PriceScheduleLoader.parse(Array(text.utf8), file: "prices.json")
    let program = schedule.programs[0]
    #expect(program.id == "cjr_like")
    #expect(program.definitions["LEJR"]!.discount == Fixture.decimal("0.03"))
    guard case .retrospective(let terms) = program.design else { throw Failure.notRetrospective }
    #expect(terms.order == [.sharing, .limits, .quality])
    let table = program.definitions["LEJR"]!.targets
    let day = Day(iso: "2023-06-01")!
    #expect(
      table.target(provider: "H1", region: "east", triggerCode: "522", on: day)?.amount
        == Fixture.money("20552.99"))
    #expect(
      table.target(provider: "H2", region: "east", triggerCode: "470", on: day)?.amount
        == Fixture.money("20829.48"))
    #expect(
      table.target(provider: "H2", region: "east", triggerCode: "470", on: Day(iso: "2024-01-01")!)
        == nil)
  }

  enum Failure: Error { case notRetrospective }

  // MARK: TEAM-like

  @Test func teamLike() throws {
    let method = try shipped("team_like_method.json")
    let regions = ["H1": "east", "H2": "east", "H3": "west"]
    // East, MS-DRG 470 with HCPCS 27130 and 27447, each divided by its risk factor (all 1 but
    // where said); fewer than 100 episodes a year, so the 99th percentile caps nothing:
    //   2020: 19000, 21000 → mean 20000;
    //   2021: 20000, 19950 (27447, factor 0.95: 19950 ÷ 0.95 = 21000.00), 22000 → mean 21000;
    //   2022: 21000, 23000, 22000, 22000, 22000 (27130), 24200 (factor 1.1: 22000.00) → 22000.
    // 11 episodes, the minimum. 0.17 × 20000 + 0.33 × 21000 + 0.50 × 22000 = 21330.00;
    // × 1.03 × 0.98 = 21530.502 → 21530.50 (the price file's 2% discount gives 21099.89).
    var list: [PricingEpisode] =
      episodes(1, "H1", "2020-05-01", "19000.00") + episodes(1, "H2", "2020-06-01", "21000.00")
      + episodes(1, "H1", "2021-05-01", "20000.00")
    let factorOne = list.count
    list += episodes(1, "H2", "2021-06-01", "19950.00", code: "27447")
    list += episodes(1, "H1", "2021-07-01", "22000.00")
    for amount in ["21000.00", "23000.00", "22000.00", "22000.00"] {
      list += episodes(1, "H1", "2022-05-01", amount)
    }
    list += episodes(1, "H2", "2022-06-01", "22000.00", code: "27130")
    let factorTen = list.count
    list += episodes(1, "H2", "2022-07-01", "24200.00")
    // West: one 2022 episode of 30000.00, fewer than 11: the national cell, whose 2022 mean is
    // (132000 + 30000) / 7: 3400 + 6930 + 0.5 × 162000 / 7 = 153310 / 7 = 21901.4286;
    // × 1.0094 = 22107.302 → 22107.30.
    list += episodes(1, "H3", "2022-05-01", "30000.00")
    var factors: [Int: ExactDecimal] = [:]
    for i in list.indices { factors[i] = .one }
    factors[factorOne] = Fixture.decimal("0.95")
    factors[factorTen] = Fixture.decimal("1.1")
    let result = TargetSetter(method: method, regions: regions).compute(list, riskFactors: factors)
    let east = try #require(row(result.rows, "region", region: "east", code: "470"))
    #expect(east.episodes == 11)
    #expect(east.triggerCodes == ["470", "27130", "27447"])
    #expect(east.weights == "2020:0.17 2021:0.33 2022:0.5")
    #expect(east.baseline == Fixture.money("21330.00"))
    #expect(east.target == Fixture.money("21530.50"))
    #expect(east.discountedTarget == Fixture.money("21099.89"))
    let west = try #require(row(result.rows, "region", region: "west", code: "470"))
    #expect(west.fallback == "national")
    #expect(west.target == Fixture.money("22107.30"))
    // An episode without a risk factor (an unknown age without a factor for it) is left out.
    factors[0] = nil
    #expect(
      TargetSetter(method: method, regions: regions).compute(list, riskFactors: factors).leftOut[
        "LEJR"] == 1)

    let text = try TargetOutputs.priceFile(
      method: method, regions: regions, rows: result.rows, sources: ["base"])
    let program = try PriceScheduleLoader.parse(Array(text.utf8), file: "prices.json").programs[0]
    #expect(program.targetDate == .anchorEnd)
    #expect(program.definitions["LEJR"]!.risk.ageBands.count == 4)
    #expect(
      program.definitions["LEJR"]!.targets.target(
        provider: "H9", region: "east", triggerCode: "27447", on: Day(iso: "2023-03-01")!)?.amount
        == Fixture.money("21530.50"))
  }

  // MARK: state thresholds

  @Test func stateThresholds() throws {
    let method = try shipped("state_thresholds_method.json")
    // PERINATAL, commercial, 2022: providers averaging 6000, 7000, 8000, 9000 and 10000 (three
    // episodes each); P6 has two (fewer than 3: not counted); P1 also has one of 1000000.00,
    // beyond the mean + 3 sample SD of its year (18 episodes: 63111.11 + 3 × 233820.42 =
    // 764572.36), so it is excluded.
    // Sorted averages 6000, 7000, 8000, 9000, 10000 (n = 5), SAS definition 5:
    //   commendable, 30th: 5 × 0.30 = 1.5 → x(2) = 7000.00;
    //   acceptable, 80th: 5 × 0.80 = 4 → (x(4) + x(5)) / 2 = 9500.00;
    //   gain sharing limit, 10th: 0.5 → x(1) = 6000.00.
    var list: [PricingEpisode] = []
    for (i, amount) in ["6000.00", "7000.00", "8000.00", "9000.00", "10000.00"].enumerated() {
      list += episodes(
        3, "P\(i + 1)", "2022-04-0\(i + 1)", amount, payer: "COMMERCIAL", definition: "PERINATAL")
    }
    list += episodes(2, "P6", "2022-09-01", "8000.00", payer: "COMMERCIAL", definition: "PERINATAL")
    list += episodes(
      1, "P1", "2022-10-01", "1000000.00", payer: "COMMERCIAL", definition: "PERINATAL")
    let result = TargetSetter(method: method, regions: [:]).compute(list)
    #expect(result.leftOut["PERINATAL"] == 1)
    let t = try #require(
      result.rows.first { $0.definition == "PERINATAL" && $0.level == "thresholds" })
    #expect(t.providers == 5)
    #expect(t.commendable == Fixture.money("7000.00"))
    #expect(t.acceptable == Fixture.money("9500.00"))
    #expect(t.gainSharingLimit == Fixture.money("6000.00"))
    #expect(
      row(result.rows, "provider", provider: "P6", code: "*")?.reason.hasPrefix(
        "2 baseline episodes") == true)
    // LEJR has no baseline episodes here: the price file cannot be written.
    #expect(throws: Diagnostic.self) {
      try TargetOutputs.priceFile(method: method, regions: [:], rows: result.rows, sources: ["b"])
    }
    var perinatalOnly = method
    perinatalOnly.definitions = method.definitions.filter { $0.definition == "PERINATAL" }
    let text = try TargetOutputs.priceFile(
      method: perinatalOnly, regions: [:], rows: result.rows, sources: ["base"])
    let prices = try PriceScheduleLoader.parse(Array(text.utf8), file: "prices.json")
      .programs[0].definitions["PERINATAL"]!
    #expect(prices.thresholdPeriods.count == 1)
    #expect(
      prices.thresholdPeriods[0].effective
        == DayRange(Day(iso: "2023-01-01")!, Day(iso: "2023-12-31")!))
    #expect(prices.thresholdPeriods[0].acceptable == Fixture.money("9500.00"))
  }

  // MARK: settings and errors

  @Test func theBlendMinimumCountsTheCellOrTheDefinition() throws {
    func method(_ count: String) throws -> TargetMethod {
      try TargetMethodLoader.parse(
        Array(
          """
          { "version": 1, "program": { "id": "p", "payer": "MEDICARE", "design": "retrospective" },
            "baseline": { "years": [ { "year": 2022 } ] },
            "definitions": { "LEJR": { "blend": { "provider_weight": "1/2", "minimum_episodes": 3\(count) } } } }
          """.utf8), file: "method.json")
    }
    // H1: two 470 episodes of 1000.00 and one 469 of 3000.00; H2: one 470 of 2000.00. The east
    // 470 cell: (1000 + 1000 + 2000) / 3 = 1333.33…. H1 has 2 episodes in the cell, 3 in LEJR:
    // counted over the definition it gets 1/2 × 1000 + 1/2 × 1333.33… = 1166.666… → 1166.67.
    let list =
      episodes(2, "H1", "2022-03-01", "1000.00")
      + episodes(1, "H1", "2022-03-02", "3000.00", code: "469")
      + episodes(1, "H2", "2022-03-03", "2000.00")
    let regions = ["H1": "east", "H2": "east"]
    let byCell = TargetSetter(method: try method(""), regions: regions).compute(list).rows
    #expect(row(byCell, "provider", region: "east", provider: "H1", code: "470") == nil)
    let byDefinition = TargetSetter(
      method: try method(#", "count": "definition""#), regions: regions
    )
    .compute(list).rows
    #expect(
      row(byDefinition, "provider", region: "east", provider: "H1", code: "470")?.target
        == Fixture.money("1166.67"))
    // In the 469 cell H1 is the region: 1/2 × 3000 + 1/2 × 3000 = 3000.00.
    #expect(
      row(byDefinition, "provider", region: "east", provider: "H1", code: "469")?.target
        == Fixture.money("3000.00"))
    #expect(row(byDefinition, "provider", region: "east", provider: "H2", code: "470") == nil)
  }

  @Test func fiscalYears() throws {
    // Fiscal years run 1 October to 30 September and are named by the year they end.
    let spec = BaselineSpec(years: [], weighting: .pooled, yearType: .fiscal, date: .anchorEnd)
    let e = episodes(1, "H", "2021-10-01", "1.00")[0]
    #expect(spec.year(of: e) == 2022)
    #expect(spec.year(of: episodes(1, "H", "2021-09-30", "1.00")[0]) == 2021)
  }

  @Test func exactWeights() {
    #expect(Ratio.parse("1/3")! * Ratio(3) == .one)
    #expect(Ratio.parse("0.17")!.text == "0.17")
    #expect(Ratio.parse("2/3")!.text == "2/3")
    // 2/3 of 1.00 cent-amounts: 66.666… → 66.67; −0.5 → −1 (halves away from zero).
    #expect((Ratio.parse("2/3")! * Ratio(100)).rounded == Cents(67))
    #expect(Ratio(-1, 2).rounded == Cents(-1))
  }

  @Test func badMethodFilesAreLocated() {
    func error(_ text: String) -> String? {
      do {
        _ = try TargetMethodLoader.parse(Array(text.utf8), file: "method.json")
        return nil
      } catch { return "\(error)" }
    }
    let head =
      #"{ "version": 1, "program": { "id": "p", "payer": "P", "design": "retrospective" }, "#
    let years = #""baseline": { "years": [ { "year": 2022, "weight": "1/0" } ] }, "#
    #expect(
      error(head + years + #""definitions": { "LEJR": {} } }"#)
        == "method.json:1:135: error: $.baseline.years[0].weight: expected a decimal ('0.17') or a fraction ('1/3'), found '1/0'"
    )
    let good = #""baseline": { "years": [ { "year": 2022 } ] }, "#
    #expect(
      error(head + good + #""definitions": { "LEJR": { "standardize": true } } }"#)
        == "method.json:1:158: error: $.definitions.LEJR.standardize: standardize needs price_file.risk_adjustment: "
        + "each episode is divided by its risk factor under it")
    #expect(
      error(head + good + #""definitions": { "LEJR": { "thresholds": {} } } }"#)
        == "method.json:1:172: error: $.definitions.LEJR.thresholds: only a thresholds program takes thresholds"
    )
    #expect(error(head + good + #""definitions": { "LEJR": { "discount": "0.03" } } }"#) == nil)
    // `{ "version": 1, "program": { "id": "p", ` is 40 characters: the unknown key is at column 41.
    #expect(
      error(
        #"{ "version": 1, "program": { "id": "p", "paer": "P", "design": "retrospective" }, "#
          + good + #""definitions": { "LEJR": {} } }"#)
        == "method.json:1:41: error: $.program.paer: unknown field 'paer' (did you mean 'payer'?)")
  }
}
