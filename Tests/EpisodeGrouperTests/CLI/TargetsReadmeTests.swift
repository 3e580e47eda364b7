import Foundation
import Testing

@testable import GrouperCommands

/// The README's worked example of `grouper targets` run as written: baseline years, targets,
/// performance year, reconciliation; each quoted line and figure is what the tool prints.
@Suite("README: setting targets")
struct TargetsReadmeTests {
  @Test("the baseline → targets → performance year loop prints what the README quotes")
  func loop() throws {
    let readme = contents(packagePath("README.md"))
    let folder = try temporaryFolder()
    let definitions = packagePath("EpisodeDefinitions")
    func path(_ name: String) -> String { folder + "/" + name }
    func run(_ arguments: [String]) -> String {
      let r = runCLI(arguments + ["--quiet"])
      #expect(r.code == .success, "\(arguments): \(r.stderr)")
      return r.stdout.replacingOccurrences(of: folder + "/", with: "")
    }
    _ = run([
      "synth", "--members", "4000", "--seed", "1", "--start", "2020-01-01", "--months", "36",
      "--out", path("base.csv"), "--members-out", path("base_members.csv"),
    ])
    _ = run([
      "group", "--definitions", definitions, "--claims", path("base.csv"), "--members",
      path("base_members.csv"), "--out", path("base"),
    ])
    let targets = run([
      "targets", "--baseline", path("base"), "--method",
      definitions + "/prices/cjr_like_method.json", "--providers",
      definitions + "/prices/sample_providers.csv", "--out", path("cjr/prices.json"),
    ])
    #expect(readme.contains("```\n" + targets + "```\n"))
    // The quoted targets.csv row: the columns the README shows, "…" for the others.
    let cell = try #require(
      try csvTable(path("cjr/targets.csv")).first {
        $0["region"] == "midwest" && $0["priced_code"] == "470" && $0["level"] == "region"
      })
    let shown = [
      "definition_id", "level", "region", "…", "priced_code", "trigger_codes", "target_id",
      "episodes", "years", "weights", "caps", "mean_before_cap", "mean_after_cap", "baseline", "…",
      "target", "discount", "discounted_target",
    ]
    let quotedRow =
      shown.joined(separator: ",") + "\n"
      + shown.map { $0 == "…" ? "…" : cell[$0]! }.joined(separator: ",")
    #expect(readme.contains(quotedRow))
    _ = run([
      "synth", "--members", "4000", "--seed", "2", "--start", "2023-01-01", "--months", "12",
      "--out", path("perf.csv"), "--members-out", path("perf_members.csv"),
    ])
    let r = runCLI([
      "group", "--definitions", definitions, "--claims", path("perf.csv"), "--members",
      path("perf_members.csv"), "--prices", path("cjr/prices.json"), "--out", path("perf"),
    ])
    #expect(r.code == .success)
    let priced = try #require(r.stdout.split(separator: "\n").last { $0.hasPrefix("priced ") })
    #expect(readme.contains("```\n" + priced + "\n```\n"))
    let hospital = try #require(
      try csvTable(path("perf/providers.csv")).first { $0["accountable_provider"] == "160211" })
    let columns = [
      "program", "…", "accountable_provider", "region", "…", "episodes", "…", "ffs_total", "…",
      "target_total", "gross_variance", "…", "stop_gain_limit", "…", "net_reconciliation",
    ]
    let quotedProvider =
      columns.joined(separator: ",") + "\n"
      + columns.map { $0 == "…" ? "…" : hospital[$0]! }.joined(separator: ",")
    #expect(readme.contains(quotedProvider))
  }
}
