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
    // DERIVATION.md's totals: 64 lines = 41 + 23; 262270.49 = 173575.00 + 83695.50 + 4999.99.
    #expect(f["lines.read"] == "64")
    #expect(f["lines.assigned"] == "41")
    #expect(f["dollars.read"] == "262270.49")
    #expect(f["dollars.assigned"] == "173575.00")
    #expect(f["dollars.unassigned"] == "83695.50")
    #expect(f["dollars.prorated_away"] == "4999.99")
    #expect(f["dollars.balanced"] == "true")
    #expect(f["episodes.complete"] == "8")
    #expect(f["episodes.total"] == "14")
    // LEJR: 9 episodes, 122750.00 in all, 5 complete costing 106950.00, median 23600.00.
    #expect(f["definition.LEJR.episodes"] == "9")
    #expect(f["definition.LEJR.allowed_total"] == "122750.00")
    #expect(f["definition.LEJR.complete_total"] == "106950.00")
    #expect(f["definition.LEJR.median"] == "23600.00")
    // Hospital 100001 has 4 LEJR episodes (C101, C301, C501 cancelled, C1401).
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
    // README's pricing example: M001's knee replacement is LEJR-C101 at hospital 100001, with
    // C301 and C1401 its three priced episodes; their fee-for-service 66045.00
    // (26095.00 + 16350.00 + 23600.00).
    #expect(f["definition.LEJR.provider.100001.actual"] == "66045.00")
    #expect(f["definition.LEJR.provider.100001.target"] != nil)
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
