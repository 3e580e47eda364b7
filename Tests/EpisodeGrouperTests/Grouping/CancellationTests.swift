import Testing

@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperSupport

@Suite("Cancellation")
struct CancellationTests {
  // The trigger stay 2024-01-10..01-12 gives a window 2024-01-10..2024-04-10.
  let trigger = Row(claim: "C1", from: "2024-01-10", thru: "2024-01-12", drg: "470")

  func definition(_ cancel: String) throws -> EpisodeDefinition {
    try simpleDefinition(["cancel": cancel])
  }

  /// The episode's status and reason; the data runs to the end of 2024 unless `through` says otherwise.
  func status(
    _ rows: [Row], _ cancel: String, members: [String: Member]? = nil,
    through: String = "2024-12-31"
  ) throws -> (EpisodeStatus, String) {
    let r = try group(
      [trigger] + rows, [try definition(cancel)], members: members, through: through)
    let e = try #require(r.episode("T-C1"))
    return (e.status, e.reason)
  }

  let death = #"[{"reason": "died", "death": "episode"}]"#

  @Test("death: an expired discharge status on a claim discharged in the window")
  func deathStatus() throws {
    let status20 = Row(
      claim: "C2", from: "2024-02-01", thru: "2024-02-03", drg: "871", status: "20")
    #expect(
      try status([status20], death) == (
        .cancelled, "died: discharge status 20 on claim C2 (discharged 2024-02-03)"
      ))
    let hospice = Row(
      claim: "C2", type: "hospice", from: "2024-03-01", thru: "2024-03-09", status: "41")
    #expect(
      try status([hospice], death) == (
        .cancelled, "died: discharge status 41 on claim C2 (discharged 2024-03-09)"
      ))
    // Discharged alive (status 01), or dead after the window (discharged 2024-04-11): not cancelled.
    let alive = Row(claim: "C2", from: "2024-02-01", thru: "2024-02-03", status: "01")
    #expect(try status([alive], death).0 == .complete)
    let later = Row(claim: "C2", from: "2024-04-08", thru: "2024-04-11", status: "20")
    #expect(try status([later], death).0 == .complete)
  }

  @Test("death: a death date in the members file inside the window")
  func deathDate() throws {
    let members = ["M1": Member(death: Day(iso: "2024-03-01"))]
    #expect(
      try status([], death, members: members) == (
        .cancelled, "died: death date 2024-03-01 in the members file"
      ))
    let after = ["M1": Member(death: Day(iso: "2024-04-11"))]
    #expect(try status([], death, members: after).0 == .complete)
  }

  @Test("death during the anchor only")
  func deathDuringAnchor() throws {
    let anchor = #"[{"reason": "died in hospital", "death": "anchor"}]"#
    let later = Row(claim: "C2", from: "2024-02-01", thru: "2024-02-03", status: "20")
    #expect(try status([later], anchor).0 == .complete)
    var dead = trigger
    dead.status = "20"
    let r = try group([dead], [try definition(anchor)], through: "2024-12-31")
    #expect(
      r.episode("T-C1")?.reason
        == "died in hospital: discharge status 20 on claim C1 (discharged 2024-01-12)")
  }

  let coverage = #"[{"reason": "not covered", "coverage": "continuous"}]"#

  @Test("coverage must be continuous over the window")
  func coverageGap() throws {
    let ends = [
      "M1": Member(coverage: [DayRange(Day(iso: "2023-01-01")!, Day(iso: "2024-03-15")!)])
    ]
    #expect(
      try status([], coverage, members: ends) == (
        .cancelled, "not covered: no coverage on 2024-03-16"
      ))
    let gap = [
      "M1": Member(coverage: [
        DayRange(Day(iso: "2023-01-01")!, Day(iso: "2024-01-31")!),
        DayRange(Day(iso: "2024-02-02")!, .distantFuture),
      ])
    ]
    #expect(
      try status([], coverage, members: gap) == (
        .cancelled, "not covered: no coverage on 2024-02-01"
      ))
    #expect(
      try status([], coverage, members: [:]) == (
        .cancelled, "not covered: the member has no row in the members file"
      ))
    // Without a members file, coverage is not judged.
    #expect(try status([], coverage).0 == .complete)
  }

  @Test("an open episode is judged on the part of its window the data covers")
  func coverageOfOpenEpisode() throws {
    let ends = [
      "M1": Member(coverage: [DayRange(Day(iso: "2023-01-01")!, Day(iso: "2024-03-15")!)])
    ]
    // The data ends 2024-02-15: coverage through 2024-03-15 covers 2024-01-10..02-15.
    #expect(try status([], coverage, members: ends, through: "2024-02-15").0 == .open)
    #expect(try status([], coverage, members: ends, through: "2024-03-20").0 == .cancelled)
  }

  @Test("other predicates: any line of the window, or the trigger claim")
  func predicates() throws {
    let esrd = #"[{"reason": "ESRD", "any_line": {"field": "any_dx", "in": ["N18.6"]}}]"#
    let dialysis = Row(claim: "C2", type: "professional", from: "2024-02-01", principal: "N186")
    #expect(try status([dialysis], esrd) == (.cancelled, "ESRD: claim C2 line 1 (2024-02-01)"))
    let outside = Row(claim: "C2", type: "professional", from: "2024-05-01", principal: "N186")
    #expect(try status([outside], esrd).0 == .complete)
    let ama =
      #"[{"reason": "left against medical advice", "trigger_claim": {"field": "discharge_status", "in": ["07"]}}]"#
    var left = trigger
    left.status = "7"
    let r = try group([left], [try definition(ama)], through: "2024-12-31")
    #expect(r.episode("T-C1")?.reason == "left against medical advice")
  }

  @Test("the first rule that applies gives the reason")
  func order() throws {
    let rules =
      #"[{"reason": "not covered", "coverage": "continuous"}, {"reason": "died", "death": "episode"}]"#
    let members = [
      "M1": Member(
        death: Day(iso: "2024-03-01"),
        coverage: [DayRange(Day(iso: "2023-01-01")!, Day(iso: "2024-03-01")!)])
    ]
    #expect(
      try status([], rules, members: members) == (
        .cancelled, "not covered: no coverage on 2024-03-02"
      ))
  }
}
