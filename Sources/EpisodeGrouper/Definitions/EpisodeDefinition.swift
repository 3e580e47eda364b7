/// One episode type, as a payment designer declares it in a definition file: what starts an
/// episode, the window around it, which services count, and when an episode is cancelled.
///
/// The fields mirror the definition language documented in `EpisodeDefinitions/README.md`.
public struct EpisodeDefinition: Sendable {
  /// The short id used in outputs and episode ids (`LEJR`): letters, digits and `_`.
  public var id: String
  /// A readable name.
  public var name: String
  /// The definition's own version, written to every episode row.
  public var version: String
  /// What the definition is and where its rules come from.
  public var description: String
  /// The anchor start dates for which the definition applies, both ends counted.
  public var effective: DayRange
  /// The order in which episode types claim a claim line: lower first (see ``OverlapPolicy``).
  public var precedence: Int
  /// Whether the episode's lines may also be counted in other episodes.
  public var overlap: OverlapPolicy
  /// The predicate on one claim line that starts an episode.
  public var trigger: Predicate
  /// A second qualifying claim the trigger needs, for chronic-condition episodes.
  public var confirmation: Confirmation?
  /// How the anchor is taken from the trigger claim.
  public var anchor: AnchorRule
  /// Days before the anchor in the window (0 for none).
  public var preAnchorDays: Int
  /// The period after the anchor.
  public var postAnchor: PostAnchorPeriod
  /// Services left out of the episode, each with a reason; tested before ``include``.
  public var exclude: [ExclusionRule]
  /// Ordered inclusion rules: a line of the window belongs to the episode under the first rule it
  /// matches, and not at all when it matches none.
  public var include: [InclusionRule]
  /// What happens to a line that starts in the window and ends after it.
  public var straddle: StraddleSettings
  /// What a new trigger of this type inside an open episode does.
  public var repeatTrigger: RepeatTriggerPolicy
  /// Conditions that cancel an episode, each with a reason.
  public var cancel: [CancellationRule]
  /// The trigger claim's field that names the accountable provider.
  public var accountableProvider: CodeField
  /// The file the definition was read from.
  public var file: String

  /// The window of an episode anchored on `anchor`: the lookback before it and the post-anchor
  /// period after it.
  public func window(anchor: DayRange) -> DayRange {
    DayRange(anchor.first.adding(days: -preAnchorDays), postAnchor.end(afterAnchorEnd: anchor.last))
  }
}

/// How episodes of different types share claim lines.
///
/// Each claim line goes to at most one `exclusive` episode: of the episodes whose window holds
/// it and whose rules include it, the one first by (precedence, anchor start, definition id,
/// trigger claim id). A `shared` episode counts every line its rules include, whether or not
/// another episode counts it too; the summary shows such dollars separately.
public enum OverlapPolicy: String, Sendable, CaseIterable {
  /// A line counted here is counted in no other exclusive episode.
  case exclusive
  /// Lines are counted here even when another episode counts them.
  case shared
}

/// A second claim that confirms a trigger (for chronic conditions: two claims with the
/// diagnosis at least N days apart).
public struct Confirmation: Sendable {
  /// The test the confirming line must pass (the trigger's own when the definition gives none).
  public var predicate: Predicate
  /// The confirming line starts at least this many days after the trigger's anchor start.
  public var minDaysAfter: Int
  /// And at most this many, when given.
  public var maxDaysAfter: Int?
}

/// How the anchor is taken from the trigger claim, by the trigger's claim type.
public struct AnchorRule: Sendable {
  /// How an anchor is read from a claim.
  public enum Kind: String, Sendable, CaseIterable {
    /// The stay: from the claim's admission to its discharge.
    case stay
    /// The service day: the from date of the trigger line.
    case service
  }

  /// The kind for claim types not listed in ``byClaimType``.
  public var defaultKind: Kind
  /// The kind for particular claim types.
  public var byClaimType: [ClaimType: Kind]

  /// The kind for a claim type.
  public func kind(for type: ClaimType) -> Kind { byClaimType[type] ?? defaultKind }
}

/// The period after the anchor, and how its days are counted.
public struct PostAnchorPeriod: Sendable {
  /// Which day is day 1 of the period.
  public enum DayOne: String, Sendable, CaseIterable {
    /// The anchor's last day (the discharge or service day) is day 1, as CMS counts its 90-day
    /// post-discharge periods: the window ends on anchor end + days − 1.
    case anchorEnd = "anchor_end"
    /// The day after the anchor is day 1: the window ends on anchor end + days.
    case dayAfterAnchorEnd = "day_after_anchor_end"
  }

  /// The number of days (0 for none: the window ends with the anchor).
  public var days: Int
  /// Which day is day 1.
  public var dayOne: DayOne

  /// The last day of the window for an anchor ending on `anchorEnd`.
  public func end(afterAnchorEnd anchorEnd: Day) -> Day {
    guard days > 0 else { return anchorEnd }
    switch dayOne {
    case .anchorEnd: return anchorEnd.adding(days: days - 1)
    case .dayAfterAnchorEnd: return anchorEnd.adding(days: days)
    }
  }
}

/// A rule that leaves services out of an episode, with the reason shown in `excluded_claims.csv`.
public struct ExclusionRule: Sendable {
  /// The rule's id in outputs (`exclude[0]` when the definition names none).
  public var id: String
  /// Why such services are left out.
  public var reason: String
  /// The lines it leaves out.
  public var predicate: Predicate
}

/// A rule that includes services in an episode under a service category.
public struct InclusionRule: Sendable {
  /// The rule's id in outputs (`include[0]` when the definition names none).
  public var id: String
  /// The service category written for each line (`anchor`, `readmission`, `post_acute_snf`, …).
  public var category: String
  /// The lines it includes.
  public var predicate: Predicate
  /// What to do with a line ending after the window, overriding the definition's setting.
  public var straddle: StraddlePolicy?
}

/// What happens to a line that starts in the window and ends after it.
public enum StraddlePolicy: String, Sendable, CaseIterable {
  /// Count the share of the line's days inside the window: allowed × days inside ÷ days of the
  /// line, both counted inclusively, rounded to the cent (halves away from zero).
  case prorate
  /// Count the whole line.
  case whole
  /// Leave the line out of the episode.
  case exclude
}

/// The straddle policy by claim type, with a default.
public struct StraddleSettings: Sendable {
  /// The policy for claim types not listed.
  public var defaultPolicy: StraddlePolicy
  /// The policy for particular claim types.
  public var byClaimType: [ClaimType: StraddlePolicy]

  /// The policy for a line of this claim type under a rule that may override it.
  public func policy(for type: ClaimType, rule: InclusionRule) -> StraddlePolicy {
    rule.straddle ?? byClaimType[type] ?? defaultPolicy
  }
}

/// What a new trigger of the same type does when it falls inside an open episode (its anchor
/// starting on or before the open episode's last day).
///
/// Whatever the policy, a trigger whose anchor starts within the open episode's anchor (a second
/// claim for the same stay, a same-day procedure) is part of that anchor and is absorbed.
public enum RepeatTriggerPolicy: String, Sendable, CaseIterable {
  /// The open episode goes on unchanged; the new trigger's services count in it under its rules.
  case absorb
  /// The open episode is cancelled, kept in the output with the reason, and a new one starts.
  case cancelOpen = "cancel_open"
  /// The open episode ends the day before the new anchor starts, and a new one starts.
  case endOpen = "end_open"
}

/// A condition that cancels an episode, and the reason shown for it.
public struct CancellationRule: Sendable {
  /// What is tested.
  public enum Condition: Sendable {
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
  public enum DeathScope: String, Sendable, CaseIterable {
    /// Anywhere in the window.
    case episode
    /// During the anchor.
    case anchor
  }

  /// The reason written on cancelled episodes.
  public var reason: String
  /// What is tested.
  public var condition: Condition
}
