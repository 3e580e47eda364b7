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

  /// Writes the three tables at once, each on its own thread, in pieces of about 1 MB:
  /// `episodes.csv`, `episode_claims.csv` and `excluded_claims.csv`. Throws the first file's
  /// error.
  package static func write(
    _ result: GroupingResult, episodes: StagedFile, assignments: StagedFile,
    exclusions: StagedFile
  ) throws {
    let failures = Mutex([(any Error)?](repeating: nil, count: 3))
    DispatchQueue.concurrentPerform(iterations: 3) { k in
      do {
        switch k {
        case 0: try Self.assignments(result, flush: assignments.write)
        case 1: try Self.episodes(result, flush: episodes.write)
        default: try Self.exclusions(result, flush: exclusions.write)
        }
      } catch {
        failures.withLock { $0[k] = error }
      }
    }
    if let failure = failures.withLock({ $0.compactMap { $0 }.first }) { throw failure }
  }

  /// The bytes a writer has gathered, handed to `flush` once they pass `piece` bytes (and at the
  /// end), so a table of millions of rows never sits whole in memory.
  private static func drain(
    _ w: inout CSVWriter, _ piece: Int, _ flush: ([UInt8]) throws -> Void, final: Bool = false
  ) rethrows {
    guard final || w.bytes.count >= piece else { return }
    try flush(w.bytes)
    // The same buffer serves the next piece: no fresh memory for the system to zero each time.
    w.removeAll()
  }

  /// A table's bytes whole, from the function that writes it in pieces (the collecting flush
  /// never throws).
  private static func whole(_ write: (([UInt8]) throws -> Void) throws -> Void) -> [UInt8] {
    var out: [UInt8] = []
    try? write { out += $0 }
    return out
  }

  /// `episodes.csv`: one row per episode.
  package static func episodes(_ result: GroupingResult) -> [UInt8] {
    whole { try episodes(result, flush: $0) }
  }

  /// `episodes.csv` in pieces, handed to `flush`.
  package static func episodes(
    _ result: GroupingResult, piece: Int = 1 << 20, flush: ([UInt8]) throws -> Void
  ) rethrows {
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
      try drain(&w, piece, flush)
    }
    try drain(&w, piece, flush, final: true)
  }

  /// `episode_claims.csv`: one row per claim line counted in an episode.
  package static func assignments(_ result: GroupingResult) -> [UInt8] {
    whole { try assignments(result, flush: $0) }
  }

  /// `episode_claims.csv` in pieces, handed to `flush`.
  package static func assignments(
    _ result: GroupingResult, piece: Int = 1 << 20, flush: ([UInt8]) throws -> Void
  )
    rethrows
  {
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
      try drain(&w, piece, flush)
    }
    ids.removeAll()
    try drain(&w, piece, flush, final: true)
  }

  /// `excluded_claims.csv`: one row per line of an episode's window that its rules left out.
  package static func exclusions(_ result: GroupingResult) -> [UInt8] {
    whole { try exclusions(result, flush: $0) }
  }

  /// `excluded_claims.csv` in pieces, handed to `flush`.
  package static func exclusions(
    _ result: GroupingResult, piece: Int = 1 << 20, flush: ([UInt8]) throws -> Void
  )
    rethrows
  {
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
      try drain(&w, piece, flush)
    }
    try drain(&w, piece, flush, final: true)
  }
}
