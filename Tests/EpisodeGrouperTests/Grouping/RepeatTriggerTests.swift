import Testing

@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperSupport

@Suite("A new trigger inside an open episode")
struct RepeatTriggerTests {
  // C1's stay 2024-01-10..01-12 gives a window to 01-12 + 89 = 2024-04-10 (Jan 31 +19, Feb 29 +29,
  // Mar 31 +31, Apr 10 +10). C3 is a new trigger on 2024-03-01, inside it.
  let rows = [
    Row(claim: "C1", from: "2024-01-10", thru: "2024-01-12", drg: "470", allowed: "1000.00"),
    Row(claim: "C2", type: "professional", from: "2024-02-01", allowed: "50.00"),
    Row(claim: "C3", from: "2024-03-01", thru: "2024-03-03", drg: "470", allowed: "2000.00"),
    Row(claim: "C4", type: "professional", from: "2024-03-20", allowed: "60.00"),
  ]

  func run(_ policy: String) throws -> GroupingResult {
    try group(rows, [try simpleDefinition(["repeat_trigger": "\"\(policy)\""])])
  }

  @Test("absorb: the open episode goes on and counts the new stay")
  func absorb() throws {
    let r = try run("absorb")
    #expect(r.episodeIDs == ["T-C1"])
    #expect(r.episode("T-C1")?.absorbedTriggers == 1)
    #expect(r.episode("T-C1")?.window.last == Day(iso: "2024-04-10"))
    #expect(
      r.categories(of: "T-C1") == ["C1": "anchor", "C2": "other", "C3": "other", "C4": "other"])
    // 1000 + 50 + 2000 + 60 = 3110.00.
    #expect(r.episode("T-C1")?.allowedTotal == Cents(311_000))
  }

  @Test("cancel_open: the open episode is kept, cancelled with the reason, and a new one starts")
  func cancelOpen() throws {
    let r = try run("cancel_open")
    #expect(r.episodeIDs == ["T-C1", "T-C3"])
    let first = try #require(r.episode("T-C1"))
    #expect(first.status == .cancelled)
    #expect(first.reason == "superseded by a new T trigger: claim C3 with anchor from 2024-03-01")
    #expect(first.lineCount == 0)
    // C3's window: 2024-03-03 + 89 = May 31 (Mar 31 +28, Apr 30 +30, May 31 +31).
    #expect(r.episode("T-C3")?.window == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-05-31")!))
    #expect(r.lines(of: "T-C3").map(\.0) == ["C3", "C4"])
    // C1 and C2 are counted nowhere: 1000 + 50 = 1050.00 unassigned.
    #expect(r.accounting.dollarsUnassigned == Cents(105_000))
  }

  @Test("end_open: the open episode ends the day before the new anchor")
  func endOpen() throws {
    let r = try run("end_open")
    #expect(r.episode("T-C1")?.window.last == Day(iso: "2024-02-29"))
    #expect(r.episode("T-C1")?.status == .complete)
    #expect(r.lines(of: "T-C1").map(\.0) == ["C1", "C2"])
    #expect(r.lines(of: "T-C3").map(\.0) == ["C3", "C4"])
    // The data ends 2024-03-20 (C4), before C3's window ends on 2024-05-31.
    #expect(r.episode("T-C3")?.status == .open)
  }

  @Test(
    "a trigger starting within the open episode's anchor is part of that anchor, whatever the policy"
  )
  func sameStay() throws {
    let rows = [
      Row(claim: "C1", from: "2024-01-10", thru: "2024-01-12", drg: "470"),
      Row(claim: "C5", from: "2024-01-11", thru: "2024-01-12", drg: "470"),
    ]
    let r = try group(
      rows, [try simpleDefinition(["repeat_trigger": #""cancel_open""#])], through: "2024-12-31")
    #expect(r.episodeIDs == ["T-C1"])
    #expect(r.episode("T-C1")?.status == .complete)
    #expect(r.episode("T-C1")?.absorbedTriggers == 1)
  }
}
