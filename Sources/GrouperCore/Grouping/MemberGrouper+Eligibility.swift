import GrouperSupport

extension GroupingContext {
  /// The member's lines that may be grouped, and those that may not because their amount is not
  /// positive (with the amount tested), each in the order given.
  ///
  /// CMS groups no claim whose payment is not positive (BPCI Advanced `d1_group_clms_to_epi`,
  /// the `non_positive_payment` flag, applied in `d2`–`d8`): an inpatient, SNF, home-health or
  /// hospice claim is tested on its total, an outpatient, professional, DME or pharmacy line on
  /// its own amount. Such a claim never triggers an episode and is counted in none.
  func groupableLines(_ lines: [Int]) -> (groupable: [Int], notPositive: [(Int, Cents)]) {
    var claimTotals: [UInt32: Cents] = [:]
    var anyNotPositive = false
    for index in lines {
      let line = store.lines[index]
      if line.type.isPaidPerClaim {
        claimTotals[line.claim, default: .zero] += line.allowed
      } else if line.allowed <= .zero {
        anyNotPositive = true
      }
    }
    if !anyNotPositive && !claimTotals.values.contains(where: { $0 <= .zero }) {
      return (lines, [])
    }
    var groupable: [Int] = []
    var notPositive: [(Int, Cents)] = []
    groupable.reserveCapacity(lines.count)
    for index in lines {
      let line = store.lines[index]
      let amount = line.type.isPaidPerClaim ? claimTotals[line.claim]! : line.allowed
      if amount > .zero {
        groupable.append(index)
      } else {
        notPositive.append((index, amount))
      }
    }
    return (groupable, notPositive)
  }

  /// The day the member died after the episode's anchor and within its window, if so: the
  /// members file's death date, or the discharge day of a line whose status says the patient
  /// expired (the earliest), with the claim that says so (nil for the members file, which wins a
  /// tie). A death during the anchor is for the cancellation rules.
  func deathAfterAnchor(_ e: Episode, lines: [Int]) -> (day: Day, claim: UInt32?)? {
    var death: Day?
    var claim: UInt32?
    let after = DayRange(e.anchor.last.adding(days: 1), e.window.last)
    guard after.first <= after.last else { return nil }
    if let date = members?[Int(e.member)]?.death, after.contains(date) { death = date }
    for index in lines {
      let line = store.lines[index]
      guard expiredStatuses.contains(line.dischargeStatus), after.contains(line.discharge) else {
        continue
      }
      if death == nil || line.discharge < death! {
        death = line.discharge
        claim = line.claim
      }
    }
    return death.map { ($0, claim) }
  }
}

extension ClaimType {
  /// Whether CMS pays the claim type per stay or period, so its amount is the claim's total:
  /// inpatient, SNF, home health and hospice.
  package var isPaidPerClaim: Bool {
    switch self {
    case .inpatient, .snf, .homeHealth, .hospice: return true
    default: return false
    }
  }
}
