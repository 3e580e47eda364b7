import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperSupport
@testable import GrouperSynthesis

/// A priced run over synthetic claims with the shipped price and quality files: every provider
/// and payer total must balance with the episodes, and `grouper price` must reproduce the files
/// `grouper group --prices` wrote.
@Suite struct PricedRunTests {
  /// The package root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  static let prices = root + "/EpisodeDefinitions/prices/sample_prices.json"
  static let quality = root + "/EpisodeDefinitions/prices/sample_quality.csv"

  /// A fresh folder for one test.
  func folder() throws -> String {
    let path = NSTemporaryDirectory() + "pricing-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Runs the command line in process.
  func run(_ arguments: [String]) -> (ExitCode, String, String) {
    let out = TextBuffer()
    let err = TextBuffer()
    let code = GrouperCLI.run(arguments, stdout: out, stderr: err)
    return (code, out.text, err.text)
  }

  func money(_ text: String?) -> Cents {
    guard let text, !text.isEmpty else { return .zero }
    return try! Cents.parse(text).get()
  }

  /// Groups and prices 1,500 synthetic members; returns the output folder.
  func pricedRun() throws -> String {
    let dir = try folder()
    var configuration = SyntheticClaims.Configuration()
    configuration.members = 1500
    configuration.seed = 11
    _ = try SyntheticClaims(configuration).write(
      claimsPath: dir + "/claims.csv", membersPath: dir + "/members.csv")
    let (code, stdout, stderr) = run([
      "group", "--definitions", Self.root + "/EpisodeDefinitions", "--claims", dir + "/claims.csv",
      "--members",
      dir + "/members.csv", "--prices", Self.prices, "--quality", Self.quality, "--out",
      dir + "/out", "--quiet",
    ])
    #expect(code == .success, "\(stderr)")
    #expect(stdout.contains("\npriced "))
    return dir + "/out"
  }

  @Test func providerAndPayerTotalsBalanceWithTheEpisodes() throws {
    let out = try pricedRun()
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let episodes = try csvTable(out + "/episodes.csv")
    let priced = try csvTable(out + "/pricing.csv")
    let providers = try csvTable(out + "/providers.csv")
    let payers = try csvTable(out + "/payers.csv")
    #expect(priced.map { $0["episode_id"]! } == episodes.map { $0["episode_id"]! })
    #expect(priced.contains { $0["pricing_status"] == "priced" && $0["design"] == "retrospective" })
    #expect(priced.contains { $0["pricing_status"] == "priced" && $0["design"] == "thresholds" })

    // Each provider row is the sum of its priced episodes.
    for r in providers {
      let mine = priced.filter { e in
        e["program"] == r["program"] && e["accountable_provider"] == r["accountable_provider"]
          && (r["design"] != "thresholds" || e["definition_id"] == r["definitions"])
      }
      let counted = mine.filter { $0["pricing_status"] == "priced" }
      #expect(Int(r["episodes"]!) == counted.count)
      #expect(
        Int(r["unpriced_episodes"]!) == mine.filter { $0["pricing_status"] == "unpriced" }.count)
      #expect(
        Int(r["outlier_excluded_episodes"]!)
          == mine.filter { $0["pricing_status"] == "outlier_excluded" }.count)
      #expect(money(r["ffs_total"]) == counted.reduce(.zero) { $0 + money($1["actual_ffs"]) })
      #expect(
        money(r["capped_actual_total"]) == counted.reduce(.zero) { $0 + money($1["capped_actual"]) }
      )
      #expect(
        money(r["target_total"]) == counted.reduce(.zero) { $0 + money($1["discounted_target"]) })
      #expect(
        money(r["risk_adjusted_cost_total"])
          == counted.reduce(.zero) { $0 + money($1["risk_adjusted_cost"]) })
      if r["design"] == "retrospective" {
        #expect(money(r["gross_variance"]) == counted.reduce(.zero) { $0 + money($1["variance"]) })
        if !(r["sharing_rate"] ?? "").isEmpty {
          #expect(
            money(r["shared_variance"]) + money(r["quality_adjustment"])
              + money(r["stop_adjustment"])
              == money(r["net_reconciliation"]))
        } else {
          #expect(money(r["net_reconciliation"]) == .zero)
        }
      }
    }

    // Each payer row is the sum of its providers; the last row is the sum of the payers.
    let payerRows = payers.filter { $0["scope"] == "payer" }
    for p in payerRows {
      let mine = providers.filter { $0["payer_id"] == p["payer_id"] }
      #expect(money(p["ffs_total"]) == mine.reduce(.zero) { $0 + money($1["ffs_total"]) })
      #expect(
        money(p["net_reconciliation"])
          == mine.reduce(.zero) { $0 + money($1["net_reconciliation"]) })
      #expect(money(p["bundle_total"]) == mine.reduce(.zero) { $0 + money($1["target_total"]) })
      #expect(money(p["payer_spending"]) == money(p["ffs_total"]) + money(p["net_reconciliation"]))
      #expect(money(p["payer_savings"]) == money(p["baseline_total"]) - money(p["payer_spending"]))
      #expect(Int(p["episodes"]!) == priced.filter { $0["payer_id"] == p["payer_id"] }.count)
      #expect(
        Int(p["priced"]!)
          == priced.filter { $0["payer_id"] == p["payer_id"] && $0["pricing_status"] == "priced" }
          .count)
    }
    let all = payers.last!
    #expect(all["scope"] == "all")
    for column in [
      "ffs_total", "bundle_total", "baseline_total", "net_reconciliation", "payer_spending",
      "payer_savings",
    ] {
      #expect(money(all[column]) == payerRows.reduce(.zero) { $0 + money($1[column]) }, "\(column)")
    }
    #expect(Int(all["episodes"]!) == episodes.count)

    // summary.json carries the same totals.
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
    let pricing = (summary as! [String: Any])["pricing"] as! [String: Any]
    let allPayers = pricing["all_payers"] as! [String: Any]
    #expect(money("\(allPayers["net_reconciliation"]!)") == money(all["net_reconciliation"]))
  }

  @Test func priceReproducesTheGroupRunsFilesByteForByte() throws {
    let out = try pricedRun()
    let again = out + "-priced"
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let (code, stdout, stderr) = run([
      "price", "--run", out, "--prices", Self.prices, "--quality", Self.quality, "--out", again,
    ])
    #expect(code == .success, "\(stderr)")
    #expect(stdout.hasSuffix("; wrote \(again)\n"))
    for name in ["pricing.csv", "providers.csv", "payers.csv", "summary.json"] {
      let a = FileManager.default.contents(atPath: out + "/" + name)
      let b = FileManager.default.contents(atPath: again + "/" + name)
      #expect(a != nil && a == b, "\(name) differs")
    }
  }

  @Test func badPricingInputStopsTheRunWithItsLocation() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try #"{ "version": 1, "programs": [ ] }"#.write(
      toFile: dir + "/p.json", atomically: true, encoding: .utf8)
    let (code, _, stderr) = run([
      "group", "--definitions", "x", "--claims", "y", "--prices", dir + "/p.json", "--out",
      dir + "/out",
    ])
    // `{ "version": 1, "programs": ` is 28 characters: the array starts in column 29.
    #expect(code == .dataError)
    #expect(stderr == "\(dir)/p.json:1:29: error: $.programs: at least one program is needed\n")
    let (usage, _, message) = run([
      "group", "--definitions", "x", "--claims", "y", "--quality", "q.csv", "--out", dir + "/out",
    ])
    #expect(usage == .usage)
    #expect(message == "grouper group: error: --quality needs --prices\n")
  }
}
