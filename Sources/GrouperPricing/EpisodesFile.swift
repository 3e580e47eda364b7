import GrouperCore
import GrouperSupport

/// Reads the `episodes.csv` of an earlier run, so that `grouper price` prices it without
/// regrouping. Columns are found by name; those pricing does not use are ignored.
package enum EpisodesFile {
  /// The columns pricing reads.
  package static let columns = [
    "episode_id", "definition_id", "member_id", "payer_id", "accountable_provider", "anchor_start",
    "anchor_end",
    "status", "reason", "allowed_total", "trigger_code",
  ]

  /// Reads the file at `path`; throws a located diagnostic at the first malformed row.
  package static func read(path: String) throws -> [PricingEpisode] {
    var reader = try CSVReader(path: path)
    return try read(&reader, file: path)
  }

  /// Reads from any byte source; `file` names it in diagnostics.
  package static func read<S: ByteSource>(_ reader: inout CSVReader<S>, file: String) throws
    -> [PricingEpisode]
  {
    var map: [Int]?
    var width = 0
    var episodes: [PricingEpisode] = []
    try reader.forEachRecord { record in
      guard let m = map else {
        let names = record.strings
        width = names.count
        var found: [Int] = []
        for c in columns {
          guard let i = names.firstIndex(of: c) else {
            throw Diagnostic(
              at: SourceLocation(file: file, line: record.line), .notAnEpisodesFile(missing: c))
          }
          found.append(i)
        }
        map = found
        return
      }
      guard record.count == width else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line),
          .fieldCount(expected: width, found: record.count))
      }
      func text(_ k: Int) -> String { record.string(m[k]) }
      func at(_ k: Int) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: m[k] + 1, field: columns[k])
      }
      func day(_ k: Int) throws -> Day {
        guard let d = Day(iso: text(k)) else {
          throw Diagnostic(at: at(k), .notAnEpisodeDate(text(k)))
        }
        return d
      }
      guard let status = EpisodeStatus(rawValue: text(7)) else {
        throw Diagnostic(at: at(7), .unknownEpisodeStatus(text(7)))
      }
      guard case .success(let allowed) = Cents.parse(text(9)) else {
        throw Diagnostic(at: at(9), .notAnEpisodeAmount(text(9)))
      }
      guard !text(0).isEmpty else { throw Diagnostic(at: at(0), .episodeIDRequired) }
      episodes.append(
        PricingEpisode(
          id: text(0), definition: text(1), member: text(2), payer: text(3), provider: text(4),
          anchor: DayRange(try day(5), try day(6)), status: status, reason: text(8),
          allowedTotal: allowed,
          triggerCode: text(10)))
    }
    guard map != nil else {
      throw Diagnostic(at: SourceLocation(file: file), .emptyFile)
    }
    return episodes
  }
}

extension Diagnostic.Message {
  /// A header without a column every `episodes.csv` has.
  static func notAnEpisodesFile(missing column: String) -> Self {
    Self("missing column \(column): not the episodes.csv of a grouping run")
  }
  /// An anchor date that is not a `YYYY-MM-DD` date.
  static func notAnEpisodeDate(_ text: String) -> Self { Self("not a date '\(text)'") }
  /// A status other than the three an episode has.
  static func unknownEpisodeStatus(_ text: String) -> Self {
    Self("unknown status '\(text)' (expected complete, open or cancelled)")
  }
  /// An allowed total that is not an amount.
  static func notAnEpisodeAmount(_ text: String) -> Self { Self("not an amount '\(text)'") }
  /// A blank episode id.
  static let episodeIDRequired = Self("an episode id is required")
}
