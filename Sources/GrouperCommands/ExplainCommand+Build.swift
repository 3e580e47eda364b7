import GrouperCore
import GrouperSupport

extension Explanation {
  /// The explanation of one member's grouping.
  ///
  /// - Parameters:
  ///   - result: the grouping of the member's lines (after version resolution), with the trace
  ///     `events` the engine recorded while making it.
  ///   - read: the member's lines as read, before version resolution (the amount basis applied).
  ///   - whole: every line read, for the claims that supersede or reverse the member's.
  init(
    member: String, claim: String?, throughGiven: Bool, result: GroupingResult,
    events: [TraceEvent], read: ClaimStore, whole: ClaimStore
  ) {
    self.member = member
    self.claim = claim
    through = result.through
    self.throughGiven = throughGiven
    let facts = TraceFacts(events, result: result)
    let store = result.store

    // Lines read, in the engine's order, each with its index in the grouped store when grouped.
    var grouped: [LineID: Int] = [:]
    for (i, line) in store.lines.enumerated() { grouped[LineID(line)] = i }
    let order = read.lines.sorted { x, y in
      if x.from != y.from { return x.from < y.from }
      if x.claim != y.claim { return read.claims.precedes(x.claim, y.claim) }
      return x.line < y.line
    }
    var totals = ExplainedTotals()
    var lines: [ExplainedLine] = []
    var touched = Set<Int>()  // episodes the shown lines touch
    for line in order {
      totals.linesRead += 1
      totals.dollarsRead += line.allowed
      var explained: ExplainedLine
      if let index = grouped[LineID(line)] {
        explained = facts.explain(index)
        if explained.disposition == .notPositive { totals.linesNotPositive += 1 }
      } else {
        explained = Self.setAside(line, read: read, whole: whole)
        totals.linesSetAside += 1
      }
      if explained.disposition == .assigned {
        totals.linesAssigned += 1
        totals.dollarsAssigned += explained.allocated!
        totals.dollarsProratedAway += line.allowed - explained.allocated!
      } else {
        totals.linesUnassigned += 1
        totals.dollarsUnassigned += line.allowed
      }
      guard claim == nil || read.claims.string(line.claim) == claim else { continue }
      if let index = grouped[LineID(line)] { touched.formUnion(facts.episodesTouching(index)) }
      lines.append(explained)
    }
    self.lines = lines
    self.totals = totals
    episodes = result.episodes.indices.filter { claim == nil || touched.contains($0) }.map {
      facts.explainEpisode($0)
    }
  }

  /// A line resolution set aside before grouping, and why: the claim that supersedes or
  /// reverses it, or the reader's reason.
  static func setAside(_ line: ClaimLine, read: ClaimStore, whole: ClaimStore) -> ExplainedLine {
    let claim = read.claims.string(line.claim)
    var why: String
    if let reason = line.setAside {
      why = "set aside by the reader: \(reason.rawValue.replacingOccurrences(of: "_", with: " "))"
    } else if line.version == .reversal {
      why =
        "set aside: a reversal of claim \(whole.claims.string(line.replaces)), never grouped itself"
    } else {
      let naming = whole.lines.filter { $0.replaces == line.claim }
      let reversals = Set(naming.filter { $0.version == .reversal }.map(\.claim))
      let replacements = Set(naming.filter { $0.version == .replacement }.map(\.claim))
      func names(_ claims: Set<UInt32>) -> String {
        claims.map { whole.claims.string($0) }.sorted().joined(separator: ", ")
      }
      if !reversals.isEmpty {
        why = "set aside: claim \(claim) is reversed by claim \(names(reversals))"
      } else {
        why = "set aside: claim \(claim) is superseded by claim \(names(replacements))"
      }
    }
    return ExplainedLine(
      claim: claim, line: Int(line.line), type: line.type.name, from: line.from, thru: line.thru,
      allowed: line.allowed, disposition: .setAside, why: why, episode: nil, allocated: nil,
      triggers: [], verdicts: [])
  }
}

/// A claim line's identity across stores: its claim id and line number.
struct LineID: Hashable {
  /// The claim id's interned number (the stores of one read share their interners).
  var claim: UInt32
  /// The line number.
  var line: UInt32

  /// The id of `line`.
  init(_ line: ClaimLine) {
    self.claim = line.claim
    self.line = line.line
  }
}
