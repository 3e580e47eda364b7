import Foundation
import GrouperReaders

/// What `group` and `convert` say about rejected rows under `--skip-invalid`.
enum SkipInvalidCheck {
  /// Throws a data error when every claim row was rejected (nothing would be left to write);
  /// otherwise returns the warning for more than 1% of rows rejected, if any.
  static func check(_ claims: ClaimReadResult) throws -> String? {
    let rejected = claims.rejections.count
    let rows = claims.rowsRead
    if rows > 0 && claims.store.lines.isEmpty {
      var lines = claims.rejections.prefix(20).map(\.diagnostic.description)
      if rejected > 20 { lines.append("… and \(rejected - 20) more") }
      lines.append(
        "grouper: every one of the \(rows) row\(rows == 1 ? "" : "s") was rejected; nothing was written"
      )
      throw CommandError(.dataError, lines.joined(separator: "\n"))
    }
    guard rejected * 100 > rows else { return nil }
    let percent = Double(rejected) * 100 / Double(max(rows, 1))
    return
      "grouper: warning: \(rejected) of \(rows) rows (\(String(format: "%.1f", percent))%) were rejected, more than 1%"
  }
}
