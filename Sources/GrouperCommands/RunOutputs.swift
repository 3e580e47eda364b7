import Foundation
import GrouperSupport

/// The files `group` and `price` own in an output folder, and the one way they open it.
enum RunOutputs {
  /// The grouping outputs.
  static let grouping = [
    "episodes.csv", "episode_claims.csv", "excluded_claims.csv", "rejected.csv",
  ]
  /// The pricing outputs.
  static let pricing = ["pricing.csv", "providers.csv", "payers.csv"]
  /// The statistics `grouper stats` adds to a run folder.
  static let statistics = "stats.csv"
  /// Every name the tool owns in a run folder: one it did not write in a run is removed.
  static let names = Set(grouping + pricing + ["summary.json", statistics])

  /// Opens, locks and checks the run folder at `path`; see ``OutputFolder``.
  static func open(_ path: String) throws -> OutputFolder {
    try OutputFolder(path: path, owns: { names.contains($0) })
  }
}

/// `path` made absolute against the current folder, so a file named in `summary.json` is found
/// from any folder.
func absolutePath(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.path
}
