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
  /// Every name the tool owns in a run folder: one it did not write in a run is removed.
  static let names = Set(grouping + pricing + ["summary.json"])

  /// Opens, locks and checks the run folder at `path`; see ``OutputFolder``.
  static func open(_ path: String) throws -> OutputFolder {
    try openOutput { try OutputFolder(path: path, owns: { names.contains($0) }) }
  }
}

/// Runs `body`, which opens or writes an output, turning its failures into command errors: a
/// folder in use exits 75, anything else that stops the writing 73.
func openOutput<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let busy as OutputFolderInUse {
    throw CommandError(.busy, busy.description)
  } catch let d as Diagnostic {
    throw CommandError(.cannotCreate, d.description)
  }
}

/// `path` made absolute against the current folder, so a file named in `summary.json` is found
/// from any folder.
func absolutePath(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.path
}
