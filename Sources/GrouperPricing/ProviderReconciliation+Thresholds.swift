import GrouperSupport

extension ProviderReconciliation {
  /// Applies threshold terms (Arkansas Payment Improvement Initiative, Tennessee Episodes of
  /// Care, Ohio Admin. Code 5160-19-04) to a provider's valid episodes of one definition, with
  /// n valid episodes, C commendable, A acceptable, L the gain sharing limit and Σ the total
  /// risk-adjusted cost (average = Σ/n):
  ///
  /// - fewer than the minimum valid episodes: neither gain nor risk share;
  /// - average below C (Σ < C·n) and quality passed: gain share = (C·n − max(Σ, L·n)) × gain
  ///   share rate, i.e. (C − average) × n × rate, counted from L when the average is below it;
  ///   quality not passed: no gain share;
  /// - average above A (Σ > A·n): risk share = (Σ − A·n) × risk share rate, repaid, and no
  ///   more than Σ capped actual × the risk share limit when the terms set one;
  /// - otherwise (C ≤ average ≤ A): nothing.
  ///
  /// The shares are formed from totals, so only the final amount is rounded to the cent.
  mutating func reconcile(terms: ThresholdTerms, thresholds t: EpisodeThresholds, passed: Bool) {
    thresholds = t
    qualityPassed = passed
    minimumEpisodes = terms.minimumValidEpisodes
    let total = riskAdjustedCostTotal ?? .zero
    guard episodes > 0 else {
      reason = "no valid episodes"
      return
    }
    averageRiskAdjustedCost = total.scaled(by: 1, over: Int64(episodes))
    guard episodes >= terms.minimumValidEpisodes else {
      thresholdResult = "below_minimum"
      reason =
        "\(episodes) valid episode\(episodes == 1 ? "" : "s"), fewer than the minimum of \(terms.minimumValidEpisodes): "
        + "no gain or risk share"
      return
    }
    let n = Int64(episodes)
    let commendable = Cents(t.commendable.value * n)
    let acceptable = Cents(t.acceptable.value * n)
    if total < commendable {
      thresholdResult = "below_commendable"
      guard passed else {
        reason = "quality metrics not passed: no gain share"
        return
      }
      var floor = total
      if let limit = t.gainSharingLimit, total < Cents(limit.value * n) {
        floor = Cents(limit.value * n)
        reason = "average below the gain sharing limit: the gain share is counted from the limit"
      }
      let base = commendable - floor
      shareBase = base
      sharingRate = terms.gainShareRate
      netReconciliation = base.multiplied(by: terms.gainShareRate)
    } else if total > acceptable {
      thresholdResult = "above_acceptable"
      let base = total - acceptable
      shareBase = base
      sharingRate = terms.riskShareRate
      var share = base.multiplied(by: terms.riskShareRate)
      if let limit = terms.riskShareLimit {
        let most = cappedActualTotal.multiplied(by: limit)
        stopLossLimit = most
        stopAdjustment = .zero
        if share > most {
          stopAdjustment = share - most
          share = most
          stopApplied = "stop_loss"
        }
      }
      netReconciliation = .zero - share
    } else {
      thresholdResult = "between_thresholds"
    }
  }
}
