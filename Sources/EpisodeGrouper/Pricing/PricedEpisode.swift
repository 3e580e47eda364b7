/// One episode after pricing: every step of its arithmetic, so that `pricing.csv` can be
/// recomputed by hand. Steps that do not apply (a target in a threshold program, anything of an
/// unpriced episode) are nil.
public struct PricedEpisode: Sendable {
  /// The episode as read.
  public var episode: PricingEpisode
  /// The id of the program that prices it; empty when none does.
  public var program: String
  /// The program's design name; empty when no program prices it.
  public var design: String
  /// The accountable provider's region; empty when the map names none.
  public var region: String
  /// Where it stands.
  public var status: PricingStatus
  /// Why it is unpriced, left out or excluded; empty when priced.
  public var reason: String
  /// The target's id or JSON path.
  public var targetLabel: String
  /// The target in force on the anchor start.
  public var target: Cents?
  /// The risk factors applied.
  public var riskFactors: [RiskFactor]
  /// Their product, exact.
  public var riskFactor: ExactDecimal?
  /// `target × riskFactor`, rounded to the cent.
  public var adjustedTarget: Cents?
  /// The discount rate.
  public var discount: ExactDecimal?
  /// `adjustedTarget × (1 − discount)`, rounded to the cent: the bundle price, or the target the
  /// episode is reconciled against.
  public var discountedTarget: Cents?
  /// The outlier limits of the episode's population, when the definition has an outlier rule.
  public var limits: OutlierLimits?
  /// Which limit its actual spending lies beyond, if any.
  public var outlier: OutlierSide?
  /// Actual spending brought within the limits (capped), or actual spending; nil for an
  /// episode left out of reconciliation.
  public var cappedActual: Cents?
  /// `cappedActual ÷ riskFactor`, rounded to the cent (threshold programs).
  public var riskAdjustedCost: Cents?
  /// `discountedTarget − cappedActual` (programs with targets): positive is savings.
  public var variance: Cents?

  /// An episode not (yet) priced.
  public init(episode: PricingEpisode, status: PricingStatus, reason: String) {
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
  public var actual: Cents { episode.allowedTotal }

  /// Whether actual spending was replaced by an outlier limit.
  public var capped: Bool { cappedActual != nil && cappedActual != actual }

  /// The risk factors as one text: `age 65-74=1.05; flag diabetes=1.08`.
  public var riskFactorText: String {
    riskFactors.map { "\($0.label)=\($0.factor)" }.joined(separator: "; ")
  }
}
