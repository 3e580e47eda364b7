import GrouperCore
import GrouperSupport

/// The engine's trace of one member, indexed by line and episode, read together with the
/// grouping result it produced.
struct TraceFacts {
  /// The grouping the trace was recorded for.
  let result: GroupingResult
  /// Result episode index by key.
  private var episodeIndex: [EpisodeKey: Int] = [:]
  /// What each episode decided about each line, in the last assignment pass, in the order
  /// episodes take lines.
  private var decisions: [Int: [(EpisodeKey, LineDecision)]] = [:]
  /// The triggers each line passed: definition and the code tests.
  private var triggers: [Int: [(Int, [PredicateMatch])]] = [:]
  /// The anchor made for each trigger claim of a definition.
  private var anchors: [EpisodeKey: (DayRange, AnchorRule.Kind, [UInt32])] = [:]
  /// What became of triggers that started no episode, by (definition, claim).
  private var dropped: [EpisodeKey: TraceEvent] = [:]
  /// The claims absorbed into each episode.
  private var absorbed: [EpisodeKey: [UInt32]] = [:]
  /// What changed each episode's window end.
  private var windowChanges: [EpisodeKey: [String]] = [:]
  /// What cancelled each cancelled episode.
  private var cancelled: [EpisodeKey: CancelCause] = [:]
  /// Lines never grouped as not positive, with the amount tested.
  private var notPositive: [Int: Cents] = [:]
  /// The result's assignments by line.
  private var assignments: [Int: [Assignment]] = [:]

  /// The facts of `events`, recorded while `result` was made.
  init(_ events: [TraceEvent], result: GroupingResult) {
    self.result = result
    for (i, e) in result.episodes.enumerated() { episodeIndex[EpisodeKey(e)] = i }
    for a in result.assignments { assignments[a.line, default: []].append(a) }
    let store = result.store
    for event in events {
      switch event {
      case .notPositive(let line, let amount):
        notPositive[line] = amount
      case .trigger(let d, let line, let matches):
        triggers[line, default: []].append((d, matches))
      case .anchor(let d, let claim, let anchor, let kind, let transfers):
        anchors[EpisodeKey(definition: d, triggerClaim: claim)] = (anchor, kind, transfers)
      case .transferLeg(let d, let claim, _), .notEffective(let d, let claim, _),
        .earlierVersion(let d, let claim, _), .absorbed(let d, let claim, _):
        dropped[EpisodeKey(definition: d, triggerClaim: claim)] = event
        if case .absorbed(_, _, let into) = event { absorbed[into, default: []].append(claim) }
      case .confirmation(let d, let claim, let line):
        if line == nil { dropped[EpisodeKey(definition: d, triggerClaim: claim)] = event }
      case .endedByRepeat(let key, let last, let by):
        windowChanges[key, default: []].append(
          "ended \(last), the day before the anchor of a new trigger, claim "
            + "\(store.claims.string(by)) ($.repeat_trigger: end_open)")
      case .endedAtDeath(let key, let day, let claim):
        let evidence =
          claim.map { "an expired discharge status on claim \(store.claims.string($0))" }
          ?? "the members file's death date"
        windowChanges[key, default: []].append(
          "ended \(day) by a death after the anchor, \(evidence) "
            + "($.windows.post_anchor.ends_at_death)")
      case .cancelled(let key, let cause):
        cancelled[key] = cause
      case .assignmentPass:
        decisions.removeAll()
      case .line(let line, let key, let decision):
        decisions[line, default: []].append((key, decision))
      }
    }
  }

  /// The episode id of a key (cancelled and dropped episodes keep their id).
  func id(_ key: EpisodeKey) -> String {
    result.definitions[key.definition].id + "-" + result.store.claims.string(key.triggerClaim)
  }

  /// The result episodes whose window or anchor holds the line at `index`.
  func episodesTouching(_ index: Int) -> [Int] {
    let line = result.store.lines[index]
    return result.episodes.indices.filter { i in
      let e = result.episodes[i]
      return e.isAnchorClaim(line.claim) || (e.payer == line.payer && e.window.contains(line.from))
    }
  }

  // MARK: - Episodes

  /// The episode at `index` of the result, explained.
  func explainEpisode(_ index: Int) -> ExplainedEpisode {
    let e = result.episodes[index]
    let key = EpisodeKey(e)
    let d = result.definitions[e.definition]
    let store = result.store
    let triggerLine = store.lines[e.triggerLine]
    let matches = triggers[e.triggerLine]?.first { $0.0 == e.definition }?.1 ?? []
    let kind = anchors[key]?.1 ?? d.anchor.kind(for: triggerLine.type)
    var decidedBy: String?
    var decidedByPath: String?
    switch cancelled[key] {
    case .rule(let k)?:
      decidedBy = "cancel[\(k)]"
      decidedByPath = "$.cancel[\(k)]"
    case .repeatTrigger?:
      decidedBy = "repeat_trigger"
      decidedByPath = "$.repeat_trigger"
    case .chronological?:
      decidedBy = "overlap"
      decidedByPath = "$.overlap"
    case .nested?:
      decidedBy = "nested"
      decidedByPath = "$.when_trigger_taken"
    case nil:
      if e.status == .open { decidedBy = "data_through" }
    }
    return ExplainedEpisode(
      id: result.episodeID(e), definition: d.id, version: d.version, file: d.file,
      payer: store.payers.string(e.payer), triggerClaim: store.claims.string(e.triggerClaim),
      triggerLine: Int(triggerLine.line), triggerMatches: matches, anchorKind: kind.rawValue,
      anchor: e.anchor, transferClaims: e.transferClaims.map { store.claims.string($0) },
      window: e.window, windowRule: Self.windowRule(d),
      windowChanges: windowChanges[key] ?? [],
      absorbed: (absorbed[key] ?? []).map { store.claims.string($0) },
      status: e.status.rawValue, reason: e.reason, decidedBy: decidedBy,
      decidedByPath: decidedByPath, lineCount: e.lineCount, allowedTotal: e.allowedTotal)
  }

  /// A definition's window rule in words, with the JSON paths that set it.
  static func windowRule(_ d: EpisodeDefinition) -> String {
    var parts: [String] = []
    if d.preAnchorDays > 0 {
      parts.append(
        "\(d.preAnchorDays) day\(d.preAnchorDays == 1 ? "" : "s") before the anchor"
          + (d.preAnchorTest == nil
            ? " ($.windows)" : " for the lines passing $.windows.pre_anchor.when"))
    }
    parts.append("the anchor")
    let post = d.postAnchor
    if post.days > 0 {
      let one =
        post.dayOne == .anchorEnd ? "the anchor's last day" : "the day after the anchor's last day"
      parts.append(
        "\(post.days) days after it, day 1 = \(one) ($.windows.post_anchor.day_one: "
          + "\(post.dayOne.rawValue))"
          + (post.endsAtDeath
            ? ", or through the day of a death after the anchor "
              + "($.windows.post_anchor.ends_at_death)" : ""))
    }
    return parts.joined(separator: ", ")
  }

  // MARK: - Lines

  /// The grouped line at `index`, explained.
  func explain(_ index: Int) -> ExplainedLine {
    let store = result.store
    let line = store.lines[index]
    var out = ExplainedLine(
      claim: store.claims.string(line.claim), line: Int(line.line), type: line.type.name,
      from: line.from, thru: line.thru, allowed: line.allowed, disposition: .unassigned, why: "",
      episode: nil, allocated: nil, triggers: [], verdicts: [])
    if let amount = notPositive[index] {
      out.disposition = .notPositive
      out.why =
        line.type.isPaidPerClaim
        ? "never grouped: the claim's total \(amount) is not positive (a \(line.type.name) claim "
          + "is tested on its total, as CMS does)"
        : "never grouped: its amount \(amount) is not positive (as CMS does)"
      return out
    }
    out.triggers = (triggers[index] ?? []).map { explainTrigger($0.0, $0.1, line: line) }
    let mine = decisions[index] ?? []
    out.verdicts = mine.map { explainVerdict($0.0, $0.1, line: line) }

    // The episode the run counts the line in: the exclusive one, else the first shared one.
    let included = mine.filter {
      if case .included = $0.1 { return true }
      return false
    }.map(\.0)
    let primary =
      included.first { result.definitions[$0.definition].overlap == .exclusive }
      ?? included.first
    if let primary, let e = episodeIndex[primary],
      let a = assignments[index]?.first(where: { $0.episode == e })
    {
      out.disposition = .assigned
      out.episode = id(primary)
      out.allocated = a.allocated
      out.why = "counted in \(id(primary)): \(a.allocated) of \(line.allowed)"
      let others = included.filter { $0 != primary }.map(id)
      if !others.isEmpty {
        out.why += "; also counted in \(others.joined(separator: ", ")) (shared or another program)"
      }
      return out
    }
    out.why = unassignedWhy(index, line: line, verdicts: out.verdicts)
    return out
  }

  /// Why a grouped line is counted in no episode.
  private func unassignedWhy(_ index: Int, line: ClaimLine, verdicts: [ExplainedVerdict])
    -> String
  {
    if !verdicts.isEmpty {
      return "every episode whose window holds it left it out ("
        + verdicts.map { "\($0.episode): \($0.text)" }.joined(separator: "; ") + ")"
    }
    let store = result.store
    let windows = result.episodes.filter {
      $0.payer == line.payer && $0.window.contains(line.from)
    }
    if !windows.isEmpty {
      return "it falls only in the window of cancelled episode"
        + (windows.count == 1 ? " " : "s ")
        + windows.map { "\(result.episodeID($0)) (\($0.reason))" }.joined(separator: ", ")
    }
    if result.episodes.isEmpty {
      return triggers.isEmpty
        ? "no trigger: no line of the member passes a definition's trigger"
        : "no episode: the member's triggers started none (see each trigger)"
    }
    let payerEpisodes = result.episodes.filter { $0.payer == line.payer }
    guard !payerEpisodes.isEmpty else {
      return "no episode of payer \(store.payers.string(line.payer))"
    }
    return "outside every episode window ("
      + payerEpisodes.map {
        "\(result.episodeID($0)): \($0.window.first) through \($0.window.last)"
      }
      .joined(separator: "; ") + ")"
  }

  /// What became of a trigger the line passed for definition `d`.
  private func explainTrigger(_ d: Int, _ matches: [PredicateMatch], line: ClaimLine)
    -> ExplainedTrigger
  {
    let store = result.store
    let def = result.definitions[d]
    let key = EpisodeKey(definition: d, triggerClaim: line.claim)
    var t = ExplainedTrigger(
      definition: def.id, version: def.version, matches: matches, outcome: "", episode: nil,
      text: "")
    switch dropped[key] {
    case .transferLeg(_, _, let end)?:
      t.outcome = "transfer_leg"
      t.text =
        "an earlier stay of a transfer chain that claim \(store.claims.string(end)) ends: the "
        + "chain's last stay triggers ($.transfers)"
    case .notEffective(_, _, let start)?:
      t.outcome = "not_effective"
      t.text =
        "its anchor starts \(start), outside the effective dates of version \(def.version) "
        + "(\(EpisodeDefinition.describe(def.effective)); $.effective)"
    case .confirmation?:
      t.outcome = "not_confirmed"
      let c = def.confirmation
      let days =
        "\(c?.minDaysAfter ?? 0)" + (c?.maxDaysAfter.map { " to \($0)" } ?? " or more")
      t.text =
        "not confirmed: no line of another claim of the payer passes the confirmation test "
        + "\(days) days after the anchor's start ($.confirmation)"
    case .absorbed(_, _, let into)?:
      t.outcome = "absorbed"
      t.episode = id(into)
      let start = anchors[key]?.0.first
      let host = episodeIndex[into].map { result.episodes[$0] }
      if let start, let host, start <= host.anchor.last {
        t.text =
          "absorbed into episode \(id(into)): its anchor starts \(start), within that episode's "
          + "anchor (\(host.anchor.first) through \(host.anchor.last))"
      } else {
        t.text =
          "absorbed into episode \(id(into)): its anchor starts "
          + (start.map { "\($0)" } ?? "") + " within that episode's window, and "
          + "$.repeat_trigger is absorb"
      }
    case .earlierVersion(_, _, let kept)?:
      t.outcome = "earlier_version"
      t.episode = id(EpisodeKey(definition: kept, triggerClaim: line.claim))
      t.text =
        "version \(result.definitions[kept].version) of \(def.id) anchors the claim too, and the "
        + "earlier version keeps it"
    default:
      if episodeIndex[key] != nil {
        t.outcome = "episode"
        t.episode = id(key)
        t.text = "starts episode \(id(key))"
      } else {
        t.outcome = "none"
        t.text = "starts no episode"
      }
    }
    return t
  }

  /// One episode's decision about a line of its window, explained.
  private func explainVerdict(_ key: EpisodeKey, _ decision: LineDecision, line: ClaimLine)
    -> ExplainedVerdict
  {
    let store = result.store
    let episode = result.episodes[episodeIndex[key]!]
    let d = result.definitions[key.definition]
    let period = LineContext(line, in: episode).period!
    var v = ExplainedVerdict(
      episode: id(key), period: period.rawValue,
      windowDay: episode.window.first.days(to: line.from) + 1, dayText: "", decision: "",
      matches: [], text: "")
    switch period {
    case .pre:
      let n = line.from.days(to: episode.anchor.first)
      v.daysBeforeAnchor = n
      v.dayText =
        "pre-anchor, \(n) day\(n == 1 ? "" : "s") before the anchor's first day \(episode.anchor.first)"
    case .anchor:
      let k = episode.anchor.first.days(to: line.from) + 1
      v.anchorDay = k
      v.dayText =
        "anchor day \(k) of \(episode.anchor.dayCount) (day 1 = \(episode.anchor.first), the anchor's first day)"
    case .post:
      let post = d.postAnchor
      let afterEnd = post.dayOne == .dayAfterAnchorEnd
      let p = episode.anchor.last.days(to: line.from) + (afterEnd ? 0 : 1)
      v.postAnchorDay = p
      let one = afterEnd ? episode.anchor.last.adding(days: 1) : episode.anchor.last
      v.dayText =
        "post-anchor day \(p) of \(post.days) (day 1 = \(one), "
        + (afterEnd ? "the day after the anchor's last day" : "the anchor's last day")
        + ": $.windows.post_anchor.day_one \(post.dayOne.rawValue))"
    }
    switch decision {
    case .otherPayer:
      v.decision = "other_payer"
      v.text =
        "the line is of payer \(store.payers.string(line.payer)), the episode of payer "
        + store.payers.string(episode.payer)
    case .takenBy(let other):
      v.decision = "taken_by"
      v.takenBy = id(other)
      let o = result.episodes[episodeIndex[other]!]
      let od = result.definitions[other.definition]
      v.text =
        "counted first by exclusive episode \(id(other)) of the same program (precedence "
        + "\(od.precedence), anchor from \(o.anchor.first)) before this one (precedence "
        + "\(d.precedence), anchor from \(episode.anchor.first)): exclusive episodes take a line "
        + "in order of precedence, anchor start, definition id and trigger claim ($.precedence)"
    case .notInPreAnchor:
      v.decision = "not_in_pre_anchor"
      v.text = "before the anchor, and it fails the test of $.windows.pre_anchor.when"
    case .excluded(let x, let matches):
      let rule = d.exclude[x]
      v.decision = "excluded"
      v.rule = rule.id
      v.rulePath = "$.exclude[\(x)]"
      v.reason = rule.reason
      v.matches = matches
      v.text =
        "excluded by rule '\(rule.id)' ($.exclude[\(x)]): \(rule.reason)" + Self.matched(matches)
    case .leftWithStay(let x, let stay):
      let rule = d.exclude[x]
      v.decision = "left_with_stay"
      v.rule = rule.id
      v.rulePath = "$.exclude[\(x)].extends_to"
      v.reason = rule.reason
      v.text =
        "left out with stay \(store.claims.string(stay)), which rule '\(rule.id)' "
        + "($.exclude[\(x)]) excludes: \(rule.reason); its extends_to takes the lines dated "
        + "during the stay"
    case .noInclusionRule:
      v.decision = "no_inclusion_rule"
      v.text = "no inclusion rule ($.include) matches it"
    case .straddleExcluded:
      v.decision = "straddle_excluded"
      v.text =
        "it ends \(line.thru), after the window's last day \(episode.window.last), and its "
        + "straddle policy is exclude"
    case .included(let r, let matches, let allocated, let proration):
      let rule = d.include[r]
      v.decision = "included"
      v.rule = rule.id
      v.rulePath = "$.include[\(r)]"
      v.category = rule.category
      v.matches = matches
      v.allocated = allocated
      v.text =
        "included by rule '\(rule.id)' ($.include[\(r)], category \(rule.category))"
        + Self.matched(matches) + "; counted \(allocated)"
      if let proration {
        let p = Self.explain(proration, line: line, rule: r, definition: d, episode: episode)
        v.proration = p
        v.text += ": " + p.text
      }
    }
    return v
  }

  /// `: drg 470 in lejr_drgs` for the code tests a line passed, or nothing.
  static func matched(_ matches: [PredicateMatch]) -> String {
    guard !matches.isEmpty else { return "" }
    return ": "
      + matches.map { "\($0.field.rawValue) \($0.code) in \($0.codeSet)" }.joined(
        separator: ", ")
  }

  /// A proration's arithmetic, with the straddle policy and where it is set.
  static func explain(
    _ p: Proration, line: ClaimLine, rule r: Int, definition d: EpisodeDefinition,
    episode: Episode
  ) -> ExplainedProration {
    let rule = d.include[r]
    let policy = d.straddle.policy(for: line.type, rule: rule)
    let path =
      rule.straddle != nil
      ? "$.include[\(r)].straddle"
      : d.straddle.byClaimType[line.type] != nil
        ? "$.straddle.by_claim_type.\(line.type.name)" : "$.straddle.default"
    let a = line.allowed
    let rounding = " (rounded to the cent, halves away from zero)"
    let end = episode.window.last
    func tenths(_ t: Int64) -> String { "\(t / 10).\(t % 10)" }
    var basis: String
    var text: String
    switch p.basis {
    case .days:
      basis = "days"
      text =
        "it ends \(line.thru), after the window's last day \(end): \(a) × \(p.numerator) days "
        + "inside (\(line.from) through \(end)) ÷ \(p.denominator) days of the line "
        + "(\(line.from) through \(line.thru)) = \(p.allocated)" + rounding
    case .stayDays(let type):
      basis = "stay_days"
      text =
        "a stay at a \(type.rawValue) facility, which CMS does not pay by MS-DRG, by days of the "
        + "stay: \(a) × \(p.numerator) days inside ÷ \(p.denominator) days of the stay = "
        + "\(p.allocated)" + rounding
    case .gmlos(let drg, let days, let capped):
      basis = "gmlos"
      text =
        "days = window end \(end) − admission + 1 = \(days); the FY2026 GMLOS of MS-DRG \(drg) "
        + "is \(tenths(p.denominator)); days < GMLOS − 1, so \(a) × (\(days) + 1) ÷ "
        + "\(tenths(p.denominator)) = \(p.allocated)" + rounding
        + (capped ? ", at most the amount" : "")
    case .gmlosWhole(let drg, let days):
      basis = "gmlos_whole"
      text =
        "days = window end \(end) − admission + 1 = \(days) ≥ GMLOS − 1 (the FY2026 GMLOS of "
        + "MS-DRG \(drg) is \(tenths(p.denominator))): the whole amount"
    case .noGMLOS:
      basis = "no_gmlos"
      text = "the stay's MS-DRG has no GMLOS in the FY2026 table: the whole amount"
    case .visits:
      basis = "visits"
      text =
        "\(a) × \(p.numerator) visits of the claim on or before \(end) ÷ \(p.denominator) visits "
        + "of the claim = \(p.allocated)" + rounding
    case .claimDays:
      basis = "claim_days"
      text =
        "a home-health claim without visit lines, by its days: \(a) × \(p.numerator) days inside "
        + "÷ \(p.denominator) days of the claim = \(p.allocated)" + rounding
    }
    let away = a - p.allocated
    text =
      "prorated under straddle policy \(policy.rawValue) (\(path)): " + text
      + "; \(away) prorated away"
    return ExplainedProration(
      policy: policy.rawValue, policyPath: path, basis: basis, numerator: p.numerator,
      denominator: p.denominator, allocated: p.allocated, proratedAway: away, text: text)
  }
}
