import Testing

@testable import GrouperCore
@testable import GrouperSupport

/// The day before the anchor, readmission exclusions that reach further, MDCs, and death (BPCI
/// Advanced `d1`, `d2`, `d3`, `d5`, `c6`). The anchor stay 2024-03-01..03-05 gives a window ending
/// 2024-06-02.
@Suite("CMS method: window rules")
struct WindowRuleTests {
  let anchor = Row(
    claim: "C1", from: "2024-03-01", thru: "2024-03-05", billing: "010001", drg: "470",
    allowed: "1000.00")

  @Test("the day before the anchor holds emergency and surgical lines only (gsc_ed_lookback_days)")
  func dayBefore() throws {
    let windows =
      #"{"pre_anchor": {"days": 1, "when": {"any": [{"field": "revenue_code", "in": ["0450-0459", "0981"]}, {"all": [{"claim_type": "professional"}, {"field": "hcpcs", "in": ["10004-69990"]}]}]}}, "post_anchor": {"days": 90, "day_one": "anchor_end"}}"#
    let r = try group(
      [
        anchor,
        Row(
          claim: "ED", type: "outpatient", from: "2024-02-29", revenue: "0450", allowed: "800.00"),
        Row(
          claim: "LAB", type: "outpatient", from: "2024-02-29", revenue: "0300", allowed: "100.00"),
        Row(
          claim: "SURG", type: "professional", from: "2024-02-29", hcpcs: "27447",
          allowed: "1200.00"),
        Row(
          claim: "EM", type: "professional", from: "2024-02-29", hcpcs: "99213", allowed: "90.00"),
        Row(
          claim: "OLD", type: "outpatient", from: "2024-02-28", revenue: "0450", allowed: "50.00"),
      ], [try simpleDefinition(["windows": windows])])
    // 1,000.00 + 800.00 + 1,200.00 = 3,000.00; the lab and office visit of 02-29 and the ED
    // visit two days before count nowhere.
    #expect(r.episode("T-C1")?.allowedTotal == Cents(300_000))
    #expect(r.accounting.dollarsUnassigned == Cents(24_000))
  }

  @Test("professional lines during an excluded readmission leave with it (d5)")
  func extendsTo() throws {
    let exclude =
      #"[{"id": "excluded_readmission", "reason": "excluded readmission", "when": {"all": [{"claim_type": "inpatient"}, {"trigger_claim": false}, {"field": "drg", "in": ["008"]}]}, "extends_to": {"claim_type": "professional"}}]"#
    let r = try group(
      [
        anchor,
        Row(claim: "X", from: "2024-04-01", thru: "2024-04-05", drg: "008", allowed: "50000.00"),
        Row(claim: "P1", type: "professional", from: "2024-04-02", allowed: "300.00"),
        Row(claim: "P2", type: "professional", from: "2024-04-05", allowed: "100.00"),
        Row(claim: "P3", type: "professional", from: "2024-04-10", allowed: "200.00"),
      ], [try simpleDefinition(["exclude": exclude])])
    // The stay and the two visits dated 04-01..04-05 are excluded; 1,000.00 + 200.00 counts.
    #expect(r.episode("T-C1")?.allowedTotal == Cents(120_000))
    #expect(
      r.exclusions.map { r.store.claims.string(r.store.lines[$0.line].claim) } == ["P1", "P2", "X"])
  }

  @Test("readmissions excluded by the MDC of their MS-DRG (d3)")
  func mdc() throws {
    let exclude =
      #"[{"reason": "excluded MDC", "when": {"all": [{"claim_type": "inpatient"}, {"trigger_claim": false}, {"field": "mdc", "in": ["02", "14", "15", "25"]}]}}]"#
    let r = try group(
      [
        anchor,
        // MS-DRG 768 (vaginal delivery with O.R. procedure) is in MDC 14; 470 is in MDC 08.
        Row(claim: "OB", from: "2024-04-01", thru: "2024-04-03", drg: "768", allowed: "7000.00"),
        Row(claim: "JR", from: "2024-05-01", thru: "2024-05-03", drg: "470", allowed: "15000.00"),
      ], [try simpleDefinition(["exclude": exclude])])
    #expect(r.lines(of: "T-C1").map(\.0) == ["C1", "JR"])
  }

  @Test("a death after the anchor ends the window on the day of death (c6)")
  func deathTruncates() throws {
    let windows = #"{"post_anchor": {"days": 90, "day_one": "anchor_end", "ends_at_death": true}}"#
    let members = ["M1": Member(death: Day(iso: "2024-04-15"))]
    let rows = [
      anchor,
      Row(claim: "S", type: "snf", from: "2024-04-01", thru: "2024-04-30", allowed: "3000.00"),
      Row(claim: "P", type: "professional", from: "2024-04-20", allowed: "100.00"),
    ]
    let r = try group(
      rows, [try simpleDefinition(["windows": windows])], members: members, through: "2024-12-31")
    let e = try #require(r.episode("T-C1"))
    #expect(e.window.last == Day(iso: "2024-04-15")!)
    #expect(e.status == .complete)
    // SNF 04-01..04-30 is 30 days, 15 of them (04-01..04-15) inside: 3,000.00 × 15 ÷ 30 =
    // 1,500.00; the visit after the death counts nowhere.
    #expect(r.lines(of: "T-C1").map(\.1) == ["1000.00", "1500.00"])
    // A discharge status of 20 on a later stay is a death too: discharged 04-10.
    let died = [
      anchor,
      Row(
        claim: "R", from: "2024-04-08", thru: "2024-04-10", drg: "291", status: "20",
        allowed: "5000.00"),
    ]
    let d = try group(died, [try simpleDefinition(["windows": windows])], through: "2024-12-31")
    #expect(d.episode("T-C1")?.window.last == Day(iso: "2024-04-10")!)
    // A death during the anchor cancels the episode under a "death": "anchor" rule.
    let cancel = #"[{"reason": "died during the anchor stay", "death": "anchor"}]"#
    let during = try group(
      [anchor], [try simpleDefinition(["windows": windows, "cancel": cancel])],
      members: ["M1": Member(death: Day(iso: "2024-03-03"))], through: "2024-12-31")
    #expect(during.episode("T-C1")?.status == .cancelled)
  }

  @Test("coverage by the episode's payer, from a lookback before the anchor")
  func coverage() throws {
    let cancel =
      #"[{"reason": "not enrolled", "coverage": "continuous", "lookback_days": 180}]"#
    let covered = DayRange(Day(iso: "2023-01-01")!, .distantFuture)
    // Covered by another payer only: the MEDICARE episode has no coverage.
    let other = ["M1": Member(coverage: [], coverageByPayer: ["COMMERCIAL": [covered]])]
    var row = anchor
    row.payer = "MEDICARE"
    let r1 = try group(
      [row], [try simpleDefinition(["cancel": cancel])], members: other, through: "2024-12-31")
    #expect(r1.episode("T-C1")?.reason == "not enrolled: no coverage on 2023-09-03")
    // Covered by MEDICARE from 2024-01-01: 180 days before 2024-03-01 is 2023-09-03, not covered.
    let late = [
      "M1": Member(
        coverage: [],
        coverageByPayer: ["MEDICARE": [DayRange(Day(iso: "2024-01-01")!, .distantFuture)]])
    ]
    let r2 = try group(
      [row], [try simpleDefinition(["cancel": cancel])], members: late, through: "2024-12-31")
    #expect(r2.episode("T-C1")?.reason == "not enrolled: no coverage on 2023-09-03")
    // Covered by MEDICARE since 2023-01-01: complete.
    let r3 = try group(
      [row], [try simpleDefinition(["cancel": cancel])],
      members: ["M1": Member(coverage: [], coverageByPayer: ["MEDICARE": [covered]])],
      through: "2024-12-31")
    #expect(r3.episode("T-C1")?.status == .complete)
  }
}
