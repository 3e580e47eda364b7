import Testing

@testable import GrouperPricing
@testable import GrouperSupport

@Suite struct TargetSelectionTests {
  /// LEJR targets: by year for every provider, a 2024 target for the `east` region, a target for
  /// provider H9 whatever the code, and a code-specific one for H9.
  let json = Fixture.program(
    design: "retrospective",
    definitions: """
      { "LEJR": { "targets": [
        { "id": "y2023", "from": "2023-01-01", "through": "2023-12-31", "amount": "10000.00" },
        { "id": "y2024", "from": "2024-01-01", "through": "2024-12-31", "amount": "10300.00" },
        { "id": "east2024", "region": "east", "from": "2024-01-01", "through": "2024-12-31", "amount": "11000.00" },
        { "id": "h9", "provider": "H9", "from": "2023-01-01", "amount": "9000.00" },
        { "id": "h9_469", "provider": "H9", "trigger_code": ["469"], "from": "2023-01-01", "amount": "15000.00" }
      ] } }
      """,
    regions: #"{ "H2": "east", "H9": "east" }"#)

  func target(provider: String, code: String = "470", on day: String) throws -> String? {
    let table = try Fixture.schedule(json).programs[0].definitions["LEJR"]!.targets
    let region = try Fixture.schedule(json).region(of: provider)
    return table.target(provider: provider, region: region, triggerCode: code, on: Day(iso: day)!)?
      .label
  }

  @Test func theTargetInForceOnTheAnchorStartApplies() throws {
    // The switch happens between 2023-12-31 and 2024-01-01, both ends of each range counted.
    #expect(try target(provider: "H1", on: "2023-12-31") == "y2023")
    #expect(try target(provider: "H1", on: "2024-01-01") == "y2024")
    #expect(try target(provider: "H1", on: "2024-12-31") == "y2024")
    #expect(try target(provider: "H1", on: "2025-01-01") == nil)
    #expect(try target(provider: "H1", on: "2022-12-31") == nil)
  }

  @Test func theMostSpecificKeyWins() throws {
    // H2 is in `east`: the regional target beats the general one from 2024 on.
    #expect(try target(provider: "H2", on: "2023-06-01") == "y2023")
    #expect(try target(provider: "H2", on: "2024-06-01") == "east2024")
    // H9's own targets beat its region's; its code-specific one beats its any-code one.
    #expect(try target(provider: "H9", on: "2024-06-01") == "h9")
    #expect(try target(provider: "H9", code: "469", on: "2024-06-01") == "h9_469")
  }

  @Test func anEpisodeWithoutATargetIsUnpricedNotZero() throws {
    let pricer = Pricer(schedule: try Fixture.schedule(json))
    let result = try pricer.price([Fixture.episode("E1", anchor: "2025-02-01", actual: "9000.00")])
    let e = result.episodes[0]
    #expect(e.status == .unpriced)
    #expect(e.reason == "no target in force on 2025-02-01 for provider 'H1', trigger code '470'")
    #expect(e.target == nil && e.variance == nil)
  }

  @Test func anEpisodeOfAnotherPayerOrDefinitionIsUnpriced() throws {
    let pricer = Pricer(schedule: try Fixture.schedule(json))
    let result = try pricer.price([
      Fixture.episode("E1", definition: "AMI", actual: "9000.00"),
      Fixture.episode("E2", payer: "Q", actual: "9000.00"),
      Fixture.episode("E3", actual: "9000.00", status: .cancelled),
    ])
    #expect(result.episodes.map(\.status) == [.unpriced, .unpriced, .leftOut])
    #expect(result.episodes[0].reason == "no program prices payer 'P' episodes of definition 'AMI'")
    #expect(
      result.episodes[1].reason == "no program prices payer 'Q' episodes of definition 'LEJR'")
    #expect(result.episodes[2].reason == "cancelled: the member died during the episode")
  }
}
