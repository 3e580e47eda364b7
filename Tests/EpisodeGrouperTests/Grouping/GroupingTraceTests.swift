import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperReports
@testable import GrouperSupport

/// The trace the engine records as it decides: it changes nothing the engine decides, and it
/// carries the engine's own arithmetic.
@Suite("Grouping trace")
struct GroupingTraceTests {
  /// The proration the trace recorded for the line of claim `claim`.
  static func proration(_ events: [TraceEvent], _ result: GroupingResult, claim: String)
    -> Proration?
  {
    let c = result.store.claims.lookup(claim)!
    for case .line(let index, _, .included(_, _, _, let p)) in events
    where result.store.lines[index].claim == c {
      return p
    }
    return nil
  }

  @Test("grouping with a trace writes the same outputs as without, for every sample member")
  func sameResult() throws {
    let input = try ClaimInput.read(path: packagePath("SampleClaims/claims.csv"), format: nil)
    let members = try MembersReader(path: packagePath("SampleClaims/members.csv")).read()
    let definitions = try DefinitionLoader.load(path: packagePath("EpisodeDefinitions"))
    let grouper = Grouper(definitions: definitions, members: members.members, jobs: 1)
    let plain = grouper.run(input.claims.store)
    let traced = grouper.run(input.claims.store, trace: GroupingTrace())
    #expect(EpisodeReports.episodes(traced) == EpisodeReports.episodes(plain))
    #expect(EpisodeReports.assignments(traced) == EpisodeReports.assignments(plain))
    #expect(EpisodeReports.exclusions(traced) == EpisodeReports.exclusions(plain))
    #expect(traced.accounting == plain.accounting)
  }

  @Test("the proration recorded is the engine's: GMLOS, days of a stay, visits")
  func prorations() throws {
    // As in ProrationByClaimTypeTests: the anchor stay 2024-03-01..03-05 gives a window ending
    // 2024-06-02 (03-05 + 89).
    let anchor = Row(
      claim: "C1", from: "2024-03-01", thru: "2024-03-05", billing: "010001", drg: "470",
      allowed: "1000.00")
    func run(_ rows: [Row], straddle: String) throws -> (GroupingResult, [TraceEvent]) {
      let definition = try simpleDefinition(["straddle": straddle])
      let trace = GroupingTrace()
      let result = Grouper(definitions: [definition]).run(try store([anchor] + rows), trace: trace)
      return (result, trace.events)
    }
    let gmlos = #"{"default": "prorate_gmlos"}"#
    // MS-DRG 481's FY2026 GMLOS is 4.3 days (43 tenths). Admitted 06-01: days = 06-02 − 06-01
    // + 1 = 2 < 4.3 − 1, so 9,000.00 × (2 + 1) ÷ 4.3 = 9,000.00 × 30 ÷ 43 = 6,279.0697… →
    // 6,279.07.
    let (short, shortEvents) = try run(
      [
        Row(
          claim: "R", from: "2024-06-01", thru: "2024-06-08", billing: "010002", drg: "481",
          allowed: "9000.00")
      ], straddle: gmlos)
    #expect(
      Self.proration(shortEvents, short, claim: "R")
        == Proration(
          basis: .gmlos(drg: "481", days: 2, capped: false), numerator: 30, denominator: 43,
          allocated: Cents(627_907)))
    // Admitted 05-30: days = 4 ≥ 3.3: the whole amount.
    let (long, longEvents) = try run(
      [
        Row(
          claim: "R", from: "2024-05-30", thru: "2024-06-08", billing: "010002", drg: "481",
          allowed: "9000.00")
      ], straddle: gmlos)
    #expect(
      Self.proration(longEvents, long, claim: "R")
        == Proration(
          basis: .gmlosWhole(drg: "481", days: 4), numerator: 4, denominator: 43,
          allocated: Cents(900_000)))
    // A psychiatric hospital (CCN 014001), by days of the stay: 06-01..06-08 is 8 days, 2
    // inside: 9,000.00 × 2 ÷ 8 = 2,250.00.
    let (psych, psychEvents) = try run(
      [
        Row(
          claim: "R", from: "2024-06-01", thru: "2024-06-08", billing: "014001", drg: "481",
          allowed: "9000.00")
      ], straddle: gmlos)
    #expect(
      Self.proration(psychEvents, psych, claim: "R")
        == Proration(
          basis: .stayDays(.psychiatric), numerator: 2, denominator: 8, allocated: Cents(225_000)))
    // A home-health claim without visit lines, by its days: 05-25..06-13 is 20 days, 9 inside:
    // 333.33 × 9 ÷ 20 = 149.9985 → 150.00.
    let (hh, hhEvents) = try run(
      [
        Row(
          claim: "H", type: "home_health", from: "2024-05-25", thru: "2024-06-13",
          allowed: "333.33")
      ], straddle: #"{"by_claim_type": {"home_health": "prorate_visits"}}"#)
    #expect(
      Self.proration(hhEvents, hh, claim: "H")
        == Proration(basis: .claimDays, numerator: 9, denominator: 20, allocated: Cents(15_000)))
  }

  @Test("a line whose amount is not positive is recorded with the amount tested")
  func notPositive() throws {
    // An inpatient claim is tested on its total: 100.00 − 150.00 = −50.00.
    let trace = GroupingTrace()
    let result = Grouper(definitions: [try simpleDefinition()]).run(
      try store([
        Row(claim: "C1", line: 1, from: "2024-03-01", drg: "470", allowed: "100.00"),
        Row(claim: "C1", line: 2, from: "2024-03-01", drg: "470", allowed: "-150.00"),
      ]), trace: trace)
    #expect(result.episodes.isEmpty)
    #expect(
      trace.events == [
        .notPositive(line: 0, amount: Cents(-5_000)), .notPositive(line: 1, amount: Cents(-5_000)),
      ])
  }
}
