import Dispatch
import GrouperCore
import GrouperSupport
import Synchronization

/// The grouping outputs as CSV text: `episodes.csv`, `episode_claims.csv` and `excluded_claims.csv`.
package enum EpisodeReports {
  /// The columns of `episodes.csv`.
  package static let episodeColumns = [
    "episode_id", "definition_id", "definition_version", "member_id", "payer_id",
    "accountable_provider",
    "trigger_claim_id", "anchor_start", "anchor_end", "start_date", "end_date", "status", "reason",
    "claim_lines",
    "allowed_total", "trigger_code", "absorbed_triggers",
  ]

  /// The columns of `episode_claims.csv`.
  package static let assignmentColumns = [
    "episode_id", "claim_id", "line", "category", "rule", "allowed_amount", "allocated_amount",
    "claim_type",
    "from_date", "thru_date", "period",
  ]

  /// The columns of `excluded_claims.csv`.
  package static let exclusionColumns = [
    "episode_id", "claim_id", "line", "rule", "reason", "allowed_amount", "claim_type", "from_date",
    "thru_date",
  ]

  /// The three tables at once, each built on its own thread: `episodes.csv`,
  /// `episode_claims.csv` and `excluded_claims.csv`.
  package static func tables(_ result: GroupingResult) -> (
    episodes: [UInt8], assignments: [UInt8], exclusions: [UInt8]
  ) {
    let built = Mutex([[UInt8]](repeating: [], count: 3))
    DispatchQueue.concurrentPerform(iterations: 3) { k in
      let bytes =
        k == 0 ? assignments(result) : k == 1 ? episodes(result) : exclusions(result)
      built.withLock { $0[k] = bytes }
    }
    return built.withLock { ($0[1], $0[0], $0[2]) }
  }

  /// `episodes.csv`: one row per episode.
  package static func episodes(_ result: GroupingResult) -> [UInt8] {
    let store = result.store
    var w = CSVWriter(header: episodeColumns)
    for e in result.episodes {
      let d = result.definitions[e.definition]
      w.field(result.episodeID(e))
      w.field(d.id)
      w.field(d.version)
      w.field(e.member, in: store.members)
      w.field(e.payer, in: store.payers)
      w.field(e.accountableProvider, in: store.codes(.provider))
      w.field(e.triggerClaim, in: store.claims)
      w.field(e.anchor.first)
      w.field(e.anchor.last)
      w.field(e.window.first)
      w.field(e.window.last)
      w.field(e.status.rawValue)
      w.field(e.reason)
      w.field(e.lineCount)
      w.field(e.allowedTotal)
      w.field(result.triggerCode(e))
      w.field(e.absorbedTriggers)
      w.endRow()
    }
    return w.bytes
  }

  /// `episode_claims.csv`: one row per claim line counted in an episode.
  package static func assignments(_ result: GroupingResult) -> [UInt8] {
    let store = result.store
    var w = CSVWriter(header: assignmentColumns)
    var ids: [String] = result.episodes.map { result.episodeID($0) }
    for a in result.assignments {
      let e = result.episodes[a.episode]
      let line = store.lines[a.line]
      let rule = result.definitions[e.definition].include[a.rule]
      w.field(ids[a.episode])
      w.field(line.claim, in: store.claims)
      w.field(Int(line.line))
      w.field(rule.category)
      w.field(rule.id)
      w.field(line.allowed)
      w.field(a.allocated)
      w.field(line.type.name)
      w.field(line.from)
      w.field(line.thru)
      w.field(LineContext(line, in: e).period!.rawValue)
      w.endRow()
    }
    ids.removeAll()
    return w.bytes
  }

  /// `excluded_claims.csv`: one row per line of an episode's window that its rules left out.
  package static func exclusions(_ result: GroupingResult) -> [UInt8] {
    let store = result.store
    var w = CSVWriter(header: exclusionColumns)
    for x in result.exclusions {
      let e = result.episodes[x.episode]
      let line = store.lines[x.line]
      let d = result.definitions[e.definition]
      w.field(result.episodeID(e))
      w.field(line.claim, in: store.claims)
      w.field(Int(line.line))
      switch x.cause {
      case .rule(let k):
        w.field(d.exclude[k].id)
        w.field(d.exclude[k].reason)
      case .straddle:
        w.field("straddle")
        w.field("ends \(line.thru), after the window's last day \(e.window.last)")
      }
      w.field(line.allowed)
      w.field(line.type.name)
      w.field(line.from)
      w.field(line.thru)
      w.endRow()
    }
    return w.bytes
  }
}
