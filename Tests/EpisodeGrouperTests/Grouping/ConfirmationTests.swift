import Testing

@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperSupport

@Suite("Confirmed triggers")
struct ConfirmationTests {
  // Diabetes claims on 2024-01-01, 01-20 (19 days later) and 02-15 (45 days after the first).
  let rows = [
    Row(claim: "C1", type: "professional", from: "2024-01-01", principal: "E119"),
    Row(claim: "C2", type: "professional", from: "2024-01-20", principal: "E119"),
    Row(claim: "C3", type: "professional", from: "2024-02-15", principal: "E1165"),
    Row(claim: "C4", type: "outpatient", from: "2024-03-01", principal: "I10", hcpcs: "83036"),
  ]

  func definition(_ confirmation: String) throws -> EpisodeDefinition {
    try simpleDefinition([
      "trigger":
        #"{"all": [{"claim_type": "professional"}, {"field": "any_dx", "in": ["E10*", "E11*"]}]}"#,
      "confirmation": confirmation, "anchor": #""service""#,
      "windows": #"{"post_anchor": {"days": 365, "day_one": "anchor_end"}}"#,
    ])
  }

  @Test("a second qualifying claim at least N days later confirms the first")
  func atLeast() throws {
    let r = try group(rows, [try definition(#"{"min_days_after": 30}"#)])
    #expect(r.episodeIDs == ["T-C1"])
    // 365 days with 2024-01-01 as day 1 end on 2024-12-30 (2024 has 366 days).
    #expect(r.episode("T-C1")?.window.last == Day(iso: "2024-12-30"))
    // C2 (01-20) would need a qualifying claim on or after 02-19, and C3 (02-15) one on or after
    // 03-16: there is none (C4's diagnosis is I10), so neither is a confirmed trigger to absorb.
    #expect(r.episode("T-C1")?.absorbedTriggers == 0)
  }

  @Test("and within M days")
  func within() throws {
    // C1 needs a claim between 01-31 and 02-10: C3 (02-15) is too late. C2 needs 02-19..02-29: none.
    #expect(
      try group(rows, [try definition(#"{"min_days_after": 30, "max_days_after": 40}"#)]).episodeIDs
        .isEmpty)
    // Within 50 days: C1 is confirmed by C3.
    #expect(
      try group(rows, [try definition(#"{"min_days_after": 30, "max_days_after": 50}"#)]).episodeIDs
        == ["T-C1"])
  }

  @Test("a confirmation with its own test")
  func ownTest() throws {
    // An A1c test (83036) at least 60 days after: C4 on 03-01 is 60 days after 2024-01-01.
    let d = try definition(#"{"when": {"field": "hcpcs", "in": ["83036"]}, "min_days_after": 60}"#)
    #expect(try group(rows, [d]).episodeIDs == ["T-C1"])
    let later = try definition(
      #"{"when": {"field": "hcpcs", "in": ["83036"]}, "min_days_after": 61}"#)
    #expect(try group(rows, [later]).episodeIDs.isEmpty)
  }
}
