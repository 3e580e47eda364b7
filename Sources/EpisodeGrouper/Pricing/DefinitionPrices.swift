/// What a program says about one episode definition: its targets or thresholds, discount, risk
/// adjustment and high-cost outlier rule.
public struct DefinitionPrices: Sendable {
  /// The definition id (`LEJR`).
  public var definition: String
  /// The discount off the risk-adjusted target, 0 to 1 (BPCI Advanced and CJR: 0.03).
  public var discount: ExactDecimal
  /// The targets, each with its key and effective range (empty in a threshold program).
  public var targets: TargetTable
  /// The thresholds (a threshold program only).
  public var thresholds: EpisodeThresholds?
  /// The risk model.
  public var risk: RiskModel
  /// The high-cost outlier rule, if any.
  public var outliers: OutlierRule?
  /// Where the block stands in the price file.
  public var location: SourceLocation

  /// A definition's prices.
  public init(
    definition: String, discount: ExactDecimal = .zero, targets: TargetTable = TargetTable([]),
    thresholds: EpisodeThresholds? = nil, risk: RiskModel = RiskModel(),
    outliers: OutlierRule? = nil,
    location: SourceLocation
  ) {
    self.definition = definition
    self.discount = discount
    self.targets = targets
    self.thresholds = thresholds
    self.risk = risk
    self.outliers = outliers
    self.location = location
  }
}
