import GrouperSupport

/// Everything a pricing run produced: the priced episodes (in the run's episode order), the
/// provider reconciliations, and the totals per payer and overall.
package struct PricingResult: Sendable {
  /// The schedule priced under.
  package var schedule: PriceSchedule
  /// The quality scores used.
  package var quality: QualityScores
  /// Every episode of the run, priced or with the reason it is not.
  package var episodes: [PricedEpisode]
  /// The reconciliations, by program (file order), definition (threshold programs) and provider.
  package var providers: [ProviderReconciliation]

  /// A result.
  package init(
    schedule: PriceSchedule, quality: QualityScores, episodes: [PricedEpisode],
    providers: [ProviderReconciliation]
  ) {
    self.schedule = schedule
    self.quality = quality
    self.episodes = episodes
    self.providers = providers
  }

  /// The totals of each payer that has episodes, by payer id, then of all payers together.
  package var payers: [PayerTotals] {
    var byPayer: [String: PayerTotals] = [:]
    var all = PayerTotals(payer: nil)
    for e in episodes {
      byPayer[e.episode.payer, default: PayerTotals(payer: e.episode.payer)].count(e.status)
      all.count(e.status)
    }
    for r in providers {
      byPayer[r.payer, default: PayerTotals(payer: r.payer)].add(r)
      all.add(r)
    }
    return byPayer.keys.sorted(by: Pricer.precedes).map { byPayer[$0]! } + [all]
  }
}

/// The totals of one payer, or of all payers (``payer`` nil).
///
/// Payer spending is fee-for-service plus net reconciliation (in a prospective program: the
/// bundles and outlier payments). Savings are measured against the baseline: the risk-adjusted
/// targets before discount in programs with targets, fee-for-service in threshold programs.
package struct PayerTotals: Sendable {
  /// The payer id; nil for the line of all payers.
  package var payer: String?
  /// The programs of the payer, in file order.
  package var programs: [String] = []
  /// Episodes by pricing status.
  package var byStatus: [PricingStatus: Int] = [:]
  /// Σ actual fee-for-service spending of the reconciled episodes.
  package var feeForServiceTotal = Cents.zero
  /// Σ discounted targets of the reconciled episodes (bundle prices, in a prospective program).
  package var bundleTotal = Cents.zero
  /// Σ of the providers' baselines.
  package var baselineTotal = Cents.zero
  /// Σ of the providers' net reconciliation.
  package var netReconciliation = Cents.zero

  /// Empty totals.
  package init(payer: String?) {
    self.payer = payer
  }

  mutating func count(_ status: PricingStatus) {
    byStatus[status, default: 0] += 1
  }

  mutating func add(_ r: ProviderReconciliation) {
    if !programs.contains(r.program) { programs.append(r.program) }
    feeForServiceTotal += r.feeForServiceTotal
    bundleTotal += r.targetTotal ?? .zero
    baselineTotal += r.baselineTotal
    netReconciliation += r.netReconciliation
  }

  /// Fee-for-service plus net reconciliation.
  package var spending: Cents { feeForServiceTotal + netReconciliation }

  /// Baseline minus spending: positive when the payer spends less than the baseline.
  package var savings: Cents { baselineTotal - spending }

  /// Savings as a percentage of the baseline, in hundredths of a percent, rounded (halves away
  /// from zero); nil when the baseline is not positive.
  package var savingsPercentHundredths: Int64? {
    guard baselineTotal > .zero else { return nil }
    return savings.scaled(by: 10_000, over: baselineTotal.value).value
  }

  /// ``savingsPercentHundredths`` written with two decimals (`2.91`), or empty.
  package var savingsPercentText: String {
    savingsPercentHundredths.map { Cents($0).description } ?? ""
  }
}
