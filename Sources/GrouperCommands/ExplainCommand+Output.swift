import GrouperCore
import GrouperSupport

extension Explanation {
  /// The data's last date and where it came from, in words.
  private var throughText: String {
    "\(through) (" + (throughGiven ? "--through" : "the latest from_date of the claims file") + ")"
  }

  /// The explanation for a person.
  var text: String {
    var out = "member \(member)"
    if let claim { out += ", claim \(claim)" }
    out +=
      ": \(lines.count) claim line\(lines.count == 1 ? "" : "s") read; data through \(throughText)\n"
    for e in episodes {
      out += "\nepisode \(e.id): \(e.definition) \(e.version) (\(e.file)), payer \(e.payer)\n"
      out +=
        "  trigger  claim \(e.triggerClaim) line \(e.triggerLine) passed $.trigger"
        + FactsText.matches(e.triggerMatches) + "\n"
      out += "  anchor   \(e.anchorKind) \(e.anchor.first) through \(e.anchor.last)"
      if !e.transferClaims.isEmpty {
        out +=
          ", transfer stays merged: \(e.transferClaims.joined(separator: ", ")) then \(e.triggerClaim)"
      }
      out += "\n"
      out += "  window   \(e.window.first) through \(e.window.last): \(e.windowRule)\n"
      for change in e.windowChanges { out += "           \(change)\n" }
      if !e.absorbed.isEmpty {
        out += "  absorbed \(e.absorbed.joined(separator: ", "))\n"
      }
      out += "  status   \(e.status)"
      if !e.reason.isEmpty { out += ": \(e.reason)" }
      if let path = e.decidedByPath { out += " (\(path))" }
      out += "\n"
      out += "  counted  \(e.lineCount) line\(e.lineCount == 1 ? "" : "s"), \(e.allowedTotal)\n"
    }
    out += "\nlines (by from date, claim, line)\n"
    for l in lines {
      let dates = l.from == l.thru ? "\(l.from)" : "\(l.from) through \(l.thru)"
      out += "\n\(l.claim) line \(l.line)  \(l.type)  \(dates)  \(l.allowed)\n"
      out += "  \(l.disposition.rawValue): \(l.why)\n"
      for t in l.triggers {
        out +=
          "  trigger of \(t.definition) \(t.version): passed $.trigger"
          + FactsText.matches(t.matches) + "; \(t.text)\n"
      }
      for v in l.verdicts {
        out += "  \(v.episode): \(v.period), window day \(v.windowDay), \(v.dayText)\n"
        out += "    \(v.text)\n"
      }
    }
    let t = totals
    out += "\ntotals of member \(member)\n"
    out +=
      "  lines    \(t.linesRead) read = \(t.linesAssigned) assigned + \(t.linesUnassigned) "
      + "unassigned (\(t.linesSetAside) set aside, \(t.linesNotPositive) not positive)\n"
    out +=
      "  dollars  \(t.dollarsRead) read = \(t.dollarsAssigned) assigned + \(t.dollarsUnassigned) "
      + "unassigned + \(t.dollarsProratedAway) prorated away\n"
    return out
  }

  /// The explanation for tools: one JSON object.
  var json: String {
    typealias V = JSONWriter.Value
    func day(_ d: Day) -> V { .string(d.description) }
    func optional(_ s: String?) -> V { s.map { .string($0) } ?? .null }
    func matches(_ m: [PredicateMatch]) -> V {
      .array(
        m.map {
          .object([
            ("field", .string($0.field.rawValue)), ("code_set", .string($0.codeSet)),
            ("code", .string($0.code)),
          ])
        })
    }
    let episodes: [V] = episodes.map { e in
      .object([
        ("episode_id", .string(e.id)), ("definition_id", .string(e.definition)),
        ("definition_version", .string(e.version)), ("definition_file", .string(e.file)),
        ("payer_id", .string(e.payer)),
        (
          "trigger",
          .object([
            ("claim_id", .string(e.triggerClaim)), ("line", .int(e.triggerLine)),
            ("rule", .string("$.trigger")), ("matches", matches(e.triggerMatches)),
          ])
        ),
        (
          "anchor",
          .object([
            ("kind", .string(e.anchorKind)), ("start", day(e.anchor.first)),
            ("end", day(e.anchor.last)),
            ("transfer_claims", .array(e.transferClaims.map { .string($0) })),
          ])
        ),
        (
          "window",
          .object([
            ("start", day(e.window.first)), ("end", day(e.window.last)),
            ("rule", .string(e.windowRule)),
            ("changes", .array(e.windowChanges.map { .string($0) })),
          ])
        ),
        ("absorbed_triggers", .array(e.absorbed.map { .string($0) })),
        ("status", .string(e.status)), ("reason", .string(e.reason)),
        ("decided_by", optional(e.decidedBy)), ("decided_by_path", optional(e.decidedByPath)),
        ("claim_lines", .int(e.lineCount)), ("allowed_total", .money(e.allowedTotal)),
      ])
    }
    let lines: [V] = lines.map { l in
      .object([
        ("claim_id", .string(l.claim)), ("line", .int(l.line)), ("claim_type", .string(l.type)),
        ("from_date", day(l.from)), ("thru_date", day(l.thru)),
        ("allowed_amount", .money(l.allowed)), ("disposition", .string(l.disposition.rawValue)),
        ("episode_id", optional(l.episode)),
        ("allocated_amount", l.allocated.map { .money($0) } ?? .null), ("why", .string(l.why)),
        (
          "triggers",
          .array(
            l.triggers.map { t in
              .object([
                ("definition_id", .string(t.definition)),
                ("definition_version", .string(t.version)), ("rule", .string("$.trigger")),
                ("matches", matches(t.matches)), ("outcome", .string(t.outcome)),
                ("episode_id", optional(t.episode)), ("text", .string(t.text)),
              ])
            })
        ),
        (
          "episodes",
          .array(
            l.verdicts.map { v in
              .object([
                ("episode_id", .string(v.episode)), ("period", .string(v.period)),
                ("window_day", .int(v.windowDay)),
                ("anchor_day", v.anchorDay.map { .int($0) } ?? .null),
                ("post_anchor_day", v.postAnchorDay.map { .int($0) } ?? .null),
                ("days_before_anchor", v.daysBeforeAnchor.map { .int($0) } ?? .null),
                ("day_text", .string(v.dayText)),
                ("decision", .string(v.decision)), ("rule", optional(v.rule)),
                ("rule_path", optional(v.rulePath)), ("category", optional(v.category)),
                ("reason", optional(v.reason)), ("matches", matches(v.matches)),
                ("allocated_amount", v.allocated.map { .money($0) } ?? .null),
                ("proration", v.proration.map(Self.json) ?? .null),
                ("taken_by", optional(v.takenBy)), ("text", .string(v.text)),
              ])
            })
        ),
      ])
    }
    let t = totals
    return JSONWriter.render(
      .object([
        ("member_id", .string(member)), ("claim_id", optional(claim)),
        ("data_through", day(through)),
        (
          "data_through_source",
          .string(throughGiven ? "--through" : "latest from_date of the claims file")
        ),
        ("episodes", .array(episodes)), ("lines", .array(lines)),
        (
          "totals",
          .object([
            (
              "lines",
              .object([
                ("read", .int(t.linesRead)), ("assigned", .int(t.linesAssigned)),
                ("unassigned", .int(t.linesUnassigned)), ("set_aside", .int(t.linesSetAside)),
                ("not_positive", .int(t.linesNotPositive)),
              ])
            ),
            (
              "dollars",
              .object([
                ("read", .money(t.dollarsRead)), ("assigned", .money(t.dollarsAssigned)),
                ("unassigned", .money(t.dollarsUnassigned)),
                ("prorated_away", .money(t.dollarsProratedAway)),
              ])
            ),
          ])
        ),
      ]))
  }

  /// A proration as JSON.
  private static func json(_ p: ExplainedProration) -> JSONWriter.Value {
    .object([
      ("policy", .string(p.policy)), ("policy_path", .string(p.policyPath)),
      ("basis", .string(p.basis)), ("numerator", .int(Int(p.numerator))),
      ("denominator", .int(Int(p.denominator))), ("allocated_amount", .money(p.allocated)),
      ("prorated_away", .money(p.proratedAway)),
      ("rounding", .string("to the cent, halves away from zero")), ("text", .string(p.text)),
    ])
  }
}

/// Small pieces of explanation text shared by the episode and line sections.
enum FactsText {
  /// ` (drg 470 in lejr_drgs)` for the code tests a line passed, or nothing.
  static func matches(_ m: [PredicateMatch]) -> String {
    guard !m.isEmpty else { return "" }
    return " ("
      + m.map { "\($0.field.rawValue) \($0.code) in \($0.codeSet)" }.joined(
        separator: ", ") + ")"
  }
}
