import Testing

@testable import GrouperCore
@testable import GrouperPricing
@testable import GrouperReaders
@testable import GrouperSupport

@Suite struct RiskAdjustmentTests {
  /// A member born 1953-07-15 (age 69 on 2023-06-01, 70 on 2023-07-15), male.
  let members = ["M1": Member(birth: Day(iso: "1953-07-15"), sex: "M")]

  let json = Fixture.program(
    design: "retrospective",
    definitions: """
      { "LEJR": {
        "discount": "0.03",
        "targets": [ { "amount": "24200.00" } ],
        "risk_adjustment": {
          "age_bands": [ { "from": 0, "through": 64, "factor": "1.08" }, { "from": 65, "through": 74, "factor": "0.96" },
                         { "from": 75, "factor": "1.12" } ],
          "sex": { "F": "1.00", "M": "1.02" },
          "trigger_codes": { "469": "1.55" },
          "diagnosis_lookback_days": 90,
          "diagnosis_flags": [ { "flag": "diabetes", "codes": ["E08-E13"], "factor": "1.06" },
                               { "flag": "copd", "codes": ["J44*"], "factor": "1.09" } ]
        } } }
      """)

  /// A store holding the member's diagnosis lines with payer P: E11.9 on `diabetes`, J44.9 on `copd`.
  func history(diabetes: String, copd: String, payer: String = "P") -> DiagnosisHistory {
    var text = "claim_id,member_id,payer_id,claim_type,from_date,principal_dx,allowed_amount\n"
    text += "C1,M1,\(payer),professional,\(diabetes),E11.9,50.00\n"
    text += "C2,M1,\(payer),professional,\(copd),J44.9,50.00\n"
    var reader = CSVReader(source: MemoryByteSource(Array(text.utf8)), name: "claims.csv")
    let store = try! NativeClaimReader(path: "claims.csv").read(&reader).store
    return DiagnosisHistory(store: store)
  }

  func priced(_ episode: PricingEpisode, history: DiagnosisHistory = .empty) throws -> PricedEpisode
  {
    let pricer = Pricer(schedule: try Fixture.schedule(json), members: members, history: history)
    return try pricer.price([episode]).episodes[0]
  }

  @Test func factorsMultiplyExactly() throws {
    // Age 69 → 0.96; male → 1.02; trigger 469 → 1.55; diabetes on 2023-03-03, the 90th day before
    // the anchor → 1.06; COPD on 2023-03-02, the 91st day before, is outside the lookback.
    // 0.96 × 1.02 = 0.9792; × 1.55 = 1.51776; × 1.06 = 1.6088256.
    // Adjusted target 24200.00 × 1.6088256 = 38933.57952 → 38933.58.
    // Discounted 38933.58 × 0.97 = 37765.5726 → 37765.57. Variance 37765.57 − 30000.00 = 7765.57.
    let e = try priced(
      Fixture.episode("E1", anchor: "2023-06-01", actual: "30000.00", code: "469"),
      history: history(diabetes: "2023-03-03", copd: "2023-03-02"))
    #expect(e.riskFactorText == "age 65-74=0.96; sex M=1.02; trigger 469=1.55; flag diabetes=1.06")
    #expect(e.riskFactor == Fixture.decimal("1.6088256"))
    #expect(e.adjustedTarget == Fixture.money("38933.58"))
    #expect(e.discountedTarget == Fixture.money("37765.57"))
    #expect(e.variance == Fixture.money("7765.57"))
  }

  @Test func theAnchorDayItselfIsNotInTheLookback() throws {
    // Diabetes on the anchor start (2023-06-01) is not in the lookback; COPD the day before is.
    // Age 69, male, code 470: 0.96 × 1.02 = 0.9792.
    let e = try priced(
      Fixture.episode("E1", anchor: "2023-06-01", actual: "30000.00"),
      history: history(diabetes: "2023-06-01", copd: "2023-05-31"))
    #expect(e.riskFactorText == "age 65-74=0.96; sex M=1.02; flag copd=1.09")
    // With COPD the day before: 0.9792 × 1.09 = 1.067328; 24200.00 × 1.067328 = 25829.3376 → 25829.34.
    #expect(e.adjustedTarget == Fixture.money("25829.34"))
  }

  @Test func anotherPayersClaimsRaiseNoFlag() throws {
    let e = try priced(
      Fixture.episode("E1", anchor: "2023-06-01", actual: "30000.00"),
      history: history(diabetes: "2023-05-01", copd: "2023-05-01", payer: "OTHER"))
    #expect(e.riskFactorText == "age 65-74=0.96; sex M=1.02")
  }

  @Test func theBirthdayMovesTheMemberIntoTheNextBand() throws {
    // 1953-07-15: 74 on 2028-07-14, 75 on 2028-07-15.
    #expect(RiskModel.age(born: Day(iso: "1953-07-15")!, on: Day(iso: "2028-07-14")!) == 74)
    #expect(RiskModel.age(born: Day(iso: "1953-07-15")!, on: Day(iso: "2028-07-15")!) == 75)
    // Born on 29 February: a year older on 1 March of a common year.
    #expect(RiskModel.age(born: Day(iso: "2000-02-29")!, on: Day(iso: "2023-02-28")!) == 22)
    #expect(RiskModel.age(born: Day(iso: "2000-02-29")!, on: Day(iso: "2023-03-01")!) == 23)
    let e = try priced(Fixture.episode("E1", anchor: "2028-07-15", actual: "30000.00"))
    #expect(e.riskFactorText == "age 75+=1.12; sex M=1.02")
  }

  @Test func anUnknownAgeLeavesTheEpisodeUnpriced() throws {
    let e = try priced(Fixture.episode("E1", member: "NOBODY", actual: "30000.00"))
    #expect(e.status == .unpriced)
    #expect(
      e.reason
        == "the member's age is unknown (no birth date in the members file) and the risk model has no age_unknown_factor"
    )
  }
}
