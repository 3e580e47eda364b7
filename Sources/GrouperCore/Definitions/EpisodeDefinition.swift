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
  /// The payment program the definition belongs to ("" for none). Definitions of one program
  /// share claim lines exclusively and resolve overlaps among themselves; definitions of
  /// different programs (TEAM beside BPCI Advanced) group the same claims independently, and
  /// a line counted by both is counted once in the run's totals.
  package var program = ""
  /// Whether the episode's lines may also be counted in other episodes.
  package var overlap: OverlapPolicy
  /// How the episode stands against other episodes whose windows it overlaps.
  package var resolution: OverlapResolution = .precedence
  /// What happens when an earlier-resolving episode counts this episode's trigger line.
  package var whenTriggerTaken: TriggerTakenPolicy = .cancel
  /// The predicate on one claim line that starts an episode.
  package var trigger: Predicate
  /// A second qualifying claim the trigger needs, for chronic-condition episodes.
  package var confirmation: Confirmation?
  /// How the anchor is taken from the trigger claim.
  package var anchor: AnchorRule
  /// Whether consecutive stays chain into one anchor, and which claims are stays.
  package var transfers: TransferRule?
  /// Days before the anchor in the window (0 for none).
  package var preAnchorDays: Int
  /// The lines that count in the days before the anchor; every line when nil.
  package var preAnchorTest: Predicate?
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
  /// Whether a death after the anchor ends the period on the day of death (CMS BPCI Advanced,
  /// `c6_create_exclusion_flags`: the post-discharge period is truncated at the death date).
  package var endsAtDeath = false

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
  /// Lines that leave with an excluded stay: those passing this test and dated from its
  /// admission to its discharge (CMS BPCI Advanced, `d5_process_pb_clms`: professional claims
  /// during an excluded readmission are excluded with it).
  package var extendsTo: Predicate?
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
  /// A stay by its MS-DRG's geometric mean length of stay, as CMS prorates IPPS, LTCH and IRF
  /// stays (BPCI Advanced, `d9_calculate_grouped_costs`): with `days` = window end − admission +
  /// 1, the whole amount when days ≥ GMLOS − 1, else amount × (days + 1) ÷ GMLOS. Stays at other
  /// facilities (a psychiatric or critical access hospital) are prorated by days.
  case prorateGMLOS = "prorate_gmlos"
  /// A home-health claim by the share of its visit lines (revenue codes 042x–044x, 055x–057x)
  /// dated inside the window, each line counting amount × visits inside ÷ visits; a claim with
  /// no visit lines by days (BPCI Advanced, `d8_process_hh_clms`).
  case prorateVisits = "prorate_visits"
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
    /// With a members file: coverage by the episode's payer is not continuous from this many
    /// days before the anchor through the window (over the part of it the data covers, for an
    /// episode still open). When the enrolment data is known to start after the first day to
    /// check (RIF beneficiary files of some years), no check is made, as CMS does.
    case coverageGap(lookbackDays: Int)
    /// Some line of the member dated in the window passes the test.
    case anyLine(Predicate)
    /// Some line of the trigger claim (or a transfer stay of the anchor) passes the test.
    case triggerClaim(Predicate)
    /// The anchor lasts more than this many days, counted as discharge − admission (CMS drops
    /// anchor stays of 60 days or more: BPCI Advanced `c6`, `dropflag_los_gt_59`).
    case anchorLongerThan(days: Int)
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

/// Consecutive stays that chain into one anchor: CMS merges a transfer from one hospital to
/// another into one stay (BPCI Advanced, `c3_resolve_transfer_stays`).
///
/// Two stays of a member and payer chain when the later one's admission day is the earlier
/// one's discharge day and their billing providers differ; chains of any length form. The
/// chain is one anchor from the first admission to the last discharge; the last stay is the
/// trigger claim (its MS-DRG decides whether the chain triggers), the first stay names the
/// accountable provider, and every stay of the chain belongs to the anchor. Earlier stays of a
/// chain never trigger an episode of their own.
package struct TransferRule: Sendable {
  /// The claims that are stays and may chain.
  package var legs: Predicate
}

/// How an episode's window stands against other episodes' windows.
package enum OverlapResolution: Sendable {
  /// Episodes coexist; each claim line goes to the episode first by precedence.
  case precedence
  /// Episodes of definitions that resolve chronologically are taken in order of anchor start: a
  /// later episode whose anchor starts inside an earlier one's window is cancelled, unless the
  /// earlier one's definition lets episodes of the later one's definition win, in which case
  /// the earlier one is cancelled (BPCI Advanced, `e1_resolve_bpcia_overlap`). An inpatient
  /// stay starting the same day as an outpatient procedure comes first, and the later-wins
  /// exception does not apply to two such episodes (the outpatient one is cancelled). Every
  /// trigger of such a definition is a candidate episode: ``RepeatTriggerPolicy`` does not apply.
  case chronological(laterWins: Set<String>)
}

/// What happens when another episode counts an episode's trigger line.
package enum TriggerTakenPolicy: String, Sendable, CaseIterable {
  /// The episode is nested in the other and cancelled.
  case cancel
  /// The episode goes on without the line (chronic-condition episodes, whose trigger is a
  /// diagnosis that may sit on another episode's anchor).
  case keep
}
