import Foundation
import Testing

@testable import GrouperAnalysis
@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperReaders

/// `compare`, `sweep`, `stats` and `report` end to end on the shipped samples. The figures are
/// those `Golden/sample-run/DERIVATION.md` derives by hand.
@Suite("What-if commands")
struct AnalysisCommandTests {
  static let definitions = packagePath("EpisodeDefinitions")
  static let claims = packagePath("SampleClaims/claims.csv")
  static let members = packagePath("SampleClaims/members.csv")

  /// A copy of the shipped definitions with LEJR's window at 60 days.
  static func sixtyDays() throws -> String {
    let folder = try temporaryFolder() + "/defs"
    try FileManager.default.copyItem(atPath: definitions, toPath: folder)
    let file = folder + "/LEJR.json"
    let text = contents(file)
    #expect(text.contains("\"days\": 90"))
    try text.replacingOccurrences(of: "\"days\": 90", with: "\"days\": 60")
      .write(toFile: file, atomically: true, encoding: .utf8)
    return folder
  }

  /// The sample run into a fresh folder.
  static func sampleRun() throws -> String {
    let (out, result) = try SampleRunTests.run()
    #expect(result.code == .success)
    return out
  }

  @Test("compare against a 60-day LEJR window: only LEJR changes, and the dollars balance")
  func compareSixtyDays() throws {
    let out = try temporaryFolder() + "/cmp"
    let r = runCLI([
      "compare", "--baseline", Self.definitions, "--candidate", try Self.sixtyDays(), "--claims",
      Self.claims, "--members", Self.members, "--out", out, "--quiet",
    ])
    #expect(r.code == .success, "\(r.stderr)")
    #expect(r.stderr == "")
    let rows = try csvTable(out + "/compare.csv")
    #expect(Set(rows.map { $0["definition_id"]! }) == ["LEJR"])
    #expect(rows.allSatisfy { $0["change"] == "changed" })
    // M003's SNF stay C302 counts 5000.00 (10 of its 20 days) in the 90-day window ending
    // 2024-08-07; the 60-day window ends 2024-05-10 + 59 = 2024-07-08, before the stay's
    // 2024-07-29: LEJR-C301 drops from 16350.00 to 11350.00.
    let c301 = try #require(rows.first { $0["episode_id"] == "LEJR-C301" })
    #expect(c301["allowed_a"] == "16350.00")
    #expect(c301["allowed_b"] == "11350.00")
    #expect(c301["end_b"] == "2024-07-08")
    #expect(c301["what_changed"] == "window|lines|dollars")
    // The balance: the dollars moved over the rows equal B's total less A's, per definition and
    // in all.
    var moved = 0
    for row in rows { moved += Int(row["dollars_moved"]!.replacingOccurrences(of: ".", with: ""))! }
    let all = try #require(
      try csvTable(out + "/compare_definitions.csv").first { $0["definition_id"] == "*" })
    // A's total is the sample run's 203765.00 assigned dollars, the sum of its episodes
    // (DERIVATION.md, "Totals").
    #expect(all["allowed_a"] == "203765.00")
    let a = Int(all["allowed_a"]!.replacingOccurrences(of: ".", with: ""))!
    let b = Int(all["allowed_b"]!.replacingOccurrences(of: ".", with: ""))!
    #expect(moved == b - a)
    #expect(all["dollars_moved"]!.replacingOccurrences(of: ".", with: "") == String(b - a))
    var categoryNet = 0
    for row in try csvTable(out + "/compare_categories.csv") {
      categoryNet += Int(row["net"]!.replacingOccurrences(of: ".", with: ""))!
    }
    #expect(categoryNet == b - a)
    #expect(r.stdout.contains("balance: "))
  }

  @Test("compare of two run folders gives the same differences as from the claims")
  func compareRuns() throws {
    let folder = try temporaryFolder()
    for (name, defs) in [("a", Self.definitions), ("b", try Self.sixtyDays())] {
      let r = runCLI([
        "group", "--definitions", defs, "--claims", Self.claims, "--members", Self.members,
        "--out", folder + "/" + name, "--quiet",
      ])
      #expect(r.code == .success)
    }
    let fromRuns = runCLI([
      "compare", "--baseline", folder + "/a", "--candidate", folder + "/b", "--out",
      folder + "/runs",
    ])
    #expect(fromRuns.code == .success, "\(fromRuns.stderr)")
    let fromClaims = runCLI([
      "compare", "--baseline", Self.definitions, "--candidate", try Self.sixtyDays(), "--claims",
      Self.claims, "--members", Self.members, "--out", folder + "/claims", "--quiet",
    ])
    #expect(fromClaims.code == .success)
    for name in Comparison.outputs {
      #expect(contents(folder + "/runs/" + name) == contents(folder + "/claims/" + name), "\(name)")
    }
    let misuse = runCLI([
      "compare", "--baseline", folder + "/a", "--candidate", folder + "/b", "--members",
      Self.members, "--out", folder + "/x",
    ])
    #expect(misuse.code == .usage)
    #expect(
      misuse.stderr
        == "grouper compare: error: --members needs --claims (without it, the inputs are run folders)\n"
    )
    let missing = runCLI([
      "compare", "--baseline", folder + "/nothing", "--candidate", folder + "/b", "--out",
      folder + "/y",
    ])
    #expect(missing.code == .noInput)
  }

  @Test(
    "sweep over 3 × 2 variants: 6 variants × 5 definitions; the shipped settings' row is the run's")
  func sweep() throws {
    let out = try temporaryFolder() + "/sweep"
    let r = runCLI([
      "sweep", "--definitions", Self.definitions, "--claims", Self.claims, "--members",
      Self.members, "--vary", "LEJR.windows.post_anchor.days=30,60,90", "--vary",
      "LEJR.exclude.excluded_readmission=on,off", "--out", out, "--quiet", "--jobs", "2",
    ])
    #expect(r.code == .success, "\(r.stderr)")
    let rows = try csvTable(out + "/sweep.csv")
    #expect(rows.count == 60)
    let shipped = try #require(
      rows.first {
        $0["variant"]
          == "LEJR.windows.post_anchor.days=90; LEJR.exclude.excluded_readmission=on"
          && $0["definition_id"] == "LEJR"
      })
    // The sample run's complete LEJR episodes (DERIVATION.md): C101 26095.00, C201 27310.00,
    // C301 16350.00, C403 13595.00, C501 30800.00, C1401 23600.00; total 137750.00, mean
    // 137750 / 6 = 22958.333 → 22958.33; sorted 13595, 16350, 23600, 26095, 27310, 30800: the
    // median 6 × 0.5 = 3 → (x(3) + x(4)) / 2 = 24847.50, p10 0.6 → x(1), p90 5.4 → x(6).
    #expect(shipped["episodes"] == "9")
    #expect(shipped["complete"] == "6")
    #expect(shipped["total_cost"] == "137750.00")
    #expect(shipped["mean_cost"] == "22958.33")
    #expect(shipped["median_cost"] == "24847.50")
    #expect(shipped["p10_cost"] == "13595.00")
    #expect(shipped["p90_cost"] == "30800.00")
    // The same command with one worker writes the same bytes.
    let again = try temporaryFolder() + "/sweep"
    _ = runCLI([
      "sweep", "--definitions", Self.definitions, "--claims", Self.claims, "--members",
      Self.members, "--vary", "LEJR.windows.post_anchor.days=30,60,90", "--vary",
      "LEJR.exclude.excluded_readmission=on,off", "--out", again, "--quiet", "--jobs", "1",
    ])
    #expect(contents(again + "/sweep.csv") == contents(out + "/sweep.csv"))
  }

  @Test("a sweep groups the programs it does not vary once, with the same figures as a full run")
  func untouchedPrograms() throws {
    let definitions = try DefinitionLoader.load(path: Self.definitions)
    let claims = try ClaimInput.read(path: Self.claims, format: .native, defaultPayer: "default")
    let members = try MembersReader(path: Self.members).read().members
    // TEAM_LEJR is in program TEAM; LEJR and the others in the unnamed program, grouped once.
    let variants = try Variant.grid(
      ["TEAM_LEJR.precedence=1,2"], definitions: definitions, at: VariationTests.at)
    let outcomes = Sweep(
      definitions: definitions, variants: variants, members: members, through: nil, jobs: 2
    ).run(claims.claims.store)
    let full = RunEpisodes(
      Grouper(definitions: definitions, members: members).run(claims.claims.store))
    #expect(outcomes.count == 2)
    for o in outcomes {
      #expect(o.definitions == full.definitions)
      for d in full.definitions {
        #expect(o.figures[d] == DistributionFigures(full.episodes(of: d)), "\(d)")
      }
    }
  }

  @Test("sweep shows its stages and the variants grouped on a terminal, nothing elsewhere")
  func sweepProgress() throws {
    let arguments = [
      "sweep", "--definitions", Self.definitions, "--claims", Self.claims, "--members",
      Self.members, "--vary", "LEJR.precedence=1,20", "--out", try temporaryFolder() + "/sweep",
    ]
    let out = TextBuffer()
    let terminal = TextBuffer(terminal: true)
    #expect(GrouperCLI.run(arguments, stdout: out, stderr: terminal) == .success)
    #expect(terminal.text.contains("grouper: grouping 2 variants\n"))
    #expect(terminal.text.contains("grouper: grouping variants 100%\n"))
    let file = TextBuffer()
    #expect(GrouperCLI.run(arguments + ["--quiet"], stdout: out, stderr: file) == .success)
    #expect(file.text == "")
  }

  @Test("an invalid variant stops sweep before any claim is read")
  func sweepErrors() throws {
    let out = try temporaryFolder() + "/sweep"
    let r = runCLI([
      "sweep", "--definitions", Self.definitions, "--claims", "/no/such/claims.csv", "--vary",
      "LEJR.windows.post_anchr.days=30", "--out", out,
    ])
    #expect(r.code == .usage)
    #expect(
      r.stderr
        == "grouper sweep: error: --vary 'LEJR.windows.post_anchr.days=30': no field 'post_anchr' (did you mean 'post_anchor'?)\n"
    )
    #expect(!FileManager.default.fileExists(atPath: out + "/sweep.csv"))
    let none = runCLI([
      "sweep", "--definitions", Self.definitions, "--claims", Self.claims, "--out", out,
    ])
    #expect(none.code == .usage)
    #expect(
      none.stderr
        == "grouper sweep: error: give at least one --vary DEFINITION.FIELD=VALUE,VALUE,…\n")
  }

  @Test("stats writes stats.csv into the run folder and keeps the run's files")
  func stats() throws {
    let run = try Self.sampleRun()
    let before = contents(run + "/episodes.csv")
    let r = runCLI(["stats", "--run", run])
    #expect(r.code == .success, "\(r.stderr)")
    #expect(contents(run + "/episodes.csv") == before)
    let rows = try csvTable(run + "/stats.csv")
    let lejr = try #require(
      rows.first { $0["definition_id"] == "LEJR" && $0["trigger_code"] == "*" })
    #expect(lejr["complete"] == "6")
    #expect(lejr["median_cost"] == "24847.50")
    // Hospital 100001's DRG 470 episodes C101 26095.00, C501 30800.00 and C1401 23600.00 (all
    // complete); its 27130 episode C301 is on a row of its own. Mean 80495 / 3 = 26831.67.
    let drg470 = try #require(
      rows.first {
        $0["definition_id"] == "LEJR" && $0["trigger_code"] == "470"
          && $0["accountable_provider"] == "100001"
      })
    #expect(drg470["complete"] == "3")
    #expect(drg470["mean_cost"] == "26831.67")
    // p25: 3 × 0.25 = 0.75 → x(1) = 23600.00; median 1.5 → x(2) = 26095.00.
    #expect(drg470["p25_cost"] == "23600.00")
    #expect(drg470["median_cost"] == "26095.00")
    // A group run into the folder again drops the stale stats.
    let regroup = runCLI([
      "group", "--definitions", Self.definitions, "--claims", Self.claims, "--members",
      Self.members, "--out", run, "--quiet",
    ])
    #expect(regroup.code == .success)
    #expect(!FileManager.default.fileExists(atPath: run + "/stats.csv"))
    let missing = runCLI(["stats", "--run", run + "/nothing"])
    #expect(missing.code == .noInput)
  }
}
