import Foundation
import Testing

@testable import GrouperAnalysis
@testable import GrouperCommands

/// The HTML report: its figures, read back by their `data-figure` attributes, and that it is
/// self-contained.
@Suite("HTML report")
struct ReportTests {
  /// The `data-figure` → `data-value` pairs of an HTML text.
  static func figures(_ html: String) -> [String: String] {
    var found: [String: String] = [:]
    for match in html.matches(of: /data-figure="([^"]*)" data-value="([^"]*)"/) {
      found[String(match.1)] = String(match.2)
    }
    return found
  }

  @Test("the sample run's report shows the run's figures and nothing from outside the file")
  func sample() throws {
    let run = try AnalysisCommandTests.sampleRun()
    let folder = try temporaryFolder()
    let compare = folder + "/cmp"
    #expect(
      runCLI([
        "compare", "--baseline", AnalysisCommandTests.definitions, "--candidate",
        try AnalysisCommandTests.sixtyDays(), "--claims", AnalysisCommandTests.claims, "--out",
        compare, "--quiet",
      ]).code == .success)
    let file = folder + "/report.html"
    let r = runCLI(["report", "--run", run, "--compare", compare, "--out", file])
    #expect(r.code == .success, "\(r.stderr)")
    let html = contents(file)
    let f = Self.figures(html)
    // DERIVATION.md's totals: 64 lines = 40 + 24; 262270.49 = 203765.00 + 53505.50 + 4999.99.
    #expect(f["lines.read"] == "64")
    #expect(f["lines.assigned"] == "40")
    #expect(f["dollars.read"] == "262270.49")
    #expect(f["dollars.assigned"] == "203765.00")
    #expect(f["dollars.unassigned"] == "53505.50")
    #expect(f["dollars.prorated_away"] == "4999.99")
    #expect(f["dollars.balanced"] == "true")
    #expect(f["episodes.complete"] == "9")
    #expect(f["episodes.total"] == "15")
    // LEJR: 9 episodes; the 6 complete cost 137750.00 (see the sweep test), with C601's open
    // 15800.00 153550.00 in all; median (23600.00 + 26095.00) / 2 = 24847.50.
    #expect(f["definition.LEJR.episodes"] == "9")
    #expect(f["definition.LEJR.allowed_total"] == "153550.00")
    #expect(f["definition.LEJR.complete_total"] == "137750.00")
    #expect(f["definition.LEJR.median"] == "24847.50")
    // Hospital 100001 has 4 LEJR episodes (C101, C301, C501, C1401).
    #expect(f["definition.LEJR.provider.100001.episodes"] == "4")
    #expect(f["compare.LEJR.dollars_moved"] != nil)
    // Shown for people: thousands separators and two decimals.
    #expect(html.contains(">262,270.49<"))
    // Self-contained: no script, no link, no URL of any kind.
    for forbidden in ["http", "<script", "<link", "src=", "url(", "@import", "@font-face"] {
      #expect(!html.contains(forbidden), "\(forbidden)")
    }
    #expect(html.contains("<svg"))
  }

  @Test("a priced run shows actual against target per provider")
  func priced() throws {
    let run = try temporaryFolder() + "/run"
    let g = runCLI([
      "group", "--definitions", AnalysisCommandTests.definitions, "--claims",
      AnalysisCommandTests.claims, "--members", AnalysisCommandTests.members, "--prices",
      packagePath("EpisodeDefinitions/prices/sample_prices.json"), "--out", run, "--quiet",
    ])
    #expect(g.code == .success)
    let html = Report(run: try RunFolder(path: run)).html
    let f = Self.figures(html)
    // Hospital 100001's four priced LEJR episodes C101, C301, C501 and C1401: fee-for-service
    // 26095.00 + 16350.00 + 30800.00 + 23600.00 = 96845.00.
    #expect(f["definition.LEJR.provider.100001.actual"] == "96845.00")
    #expect(f["definition.LEJR.provider.100001.target"] != nil)
  }

  @Test("a malformed run file is a bad-input error at its line, column and field")
  func malformed() throws {
    let run = try AnalysisCommandTests.sampleRun()
    // Row 2 of episodes.csv is the first episode; its status is column 12.
    var lines = contents(run + "/episodes.csv").split(separator: "\n").map(String.init)
    lines[1] = lines[1].replacingOccurrences(of: ",complete,", with: ",done,")
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: run + "/episodes.csv", atomically: true, encoding: .utf8)
    let r = runCLI(["stats", "--run", run, "--out", try temporaryFolder() + "/stats"])
    #expect(r.code == .dataError)
    #expect(
      r.stderr
        == "\(run)/episodes.csv:2:12: error: status: unknown status 'done' (expected complete, open or cancelled)\n"
    )
    try "episode_id,claim_id\n".write(
      toFile: run + "/episode_claims.csv", atomically: true, encoding: .utf8)
    lines[1] = lines[1].replacingOccurrences(of: ",done,", with: ",complete,")
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: run + "/episodes.csv", atomically: true, encoding: .utf8)
    let header = runCLI(["report", "--run", run, "--out", run + "/r.html"])
    #expect(header.code == .dataError)
    #expect(
      header.stderr
        == "\(run)/episode_claims.csv:1: error: missing column category: not the episode_claims.csv of a grouping run\n"
    )
  }

  @Test("a run folder without episodes is a missing-input error naming the file")
  func missing() throws {
    let folder = try temporaryFolder()
    try "{}".write(toFile: folder + "/summary.json", atomically: true, encoding: .utf8)
    let r = runCLI(["report", "--run", folder + "/none", "--out", folder + "/r.html"])
    #expect(r.code == .noInput)
    #expect(
      r.stderr
        == "\(folder)/none/summary.json: error: the run folder has no summary.json: give the output folder of 'grouper group'\n"
    )
  }
}
