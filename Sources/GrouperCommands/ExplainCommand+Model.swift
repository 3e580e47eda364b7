import GrouperCore
import GrouperSupport

/// What `grouper explain` says of one member: its episodes and each of its claim lines, built
/// from the grouping result (the figures `group` writes) and the engine's trace (the why).
struct Explanation {
  /// The member id.
  var member: String
  /// The claim explained alone, when `--claim` was given.
  var claim: String?
  /// The data's last date.
  var through: Day
  /// Whether `--through` gave it (else it is the latest from date of the whole claims file).
  var throughGiven: Bool
  /// The member's episodes (those the shown lines touch, with `--claim`), in output order.
  var episodes: [ExplainedEpisode]
  /// The lines read for the member (or the claim), by from date, claim id and line number.
  var lines: [ExplainedLine]
  /// The member's totals (all its lines, whatever `--claim` shows).
  var totals: ExplainedTotals
}

/// One episode of the member, as the engine made it.
struct ExplainedEpisode {
  /// The episode id, as `episodes.csv` writes it.
  var id: String
  /// The definition's id.
  var definition: String
  /// The definition's version.
  var version: String
  /// The definition's file.
  var file: String
  /// The payer.
  var payer: String
  /// The trigger claim.
  var triggerClaim: String
  /// The trigger line's number.
  var triggerLine: Int
  /// The code tests the trigger line passed.
  var triggerMatches: [PredicateMatch]
  /// The anchor's kind: `stay` or `service`.
  var anchorKind: String
  /// The anchor's dates.
  var anchor: DayRange
  /// The earlier stays of a transfer chain merged into the anchor.
  var transferClaims: [String]
  /// The window's dates.
  var window: DayRange
  /// The definition's window rule, in words, with its JSON paths.
  var windowRule: String
  /// What changed the window's end after it was made (a death, a repeat trigger).
  var windowChanges: [String]
  /// Later triggers absorbed into the episode (claim ids).
  var absorbed: [String]
  /// complete, open or cancelled.
  var status: String
  /// The engine's reason, with its evidence; empty when complete.
  var reason: String
  /// What decided a cancellation: `cancel[k]` (a rule), `overlap`, `repeat_trigger`, `nested`.
  var decidedBy: String?
  /// The JSON path of the rule that decided, when one did.
  var decidedByPath: String?
  /// Claim lines counted.
  var lineCount: Int
  /// The allocated total.
  var allowedTotal: Cents
}

/// One claim line read for the member and what became of it.
struct ExplainedLine {
  /// Where a line ended.
  enum Disposition: String {
    /// Counted in an episode.
    case assigned
    /// Grouped, but counted in no episode.
    case unassigned
    /// A claim version superseded or reversed (or left out by the reader): never grouped.
    case setAside = "set_aside"
    /// Never grouped: its amount (its claim's total, for claims paid per claim) is not positive.
    case notPositive = "not_positive"
  }

  /// The claim id.
  var claim: String
  /// The line number.
  var line: Int
  /// The claim type.
  var type: String
  /// The line's first day.
  var from: Day
  /// The line's last day.
  var thru: Day
  /// The amount read (the run's amount basis).
  var allowed: Cents
  /// Where it ended.
  var disposition: Disposition
  /// Why, in one sentence.
  var why: String
  /// The episode the line is counted in (the exclusive one, else the first shared one).
  var episode: String?
  /// The amount counted there.
  var allocated: Cents?
  /// What the definitions' triggers made of the line.
  var triggers: [ExplainedTrigger]
  /// What each episode whose window holds the line decided, in the order episodes take lines.
  var verdicts: [ExplainedVerdict]
}

/// A line that passed a definition's trigger test, and what became of the trigger.
struct ExplainedTrigger {
  /// The definition id.
  var definition: String
  /// The definition's version.
  var version: String
  /// The code tests the line passed.
  var matches: [PredicateMatch]
  /// `episode`, `absorbed`, `transfer_leg`, `not_effective`, `not_confirmed`, `earlier_version`.
  var outcome: String
  /// The episode it started or was absorbed into, when one.
  var episode: String?
  /// The outcome in words.
  var text: String
}

/// What one episode decided about a line of its window.
struct ExplainedVerdict {
  /// The episode.
  var episode: String
  /// pre, anchor or post.
  var period: String
  /// The line's day in the window (day 1 = the window's first day).
  var windowDay: Int
  /// The line's place in its period, in words, with the rule that numbers the days.
  var dayText: String
  /// The day of the anchor (day 1 = its first day), for an anchor line.
  var anchorDay: Int?
  /// The day of the post-anchor period, for a post line.
  var postAnchorDay: Int?
  /// Days before the anchor's first day, for a pre line.
  var daysBeforeAnchor: Int?
  /// `included`, `excluded`, `left_with_stay`, `no_inclusion_rule`, `straddle_excluded`,
  /// `not_in_pre_anchor`, `other_payer`, `taken_by`.
  var decision: String
  /// The rule's id, when a rule decided.
  var rule: String?
  /// The rule's JSON path in the definition file.
  var rulePath: String?
  /// The inclusion rule's category.
  var category: String?
  /// The exclusion rule's reason.
  var reason: String?
  /// The code tests of the rule that the line passed.
  var matches: [PredicateMatch]
  /// The amount counted, when included.
  var allocated: Cents?
  /// The proration of a line ending after the window.
  var proration: ExplainedProration?
  /// The episode that counted the line first, for `taken_by`.
  var takenBy: String?
  /// The decision in words.
  var text: String
}

/// The arithmetic of one proration.
struct ExplainedProration {
  /// The straddle policy.
  var policy: String
  /// Where the policy is set.
  var policyPath: String
  /// `days`, `stay_days`, `gmlos`, `gmlos_whole`, `no_gmlos`, `visits`, `claim_days`.
  var basis: String
  /// The numerator of the share.
  var numerator: Int64
  /// The denominator.
  var denominator: Int64
  /// The amount kept.
  var allocated: Cents
  /// The amount prorated away.
  var proratedAway: Cents
  /// The arithmetic in words.
  var text: String
}

/// A member's lines and dollars, as `summary.json` balances a run's.
struct ExplainedTotals {
  /// Lines read for the member.
  var linesRead = 0
  /// Lines counted in an episode.
  var linesAssigned = 0
  /// Lines counted in none (set-aside and not-positive lines included).
  var linesUnassigned = 0
  /// Of those, the set-aside claim versions.
  var linesSetAside = 0
  /// Of those, the lines never grouped as not positive.
  var linesNotPositive = 0
  /// Dollars read.
  var dollarsRead = Cents.zero
  /// Dollars counted (each line once).
  var dollarsAssigned = Cents.zero
  /// Dollars of lines counted in no episode.
  var dollarsUnassigned = Cents.zero
  /// Dollars of straddling lines left after their window.
  var dollarsProratedAway = Cents.zero
}
