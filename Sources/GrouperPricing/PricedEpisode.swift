import GrouperSupport

/// One episode after pricing: every step of its arithmetic, so that `pricing.csv` can be
/// recomputed by hand. Steps that do not apply (a target in a threshold program, anything of an
/// unpriced episode) are nil.
package struct PricedEpisode: Sendable {
  /// The episode as read.
  package var episode: PricingEpisode
  /// The id of the program that prices it; empty when none does.
  package var program: String
  /// The program's design name; empty when no program prices it.
  package var design: String
  /// The accountable provider's region; empty when the map names none.
  package var region: String
  /// Where it stands.
  package var status: PricingStatus
  /// Why it is unpriced, left out or excluded; empty when priced.
  package var reason: String
  /// The target's id or JSON path.
  package var targetLabel: String
  /// The target in force on the anchor start.
  package var target: Cents?
  /// The index of the thresholds in force (threshold programs), among the definition's periods.
  package var thresholdPeriod: Int?
  /// The risk factors applied.
  package var riskFactors: [RiskFactor]
  /// Their product, exact.
  package var riskFactor: ExactDecimal?
  /// `target × riskFactor`, rounded to the cent.
  package var adjustedTarget: Cents?
  /// The discount rate.
  package var discount: ExactDecimal?
  /// `adjustedTarget × (1 − discount)`, rounded to the cent: the bundle price, or the target the
  /// episode is reconciled against.
  package var discountedTarget: Cents?
  /// The outlier limits of the episode's population, when the definition has an outlier rule.
  package var limits: OutlierLimits?
  /// Which limit its actual spending lies beyond, if any.
  package var outlier: OutlierSide?
  /// Actual spending brought within the limits (capped), or actual spending; nil for an
  /// episode left out of reconciliation.
  package var cappedActual: Cents?
  /// `cappedActual ÷ riskFactor`, rounded to the cent (threshold programs).
  package var riskAdjustedCost: Cents?
  /// `discountedTarget − cappedActual` (programs with targets): positive is savings.
  package var variance: Cents?

  /// An episode not (yet) priced.
  package init(episode: PricingEpisode, status: PricingStatus, reason: String) {
    self.episode = episode
    self.program = ""
    self.design = ""
    self.region = ""
    self.status = status
    self.reason = reason
    self.targetLabel = ""
    self.riskFactors = []
  }

  /// Actual fee-for-service spending: the episode's allowed total.
  package var actual: Cents { episode.allowedTotal }

  /// Whether actual spending was replaced by an outlier limit.
  package var capped: Bool { cappedActual != nil && cappedActual != actual }

  /// The risk factors as one text: `age 65-74=1.05; flag diabetes=1.08`.
  package var riskFactorText: String {
    riskFactors.map { "\($0.label)=\($0.factor)" }.joined(separator: "; ")
  }
}
