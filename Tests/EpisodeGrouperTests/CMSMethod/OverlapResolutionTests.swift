import Testing

@testable import GrouperCore
@testable import GrouperSupport

/// Chronological overlap resolution (BPCI Advanced `e1_resolve_bpcia_overlap`) and chronic
/// episodes that keep going when another episode takes their trigger line.
@Suite("CMS method: overlapping episodes")
struct OverlapResolutionTests {
  func chronological(_ id: String, drg: String, wins: [String] = [], outpatient: String? = nil)
    throws -> EpisodeDefinition
  {
    var trigger = #"{"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["\#(drg)"]}]}"#
    if let outpatient {
      trigger =
        #"{"any": [\#(trigger), {"all": [{"claim_type": "outpatient"}, {"field": "hcpcs", "in": ["\#(outpatient)"]}]}]}"#
    }
    let overlap =
      #"{"resolve": "chronological", "later_episode_wins": [\#(wins.map { "\"\($0)\"" }.joined(separator: ","))]}"#
    return try simpleDefinition(
      id: id,
      [
        "trigger": trigger, "overlap": overlap,
        "anchor": #"{"inpatient": "stay", "default": "service"}"#,
      ])
  }

  @Test("a later episode starting in an earlier one's window is cancelled; its stay counts there")
  func laterDropped() throws {
    let r = try group(
      [
        Row(claim: "A", from: "2024-01-10", thru: "2024-01-14", drg: "280", allowed: "10000.00"),
        Row(claim: "H", from: "2024-02-01", thru: "2024-02-05", drg: "291", allowed: "8000.00"),
      ], [try chronological("AMI", drg: "280"), try chronological("HF", drg: "291")],
      through: "2024-12-31")
    #expect(r.episode("AMI-A")?.status == .complete)
    #expect(r.episode("HF-H")?.status == .cancelled)
    #expect(
      r.episode("HF-H")?.reason
        == "anchor starts 2024-02-01 in the window of episode AMI-A (overlap resolved chronologically)"
    )
    #expect(r.episode("AMI-A")?.allowedTotal == Cents(1_800_000))
  }

  @Test("a second joint replacement supersedes the first")
  func laterWins() throws {
    let lejr = try chronological("LEJR", drg: "470", wins: ["LEJR"])
    let r = try group(
      [
        Row(claim: "J1", from: "2024-01-10", thru: "2024-01-13", drg: "470", allowed: "20000.00"),
        Row(claim: "J2", from: "2024-03-01", thru: "2024-03-04", drg: "470", allowed: "21000.00"),
      ], [lejr], through: "2024-12-31")
    #expect(r.episode("LEJR-J1")?.status == .cancelled)
    #expect(r.episode("LEJR-J2")?.status == .complete)
  }

  @Test("an outpatient procedure and an admission the same day: the inpatient episode stands")
  func sameDay() throws {
    let lejr = try chronological("LEJR", drg: "470", wins: ["LEJR"], outpatient: "27447")
    let r = try group(
      [
        Row(
          claim: "OP", type: "outpatient", from: "2024-03-01", hcpcs: "27447", allowed: "12000.00"),
        Row(claim: "IP", from: "2024-03-01", thru: "2024-03-04", drg: "470", allowed: "20000.00"),
      ], [lejr], through: "2024-12-31")
    #expect(r.episode("LEJR-IP")?.status == .complete)
    #expect(r.episode("LEJR-OP")?.status == .cancelled)
  }

  @Test("a chronic episode keeps going when another episode counts its trigger line")
  func keep() throws {
    let lejr = try simpleDefinition(id: "LEJR", ["precedence": "10"])
    func chronic(_ policy: String) throws -> EpisodeDefinition {
      try simpleDefinition(
        id: "DIAB",
        [
          "precedence": "50", "trigger": #"{"field": "any_dx", "in": ["E11*"]}"#,
          "anchor": #""service""#, "when_trigger_taken": "\"\(policy)\"",
          "windows": #"{"post_anchor": {"days": 365, "day_one": "anchor_end"}}"#,
        ])
    }
    let rows = [
      Row(
        claim: "J", from: "2024-03-01", thru: "2024-03-04", drg: "470", dx: "E119",
        allowed: "20000.00"),
      // After the LEJR window (2024-03-04 + 89 = 06-01), so only the diabetes episode can hold it.
      Row(claim: "V", type: "professional", from: "2024-07-01", dx: "E119", allowed: "150.00"),
    ]
    // Cancelled as nested by default; kept, without the stay, when the policy says keep.
    let cancelled = try group(rows, [lejr, try chronic("cancel")])
    #expect(cancelled.episode("DIAB-J")?.status == .cancelled)
    let kept = try group(rows, [lejr, try chronic("keep")], through: "2025-12-31")
    #expect(kept.episode("DIAB-J")?.status == .complete)
    #expect(kept.lines(of: "DIAB-J").map(\.0) == ["V"])
  }
}

@Suite("Programs: TEAM beside BPCI Advanced")
struct ProgramTests {
  @Test("definitions of different programs group the same claims independently")
  func independent() throws {
    let bpci = try simpleDefinition(
      id: "LEJR", ["overlap": #"{"resolve": "chronological", "later_episode_wins": ["LEJR"]}"#])
    let team = try simpleDefinition(
      id: "TEAM_LEJR",
      [
        "program": #""TEAM""#, "precedence": "5",
        "overlap": #"{"resolve": "chronological", "later_episode_wins": ["TEAM_LEJR"]}"#,
        "windows": #"{"post_anchor": {"days": 30, "day_one": "anchor_end"}}"#,
      ])
    let rows = [
      Row(claim: "J", from: "2026-03-01", thru: "2026-03-04", drg: "470", allowed: "20000.00"),
      Row(claim: "S", type: "snf", from: "2026-03-20", thru: "2026-03-29", allowed: "4000.00"),
      Row(
        claim: "H", type: "home_health", from: "2026-04-20", thru: "2026-04-20", allowed: "900.00"),
    ]
    let r = try group(rows, [bpci, team], through: "2026-12-31")
    // Both complete: LEJR (90 days to 2026-06-01) holds all three lines, 24,900.00; TEAM_LEJR (30
    // days to 2026-04-02) holds the stay and the SNF stay, 24,000.00.
    #expect(r.episode("LEJR-J")?.status == .complete)
    #expect(r.episode("TEAM_LEJR-J")?.status == .complete)
    #expect(r.episode("LEJR-J")?.allowedTotal == Cents(2_490_000))
    #expect(r.episode("TEAM_LEJR-J")?.allowedTotal == Cents(2_400_000))
    // Each line's dollars count once in the run's totals; the second program's are reported apart.
    #expect(r.accounting.dollarsAssigned == Cents(2_490_000))
    #expect(r.accounting.alsoCountedInSharedEpisodes == Cents(2_400_000))
  }
}

@Suite("Shipped definitions: a chronic episode beside a procedure")
struct ShippedChronicTests {
  @Test("a year of diabetes care survives E11.9 as a secondary diagnosis on a knee replacement")
  func diabetesKept() throws {
    let definitions = try DefinitionLoader.load(path: packagePath("EpisodeDefinitions"))
    let rows = [
      Row(
        claim: "K", from: "2024-03-01", thru: "2024-03-04", billing: "010001", drg: "470",
        dx: "E119", allowed: "12000.00"),
      // 61 days after the stay's first day: confirms the diabetes trigger (at least 30 days).
      Row(claim: "D1", type: "professional", from: "2024-05-01", dx: "E119", allowed: "100.00"),
      Row(claim: "D2", type: "professional", from: "2024-07-01", dx: "E119", allowed: "100.00"),
    ]
    let r = try group(rows, definitions, through: "2024-12-31")
    // LEJR (precedence 10) counts the stay and D1 (05-01, inside its window to 2024-06-01):
    // 12000.00 + 100.00 = 12100.00. DIABETES keeps going without the stay (when_trigger_taken
    // keep): its 365 days from 2024-03-01 end 2025-02-28, after the data, so it is open, with D2.
    #expect(r.episode("LEJR-K")?.allowedTotal == Cents(1_210_000))
    let diabetes = try #require(r.episode("DIABETES-K"))
    #expect(diabetes.status == .open)
    #expect(r.lines(of: "DIABETES-K").map(\.0) == ["D2"])
  }
}
