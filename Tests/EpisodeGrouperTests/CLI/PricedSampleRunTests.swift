import Foundation
import Testing

@testable import GrouperSupport

/// The sample claims grouped and priced with the shipped price and quality files. Figures are
/// derived by hand from the episodes of `Golden/sample-run/DERIVATION.md`, the members' birth dates
/// and sexes in `SampleClaims/members.csv`, and `EpisodeDefinitions/prices/`.
@Suite("The priced sample run")
struct PricedSampleRunTests {
  /// pricing.csv, providers.csv and payers.csv as rows of column → value.
  static func run() throws -> (
    pricing: [String: [String: String]], providers: [[String: String]], payers: [[String: String]]
  ) {
    let out = try temporaryFolder()
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"),
      "--members", packagePath("SampleClaims/members.csv"), "--prices",
      packagePath("EpisodeDefinitions/prices/sample_prices.json"),
      "--quality", packagePath("EpisodeDefinitions/prices/sample_quality.csv"), "--out", out,
      "--quiet",
    ])
    #expect(r.code == .success, "\(r.stderr)")
    let pricing = Dictionary(
      uniqueKeysWithValues: try csvTable(out + "/pricing.csv").map { ($0["episode_id"]!, $0) })
    return (pricing, try csvTable(out + "/providers.csv"), try csvTable(out + "/payers.csv"))
  }

  @Test("each episode's target, risk factor, discount and variance")
  func episodes() throws {
    let (pricing, _, _) = try Self.run()
    // LEJR-C101: DRG 470 anchored 2024-01-08 takes lejr_470_2024, 22450.00. M001 (born 1950-03-02,
    // F) is 73: band 65-74 = 0.96, F = 1; no flag in the 90 days before. 22450.00 × 0.96 = 21552.00;
    // × (1 − 0.03) = 20905.44; variance 20905.44 − 26095.00 = −5189.56.
    let c101 = try #require(pricing["LEJR-C101"])
    #expect(c101["target_id"] == "lejr_470_2024" && c101["risk_factor"] == "0.96")
    #expect(c101["adjusted_target"] == "21552.00" && c101["discounted_target"] == "20905.44")
    #expect(c101["variance"] == "-5189.56")
    // The 99th percentile of the six complete Medicare LEJR episodes (6 × 0.99 = 5.94, so x(6)) is
    // the largest, LEJR-C501's 30800.00: nothing is capped.
    #expect(c101["outlier_upper_limit"] == "30800.00" && c101["capped"] == "false")
    // LEJR-C201: DRG 469, 36900.00; M002 (born 1948-11-20, M) is 75: 1.03 × 1.02 = 1.0506.
    // 36900.00 × 1.0506 = 38767.14; × 0.97 = 37604.1258 → 37604.13; variance 37604.13 − 27310.00 = 10294.13.
    let c201 = try #require(pricing["LEJR-C201"])
    #expect(
      c201["risk_factor"] == "1.0506" && c201["discounted_target"] == "37604.13"
        && c201["variance"] == "10294.13")
    // LEJR-C1401: 470; M014 (born 1947-05-05, M) is 77: 1.0506. 22450.00 × 1.0506 = 23585.97;
    // × 0.97 = 22878.3909 → 22878.39; variance 22878.39 − 23600.00 = −721.61.
    #expect(
      pricing["LEJR-C1401"]?["discounted_target"] == "22878.39"
        && pricing["LEJR-C1401"]?["variance"] == "-721.61")
    // LEJR-C501: 470 anchored 2024-06-03; M005 (born 1940-09-09, M) is 83: 1.03 × 1.02 = 1.0506,
    // no flag (no claim in the 90 days before). 22450.00 × 1.0506 = 23585.97; × 0.97 =
    // 22878.3909 → 22878.39; variance 22878.39 − 30800.00 = −7921.61. The death after discharge
    // ends the episode on 07-06 but does not cancel it (CMS's c6), so it is priced.
    let c501 = try #require(pricing["LEJR-C501"])
    #expect(c501["risk_factor"] == "1.0506" && c501["discounted_target"] == "22878.39")
    #expect(c501["variance"] == "-7921.61" && c501["pricing_status"] == "priced")
    // Open and cancelled episodes are left out with the grouping's reason.
    #expect(pricing["LEJR-C601"]?["pricing_status"] == "left_out")
    #expect(pricing["LEJR-C401"]?["reason"]?.hasPrefix("cancelled: superseded by episode") == true)
  }

  @Test("provider reconciliation with the quality adjustment, and payer totals that balance")
  func providers() throws {
    let (pricing, providers, payers) = try Self.run()
    let byProvider = Dictionary(
      uniqueKeysWithValues: providers.map { ($0["accountable_provider"]!, $0) })
    // Provider 100001: C101, C301, C501 and C1401. Aggregate target 20905.44 + 20141.86 +
    // 22878.39 + 22878.39 = 86804.08 (C301: 27130 → 21630.00 × 0.96 = 20764.80, × 0.97 =
    // 20141.856 → 20141.86); actual 26095.00 + 16350.00 + 30800.00 + 23600.00 = 96845.00; gross
    // −10040.92. Score 80 relieves a repayment of 0.10 × 80/100 = 8%: 10040.92 × 0.08 = 803.2736 →
    // 803.27; net −10040.92 + 803.27 = −9237.65, inside the 20% stop-loss (86804.08 × 0.20 =
    // 17360.816 → 17360.82).
    let p1 = try #require(byProvider["100001"])
    #expect(p1["target_total"] == "86804.08" && p1["gross_variance"] == "-10040.92")
    #expect(p1["quality_adjustment"] == "803.27" && p1["net_reconciliation"] == "-9237.65")
    #expect(p1["stop_loss_limit"] == "17360.82" && p1["stop_applied"] == "")
    // Provider 100003: AMI-C801 14218.86, LEJR-C403 21323.55, PCI-C904 12851.12 = 48393.53 against
    // 26210.00 + 13595.00 + 13740.00 = 53545.00: gross −5151.47; score 60: 6% relief, 309.0882 →
    // 309.09; net −4842.38.
    let p3 = try #require(byProvider["100003"])
    #expect(p3["gross_variance"] == "-5151.47" && p3["net_reconciliation"] == "-4842.38")
    // Provider 100002 has one priced episode, under the minimum of 2: nothing is reconciled.
    #expect(byProvider["100002"]?["net_reconciliation"] == "0.00")
    // The payers' fee-for-service and reconciliation totals are the sums over their episodes and providers.
    func money(_ s: String?) -> Cents {
      (s.flatMap { $0.isEmpty ? nil : try? Cents.parse($0).get() }) ?? .zero
    }
    for payer in payers where payer["scope"] == "payer" {
      let id = payer["payer_id"]!
      let priced = pricing.values.filter {
        $0["payer_id"] == id && $0["pricing_status"] == "priced"
      }
      #expect(money(payer["ffs_total"]) == priced.reduce(.zero) { $0 + money($1["actual_ffs"]) })
      let net = providers.filter { $0["payer_id"] == id }.reduce(Cents.zero) {
        $0 + money($1["net_reconciliation"])
      }
      #expect(money(payer["net_reconciliation"]) == net)
    }
    // Medicare: −9237.65 − 4842.38 + 0.00 = −14080.03 repaid by the providers.
    #expect(payers.first { $0["payer_id"] == "MEDICARE" }?["net_reconciliation"] == "-14080.03")
  }
}
