import GrouperSupport

/// What a program says about one episode definition: its targets or thresholds, discount, risk
/// adjustment and high-cost outlier rule.
package struct DefinitionPrices: Sendable {
  /// The definition id (`LEJR`).
  package var definition: String
  /// The discount off the risk-adjusted target, 0 to 1 (BPCI Advanced and CJR: 0.03).
  package var discount: ExactDecimal
  /// The targets, each with its key and effective range (empty in a threshold program).
  package var targets: TargetTable
  /// The thresholds of a threshold program, each with the dates it is in force (they do not
  /// overlap); empty in other programs.
  package var thresholdPeriods: [EpisodeThresholds]
  /// The first thresholds, if any.
  package var thresholds: EpisodeThresholds? { thresholdPeriods.first }
  /// The risk model.
  package var risk: RiskModel
  /// The high-cost outlier rule, if any.
  package var outliers: OutlierRule?
  /// Where the block stands in the price file.
  package var location: SourceLocation

  /// A definition's prices.
  package init(
    definition: String, discount: ExactDecimal = .zero, targets: TargetTable = TargetTable([]),
    thresholdPeriods: [EpisodeThresholds] = [], risk: RiskModel = RiskModel(),
    outliers: OutlierRule? = nil,
    location: SourceLocation
  ) {
    self.definition = definition
    self.discount = discount
    self.targets = targets
    self.thresholdPeriods = thresholdPeriods
    self.risk = risk
    self.outliers = outliers
    self.location = location
  }
}
