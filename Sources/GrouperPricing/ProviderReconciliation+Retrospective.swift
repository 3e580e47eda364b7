import GrouperSupport

extension ProviderReconciliation {
  /// Reconciles the counted episodes under retrospective terms (BPCI Advanced, CJR, TEAM):
  /// the gross variance = aggregate target − Σ capped actual, then the steps of
  /// ``RetrospectiveTerms/order`` on the amount reaching each, by default:
  ///
  /// 1. shared = amount × savings sharing rate (amount ≥ 0) or × loss sharing rate (amount < 0),
  ///    rounded to the cent;
  /// 2. quality adjustment of the amount (see ``QualityRule``), rounded to the cent, added;
  /// 3. stop-gain and stop-loss: the amount is held within
  ///    `[−aggregate target × stop_loss, aggregate target × stop_gain]` (each limit rounded to
  ///    the cent); an amount exactly at a limit is left as it is.
  ///
  /// Below the minimum episode count nothing is reconciled (net 0).
  mutating func reconcile(terms: RetrospectiveTerms, quality: QualityRule?, score: ExactDecimal?) {
    let target = targetTotal ?? .zero
    let gross = target - cappedActualTotal
    grossVariance = gross
    minimumEpisodes = terms.minimumEpisodes
    guard episodes > 0 else {
      reason = "no priced episodes: nothing is reconciled"
      return
    }
    guard episodes >= terms.minimumEpisodes else {
      reason =
        "\(episodes) priced episode\(episodes == 1 ? "" : "s"), fewer than the minimum of \(terms.minimumEpisodes): "
        + "nothing is reconciled"
      return
    }
    stopGainLimit = terms.stopGain.map { target.multiplied(by: $0) }
    stopLossLimit = terms.stopLoss.map { target.multiplied(by: $0) }
    var amount = gross
    for step in terms.order {
      switch step {
      case .sharing:
        let rate = amount >= .zero ? terms.savingsSharingRate : terms.lossSharingRate
        sharingRate = rate
        amount = amount.multiplied(by: rate)
        sharedVariance = amount
      case .quality:
        guard let quality else { continue }
        let used = score ?? quality.missingScore
        qualityScore = used
        let adjustment = Self.qualityAdjustment(of: amount, rule: quality, score: used)
        qualityAdjustment = adjustment
        amount += adjustment
        if adjustment != .zero, case .discountByScore = quality {
          reason = "quality score \(used) earns no reconciliation payment"
        }
      case .limits:
        var net = amount
        if let limit = stopGainLimit, amount > limit {
          net = limit
          stopApplied = "stop_gain"
        } else if let limit = stopLossLimit, amount < .zero - limit {
          net = .zero - limit
          stopApplied = "stop_loss"
        }
        stopAdjustment = net - amount
        amount = net
      }
    }
    netReconciliation = amount
  }

  /// The quality adjustment of a shared amount, rounded to the cent:
  /// - `scale_reconciliation`: a positive amount loses `amount × positive_max_reduction ×
  ///   (100 − score)/100`; a negative amount is relieved of `|amount| × negative_max_reduction ×
  ///   score/100`;
  /// - `discount_by_score`: a positive amount is withheld whole when the score's band pays no
  ///   reconciliation; otherwise 0 (the score acted through the discount).
  static func qualityAdjustment(of amount: Cents, rule: QualityRule, score: ExactDecimal) -> Cents {
    switch rule {
    case .scaleReconciliation(let positiveMax, let negativeMax, _):
      guard amount != .zero else { return .zero }
      let hundredth = ExactDecimal(units: 1, scale: 2)
      let share = amount > .zero ? ExactDecimal.hundred.subtracting(score)! : score
      let factor = (amount > .zero ? positiveMax : negativeMax).multiplied(by: share)!.multiplied(
        by: hundredth)!
      return .zero - amount.multiplied(by: factor)
    case .discountByScore:
      guard amount > .zero, let band = rule.band(for: score), !band.reconciliationPayment else {
        return .zero
      }
      return .zero - amount
    }
  }
}
