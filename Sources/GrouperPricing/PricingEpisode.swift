import GrouperCore
import GrouperSupport

/// An episode as pricing reads it: the fields of an `episodes.csv` row that choose and apply a
/// price, taken from a grouping run in memory or from the file of an earlier run.
package struct PricingEpisode: Sendable, Equatable {
  /// The episode id (`LEJR-C1001`).
  package var id: String
  /// The definition id.
  package var definition: String
  /// The member id.
  package var member: String
  /// The payer id.
  package var payer: String
  /// The accountable provider (empty when the trigger claim names none).
  package var provider: String
  /// The anchor's first and last day.
  package var anchor: DayRange
  /// The grouping status.
  package var status: EpisodeStatus
  /// Why the episode is open or cancelled.
  package var reason: String
  /// The allowed dollars of the episode: its actual fee-for-service spending.
  package var allowedTotal: Cents
  /// The trigger code: the trigger line's MS-DRG, else HCPCS, else principal diagnosis.
  package var triggerCode: String

  /// An episode.
  package init(
    id: String, definition: String, member: String, payer: String, provider: String,
    anchor: DayRange,
    status: EpisodeStatus, reason: String = "", allowedTotal: Cents, triggerCode: String
  ) {
    self.id = id
    self.definition = definition
    self.member = member
    self.payer = payer
    self.provider = provider
    self.anchor = anchor
    self.status = status
    self.reason = reason
    self.allowedTotal = allowedTotal
    self.triggerCode = triggerCode
  }

  /// The episodes of a grouping run, in its output order, as `episodes.csv` writes them.
  package static func episodes(of result: GroupingResult) -> [PricingEpisode] {
    let store = result.store
    return result.episodes.map { e in
      PricingEpisode(
        id: result.episodeID(e),
        definition: result.definitions[e.definition].id,
        member: store.members.string(e.member), payer: store.payers.string(e.payer),
        provider: store.codes(.provider).string(e.accountableProvider), anchor: e.anchor,
        status: e.status,
        reason: e.reason, allowedTotal: e.allowedTotal,
        triggerCode: result.triggerCode(e))
    }
  }
}
