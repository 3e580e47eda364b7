import Testing

@testable import GrouperImport
@testable import GrouperSupport

@Suite("Windows and anchors")
struct WindowTests {
  /// A DRG 470 stay from 2024-03-01 to 2024-03-05, and professional claims around its window.
  let rows = [
    Row(claim: "C1", from: "2024-03-01", thru: "2024-03-05", drg: "470", allowed: "1000.00"),
    Row(claim: "C2", type: "professional", from: "2024-06-02"),
    Row(claim: "C3", type: "professional", from: "2024-06-03"),
    Row(claim: "C4", type: "professional", from: "2024-02-20"),
    Row(claim: "C5", type: "professional", from: "2024-02-19"),
  ]

  @Test("CMS counting: the discharge day is day 1, so 90 days end 89 days after it")
  func anchorEndIsDayOne() throws {
    let r = try group(rows, [try simpleDefinition()])
    let e = try #require(r.episode("T-C1"))
    // 2024-03-05 + 89: Mar 31 (+26), Apr 30 (+30), May 31 (+31), Jun 2 (+2); 26 + 30 + 31 + 2 = 89.
    #expect(e.anchor == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-03-05")!))
    #expect(e.window == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-06-02")!))
    #expect(r.lines(of: "T-C1").map(\.0) == ["C1", "C2"])
  }

  @Test("the day after the anchor as day 1 adds one day")
  func dayAfterAnchorEnd() throws {
    let d = try simpleDefinition([
      "windows": #"{"post_anchor": {"days": 90, "day_one": "day_after_anchor_end"}}"#
    ])
    let r = try group(rows, [d])
    // 2024-03-05 + 90 = 2024-06-03, so C3 on that day is in.
    #expect(r.episode("T-C1")?.window.last == Day(iso: "2024-06-03"))
    #expect(r.lines(of: "T-C1").map(\.0) == ["C1", "C2", "C3"])
  }

  @Test("a lookback of N days starts N days before the anchor")
  func lookback() throws {
    let d = try simpleDefinition([
      "windows": #"{"pre_anchor_days": 10, "post_anchor": {"days": 0, "day_one": "anchor_end"}}"#
    ])
    let r = try group(rows, [d])
    // 2024-03-01 − 10 = 2024-02-20; no post period, so the window ends with the anchor.
    #expect(r.episode("T-C1")?.window == DayRange(Day(iso: "2024-02-20")!, Day(iso: "2024-03-05")!))
    #expect(r.lines(of: "T-C1").map(\.0) == ["C1", "C4"])
  }

  @Test("a service anchor is the trigger line's from date")
  func serviceAnchor() throws {
    let r = try group(rows, [try simpleDefinition(["anchor": #""service""#])])
    // 2024-03-01 + 89: Mar 31 (+30), Apr 30 (+30), May 29 (+29) = 89.
    #expect(r.episode("T-C1")?.anchor == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-03-01")!))
    #expect(r.episode("T-C1")?.window.last == Day(iso: "2024-05-29"))
  }

  @Test("anchors by claim type: the stay for inpatient, the service day for the rest")
  func anchorByClaimType() throws {
    let d = try simpleDefinition([
      "anchor": #"{"inpatient": "stay", "default": "service"}"#,
      "trigger":
        #"{"any": [{"field": "drg", "in": ["470"]}, {"field": "hcpcs", "in": ["27447"]}]}"#,
    ])
    let r = try group(
      [
        Row(claim: "C1", from: "2024-03-01", thru: "2024-03-05", drg: "470"),
        // An outpatient claim whose 27447 line is dated before its other line.
        Row(claim: "C2", member: "M2", type: "outpatient", from: "2024-03-03", hcpcs: "99213"),
        Row(
          claim: "C2", line: 2, member: "M2", type: "outpatient", from: "2024-03-02",
          thru: "2024-03-04", hcpcs: "27447"),
      ], [d])
    #expect(r.episode("T-C1")?.anchor == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-03-05")!))
    #expect(r.episode("T-C2")?.anchor == DayRange(Day(iso: "2024-03-02")!, Day(iso: "2024-03-02")!))
  }

  @Test("a stay runs from the claim's earliest admission to its latest discharge")
  func stayDates() throws {
    let r = try group(
      [
        Row(
          claim: "C1", from: "2024-03-01", thru: "2024-03-05", admit: "2024-02-28",
          discharge: "2024-03-05", drg: "470"),
        Row(
          claim: "C1", line: 2, from: "2024-03-01", thru: "2024-03-05", admit: "2024-02-28",
          discharge: "2024-03-07"),
      ], [try simpleDefinition()])
    #expect(r.episode("T-C1")?.anchor == DayRange(Day(iso: "2024-02-28")!, Day(iso: "2024-03-07")!))
  }

  @Test("definitions apply to anchors starting in their effective range")
  func effective() throws {
    let d = try simpleDefinition(["effective": #"{"from": "2024-02-01", "through": "2024-12-31"}"#])
    let r = try group(
      [
        Row(claim: "C1", from: "2024-01-10", drg: "470"),
        Row(claim: "C2", member: "M2", from: "2024-03-01", drg: "470"),
        Row(claim: "C3", member: "M3", from: "2025-01-01", drg: "470"),
      ], [d])
    #expect(r.episodeIDs == ["T-C2"])
  }

  @Test("an episode whose window ends after the data's last date is open")
  func open() throws {
    let r = try group(rows, [try simpleDefinition()], through: "2024-06-01")
    let e = try #require(r.episode("T-C1"))
    #expect(e.status == .open)
    #expect(e.reason == "window ends 2024-06-02, after the data's last date 2024-06-01")
    // Without --through the data's last date is the latest from date read, 2024-06-03 (C3).
    #expect(try group(rows, [try simpleDefinition()]).episode("T-C1")?.status == .complete)
    #expect(try group(rows, [try simpleDefinition()]).through == Day(iso: "2024-06-03"))
    // A DME rental starting 2024-05-01 and billed through 2025-06-30 does not stretch the data
    // to June 2025: the latest from date, 2024-06-03, is still the data's last date.
    let rental = rows + [Row(claim: "R1", type: "dme", from: "2024-05-01", thru: "2025-06-30")]
    #expect(try group(rental, [try simpleDefinition()]).through == Day(iso: "2024-06-03"))
  }

  @Test("the accountable provider is the trigger's billing provider, or another field of it")
  func accountableProvider() throws {
    let claims = [
      Row(claim: "C1", from: "2024-03-01", billing: "H1", rendering: "N1", drg: "470"),
      // The trigger line names no billing provider; the claim's second line does.
      Row(claim: "C2", member: "M2", from: "2024-03-01", drg: "470"),
      Row(claim: "C2", line: 2, member: "M2", from: "2024-03-01", billing: "H2"),
    ]
    let billing = try group(claims, [try simpleDefinition()])
    #expect(
      billing.episodes.map { billing.store.code($0.accountableProvider, .provider) } == [
        "H1", "H2",
      ])
    let rendering = try group(
      claims, [try simpleDefinition(["accountable_provider": #""rendering_provider""#])])
    #expect(
      rendering.episodes.map { rendering.store.code($0.accountableProvider, .provider) } == [
        "N1", "",
      ])
  }

  @Test("each payer's episodes hold only that payer's lines")
  func payers() throws {
    let r = try group(
      [
        Row(claim: "C1", payer: "P1", from: "2024-03-01", drg: "470"),
        Row(claim: "C2", payer: "P2", type: "professional", from: "2024-03-10"),
        Row(claim: "C3", payer: "P1", type: "professional", from: "2024-03-11"),
      ], [try simpleDefinition()])
    #expect(r.lines(of: "T-C1").map(\.0) == ["C1", "C3"])
  }
}
