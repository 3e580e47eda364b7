import GrouperSupport

/// The reconciliation terms of a retrospective program, applied to each accountable provider's
/// episodes from the gross variance through the steps of ``order``: by default sharing, the
/// quality adjustment, then stop-gain or stop-loss.
///
/// The default order is TEAM's (42 CFR 512.550(c)–(e): reconciliation amount, then the composite quality
/// score adjustment, then the stop-gain and stop-loss limits) and BPCI Advanced's (the CQS
/// adjustment applies to the net payment reconciliation amount before the 20% limits).
package struct RetrospectiveTerms: Sendable, Equatable {
  /// The share of savings (a positive gross variance) paid to the provider, 0 to 1.
  package var savingsSharingRate: ExactDecimal
  /// The share of losses (a negative gross variance) the provider repays, 0 to 1.
  package var lossSharingRate: ExactDecimal
  /// The most a provider is paid, as a fraction of its aggregate target (0.20 in BPCI Advanced);
  /// nil for no limit.
  package var stopGain: ExactDecimal?
  /// The most a provider repays, as a fraction of its aggregate target; nil for no limit.
  package var stopLoss: ExactDecimal?
  /// A provider with fewer priced episodes than this is not reconciled at all.
  package var minimumEpisodes: Int
  /// The order of the steps after the gross variance, each once.
  package var order: [ReconciliationStep]

  /// Terms; by default everything is shared, without limits or minimum, in the default order.
  package init(
    savingsSharingRate: ExactDecimal = .one, lossSharingRate: ExactDecimal = .one,
    stopGain: ExactDecimal? = nil,
    stopLoss: ExactDecimal? = nil, minimumEpisodes: Int = 0,
    order: [ReconciliationStep] = ReconciliationStep.defaultOrder
  ) {
    self.savingsSharingRate = savingsSharingRate
    self.lossSharingRate = lossSharingRate
    self.stopGain = stopGain
    self.stopLoss = stopLoss
    self.minimumEpisodes = minimumEpisodes
    self.order = order
  }
}

/// A step of a retrospective reconciliation after the gross variance; the terms say their order.
package enum ReconciliationStep: String, Sendable, CaseIterable {
  /// The savings or loss sharing rate, chosen by the sign of the amount reaching the step.
  case sharing
  /// The quality rule's adjustment of the amount reaching the step.
  case quality
  /// The stop-gain and stop-loss limits.
  case limits

  /// TEAM's and BPCI Advanced's order: sharing, quality, limits (42 CFR 512.550).
  package static let defaultOrder: [ReconciliationStep] = [.sharing, .quality, .limits]
}

/// The terms of a threshold program (Arkansas Payment Improvement Initiative, Tennessee Episodes
/// of Care, Ohio episode-based payments): the shares of the gap between a provider's average
/// risk-adjusted episode cost and the thresholds.
package struct ThresholdTerms: Sendable, Equatable {
  /// The share of `(commendable − average) × valid episodes` paid to a provider below the
  /// commendable threshold that passes quality (0.50 in the three states).
  package var gainShareRate: ExactDecimal
  /// The share of `(average − acceptable) × valid episodes` a provider above the acceptable
  /// threshold repays (0.50 in the three states).
  package var riskShareRate: ExactDecimal
  /// A provider with fewer valid episodes has neither gain nor risk share (Arkansas: 5).
  package var minimumValidEpisodes: Int
  /// The most a provider repays as a risk share, as a fraction of the capped actual spending of
  /// its valid episodes; nil for no limit.
  package var riskShareLimit: ExactDecimal?

  /// Terms.
  package init(
    gainShareRate: ExactDecimal, riskShareRate: ExactDecimal, minimumValidEpisodes: Int = 0,
    riskShareLimit: ExactDecimal? = nil
  ) {
    self.gainShareRate = gainShareRate
    self.riskShareRate = riskShareRate
    self.minimumValidEpisodes = minimumValidEpisodes
    self.riskShareLimit = riskShareLimit
  }
}

/// The thresholds of one definition in a threshold program, compared with a provider's average
/// risk-adjusted episode cost.
package struct EpisodeThresholds: Sendable, Equatable {
  /// Below it (and with quality passed) the provider shares the gain.
  package var commendable: Cents
  /// Above it the provider shares the loss.
  package var acceptable: Cents
  /// An average below it earns the gain share of this amount, no more (the gain sharing limit).
  package var gainSharingLimit: Cents?
  /// The episode dates (by the program's target date) on which they are in force.
  package var effective: DayRange

  /// Thresholds, in force on every date unless `effective` says otherwise.
  package init(
    commendable: Cents, acceptable: Cents, gainSharingLimit: Cents? = nil,
    effective: DayRange = DayRange(Day(ordinal: Int32.min / 2), .distantFuture)
  ) {
    self.commendable = commendable
    self.acceptable = acceptable
    self.gainSharingLimit = gainSharingLimit
    self.effective = effective
  }
}
