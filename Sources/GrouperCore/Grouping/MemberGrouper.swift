import GrouperSupport

/// Everything the grouping of one member needs, shared read-only by all worker threads.
///
/// A class, so the closures of the per-member sorts and passes share one reference rather than
/// copy (and retain and release) every array of the store on each call.
final class GroupingContext: Sendable {
  let store: ClaimStore
  let definitions: [CompiledDefinition]
  /// Members by member id, when a members file was given.
  let members: [Member?]?
  /// The last day the data covers.
  let through: Day
  /// The first day the enrolment data covers, when known to start late.
  let coverageKnownFrom: Day?
  /// Discharge-status code ids that mean the patient expired.
  let expiredStatuses: Set<UInt32>
  /// For each definition, the index of the first version of its id (its own index when the id
  /// has one version); definitions are sorted by id, then effective start.
  let firstVersion: [Int]
  /// Whether some definition id has several versions.
  let hasVersions: Bool

  /// A context from each of its fields.
  init(
    store: ClaimStore, definitions: [CompiledDefinition], members: [Member?]?, through: Day,
    coverageKnownFrom: Day?, expiredStatuses: Set<UInt32>, firstVersion: [Int], hasVersions: Bool
  ) {
    self.store = store
    self.definitions = definitions
    self.members = members
    self.through = through
    self.coverageKnownFrom = coverageKnownFrom
    self.expiredStatuses = expiredStatuses
    self.firstVersion = firstVersion
    self.hasVersions = hasVersions
  }

  /// NUBC patient discharge status codes meaning death: 20 expired; 40, 41, 42 expired at home,
  /// in a medical facility, or place unknown (hospice claims).
  static let expiredStatusCodes = ["20", "40", "41", "42"]
}

/// The episodes, assignments and totals of a block of members, with episode indices local to it.
struct BlockResult: Sendable {
  var episodes: [Episode] = []
  var assignments: [Assignment] = []
  var exclusions: [ExcludedLine] = []
  var accounting = LineAccounting()
}

/// A trigger line within one program's exclusive episodes.
struct TriggerKey: Hashable {
  var line: Int
  var program: Int
}

/// A claim that passed a definition's trigger test, before it becomes an episode.
private struct Trigger {
  var claim: UInt32
  var line: Int
  var payer: UInt32
  var anchor: DayRange
  /// The earlier stays of a transfer chain ending with this claim.
  var transferClaims: [UInt32] = []
}

/// A stay that may chain with others into one anchor (see ``TransferRule``).
struct Stay {
  var claim: UInt32
  var payer: UInt32
  var admit: Day
  var discharge: Day
  var provider: UInt32
}

extension GroupingContext {
  /// Groups one member's lines (store indices, sorted by from date, claim id and line number)
  /// and appends the episodes, in output order, to `result`; records each decision in `trace`
  /// when one is given.
  func group(
    memberLines allLines: [Int], into result: inout BlockResult, trace: GroupingTrace? = nil
  ) {
    let (lines, notPositive) = groupableLines(allLines)
    for (index, amount) in notPositive {
      trace?.record(.notPositive(line: index, amount: amount))
      result.accounting.linesUnassigned += 1
      result.accounting.dollarsUnassigned += store.lines[index].allowed
      result.accounting.linesNotPositive += 1
      result.accounting.dollarsNotPositive += store.lines[index].allowed
    }
    var episodes: [Episode] = []
    for d in definitions.indices {
      episodes += buildEpisodes(definition: d, lines: lines, trace: trace)
    }
    if hasVersions { keepOneVersionPerTrigger(&episodes, trace: trace) }
    guard !episodes.isEmpty else {
      for index in lines {
        result.accounting.linesUnassigned += 1
        result.accounting.dollarsUnassigned += store.lines[index].allowed
      }
      return
    }
    for e in episodes.indices
    where episodes[e].status != .cancelled
      && definitions[episodes[e].definition].definition.postAnchor.endsAtDeath
    {
      if let (death, claim) = deathAfterAnchor(episodes[e], lines: allLines) {
        episodes[e].window.last = death
        trace?.record(.endedAtDeath(EpisodeKey(episodes[e]), day: death, claim: claim))
      }
    }
    for e in episodes.indices where episodes[e].status != .cancelled {
      if let (rule, reason) = cancellationReason(episodes[e], lines: allLines) {
        episodes[e].status = .cancelled
        episodes[e].reason = reason
        trace?.record(.cancelled(EpisodeKey(episodes[e]), by: .rule(rule)))
      }
    }
    resolveChronologically(&episodes, trace: trace)
    for e in episodes.indices
    where episodes[e].status != .cancelled && episodes[e].window.last > through {
      episodes[e].status = .open
      episodes[e].reason =
        "window ends \(episodes[e].window.last), after the data's last date \(through)"
    }

    // Output order: start date, definition id, trigger claim id. Local index = output position.
    episodes.sort { a, b in
      if a.window.first != b.window.first { return a.window.first < b.window.first }
      let da = definitions[a.definition].definition.id
      let db = definitions[b.definition].definition.id
      if da != db { return da < db }
      return store.claims.precedes(a.triggerClaim, b.triggerClaim)
    }
    // Assign lines; an exclusive episode whose trigger line another exclusive episode takes is
    // nested in it and cancelled, and the lines are assigned again without it.
    var pass = assign(lines, to: &episodes, trace: trace)
    while let (nested, owner) = firstNestedEpisode(episodes, pass) {
      episodes[nested].status = .cancelled
      let ownerID =
        definitions[episodes[owner].definition].definition.id + "-"
        + store.claims.string(episodes[owner].triggerClaim)
      episodes[nested].reason =
        "nested in episode \(ownerID), which counts its trigger claim (precedence)"
      trace?.record(
        .cancelled(EpisodeKey(episodes[nested]), by: .nested(EpisodeKey(episodes[owner]))))
      pass = assign(lines, to: &episodes, trace: trace)
    }
    var assignments = pass.assignments
    var exclusions = pass.exclusions
    result.accounting.add(pass.accounting)

    // Lines within an episode in claim id and line order.
    func lineOrder(_ a: Int, _ b: Int) -> Bool {
      let x = store.lines[a]
      let y = store.lines[b]
      if x.claim != y.claim { return store.claims.precedes(x.claim, y.claim) }
      return x.line < y.line
    }
    assignments.sort {
      $0.episode != $1.episode ? $0.episode < $1.episode : lineOrder($0.line, $1.line)
    }
    exclusions.sort {
      $0.episode != $1.episode ? $0.episode < $1.episode : lineOrder($0.line, $1.line)
    }
    let base = result.episodes.count
    result.episodes += episodes
    result.assignments += assignments.map {
      var a = $0
      a.episode += base
      return a
    }
    result.exclusions += exclusions.map {
      var x = $0
      x.episode += base
      return x
    }
  }

  /// One assignment of a member's lines to its episodes.
  private struct AssignmentPass {
    var assignments: [Assignment] = []
    var exclusions: [ExcludedLine] = []
    var accounting = LineAccounting()
    /// The exclusive episode that took each trigger line, by line index and program.
    var triggerLineOwner: [TriggerKey: Int] = [:]
  }

  /// Assigns each line to the episodes that count it (see ``OverlapPolicy``), setting each
  /// episode's line count and total; records what each episode decided about each line of its
  /// window in `trace`.
  private func assign(_ lines: [Int], to episodes: inout [Episode], trace: GroupingTrace?)
    -> AssignmentPass
  {
    trace?.record(.assignmentPass)
    var pass = AssignmentPass()
    let claimOrder = episodes.indices.filter { episodes[$0].status != .cancelled }.sorted { i, j in
      let a = episodes[i]
      let b = episodes[j]
      let pa = definitions[a.definition].definition.precedence
      let pb = definitions[b.definition].definition.precedence
      if pa != pb { return pa < pb }
      if a.anchor.first != b.anchor.first { return a.anchor.first < b.anchor.first }
      let da = definitions[a.definition].definition.id
      let db = definitions[b.definition].definition.id
      if da != db { return da < db }
      return store.claims.precedes(a.triggerClaim, b.triggerClaim)
    }
    let triggerLines = Set(claimOrder.map { episodes[$0].triggerLine })
    for e in episodes.indices {
      episodes[e].lineCount = 0
      episodes[e].allowedTotal = .zero
    }
    let leaving = staysLeavingWithExclusions(lines, episodes: episodes, order: claimOrder)
    var visits: HomeHealthVisits?
    var shared: [Cents] = []
    var taken: [Int] = []  // the programs whose exclusive episodes took the line
    for index in lines {
      let line = store.lines[index]
      var exclusive: Cents?
      shared.removeAll(keepingCapacity: true)
      taken.removeAll(keepingCapacity: true)
      for e in claimOrder {
        let episode = episodes[e]
        guard episode.window.contains(line.from) else { continue }
        func decided(_ decision: @autoclosure () -> LineDecision) {
          trace?.record(.line(line: index, episode: EpisodeKey(episode), decision: decision()))
        }
        guard episode.payer == line.payer else {
          decided(.otherPayer)
          continue
        }
        let compiled = definitions[episode.definition]
        let isShared = compiled.definition.overlap == .shared
        if !isShared && taken.contains(compiled.program) {
          if let trace,
            let first = pass.assignments.last(where: {
              $0.line == index
                && definitions[episodes[$0.episode].definition].program
                  == compiled.program
                && definitions[episodes[$0.episode].definition].definition.overlap == .exclusive
            })
          {
            trace.record(
              .line(
                line: index, episode: EpisodeKey(episode),
                decision: .takenBy(EpisodeKey(episodes[first.episode]))))
          }
          continue
        }
        let context = LineContext(line, in: episode)
        if line.from < episode.anchor.first, let pre = compiled.preAnchor,
          !pre.test(line, context, store)
        {
          decided(.notInPreAnchor)
          continue
        }
        if let x = compiled.exclude.firstIndex(where: { $0.test(line, context, store) }) {
          pass.exclusions.append(ExcludedLine(episode: e, line: index, cause: .rule(x)))
          decided(.excluded(rule: x, matches: compiled.exclude[x].matches(line, context, store)))
          continue
        }
        if let stays = leaving[e], context.period != .anchor, !context.isTriggerClaim,
          let stay = stays.first(where: {
            $0.days.contains(line.from) && $0.claim != line.claim
              && compiled.extendsTo[$0.rule]!.test(line, context, store)
          })
        {
          pass.exclusions.append(ExcludedLine(episode: e, line: index, cause: .rule(stay.rule)))
          decided(.leftWithStay(rule: stay.rule, stay: stay.claim))
          continue
        }
        guard let r = compiled.include.firstIndex(where: { $0.test(line, context, store) }) else {
          decided(.noInclusionRule)
          continue
        }
        var allocated = line.allowed
        var proration: Proration?
        let policy = compiled.definition.straddle.policy(
          for: line.type, rule: compiled.definition.include[r])
        if policy == .prorateVisits && line.type == .homeHealth {
          if visits == nil { visits = HomeHealthVisits(lines, store: store) }
          proration = visits!.share(of: line, windowEnd: episode.window.last)
        } else if line.thru > episode.window.last {
          switch policy {
          case .prorate, .prorateVisits:
            proration = Self.prorateByDays(line, windowEnd: episode.window.last)
          case .prorateGMLOS:
            proration = prorateByGMLOS(line, windowEnd: episode.window.last)
          case .whole:
            break
          case .exclude:
            pass.exclusions.append(ExcludedLine(episode: e, line: index, cause: .straddle))
            decided(.straddleExcluded)
            continue
          }
        }
        if let proration { allocated = proration.allocated }
        decided(
          .included(
            rule: r, matches: compiled.include[r].matches(line, context, store),
            allocated: allocated, proration: proration))
        pass.assignments.append(Assignment(episode: e, line: index, rule: r, allocated: allocated))
        episodes[e].lineCount += 1
        episodes[e].allowedTotal += allocated
        if isShared || exclusive != nil {
          // Counted again: by a shared episode, or by an episode of another program.
          shared.append(allocated)
        } else {
          exclusive = allocated
        }
        if !isShared {
          taken.append(compiled.program)
          if triggerLines.contains(index) {
            pass.triggerLineOwner[TriggerKey(line: index, program: compiled.program)] = e
          }
        }
      }
      if let primary = exclusive ?? shared.first {
        pass.accounting.linesAssigned += 1
        pass.accounting.dollarsAssigned += primary
        pass.accounting.dollarsProratedAway += line.allowed - primary
        let sharedTotal = shared.reduce(Cents.zero, +)
        pass.accounting.alsoCountedInSharedEpisodes +=
          exclusive == nil ? sharedTotal - primary : sharedTotal
      } else {
        pass.accounting.linesUnassigned += 1
        pass.accounting.dollarsUnassigned += line.allowed
      }
    }
    return pass
  }

  /// The first exclusive episode, in output order, whose trigger line another episode took, and that episode.
  private func firstNestedEpisode(_ episodes: [Episode], _ pass: AssignmentPass) -> (Int, Int)? {
    for (e, episode) in episodes.enumerated() where episode.status != .cancelled {
      guard definitions[episode.definition].definition.overlap == .exclusive,
        definitions[episode.definition].definition.whenTriggerTaken == .cancel,
        let owner = pass.triggerLineOwner[
          TriggerKey(line: episode.triggerLine, program: definitions[episode.definition].program)],
        owner != e
      else { continue }
      return (e, owner)
    }
    return nil
  }

  /// The episodes one definition makes of a member's lines, before cancellation rules and status;
  /// records in `trace` each trigger and what became of it.
  private func buildEpisodes(definition d: Int, lines: [Int], trace: GroupingTrace?) -> [Episode] {
    let compiled = definitions[d]
    var triggers: [Trigger] = []
    var byClaim: [UInt32: Int] = [:]
    // An anchor starts on or before its trigger line's from date, so a line dated before the
    // definition takes effect can never start an episode in force.
    let effectiveFrom = compiled.definition.effective.first
    // Lines come in from-date order: a member whose last line is before that date has none.
    guard let last = lines.last, store.lines[last].from >= effectiveFrom else { return [] }
    for index in lines {
      let line = store.lines[index]
      guard line.from >= effectiveFrom, compiled.trigger.test(line, .outside, store),
        byClaim[line.claim] == nil
      else { continue }
      // Lines come in from-date order, so the first passing line has the earliest service day.
      if let trace {
        trace.record(
          .trigger(
            definition: d, line: index, matches: compiled.trigger.matches(line, .outside, store)))
      }
      byClaim[line.claim] = triggers.count
      triggers.append(
        Trigger(
          claim: line.claim, line: index, payer: line.payer, anchor: DayRange(line.from, line.from))
      )
    }
    guard !triggers.isEmpty else { return [] }
    // A stay anchor runs from the claim's admission to its discharge, over all its lines.
    var stayStarted = Set<Int>()
    for index in lines {
      let line = store.lines[index]
      guard let t = byClaim[line.claim] else { continue }
      let kind = compiled.definition.anchor.kind(for: store.lines[triggers[t].line].type)
      guard kind == .stay else { continue }
      if stayStarted.insert(t).inserted {
        triggers[t].anchor = DayRange(line.admit, line.discharge)
      } else {
        triggers[t].anchor.first = min(triggers[t].anchor.first, line.admit)
        triggers[t].anchor.last = max(triggers[t].anchor.last, line.discharge)
      }
    }
    if let legs = compiled.transferLegs {
      // A transfer chain is one anchor, triggered by its last stay; earlier stays never trigger.
      let chains = transferChains(lines, legs: legs)
      triggers = triggers.compactMap { t in
        guard let chain = chains[t.claim] else { return t }
        // A chain holds two stays or more, so it has a last one.
        guard let end = chain.last?.claim, end == t.claim else {
          if let end = chain.last?.claim {
            trace?.record(.transferLeg(definition: d, claim: t.claim, chainEnd: end))
          }
          return nil
        }
        let kind = compiled.definition.anchor.kind(for: store.lines[t.line].type)
        guard kind == .stay, chain.count > 1 else { return t }
        var merged = t
        merged.anchor = DayRange(
          chain[0].admit, max(t.anchor.last, chain[chain.count - 1].discharge))
        merged.transferClaims = chain.dropLast().map(\.claim)
        return merged
      }
    }
    if let trace {
      for t in triggers {
        trace.record(
          .anchor(
            definition: d, claim: t.claim, anchor: t.anchor,
            kind: compiled.definition.anchor.kind(for: store.lines[t.line].type),
            transferClaims: t.transferClaims))
        if !compiled.definition.effective.contains(t.anchor.first) {
          trace.record(.notEffective(definition: d, claim: t.claim, anchorStart: t.anchor.first))
        }
      }
    }
    triggers.removeAll { !compiled.definition.effective.contains($0.anchor.first) }
    if let confirmation = compiled.definition.confirmation, let test = compiled.confirmation {
      triggers.removeAll { t in
        let by = confirmingLine(t, confirmation, test, lines: lines)
        trace?.record(.confirmation(definition: d, claim: t.claim, line: by))
        return by == nil
      }
    }
    triggers.sort { a, b in
      if a.anchor.first != b.anchor.first { return a.anchor.first < b.anchor.first }
      if a.anchor.last != b.anchor.last { return a.anchor.last < b.anchor.last }
      return store.claims.precedes(a.claim, b.claim)
    }

    var episodes: [Episode] = []
    var openByPayer: [UInt32: Int] = [:]  // payer → index of its latest episode
    // Under chronological resolution every trigger is a candidate episode, and the overlap rule
    // decides between them (BPCI Advanced `e1_resolve_bpcia_overlap`).
    var chronological = false
    if case .chronological = compiled.definition.resolution { chronological = true }
    for t in triggers {
      if !chronological, let o = openByPayer[t.payer], t.anchor.first <= episodes[o].window.last {
        if t.anchor.first <= episodes[o].anchor.last || compiled.definition.repeatTrigger == .absorb
        {
          episodes[o].absorbedTriggers += 1
          trace?.record(.absorbed(definition: d, claim: t.claim, into: EpisodeKey(episodes[o])))
          continue
        }
        if compiled.definition.repeatTrigger == .cancelOpen {
          episodes[o].status = .cancelled
          trace?.record(.cancelled(EpisodeKey(episodes[o]), by: .repeatTrigger(t.claim)))
          episodes[o].reason =
            "superseded by a new \(compiled.definition.id) trigger: claim \(store.claims.string(t.claim)) with anchor from \(t.anchor.first)"
        } else {
          episodes[o].window.last = t.anchor.first.adding(days: -1)
          trace?.record(
            .endedByRepeat(EpisodeKey(episodes[o]), last: episodes[o].window.last, by: t.claim))
        }
      }
      openByPayer[t.payer] = episodes.count
      episodes.append(episode(from: t, definition: d, lines: lines))
    }
    return episodes
  }

  private func episode(from t: Trigger, definition d: Int, lines: [Int]) -> Episode {
    let compiled = definitions[d]
    let triggerLine = store.lines[t.line]
    func provider(_ line: ClaimLine) -> UInt32 {
      compiled.definition.accountableProvider == .renderingProvider
        ? line.renderingProvider : line.billingProvider
    }
    var accountable = t.transferClaims.isEmpty ? provider(triggerLine) : 0
    if accountable == 0 {
      // The trigger line names none, or a transfer chain's first stay names the provider (CMS
      // attributes the chain to the first hospital): take the first its lines name.
      let claim = t.transferClaims.first ?? t.claim
      let storeLines = store.lines
      accountable =
        lines.lazy.map { storeLines[$0] }.first { $0.claim == claim && provider($0) != 0 }.map(
          provider) ?? 0
    }
    return Episode(
      definition: d, member: triggerLine.member, payer: t.payer, triggerClaim: t.claim,
      triggerLine: t.line, transferClaims: t.transferClaims,
      anchor: t.anchor, window: compiled.definition.window(anchor: t.anchor),
      accountableProvider: accountable,
      status: .complete, reason: "", absorbedTriggers: 0, lineCount: 0, allowedTotal: .zero)
  }

  /// The first line of another claim of the member and payer that confirms the trigger within
  /// the days allowed, or nil when none does.
  private func confirmingLine(
    _ t: Trigger, _ c: Confirmation, _ test: CompiledPredicate, lines: [Int]
  ) -> Int? {
    let earliest = t.anchor.first.adding(days: c.minDaysAfter)
    let latest = c.maxDaysAfter.map { t.anchor.first.adding(days: $0) } ?? .distantFuture
    return lines.first { index in
      let line = store.lines[index]
      return line.claim != t.claim && line.payer == t.payer && line.from >= earliest
        && line.from <= latest
        && test.test(line, .outside, store)
    }
  }

  /// The first cancellation rule the episode meets (its index in the definition) and the reason
  /// with its evidence, or nil.
  private func cancellationReason(_ e: Episode, lines: [Int]) -> (Int, String)? {
    let compiled = definitions[e.definition]
    for (k, rule) in compiled.definition.cancel.enumerated() {
      switch rule.condition {
      case .death(let scope):
        let range = scope == .episode ? e.window : e.anchor
        for index in lines {
          let line = store.lines[index]
          if expiredStatuses.contains(line.dischargeStatus) && range.contains(line.discharge) {
            let status = store.code(line.dischargeStatus, .dischargeStatus)
            return (
              k,
              "\(rule.reason): discharge status \(status) on claim \(store.claims.string(line.claim)) (discharged \(line.discharge))"
            )
          }
        }
        if let death = members?[Int(e.member)]?.death, range.contains(death) {
          return (k, "\(rule.reason): death date \(death) in the members file")
        }
      case .coverageGap(let lookback):
        guard let members else { continue }
        guard let member = members[Int(e.member)] else {
          return (k, "\(rule.reason): the member has no row in the members file")
        }
        let first = min(e.window.first, e.anchor.first.adding(days: -lookback))
        let last = min(e.window.last, through)
        // CMS makes no enrolment check when its look-back reaches before the enrolment data
        // (BPCI Advanced `c6`: `if (enr_start >= 1)`).
        if let known = coverageKnownFrom, first < known { continue }
        if first <= last,
          let gap = member.firstUncoveredDay(
            in: DayRange(first, last), payer: store.payers.string(e.payer))
        {
          return (k, "\(rule.reason): no coverage on \(gap)")
        }
      case .anchorLongerThan(let days):
        let length = e.anchor.first.days(to: e.anchor.last)
        if length > days { return (k, "\(rule.reason): the anchor lasts \(length) days") }
      case .anyLine:
        let test = compiled.cancelLine[k]!
        for index in lines {
          let line = store.lines[index]
          guard line.payer == e.payer, e.window.contains(line.from) else { continue }
          if test.test(line, LineContext(line, in: e), store) {
            return (
              k,
              "\(rule.reason): claim \(store.claims.string(line.claim)) line \(line.line) (\(line.from))"
            )
          }
        }
      case .triggerClaim:
        let test = compiled.cancelLine[k]!
        for index in lines {
          let line = store.lines[index]
          guard e.isAnchorClaim(line.claim) else { continue }
          if test.test(line, LineContext(line, in: e), store) { return (k, rule.reason) }
        }
      }
    }
    return nil
  }
}
