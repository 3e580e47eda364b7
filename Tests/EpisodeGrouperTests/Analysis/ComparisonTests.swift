import Testing

@testable import GrouperAnalysis
@testable import GrouperCore
@testable import GrouperSupport

/// `compare`'s matching, differences and dollar balance on hand-made claims.
@Suite("Comparison")
struct ComparisonTests {
  /// Three knee replacements (DRG 470) and their follow-up care. With the 90-day window every
  /// line counts; with 30 days (the discharge day is day 1, so the window ends discharge + 29)
  /// M1's home health on 2024-02-15 (window ends 2024-02-01) and M2's visit on 2024-04-15
  /// (window ends 2024-03-30) fall outside.
  static let rows = [
    Row(
      claim: "C1", member: "M1", from: "2024-01-01", thru: "2024-01-03", drg: "470",
      allowed: "10000.00"),
    Row(claim: "C2", member: "M1", type: "snf", from: "2024-01-20", allowed: "2000.00"),
    Row(claim: "C3", member: "M1", type: "home_health", from: "2024-02-15", allowed: "500.00"),
    Row(claim: "C4", member: "M2", from: "2024-03-01", drg: "470", allowed: "8000.00"),
    Row(claim: "C5", member: "M2", type: "professional", from: "2024-04-15", allowed: "300.00"),
    Row(claim: "C6", member: "M3", from: "2024-06-01", drg: "470", allowed: "5000.00"),
  ]

  static func runs() throws -> (RunEpisodes, RunEpisodes) {
    let ninety = try simpleDefinition()
    var thirty = ninety
    thirty.postAnchor.days = 30
    let a = try group(rows, [ninety], through: "2024-12-31")
    let b = try group(rows, [thirty], through: "2024-12-31")
    return (RunEpisodes(a), RunEpisodes(b))
  }

  @Test("a shorter window changes every episode's window, and the lines and dollars it drops")
  func shorterWindow() throws {
    let (a, b) = try Self.runs()
    let c = Comparison(baseline: a, candidate: b)
    #expect(c.rows.map(\.key.member) == ["M1", "M2", "M3"])
    #expect(c.rows.map(\.change) == [.changed, .changed, .changed])
    #expect(c.rows[0].what == ["window", "lines", "dollars"])
    #expect(c.rows[2].what == ["window"])
    // M1: 12500.00 (10000 + 2000 + 500) → 12000.00; M2: 8300.00 → 8000.00; M3: 5000.00 both.
    #expect(c.rows.map(\.moved.description) == ["-500.00", "-300.00", "0.00"])
    // A = 12500 + 8300 + 5000 = 25800.00; B = 12000 + 8000 + 5000 = 25000.00.
    #expect(c.baselineTotal.description == "25800.00")
    #expect(c.candidateTotal.description == "25000.00")
    #expect(c.moved == c.candidateTotal - c.baselineTotal)
    // The anchor category holds the trigger claims (23000.00 both); "other" loses 800.00.
    let other = try #require(c.byCategory.first { $0.category == "other" })
    #expect(other.dollarsA.description == "2800.00")
    #expect(other.dollarsB.description == "2000.00")
    #expect(other.movedIn == .zero)
    #expect(other.movedOut.description == "800.00")
    #expect(other.net.description == "-800.00")
    let anchor = try #require(c.byCategory.first { $0.category == "anchor" })
    #expect(anchor.net == .zero)
    let t = try #require(c.byDefinition.first)
    #expect((t.episodesA, t.episodesB, t.added, t.removed, t.changed) == (3, 3, 0, 0, 3))
    #expect(t.moved.description == "-800.00")
  }

  /// An episode by hand: `categories` give its dollars.
  static func episode(
    _ member: String, _ claim: String, in definition: String = "T",
    status: EpisodeStatus = .complete,
    provider: String = "P1", _ categories: [String: String]
  ) -> AnalysisEpisode {
    let cents = categories.mapValues { amount -> Cents in
      guard case .success(let c) = Cents.parse(amount) else { fatalError(amount) }
      return c
    }
    let day = Day(iso: "2024-01-01")!
    return AnalysisEpisode(
      id: "\(definition)-\(claim)", definition: definition, member: member, payer: "default",
      provider: provider, triggerClaim: claim, triggerCode: "470", window: DayRange(day, day),
      status: status, reason: "", lines: categories.count,
      allowed: cents.values.reduce(.zero, +), categories: cents, hasReadmission: false,
      hasPostAcute: false)
  }

  @Test("episodes only in A are removed, only in B added; the dollars still balance")
  func addedAndRemoved() {
    let a = RunEpisodes(
      definitions: ["T"],
      episodes: [
        Self.episode("M1", "C1", ["anchor": "100.00", "snf": "50.00"]),
        Self.episode("M2", "C2", ["anchor": "200.00"]),
      ])
    let b = RunEpisodes(
      definitions: ["T", "U"],
      episodes: [
        Self.episode("M1", "C1", ["anchor": "100.00", "snf": "20.00", "readmission": "70.00"]),
        Self.episode("M3", "C3", in: "U", provider: "P2", ["anchor": "40.00"]),
      ])
    let c = Comparison(baseline: a, candidate: b)
    #expect(c.rows.map(\.change) == [.changed, .removed, .added])
    // M1: 150.00 → 190.00 (+40.00); M2 removed (−200.00); M3 added (+40.00).
    #expect(c.rows.map(\.moved.description) == ["40.00", "-200.00", "40.00"])
    #expect(c.moved.description == "-120.00")  // B 230.00 − A 350.00
    #expect(c.moved == c.candidateTotal - c.baselineTotal)
    // anchor: −200.00 out (M2), +40.00 in (M3); snf: 30.00 out; readmission: 70.00 in.
    let byCategory = Dictionary(uniqueKeysWithValues: c.byCategory.map { ($0.category, $0) })
    #expect(byCategory["anchor"]!.movedIn.description == "40.00")
    #expect(byCategory["anchor"]!.movedOut.description == "200.00")
    #expect(byCategory["snf"]!.movedOut.description == "30.00")
    #expect(byCategory["readmission"]!.movedIn.description == "70.00")
    #expect(c.byCategory.reduce(Cents.zero) { $0 + $1.net } == c.moved)
    let defs = c.byDefinition
    #expect(defs.map(\.definition) == ["T", "U"])
    #expect((defs[0].added, defs[0].removed, defs[0].changed) == (0, 1, 1))
    #expect(defs[0].moved.description == "-160.00")
    #expect((defs[1].added, defs[1].episodesA, defs[1].episodesB) == (1, 0, 1))
    let providers = c.byProvider.map { "\($0.definition) \($0.provider) \($0.moved)" }
    #expect(providers == ["T P1 -160.00", "U P2 40.00"])
  }

  @Test("compare.csv lists each difference with both sides and what changed")
  func csv() {
    let a = RunEpisodes(
      definitions: ["T"], episodes: [Self.episode("M1", "C1", ["anchor": "100.00"])])
    let b = RunEpisodes(
      definitions: ["T"], episodes: [Self.episode("M1", "C1", ["anchor": "90.50"])])
    let text = String(decoding: Comparison(baseline: a, candidate: b).csv, as: UTF8.self)
    #expect(
      text
        == Comparison.columns.joined(separator: ",") + "\n"
        + "M1,T,C1,changed,dollars,T-C1,P1,complete,complete,2024-01-01,2024-01-01,2024-01-01,"
        + "2024-01-01,1,1,100.00,90.50,-9.50\n")
  }
}
