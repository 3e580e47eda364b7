import GrouperSupport

/// One episode type, as a payment designer declares it in a definition file: what starts an
/// episode, the window around it, which services count, and when an episode is cancelled.
///
/// The fields mirror the definition language documented in `EpisodeDefinitions/README.md`.
package struct EpisodeDefinition: Sendable {
  /// The short id used in outputs and episode ids (`LEJR`): letters, digits and `_`.
  package var id: String
  /// A readable name.
  package var name: String
  /// The definition's own version, written to every episode row.
  package var version: String
  /// What the definition is and where its rules come from.
  package var description: String
  /// The anchor start dates for which the definition applies, both ends counted.
  package var effective: DayRange
  /// The order in which episode types claim a claim line: lower first (see ``OverlapPolicy``).
  package var precedence: Int
  /// Whether the episode's lines may also be counted in other episodes.
  package var overlap: OverlapPolicy
  /// The predicate on one claim line that starts an episode.
  package var trigger: Predicate
  /// A second qualifying claim the trigger needs, for chronic-condition episodes.
  package var confirmation: Confirmation?
  /// How the anchor is taken from the trigger claim.
  package var anchor: AnchorRule
  /// Days before the anchor in the window (0 for none).
  package var preAnchorDays: Int
  /// The period after the anchor.
  package var postAnchor: PostAnchorPeriod
  /// Services left out of the episode, each with a reason; tested before ``include``.
  package var exclude: [ExclusionRule]
  /// Ordered inclusion rules: a line of the window belongs to the episode under the first rule it
  /// matches, and not at all when it matches none.
  package var include: [InclusionRule]
  /// What happens to a line that starts in the window and ends after it.
  package var straddle: StraddleSettings
  /// What a new trigger of this type inside an open episode does.
  package var repeatTrigger: RepeatTriggerPolicy
  /// Conditions that cancel an episode, each with a reason.
  package var cancel: [CancellationRule]
  /// The trigger claim's field that names the accountable provider.
  package var accountableProvider: CodeField
  /// The file the definition was read from.
  package var file: String

  /// The window of an episode anchored on `anchor`: the lookback before it and the post-anchor
  /// period after it.
  package func window(anchor: DayRange) -> DayRange {
    DayRange(anchor.first.adding(days: -preAnchorDays), postAnchor.end(afterAnchorEnd: anchor.last))
  }
}

/// How episodes of different types share claim lines.
///
/// Each claim line goes to at most one `exclusive` episode: of the episodes whose window holds
/// it and whose rules include it, the one first by (precedence, anchor start, definition id,
/// trigger claim id). A `shared` episode counts every line its rules include, whether or not
/// another episode counts it too; the summary shows such dollars separately.
package enum OverlapPolicy: String, Sendable, CaseIterable {
  /// A line counted here is counted in no other exclusive episode.
  case exclusive
  /// Lines are counted here even when another episode counts them.
  case shared
}

/// A second claim that confirms a trigger (for chronic conditions: two claims with the
/// diagnosis at least N days apart).
package struct Confirmation: Sendable {
  /// The test the confirming line must pass (the trigger's own when the definition gives none).
  package var predicate: Predicate
  /// The confirming line starts at least this many days after the trigger's anchor start.
  package var minDaysAfter: Int
  /// And at most this many, when given.
  package var maxDaysAfter: Int?
}

/// How the anchor is taken from the trigger claim, by the trigger's claim type.
package struct AnchorRule: Sendable {
  /// How an anchor is read from a claim.
  package enum Kind: String, Sendable, CaseIterable {
    /// The stay: from the claim's admission to its discharge.
    case stay
    /// The service day: the from date of the trigger line.
    case service
  }

  /// The kind for claim types not listed in ``byClaimType``.
  package var defaultKind: Kind
  /// The kind for particular claim types.
  package var byClaimType: [ClaimType: Kind]

  /// The kind for a claim type.
  package func kind(for type: ClaimType) -> Kind { byClaimType[type] ?? defaultKind }
}

/// The period after the anchor, and how its days are counted.
package struct PostAnchorPeriod: Sendable {
  /// Which day is day 1 of the period.
  package enum DayOne: String, Sendable, CaseIterable {
    /// The anchor's last day (the discharge or service day) is day 1, as CMS counts its 90-day
    /// post-discharge periods: the window ends on anchor end + days − 1.
    case anchorEnd = "anchor_end"
    /// The day after the anchor is day 1: the window ends on anchor end + days.
    case dayAfterAnchorEnd = "day_after_anchor_end"
  }

  /// The number of days (0 for none: the window ends with the anchor).
  package var days: Int
  /// Which day is day 1.
  package var dayOne: DayOne

  /// The last day of the window for an anchor ending on `anchorEnd`.
  package func end(afterAnchorEnd anchorEnd: Day) -> Day {
    guard days > 0 else { return anchorEnd }
    switch dayOne {
    case .anchorEnd: return anchorEnd.adding(days: days - 1)
    case .dayAfterAnchorEnd: return anchorEnd.adding(days: days)
    }
  }
}

/// A rule that leaves services out of an episode, with the reason shown in `excluded_claims.csv`.
package struct ExclusionRule: Sendable {
  /// The rule's id in outputs (`exclude[0]` when the definition names none).
  package var id: String
  /// Why such services are left out.
  package var reason: String
  /// The lines it leaves out.
  package var predicate: Predicate
}

/// A rule that includes services in an episode under a service category.
package struct InclusionRule: Sendable {
  /// The rule's id in outputs (`include[0]` when the definition names none).
  package var id: String
  /// The service category written for each line (`anchor`, `readmission`, `post_acute_snf`, …).
  package var category: String
  /// The lines it includes.
  package var predicate: Predicate
  /// What to do with a line ending after the window, overriding the definition's setting.
  package var straddle: StraddlePolicy?
}

/// What happens to a line that starts in the window and ends after it.
package enum StraddlePolicy: String, Sendable, CaseIterable {
  /// Count the share of the line's days inside the window: allowed × days inside ÷ days of the
  /// line, both counted inclusively, rounded to the cent (halves away from zero).
  case prorate
  /// Count the whole line.
  case whole
  /// Leave the line out of the episode.
  case exclude
}

/// The straddle policy by claim type, with a default.
package struct StraddleSettings: Sendable {
  /// The policy for claim types not listed.
  package var defaultPolicy: StraddlePolicy
  /// The policy for particular claim types.
  package var byClaimType: [ClaimType: StraddlePolicy]

  /// The policy for a line of this claim type under a rule that may override it.
  package func policy(for type: ClaimType, rule: InclusionRule) -> StraddlePolicy {
    rule.straddle ?? byClaimType[type] ?? defaultPolicy
  }
}

/// What a new trigger of the same type does when it falls inside an open episode (its anchor
/// starting on or before the open episode's last day).
///
/// Whatever the policy, a trigger whose anchor starts within the open episode's anchor (a second
/// claim for the same stay, a same-day procedure) is part of that anchor and is absorbed.
package enum RepeatTriggerPolicy: String, Sendable, CaseIterable {
  /// The open episode goes on unchanged; the new trigger's services count in it under its rules.
  case absorb
  /// The open episode is cancelled, kept in the output with the reason, and a new one starts.
  case cancelOpen = "cancel_open"
  /// The open episode ends the day before the new anchor starts, and a new one starts.
  case endOpen = "end_open"
}

/// A condition that cancels an episode, and the reason shown for it.
package struct CancellationRule: Sendable {
  /// What is tested.
  package enum Condition: Sendable {
    /// The member dies in the scope: a line dated in it carries an expired discharge status
    /// (20, or 40–42 for hospice: NUBC patient discharge status codes), or the members file's
    /// death date falls in it.
    case death(DeathScope)
    /// With a members file: coverage is not continuous over the window (over the part of it the
    /// data covers, for an episode still open).
    case coverageGap
    /// Some line of the member dated in the window passes the test.
    case anyLine(Predicate)
    /// Some line of the trigger claim passes the test.
    case triggerClaim(Predicate)
  }

  /// Where a death cancels the episode.
  package enum DeathScope: String, Sendable, CaseIterable {
    /// Anywhere in the window.
    case episode
    /// During the anchor.
    case anchor
  }

  /// The reason written on cancelled episodes.
  package var reason: String
  /// What is tested.
  package var condition: Condition
}
