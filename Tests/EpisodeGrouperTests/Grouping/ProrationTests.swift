import Testing

@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperSupport

@Suite("Lines that straddle the window end")
struct ProrationTests {
  // The anchor stay 2024-03-01..2024-03-05 gives a window ending 2024-06-02 (see WindowTests).
  // Each straddling line runs 2024-05-25..2024-06-13: 20 days, of which 9 (May 25–Jun 2) are inside.
  func run(
    _ straddle: String?, rule: String? = nil, allowed: String = "333.33", type: String = "snf"
  ) throws -> GroupingResult {
    var extra: [String: String] = [
      "include": """
      [{"category": "anchor", "when": {"trigger_claim": true}},
       {"id": "post", "category": "post"\(rule.map { ", \"straddle\": \"\($0)\"" } ?? "")}]
      """
    ]
    if let straddle { extra["straddle"] = straddle }
    return try group(
      [
        Row(claim: "C1", from: "2024-03-01", thru: "2024-03-05", drg: "470", allowed: "1000.00"),
        Row(claim: "C2", type: type, from: "2024-05-25", thru: "2024-06-13", allowed: allowed),
      ], [try simpleDefinition(extra)])
  }

  @Test("prorated by days, both counted inclusively, rounded half away from zero")
  func prorate() throws {
    let r = try run(nil)
    // 333.33 × 9 ÷ 20 = 149.9985 → 150.00; 183.33 falls after the window.
    #expect(r.lines(of: "T-C1").map(\.1) == ["1000.00", "150.00"])
    #expect(r.accounting.dollarsAssigned == Cents(115_000))
    #expect(r.accounting.dollarsProratedAway == Cents(18_333))
    #expect(r.episode("T-C1")?.allowedTotal == Cents(115_000))
  }

  @Test("a negative line of a claim whose total is positive is prorated the same way")
  func negative() throws {
    // The SNF claim C2 totals 500.00 − 166.67 = 333.33 > 0, so it is grouped (CMS groups SNF
    // claims on their total, d7). Line 1: 500.00 × 9 ÷ 20 = 225.00; line 2: −166.67 × 9 ÷ 20 =
    // −75.0015 → −75.00.
    let r = try group(
      [
        Row(claim: "C1", from: "2024-03-01", thru: "2024-03-05", drg: "470", allowed: "1000.00"),
        Row(claim: "C2", type: "snf", from: "2024-05-25", thru: "2024-06-13", allowed: "500.00"),
        Row(
          claim: "C2", line: 2, type: "snf", from: "2024-05-25", thru: "2024-06-13",
          allowed: "-166.67"),
      ], [try simpleDefinition()])
    #expect(r.lines(of: "T-C1").map(\.1) == ["1000.00", "225.00", "-75.00"])
  }

  @Test("a claim whose amount is not positive is never grouped (CMS d1 non_positive_payment)")
  func notPositive() throws {
    // The SNF claim's total, −333.33, is not positive: it counts in no episode, and the summary
    // counts its line and dollars as unassigned, not positive.
    let r = try run(nil, allowed: "-333.33")
    #expect(r.lines(of: "T-C1").map(\.1) == ["1000.00"])
    #expect(r.accounting.linesNotPositive == 1)
    #expect(r.accounting.dollarsNotPositive == Cents(-33_333))
    #expect(r.accounting.dollarsUnassigned == Cents(-33_333))
  }

  @Test("whole and exclude, set for the definition, per claim type, or per rule")
  func policies() throws {
    #expect(try run(#"{"default": "whole"}"#).lines(of: "T-C1").map(\.1) == ["1000.00", "333.33"])
    let excluded = try run(#"{"default": "exclude"}"#)
    #expect(excluded.lines(of: "T-C1").map(\.1) == ["1000.00"])
    #expect(excluded.exclusions.map(\.cause) == [.straddle])
    #expect(excluded.accounting.dollarsUnassigned == Cents(33_333))
    // The claim type's setting overrides the default; the rule's overrides both.
    #expect(
      try run(#"{"default": "exclude", "by_claim_type": {"snf": "whole"}}"#).lines(of: "T-C1").map(
        \.1) == ["1000.00", "333.33"])
    #expect(
      try run(#"{"default": "prorate", "by_claim_type": {"professional": "whole"}}"#).lines(
        of: "T-C1"
      ).map(\.1) == ["1000.00", "150.00"])
    #expect(
      try run(#"{"by_claim_type": {"snf": "whole"}}"#, rule: "prorate").lines(of: "T-C1").map(\.1)
        == ["1000.00", "150.00"])
    #expect(try run(nil, rule: "exclude").lines(of: "T-C1").map(\.1) == ["1000.00"])
  }
}
