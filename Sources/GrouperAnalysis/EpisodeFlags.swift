import GrouperCore

/// The two kinds of service the statistics count episodes by, decided per counted line from its
/// category, claim type and period, so they mean the same for every definition.
///
/// - A **readmission** is a line whose category is `readmission`, or an inpatient line of the
///   post-anchor period that is not on the trigger claim.
/// - **Post-acute care** is a line whose category starts with `post_acute` or is
///   `home_health`, or a skilled nursing (`snf`) or home health (`home_health`) line of the
///   post-anchor period. Inpatient rehabilitation and long-term care hospital stays are
///   inpatient claims that the claim-line layout cannot tell apart from acute stays, and hospice
///   is end-of-life care, so neither counts.
package enum EpisodeFlags {
  /// Whether a counted line is a readmission.
  package static func isReadmission(
    category: String, claimType: String, period: String, onTriggerClaim: Bool
  ) -> Bool {
    category == "readmission" || (claimType == "inpatient" && period == "post" && !onTriggerClaim)
  }

  /// Whether a counted line is post-acute care.
  package static func isPostAcute(category: String, claimType: String, period: String) -> Bool {
    category.hasPrefix("post_acute") || category == "home_health"
      || ((claimType == "snf" || claimType == "home_health") && period == "post")
  }
}
