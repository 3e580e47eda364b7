import Foundation
import GrouperReaders
import GrouperSupport

/// What `group` and `convert` say about rejected rows under `--skip-invalid`.
enum SkipInvalidCheck {
  /// Throws the first rejections and a bad-input error when every claim row was rejected
  /// (nothing would be left to write); otherwise returns the warning for more than 1% of rows
  /// rejected, if any.
  static func check(_ claims: ClaimReadResult) throws -> Diagnostic? {
    let rejected = claims.rejections.count
    let rows = claims.rowsRead
    if rows > 0 && claims.store.lines.isEmpty {
      let shown = claims.rejections.prefix(20).map(\.diagnostic)
      throw Diagnostics(
        shown + [
          Diagnostic(at: .commandLine(), .everyRowRejected(rows, shown: shown.count))
        ])
    }
    guard rejected * 100 > rows else { return nil }
    return Diagnostic(.warning, at: .commandLine(), .manyRowsRejected(rejected, of: rows))
  }
}
