import Testing

@testable import GrouperSupport

/// Bad price files: each test names the exact message and the line and column it points to.
@Suite struct PriceFileErrorTests {
  /// A price file whose definition block (`LEJR` unless named) holds `body`, each line indented
  /// 10 spaces, from line 10 on:
  ///
  ///     1 {
  ///     2   "version": 1, "provider_regions": { "H1": "east" },
  ///     3   "programs": [
  ///     4     {
  ///     5       "id": "p",
  ///     6       "payer": "X",
  ///     7       "design": "<design>",
  ///     8       "definitions": {
  ///     9         "LEJR": {
  ///    10           <body…>
  func file(_ body: [String], design: String = "retrospective", definition: String = "LEJR")
    -> String
  {
    var lines = [
      "{", #"  "version": 1, "provider_regions": { "H1": "east" },"#, #"  "programs": ["#, "    {",
      #"      "id": "p","#, #"      "payer": "X","#, #"      "design": "\#(design)","#,
      #"      "definitions": {"#,
      #"        "\#(definition)": {"#,
    ]
    lines += body.map { String(repeating: " ", count: 10) + $0 }
    lines += ["        }", "      }", "    }", "  ]", "}"]
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func unknownFieldWithASuggestion() {
    let text = file([#""discont": "0.03","#, #""targets": [ { "amount": "100.00" } ]"#])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:10:11: error: $.programs[0].definitions.LEJR.discont: unknown field 'discont' (did you mean 'discount'?)"
    )
  }

  @Test func rateOutOfRange() {
    // `"discount": ` is 12 characters after the 10 spaces: the value starts in column 23.
    let text = file([#""discount": "3","#, #""targets": [ { "amount": "100.00" } ]"#])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:10:23: error: $.programs[0].definitions.LEJR.discount: a rate is a fraction from 0 to 1 (0.03 for 3%), found 3"
    )
  }

  @Test func overlappingTargetsForTheSameKey() {
    // The second target starts at column 13 (10 spaces, 2 more).
    let text = file([
      #""targets": ["#,
      #"  { "id": "a", "trigger_code": "470", "from": "2023-01-01", "through": "2023-12-31", "amount": "100.00" },"#,
      #"  { "id": "b", "trigger_code": ["469", "470"], "from": "2023-06-01", "through": "2024-05-31", "amount": "110.00" }"#,
      "]",
    ])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:12:13: error: $.programs[0].definitions.LEJR.targets[1]: in force 2023-06-01..2024-05-31, "
        + "overlapping a (2023-01-01..2023-12-31) for the same key: trigger code '470'")
  }

  @Test func adjacentTargetsDoNotOverlap() {
    let text = file([
      #""targets": ["#,
      #"  { "trigger_code": "470", "from": "2023-01-01", "through": "2023-12-31", "amount": "100.00" },"#,
      #"  { "trigger_code": "470", "from": "2024-01-01", "amount": "110.00" },"#,
      #"  { "region": "east", "trigger_code": "470", "from": "2023-06-01", "amount": "120.00" }"#,
      "]",
    ])
    #expect(Fixture.scheduleError(text) == nil)
  }

  @Test func unknownRegion() {
    // `"targets": [ { "region": ` is 25 characters: the value starts in column 36.
    let text = file([#""targets": [ { "region": "esat", "amount": "100.00" } ]"#])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:10:36: error: $.programs[0].definitions.LEJR.targets[0].region: unknown region 'esat': "
        + "provider_regions maps no provider to it (did you mean 'east'?)")
  }

  @Test func amountWithAFractionOfACent() {
    // `"targets": [ { "amount": ` is 25 characters: column 36.
    let text = file([#""targets": [ { "amount": "100.005" } ]"#])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:10:36: error: $.programs[0].definitions.LEJR.targets[0].amount: amount has a fraction of a cent: '100.005'"
    )
  }

  @Test func overlappingAgeBands() {
    let text = file([
      #""targets": [ { "amount": "100.00" } ],"#,
      #""risk_adjustment": { "age_bands": ["#,
      #"  { "from": 0, "through": 64, "factor": "1" },"#,
      #"  { "from": 60, "factor": "1.1" }"#,
      "] }",
    ])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:13:13: error: $.programs[0].definitions.LEJR.risk_adjustment.age_bands[1]: "
        + "age band 60+ overlaps age band 0-64")
  }

  @Test func diagnosisFlagsNeedALookback() {
    // The risk_adjustment object starts after `"risk_adjustment": ` (19 characters): column 30.
    let text = file([
      #""targets": [ { "amount": "100.00" } ],"#,
      #""risk_adjustment": { "diagnosis_flags": [ { "flag": "copd", "codes": ["J44*"], "factor": "1.09" } ] }"#,
    ])
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:11:30: error: $.programs[0].definitions.LEJR.risk_adjustment: "
        + "diagnosis_flags need diagnosis_lookback_days (days before the anchor searched)")
  }

  @Test func misspelledDesign() {
    // `      "design": ` is 16 characters: column 17 of line 7.
    let text = file([#""targets": [ { "amount": "100.00" } ]"#], design: "retrospectiv")
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:7:17: error: $.programs[0].design: unknown design 'retrospectiv' (did you mean 'retrospective'?)"
    )
  }

  @Test func aThresholdsProgramNeedsTerms() {
    let text = file([#""targets": [ { "amount": "100.00" } ]"#], design: "thresholds")
    // The program object opens on line 4, column 5.
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:4:5: error: $.programs[0]: a thresholds program needs 'terms' (gain_share_rate, risk_share_rate)"
    )
  }

  @Test func unsupportedVersionAndSyntax() {
    #expect(
      Fixture.scheduleError(#"{ "version": 2, "programs": [] }"#)
        == "prices.json:1:14: error: $.version: unsupported version 2 (this program reads version 1)"
    )
    #expect(
      Fixture.scheduleError(#"{ "version": 1 "programs": [] }"#)
        == "prices.json:1:16: error: expected ',' or '}' in an object")
  }

  @Test func oneProgramPerPayerAndDefinition() {
    let text = """
      { "version": 1, "programs": [
        { "id": "a", "payer": "X", "design": "prospective", "definitions": { "LEJR": { "targets": [ { "amount": "1.00" } ] } } },
        { "id": "b", "payer": "X", "design": "prospective", "definitions": { "LEJR": { "targets": [ { "amount": "1.00" } ] } } }
      ] }
      """
    // Line 3: `  { "id": "b", "payer": "X", "design": "prospective", "definitions": { ` is 71 characters.
    #expect(
      Fixture.scheduleError(text)
        == "prices.json:3:72: error: $.programs[1].definitions.LEJR: payer 'X' episodes of definition 'LEJR' "
        + "are already priced by program 'a'")
  }

  @Test func definitionUnknownToTheRun() throws {
    let schedule = try Fixture.schedule(
      file([#""targets": [ { "amount": "100.00" } ]"#], definition: "LEJX"))
    // The block's `{` follows `        "LEJX": ` (16 characters) on line 9.
    let error = #expect(throws: Diagnostic.self) {
      try schedule.checkDefinitions(known: ["AMI", "LEJR"])
    }
    #expect(
      error?.description
        == "prices.json:9:17: error: $.programs[0].definitions.LEJX: unknown definition 'LEJX' (did you mean 'LEJR'?)"
    )
  }
}
