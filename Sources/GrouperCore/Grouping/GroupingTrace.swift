import GrouperSupport
import Synchronization

/// What the engine decided while grouping, recorded by the engine itself as it decides, for
/// `grouper explain`.
///
/// A run records into a trace only when one is given (``Grouper/run(_:trace:)``); without one,
/// each decision point pays a single check of an optional reference, never a predicate test more.
/// The trace is meant for one member at a time: events name lines by their store index and
/// episodes by ``EpisodeKey``, which stay valid in the run's ``GroupingResult``.
package final class GroupingTrace: Sendable {
  private let recorded = Mutex<[TraceEvent]>([])

  /// An empty trace.
  package init() {}

  /// Appends an event.
  func record(_ event: TraceEvent) {
    recorded.withLock { $0.append(event) }
  }

  /// The events, in the order the engine decided them.
  package var events: [TraceEvent] { recorded.withLock { $0 } }
}

/// An episode as the trace names it: its definition (index in the run's definitions) and its
/// trigger claim, which together identify it (a claim triggers at most one episode of a
/// definition).
package struct EpisodeKey: Hashable, Sendable {
  /// The definition's index in the run's definitions.
  package var definition: Int
  /// The trigger claim.
  package var triggerClaim: UInt32

  /// The key of an episode.
  package init(_ e: Episode) {
    definition = e.definition
    triggerClaim = e.triggerClaim
  }

  /// A key from its parts.
  package init(definition: Int, triggerClaim: UInt32) {
    self.definition = definition
    self.triggerClaim = triggerClaim
  }
}

/// A code test of a predicate that a line passed: the field, the code set and the line's code.
package struct PredicateMatch: Hashable, Sendable {
  /// The field tested.
  package var field: CodeField
  /// The code set's name (a name from `code_sets`, or the JSON path of an inline list).
  package var codeSet: String
  /// The line's code that the set holds (for `mdc`, the line's MS-DRG).
  package var code: String
}

/// One decision of the engine.
package enum TraceEvent: Sendable, Equatable {
  /// The line is never grouped: its amount (the claim's total for claim types paid per claim)
  /// is zero or less.
  case notPositive(line: Int, amount: Cents)
  /// The line is the first line of its claim to pass the definition's trigger test, with the
  /// code tests that made it pass.
  case trigger(definition: Int, line: Int, matches: [PredicateMatch])
  /// The anchor taken for a trigger claim: a stay or a service day, with the earlier stays of a
  /// transfer chain merged into it.
  case anchor(
    definition: Int, claim: UInt32, anchor: DayRange, kind: AnchorRule.Kind,
    transferClaims: [UInt32])
  /// A trigger claim that is an earlier stay of a transfer chain: the chain's last stay triggers.
  case transferLeg(definition: Int, claim: UInt32, chainEnd: UInt32)
  /// A trigger whose anchor starts outside the definition's effective dates.
  case notEffective(definition: Int, claim: UInt32, anchorStart: Day)
  /// A trigger confirmed by a line of another claim, or (line nil) not confirmed.
  case confirmation(definition: Int, claim: UInt32, line: Int?)
  /// A trigger absorbed into the open episode of the same definition and payer.
  case absorbed(definition: Int, claim: UInt32, into: EpisodeKey)
  /// A repeat trigger ended an open episode the day before its anchor (`end_open`).
  case endedByRepeat(EpisodeKey, last: Day, by: UInt32)
  /// A death after the anchor ended the window on that day: the members file's death date
  /// (claim nil) or the discharge of a claim whose status says the patient expired.
  case endedAtDeath(EpisodeKey, day: Day, claim: UInt32?)
  /// The episode was cancelled, and by what.
  case cancelled(EpisodeKey, by: CancelCause)
  /// The claim triggers an episode of an earlier version of the same definition id, which keeps
  /// it: this version's episode is dropped.
  case earlierVersion(definition: Int, claim: UInt32, kept: Int)
  /// Lines are assigned again from scratch (after an episode nested in another was cancelled):
  /// only the decisions after the last such event stand.
  case assignmentPass
  /// What an episode whose window holds the line decided about it.
  case line(line: Int, episode: EpisodeKey, decision: LineDecision)
}

/// What cancelled an episode (the episode's `reason` says it in words, with the evidence).
package enum CancelCause: Sendable, Equatable {
  /// A cancellation rule, by index in the definition's `cancel`.
  case rule(Int)
  /// A later trigger of the same definition under `repeat_trigger: cancel_open` (its claim).
  case repeatTrigger(UInt32)
  /// Chronological overlap resolution against another episode.
  case chronological(EpisodeKey)
  /// Nested in another exclusive episode, which counts its trigger line (precedence).
  case nested(EpisodeKey)
}

/// What one episode decided about a line of its window (see ``TraceEvent/line(line:episode:decision:)``).
package enum LineDecision: Sendable, Equatable {
  /// The line is of another payer than the episode's.
  case otherPayer
  /// An exclusive episode of the same program counted the line first.
  case takenBy(EpisodeKey)
  /// The line is before the anchor and fails the definition's `pre_anchor.when` test.
  case notInPreAnchor
  /// An exclusion rule (by index) left it out, with the code tests that matched.
  case excluded(rule: Int, matches: [PredicateMatch])
  /// It leaves with a stay that an exclusion rule (by index) with `extends_to` left out.
  case leftWithStay(rule: Int, stay: UInt32)
  /// No inclusion rule matched.
  case noInclusionRule
  /// It ends after the window and its straddle policy is `exclude`.
  case straddleExcluded
  /// An inclusion rule (by index) counted it, with the amount counted and, for a line ending
  /// after the window, the proration that gave it.
  case included(rule: Int, matches: [PredicateMatch], allocated: Cents, proration: Proration?)
}

/// The arithmetic of one proration, as the engine computed it: allocated = amount × numerator ÷
/// denominator, rounded to the cent, halves away from zero (unless ``basis`` keeps the whole).
package struct Proration: Sendable, Equatable {
  /// What was counted.
  package enum Basis: Sendable, Equatable {
    /// Days of the line inside the window over days of the line (`prorate`).
    case days
    /// Days of the stay inside the window over days of the stay, for a stay at a facility that
    /// CMS does not pay by MS-DRG (`prorate_gmlos`).
    case stayDays(ProviderType)
    /// `prorate_gmlos`: numerator 10 × (days + 1), denominator the GMLOS in tenths of a day,
    /// where days = window end − admission + 1; the amount at most.
    case gmlos(drg: String, days: Int64, capped: Bool)
    /// `prorate_gmlos` with days ≥ GMLOS − 1: the whole amount (numerator = days, denominator =
    /// GMLOS in tenths).
    case gmlosWhole(drg: String, days: Int64)
    /// `prorate_gmlos` for a stay whose MS-DRG has no GMLOS: the whole amount.
    case noGMLOS
    /// Visits of the home-health claim inside the window over its visits (`prorate_visits`).
    case visits
    /// Days of a home-health claim without visit lines inside the window over its days.
    case claimDays
  }

  /// What was counted.
  package var basis: Basis
  /// The numerator (days or visits inside, or 10 × (days + 1) for GMLOS).
  package var numerator: Int64
  /// The denominator (days or visits of the line or claim, or the GMLOS in tenths).
  package var denominator: Int64
  /// The amount counted.
  package var allocated: Cents
}
