import GrouperSupport

/// Where an episode stands at the end of a run.
package enum EpisodeStatus: String, Sendable, CaseIterable {
  /// The whole window lies within the data: the episode can be priced.
  case complete
  /// The window ends after the data's last date: run-out is incomplete.
  case open
  /// Cancelled, with a reason; its lines count in no episode of its own.
  case cancelled
}

/// One episode of care: a trigger, its anchor and window, its status, and the totals of the
/// claim lines it holds.
///
/// Pricing reads episodes as they are: the definition, payer, accountable provider, trigger line
/// and anchor dates are all a price schedule needs to choose a target.
package struct Episode: Sendable {
  /// The definition's index in the run's definitions.
  package var definition: Int
  /// The member.
  package var member: UInt32
  /// The payer of the trigger claim; the episode holds that payer's lines only.
  package var payer: UInt32
  /// The trigger claim.
  package var triggerClaim: UInt32
  /// The trigger line's index in the store: the first line of the trigger claim that passed the trigger test.
  package var triggerLine: Int
  /// The earlier stays of a transfer chain anchored with the trigger claim, in admission order
  /// (empty when the anchor is one claim).
  package var transferClaims: [UInt32] = []
  /// The anchor: the trigger stay or service day.
  package var anchor: DayRange
  /// The window: lookback, anchor and post-anchor period.
  package var window: DayRange
  /// The accountable provider (provider code id; 0 when the trigger claim names none).
  package var accountableProvider: UInt32
  /// The status.
  package var status: EpisodeStatus
  /// Why the episode is cancelled or open; empty when complete.
  package var reason: String
  /// The number of later triggers of the same type absorbed into the episode.
  package var absorbedTriggers: Int
  /// The number of claim lines counted in the episode.
  package var lineCount: Int
  /// The allowed dollars counted in the episode, after proration.
  package var allowedTotal: Cents
}

extension Episode {
  /// Whether a claim is the trigger claim or a transfer stay of the anchor.
  package func isAnchorClaim(_ claim: UInt32) -> Bool {
    claim == triggerClaim || (!transferClaims.isEmpty && transferClaims.contains(claim))
  }
}

/// A claim line counted in an episode.
package struct Assignment: Sendable {
  /// The episode's index in the run's episodes.
  package var episode: Int
  /// The line's index in the store.
  package var line: Int
  /// The inclusion rule's index in the definition.
  package var rule: Int
  /// The allowed amount counted: all of it, or the prorated share of a line ending after the window.
  package var allocated: Cents
}

/// A claim line of an episode's window that the episode's rules left out, and why.
package struct ExcludedLine: Sendable {
  /// Why a line was left out.
  package enum Cause: Sendable, Equatable {
    /// An exclusion rule, by index in the definition.
    case rule(Int)
    /// The line ends after the window and its straddle policy is `exclude`.
    case straddle
  }

  /// The episode's index in the run's episodes.
  package var episode: Int
  /// The line's index in the store.
  package var line: Int
  /// Why.
  package var cause: Cause
}

/// How every claim line and dollar of a run was accounted for.
///
/// For the valid lines: lines read = assigned + unassigned, and dollars read = assigned +
/// unassigned + prorated away. A line counts as assigned in the exclusive episode that took it,
/// or in the first shared episode when no exclusive one did; what the same line adds to further
/// shared episodes is reported as ``alsoCountedInSharedEpisodes`` and not added again.
package struct LineAccounting: Sendable, Equatable {
  /// Lines counted in some episode.
  package var linesAssigned = 0
  /// Lines counted in none.
  package var linesUnassigned = 0
  /// Allowed dollars counted (each line once, after proration).
  package var dollarsAssigned = Cents.zero
  /// Allowed dollars of lines counted in no episode.
  package var dollarsUnassigned = Cents.zero
  /// The part of prorated lines' dollars that fell after their episode's window.
  package var dollarsProratedAway = Cents.zero
  /// Dollars counted a second time by shared episodes.
  package var alsoCountedInSharedEpisodes = Cents.zero
  /// Lines never grouped because their amount is not positive (part of the unassigned lines).
  package var linesNotPositive = 0
  /// The dollars of those lines (part of the unassigned dollars).
  package var dollarsNotPositive = Cents.zero

  /// Empty totals.
  package init() {}

  /// Adds another block's totals.
  package mutating func add(_ other: LineAccounting) {
    linesAssigned += other.linesAssigned
    linesUnassigned += other.linesUnassigned
    dollarsAssigned += other.dollarsAssigned
    dollarsUnassigned += other.dollarsUnassigned
    dollarsProratedAway += other.dollarsProratedAway
    alsoCountedInSharedEpisodes += other.alsoCountedInSharedEpisodes
    linesNotPositive += other.linesNotPositive
    dollarsNotPositive += other.dollarsNotPositive
  }
}
