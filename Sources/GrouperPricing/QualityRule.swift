import GrouperSupport

/// How a retrospective program uses each provider's composite quality score (0 to 100, from
/// the quality file).
package enum QualityRule: Sendable, Equatable {
  /// The score scales the reconciliation, as TEAM's and BPCI Advanced's composite quality score
  /// adjustment does: a positive amount is reduced by `positiveMaxReduction × (100 − score)/100`
  /// of itself (a perfect score keeps all of it), a negative amount (a repayment) is reduced by
  /// `negativeMaxReduction × score/100` of itself (a perfect score forgives the most).
  case scaleReconciliation(
    positiveMaxReduction: ExactDecimal, negativeMaxReduction: ExactDecimal,
    missingScore: ExactDecimal)
  /// The score picks the discount, as CJR's composite quality score sets the effective discount
  /// factor (42 CFR 510.315): the band with the highest `minimumScore` not above the score
  /// applies. A band may also withhold positive reconciliation (CJR pays none below
  /// "acceptable" quality).
  case discountByScore(bands: [QualityBand], missingScore: ExactDecimal)

  /// The score used for a provider the quality file does not score.
  package var missingScore: ExactDecimal {
    switch self {
    case .scaleReconciliation(_, _, let missing): return missing
    case .discountByScore(_, let missing): return missing
    }
  }

  /// The band for a score (discount rule only).
  package func band(for score: ExactDecimal) -> QualityBand? {
    guard case .discountByScore(let bands, _) = self else { return nil }
    return bands.last { $0.minimumScore <= score }
  }

}

/// A band of composite quality scores and the discount it earns.
package struct QualityBand: Sendable, Equatable {
  /// The lowest score in the band.
  package var minimumScore: ExactDecimal
  /// The discount off the risk-adjusted target for the provider's episodes.
  package var discount: ExactDecimal
  /// Whether a positive reconciliation is paid; false withholds it.
  package var reconciliationPayment: Bool

  /// A band.
  package init(
    minimumScore: ExactDecimal, discount: ExactDecimal, reconciliationPayment: Bool = true
  ) {
    self.minimumScore = minimumScore
    self.discount = discount
    self.reconciliationPayment = reconciliationPayment
  }
}
