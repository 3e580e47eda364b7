import GrouperSupport

/// Claim lines read but never grouped, by why: the versions a later one supersedes or a reversal
/// cancels, and the lines a reader leaves out as CMS does. They are part of a run's unassigned
/// lines and dollars, so lines read = rejected + assigned + unassigned still holds.
package struct SetAsideLines: Sendable, Equatable {
  /// Why a line is set aside.
  package typealias Reason = SetAsideReason

  /// Lines by reason.
  package private(set) var lines: [Reason: Int] = [:]
  /// Dollars by reason (the amount basis of the run).
  package private(set) var dollars: [Reason: Cents] = [:]

  /// Nothing set aside.
  package init() {}

  /// Counts one line of `amount` set aside for `reason`.
  package mutating func add(_ reason: Reason, amount: Cents) {
    lines[reason, default: 0] += 1
    dollars[reason, default: .zero] += amount
  }

  /// Adds another count to this one.
  package mutating func merge(_ other: SetAsideLines) {
    for (r, n) in other.lines { lines[r, default: 0] += n }
    for (r, d) in other.dollars { dollars[r, default: .zero] += d }
  }

  /// Lines set aside for any reason.
  package var lineCount: Int { lines.values.reduce(0, +) }
  /// Dollars set aside for any reason.
  package var dollarTotal: Cents { dollars.values.reduce(.zero, +) }
}

/// Why a claim line read is never grouped (see ``SetAsideLines``).
public enum SetAsideReason: String, CaseIterable, Sendable, Comparable {
  /// A version another claim replaces.
  case superseded
  /// A reversal, or a claim a reversal cancels.
  case reversed
  /// A RIF row whose `FINAL_ACTION` is not `F` (a version CCW has since superseded).
  case notFinalAction = "not_final_action"
  /// A RIF outpatient line without a revenue-centre date (CMS drops them).
  case noRevenueCenterDate = "no_revenue_center_date"

  /// Ordered by declaration, so reports list reasons in a fixed order.
  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
