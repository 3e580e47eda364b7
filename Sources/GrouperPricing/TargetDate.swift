import GrouperCore
import GrouperSupport

/// The episode date that picks the target (or thresholds) in force and the year of an outlier
/// population: CJR keys on the anchor admission (42 CFR 510.300(a)(3)), TEAM on the anchor
/// discharge or procedure date (42 CFR 512.540(a)(2)).
package enum TargetDate: String, Sendable, CaseIterable {
  /// The anchor's first day (admission, or the procedure's date): the default.
  case anchorStart = "anchor_start"
  /// The anchor's last day (discharge, or the procedure's date for a one-day anchor).
  case anchorEnd = "anchor_end"

  /// The date of an episode under this setting.
  package func day(of episode: PricingEpisode) -> Day {
    self == .anchorStart ? episode.anchor.first : episode.anchor.last
  }
}
