import GrouperCore
import GrouperSupport

/// One episode as the analyses see it: its identity, status, window and totals, and its
/// dollars by service category, whether it came from a grouping in memory or from a run folder.
package struct AnalysisEpisode: Sendable, Equatable {
  /// The episode id (`LEJR-C101`).
  package var id: String
  /// The definition id.
  package var definition: String
  /// The member id.
  package var member: String
  /// The payer id.
  package var payer: String
  /// The accountable provider (empty when the trigger claim names none).
  package var provider: String
  /// The trigger claim id.
  package var triggerClaim: String
  /// The trigger code (MS-DRG, else HCPCS, else principal diagnosis).
  package var triggerCode: String
  /// The window, lookback to the end of the post-anchor period.
  package var window: DayRange
  /// The status.
  package var status: EpisodeStatus
  /// Why the episode is cancelled or open; empty when complete.
  package var reason: String
  /// Claim lines counted.
  package var lines: Int
  /// Allowed dollars counted, after proration.
  package var allowed: Cents
  /// The counted dollars by service category, in category order.
  package var categories: [String: Cents]
  /// Whether a counted line is a readmission (see ``EpisodeFlags``).
  package var hasReadmission: Bool
  /// Whether a counted line is post-acute care (see ``EpisodeFlags``).
  package var hasPostAcute: Bool

  /// What matches an episode across two runs: member, definition and trigger claim.
  package var key: EpisodeKey {
    EpisodeKey(member: member, definition: definition, triggerClaim: triggerClaim)
  }
}

/// The identity of an episode across two groupings of the same claims: the member, the
/// definition id and the trigger claim.
package struct EpisodeKey: Hashable, Comparable, Sendable {
  /// The member id.
  package var member: String
  /// The definition id.
  package var definition: String
  /// The trigger claim id.
  package var triggerClaim: String

  /// Member, then definition, then trigger claim, by their text.
  package static func < (a: EpisodeKey, b: EpisodeKey) -> Bool {
    (a.member, a.definition, a.triggerClaim) < (b.member, b.definition, b.triggerClaim)
  }
}
