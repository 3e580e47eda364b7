import GrouperSupport

/// One accountable provider's reconciliation in one program (and, in a threshold program, one
/// definition): the totals of its episodes and every step from gross variance to the net amount.
///
/// `netReconciliation` is positive when the payer pays the provider and negative when the
/// provider repays. Steps that do not apply to the program's design are nil.
package struct ProviderReconciliation: Sendable {
  /// The program id.
  package var program: String
  /// The payer id.
  package var payer: String
  /// The program's design name.
  package var design: String
  /// The accountable provider.
  package var provider: String
  /// Its region (empty when the map names none).
  package var region: String
  /// The definitions its episodes belong to, sorted.
  package var definitions: [String]
  /// Priced episodes counted in the reconciliation (the valid episodes).
  package var episodes = 0
  /// Complete episodes of the program that could not be priced.
  package var unpricedEpisodes = 0
  /// Priced episodes left out as outliers.
  package var excludedEpisodes = 0
  /// Σ actual fee-for-service spending of the counted episodes.
  package var feeForServiceTotal = Cents.zero
  /// Σ capped actual spending of the counted episodes.
  package var cappedActualTotal = Cents.zero
  /// Σ discounted targets (the aggregate target, or the bundle total of a prospective program).
  package var targetTotal: Cents?
  /// Σ risk-adjusted targets before the discount.
  package var adjustedTargetTotal: Cents?
  /// `targetTotal − cappedActualTotal`.
  package var grossVariance: Cents?
  /// The minimum episode count of the terms.
  package var minimumEpisodes: Int?
  /// The sharing rate applied (savings or loss; gain or risk share).
  package var sharingRate: ExactDecimal?
  /// `grossVariance × sharingRate`, rounded to the cent.
  package var sharedVariance: Cents?
  /// The composite quality score used (the program's missing score when the file has none).
  package var qualityScore: ExactDecimal?
  /// Whether quality passed (threshold programs).
  package var qualityPassed: Bool?
  /// The quality adjustment added to the shared variance.
  package var qualityAdjustment: Cents?
  /// `targetTotal × stop_gain`, rounded to the cent.
  package var stopGainLimit: Cents?
  /// `targetTotal × stop_loss`, rounded to the cent.
  package var stopLossLimit: Cents?
  /// `stop_gain` or `stop_loss` when a limit cut the amount; empty otherwise.
  package var stopApplied = ""
  /// What the limit added (negative for stop-gain, positive for stop-loss; 0 when none applied).
  package var stopAdjustment: Cents?
  /// Outlier payments of a prospective program: Σ (actual − capped actual), paid on top of the
  /// bundles.
  package var outlierPayments: Cents?
  /// Σ risk-adjusted episode cost (threshold programs).
  package var riskAdjustedCostTotal: Cents?
  /// `riskAdjustedCostTotal ÷ episodes`, rounded to the cent: shown, not used in the arithmetic
  /// (the shares are formed from totals, exactly).
  package var averageRiskAdjustedCost: Cents?
  /// The thresholds compared (threshold programs).
  package var thresholds: EpisodeThresholds?
  /// `below_commendable`, `between_thresholds`, `above_acceptable` or `below_minimum`.
  package var thresholdResult = ""
  /// The amount shared: `commendable × n − max(Σ cost, limit × n)` for a gain share,
  /// `Σ cost − acceptable × n` for a risk share.
  package var shareBase: Cents?
  /// The amount the payer pays the provider (negative: the provider repays).
  package var netReconciliation = Cents.zero
  /// Why nothing or less is reconciled, in words; empty when the terms applied plainly.
  package var reason = ""

  /// An empty reconciliation for a provider of a program.
  package init(program: PricingProgram, provider: String, region: String, definitions: [String]) {
    self.program = program.id
    self.payer = program.payer
    self.design = program.design.name
    self.provider = provider
    self.region = region
    self.definitions = definitions
  }

  /// Adds an episode's figures to the totals.
  mutating func count(_ e: PricedEpisode) {
    switch e.status {
    case .unpriced: unpricedEpisodes += 1
    case .outlierExcluded: excludedEpisodes += 1
    case .leftOut: break
    case .priced:
      episodes += 1
      feeForServiceTotal += e.actual
      cappedActualTotal += e.cappedActual ?? e.actual
      if let t = e.discountedTarget { targetTotal = (targetTotal ?? .zero) + t }
      if let t = e.adjustedTarget { adjustedTargetTotal = (adjustedTargetTotal ?? .zero) + t }
      if let c = e.riskAdjustedCost { riskAdjustedCostTotal = (riskAdjustedCostTotal ?? .zero) + c }
    }
  }

  /// What the payer measures savings against: the risk-adjusted targets before discount, or
  /// fee-for-service in a threshold program (which has no targets).
  package var baselineTotal: Cents { adjustedTargetTotal ?? feeForServiceTotal }
}
