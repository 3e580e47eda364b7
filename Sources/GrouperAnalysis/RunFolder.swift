import Foundation
import GrouperCore
import GrouperSupport

/// An earlier run's output folder read back: its `summary.json` figures, its episodes with their
/// category dollars from `episode_claims.csv`, and, when the run was priced, each priced
/// episode's target from `pricing.csv`.
package struct RunFolder: Sendable {
  /// The folder.
  package var path: String
  /// The figures of `summary.json`.
  package var summary: RunFigures
  /// The episodes.
  package var run: RunEpisodes
  /// Actual against target of each priced episode, when the run was priced.
  package var priced: [PricedFigures]?

  /// Reads the run folder at `path`; throws a located diagnostic for a missing or malformed file.
  package init(path: String) throws {
    self.path = path
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    let summaryPath = file("summary.json")
    guard let data = FileManager.default.contents(atPath: summaryPath) else {
      throw Diagnostic(at: SourceLocation(file: summaryPath), .runFileMissing("summary.json"))
    }
    summary = try RunFigures(Array(data), file: summaryPath)
    var episodes: [AnalysisEpisode] = []
    var index: [String: Int] = [:]
    let episodesPath = file("episodes.csv")
    try Self.require(episodesPath, "episodes.csv")
    try NamedColumns.read(path: episodesPath, columns: Self.episodeColumns, what: "episodes.csv") {
      row in
      guard let status = EpisodeStatus(rawValue: row.text("status")) else {
        throw Diagnostic(at: row.location("status"), .unknownRunStatus(row.text("status")))
      }
      index[row.text("episode_id")] = episodes.count
      episodes.append(
        AnalysisEpisode(
          id: row.text("episode_id"), definition: row.text("definition_id"),
          member: row.text("member_id"), payer: row.text("payer_id"),
          provider: row.text("accountable_provider"), triggerClaim: row.text("trigger_claim_id"),
          triggerCode: row.text("trigger_code"),
          window: DayRange(try row.day("start_date"), try row.day("end_date")), status: status,
          reason: row.text("reason"), lines: try row.int("claim_lines"),
          allowed: try row.cents("allowed_total"), categories: [:], hasReadmission: false,
          hasPostAcute: false))
    }
    let claimsPath = file("episode_claims.csv")
    try Self.require(claimsPath, "episode_claims.csv")
    try NamedColumns.read(
      path: claimsPath, columns: Self.assignmentColumns, what: "episode_claims.csv"
    ) { row in
      guard let k = index[row.text("episode_id")] else {
        throw Diagnostic(at: row.location("episode_id"), .unknownRunEpisode(row.text("episode_id")))
      }
      let category = row.text("category")
      let type = row.text("claim_type")
      let period = row.text("period")
      episodes[k].categories[category, default: .zero] += try row.cents("allocated_amount")
      if EpisodeFlags.isReadmission(
        category: category, claimType: type, period: period,
        onTriggerClaim: row.text("claim_id") == episodes[k].triggerClaim)
      {
        episodes[k].hasReadmission = true
      }
      if EpisodeFlags.isPostAcute(category: category, claimType: type, period: period) {
        episodes[k].hasPostAcute = true
      }
    }
    run = RunEpisodes(definitions: summary.definitions, episodes: episodes)
    let pricingPath = file("pricing.csv")
    if FileManager.default.fileExists(atPath: pricingPath) {
      var rows: [PricedFigures] = []
      try NamedColumns.read(path: pricingPath, columns: Self.pricingColumns, what: "pricing.csv") {
        row in
        // A thresholds design prices without a per-episode target: nothing to set against.
        guard row.text("pricing_status") == "priced",
          let target = try row.optionalCents("discounted_target")
        else { return }
        rows.append(
          PricedFigures(
            episode: row.text("episode_id"), definition: row.text("definition_id"),
            provider: row.text("accountable_provider"),
            target: target, actual: try row.cents("actual_ffs")))
      }
      priced = rows
    }
  }

  /// The columns of `episodes.csv` the analyses read.
  static let episodeColumns = [
    "episode_id", "definition_id", "member_id", "payer_id", "accountable_provider",
    "trigger_claim_id", "start_date", "end_date", "status", "reason", "claim_lines",
    "allowed_total", "trigger_code",
  ]
  /// The columns of `episode_claims.csv` the analyses read.
  static let assignmentColumns = [
    "episode_id", "claim_id", "category", "allocated_amount", "claim_type", "period",
  ]
  /// The columns of `pricing.csv` the report reads.
  static let pricingColumns = [
    "episode_id", "definition_id", "accountable_provider", "pricing_status", "discounted_target",
    "actual_ffs",
  ]

  /// Throws a missing-input diagnostic unless the run's file `name` is at `path`.
  static func require(_ path: String, _ name: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
      throw Diagnostic(at: SourceLocation(file: path), .runFileMissing(name))
    }
  }
}

/// One priced episode with a target: its target (after discount) and actual fee-for-service, from `pricing.csv`.
package struct PricedFigures: Sendable, Equatable {
  /// The episode id.
  package var episode: String
  /// The definition id.
  package var definition: String
  /// The accountable provider.
  package var provider: String
  /// The discounted target.
  package var target: Cents
  /// The actual fee-for-service.
  package var actual: Cents
}

/// The figures of a run's `summary.json` that the report shows: lines and dollars read and where
/// they went, episodes by status, the data's last date and the definition ids.
package struct RunFigures: Sendable, Equatable {
  /// The definition ids.
  package var definitions: [String]
  /// The data's last date, as written.
  package var through: String
  /// Claim lines read, rejected, assigned and unassigned.
  package var lines: [String: Int]
  /// Dollars read, rejected, assigned, unassigned and prorated away.
  package var dollars: [String: Cents]
  /// Episodes by status.
  package var byStatus: [String: Int]

  /// The names of the line figures, in the order the report shows them.
  package static let lineNames = ["read", "rejected", "assigned", "unassigned"]
  /// The names of the dollar figures, in the order the report shows them.
  package static let dollarNames = ["read", "rejected", "assigned", "unassigned", "prorated_away"]

  /// Reads the figures from `summary.json` bytes; throws a located diagnostic.
  package init(_ bytes: [UInt8], file: String) throws {
    let root = try JSONCursor(root: JSONParser.parse(bytes, file: file), file: file).object()
    definitions = try root.required("definitions").array().map {
      try $0.object().required("id").string()
    }
    through = try root.required("data_through").string()
    let l = try root.required("lines").object()
    lines = [:]
    for name in Self.lineNames { lines[name] = try l.required(name).int() }
    let d = try root.required("dollars").object()
    dollars = [:]
    for name in Self.dollarNames {
      let cursor = try d.required(name)
      guard case .success(let c) = Cents.parse(try cursor.decimalText()) else {
        throw cursor.error(.notARunAmount(try cursor.decimalText()))
      }
      dollars[name] = c
    }
    let s = try root.required("episodes").object().required("by_status").object()
    byStatus = [:]
    for status in EpisodeStatus.allCases {
      byStatus[status.rawValue] = try s.required(status.rawValue).int()
    }
  }
}
