/// The grouping outputs as CSV text: `episodes.csv`, `episode_claims.csv` and `excluded_claims.csv`.
public enum EpisodeReports {
  /// The columns of `episodes.csv`.
  public static let episodeColumns = [
    "episode_id", "definition_id", "definition_version", "member_id", "payer_id",
    "accountable_provider",
    "trigger_claim_id", "anchor_start", "anchor_end", "start_date", "end_date", "status", "reason",
    "claim_lines",
    "allowed_total", "trigger_code", "absorbed_triggers",
  ]

  /// The columns of `episode_claims.csv`.
  public static let assignmentColumns = [
    "episode_id", "claim_id", "line", "category", "rule", "allowed_amount", "allocated_amount",
    "claim_type",
    "from_date", "thru_date", "period",
  ]

  /// The columns of `excluded_claims.csv`.
  public static let exclusionColumns = [
    "episode_id", "claim_id", "line", "rule", "reason", "allowed_amount", "claim_type", "from_date",
    "thru_date",
  ]

  /// An episode's id: the definition id and the trigger claim id (`LEJR-C1001`). A claim triggers
  /// at most one episode of a definition, and definition ids hold no `-`, so ids are unique, and
  /// the same claims always give the same ids.
  public static func episodeID(_ e: Episode, in result: GroupingResult) -> String {
    result.definitions[e.definition].id + "-" + result.store.claims.string(e.triggerClaim)
  }

  /// The code that identifies the trigger for pricing: the trigger line's MS-DRG, else its
  /// HCPCS code, else its principal diagnosis.
  public static func triggerCode(_ e: Episode, in result: GroupingResult) -> String {
    let store = result.store
    let line = store.lines[e.triggerLine]
    if line.drg != 0 { return store.code(line.drg, .msDRG) }
    if line.hcpcs != 0 { return store.code(line.hcpcs, .hcpcs) }
    return store.code(line.principalDx, .icd10CM)
  }

  /// `episodes.csv`: one row per episode.
  public static func episodes(_ result: GroupingResult) -> [UInt8] {
    let store = result.store
    var w = CSVWriter(header: episodeColumns)
    for e in result.episodes {
      let d = result.definitions[e.definition]
      w.field(episodeID(e, in: result))
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
      w.field(triggerCode(e, in: result))
      w.field(e.absorbedTriggers)
      w.endRow()
    }
    return w.bytes
  }

  /// `episode_claims.csv`: one row per claim line counted in an episode.
  public static func assignments(_ result: GroupingResult) -> [UInt8] {
    let store = result.store
    var w = CSVWriter(header: assignmentColumns)
    var ids: [String] = result.episodes.map { episodeID($0, in: result) }
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
  public static func exclusions(_ result: GroupingResult) -> [UInt8] {
    let store = result.store
    var w = CSVWriter(header: exclusionColumns)
    for x in result.exclusions {
      let e = result.episodes[x.episode]
      let line = store.lines[x.line]
      let d = result.definitions[e.definition]
      w.field(episodeID(e, in: result))
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
