import Testing

@testable import GrouperCore
@testable import GrouperSupport

/// Proration of lines that run past the window's end, by claim type (BPCI Advanced `d3`, `d7`,
/// `d8`, `d9`). The anchor stay 2024-03-01..03-05 gives a window ending 2024-06-02.
@Suite("CMS method: proration by claim type")
struct ProrationByClaimTypeTests {
  let anchor = Row(
    claim: "C1", from: "2024-03-01", thru: "2024-03-05", billing: "010001", drg: "470",
    allowed: "1000.00")

  func run(_ rows: [Row], straddle: String) throws -> GroupingResult {
    try group([anchor] + rows, [try simpleDefinition(["straddle": straddle])])
  }

  @Test("an IPPS readmission by its MS-DRG's GMLOS")
  func gmlos() throws {
    let policy = #"{"default": "prorate_gmlos"}"#
    // MS-DRG 481's FY2026 GMLOS is 4.3 days. Admitted 06-01, discharged 06-08: days inside =
    // 06-02 − 06-01 + 1 = 2, below 4.3 − 1 = 3.3, so 9,000.00 × (2 + 1) ÷ 4.3 = 6,279.0697… →
    // 6,279.07.
    let short = try run(
      [
        Row(
          claim: "R", from: "2024-06-01", thru: "2024-06-08", billing: "010002", drg: "481",
          allowed: "9000.00")
      ], straddle: policy)
    #expect(short.lines(of: "T-C1").map(\.1) == ["1000.00", "6279.07"])
    #expect(short.accounting.dollarsProratedAway == Cents(900_000 - 627_907))
    // Admitted 05-30: days inside = 4 ≥ 3.3, the whole stay counts.
    let long = try run(
      [
        Row(
          claim: "R", from: "2024-05-30", thru: "2024-06-08", billing: "010002", drg: "481",
          allowed: "9000.00")
      ], straddle: policy)
    #expect(long.lines(of: "T-C1").map(\.1) == ["1000.00", "9000.00"])
    // A psychiatric hospital (CCN 014001) is not paid by MS-DRG: by days, 9,000.00 × 2 ÷ 8 =
    // 2,250.00 (06-01..06-08 is 8 days, 2 of them inside).
    let psych = try run(
      [
        Row(
          claim: "R", from: "2024-06-01", thru: "2024-06-08", billing: "014001", drg: "481",
          allowed: "9000.00")
      ], straddle: policy)
    #expect(psych.lines(of: "T-C1").map(\.1) == ["1000.00", "2250.00"])
  }

  @Test("a home-health claim by the share of its visits inside the window")
  func visits() throws {
    let policy = #"{"by_claim_type": {"home_health": "prorate_visits"}}"#
    // The claim's amount, 3,000.00, is on its first line (as CMS pays home health per period);
    // four visit lines follow, two of them (05-25, 05-30) inside the window ending 06-02:
    // 3,000.00 × 2 ÷ 4 = 1,500.00. The visits after the window are not in it at all.
    func hh(_ line: Int, _ date: String, _ revenue: String, _ amount: String) -> Row {
      Row(
        claim: "H", line: line, type: "home_health", from: date, thru: date, revenue: revenue,
        allowed: amount)
    }
    var first = hh(1, "2024-05-20", "0023", "3000.00")
    first.thru = "2024-06-18"
    let r = try run(
      [
        first, hh(2, "2024-05-25", "0551", "0"), hh(3, "2024-05-30", "0421", "0"),
        hh(4, "2024-06-05", "0551", "0"), hh(5, "2024-06-10", "0571", "0"),
      ], straddle: policy)
    #expect(r.episode("T-C1")?.allowedTotal == Cents(250_000))
    // With no visit lines, by days: 05-25..06-13 is 20 days, 9 inside: 333.33 × 9 ÷ 20 = 150.00.
    let days = try run(
      [
        Row(
          claim: "H", type: "home_health", from: "2024-05-25", thru: "2024-06-13",
          allowed: "333.33")
      ], straddle: policy)
    #expect(days.lines(of: "T-C1").map(\.1) == ["1000.00", "150.00"])
  }

  @Test("professional, DME and outpatient lines count whole")
  func whole() throws {
    let policy =
      #"{"default": "prorate", "by_claim_type": {"professional": "whole", "dme": "whole", "outpatient": "whole"}}"#
    let r = try run(
      [
        Row(
          claim: "D", type: "dme", from: "2024-05-25", thru: "2024-08-24", allowed: "900.00"),
        Row(
          claim: "S", type: "snf", from: "2024-05-25", thru: "2024-06-13", allowed: "333.33"),
      ], straddle: policy)
    // DME rental counted whole by its first date; the SNF stay by days (150.00, as above).
    #expect(r.lines(of: "T-C1").map(\.1) == ["1000.00", "900.00", "150.00"])
  }
}
