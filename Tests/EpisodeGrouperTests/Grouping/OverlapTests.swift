import Testing

@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperSupport

@Suite("Episodes of different types")
struct OverlapTests {
  // A: DRG 470 stay 2024-01-10..01-12, window to 2024-04-10. B: DRG 281 stay 2023-12-01..12-03,
  // window to 12-03 + 89 = 2024-03-01 (Dec 31 +28, Jan 31 +31, Feb 29 +29, Mar 1 +1).
  let rows = [
    Row(claim: "C3", from: "2023-12-01", thru: "2023-12-03", drg: "281", allowed: "500.00"),
    Row(claim: "C1", from: "2024-01-10", thru: "2024-01-12", drg: "470", allowed: "1000.00"),
    Row(claim: "C2", type: "professional", from: "2024-02-01", allowed: "50.00"),
  ]

  func definitions(aPrecedence: Int, bPrecedence: Int, bOverlap: String = "exclusive") throws
    -> [EpisodeDefinition]
  {
    [
      try simpleDefinition(id: "A", ["precedence": "\(aPrecedence)"]),
      try simpleDefinition(
        id: "B",
        [
          "precedence": "\(bPrecedence)", "overlap": "\"\(bOverlap)\"",
          "trigger": #"{"field": "drg", "in": ["281"]}"#,
        ]),
    ]
  }

  @Test("a line goes to the episode first by precedence")
  func precedence() throws {
    let r = try group(rows, try definitions(aPrecedence: 10, bPrecedence: 20))
    #expect(r.lines(of: "A-C1").map(\.0) == ["C1", "C2"])
    #expect(r.lines(of: "B-C3").map(\.0) == ["C3"])
    #expect(r.accounting.alsoCountedInSharedEpisodes == .zero)
  }

  @Test("an episode whose trigger claim another episode counts is nested, and cancelled")
  func nested() throws {
    let r = try group(rows, try definitions(aPrecedence: 10, bPrecedence: 5))
    // B comes first and counts C1, A's trigger: A is cancelled and C2 goes to B too.
    let a = try #require(r.episode("A-C1"))
    #expect(a.status == .cancelled)
    #expect(a.reason == "nested in episode B-C3, which counts its trigger claim (precedence)")
    #expect(r.lines(of: "B-C3").map(\.0) == ["C1", "C2", "C3"])
  }

  @Test(
    "a shared definition counts lines another episode counts too, and the summary shows them once")
  func shared() throws {
    let r = try group(rows, try definitions(aPrecedence: 10, bPrecedence: 20, bOverlap: "shared"))
    #expect(r.lines(of: "A-C1").map(\.0) == ["C1", "C2"])
    #expect(r.lines(of: "B-C3").map(\.0) == ["C1", "C2", "C3"])
    // Every line is assigned once: 500 + 1000 + 50 = 1550.00; C1 and C2 again in B: 1050.00.
    #expect(r.accounting.linesAssigned == 3)
    #expect(r.accounting.dollarsAssigned == Cents(155_000))
    #expect(r.accounting.alsoCountedInSharedEpisodes == Cents(105_000))
  }
}
