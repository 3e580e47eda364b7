import GrouperCore
import GrouperSupport

/// The warnings for a claim input that lacks a column a loaded definition tests: such a test can
/// never match a line of the input, which is better said than found out from empty results.
package enum ColumnCoverage {
  /// One warning per definition and field it tests that `absent` lists (for `any_dx`, when both
  /// diagnosis fields are absent), located at `file`:
  /// `claims.csv: warning: no 'drg' column, but definition LEJR tests drg in its trigger (…)`.
  package static func warnings(
    file: String, absent: [ClaimField: String], definitions: [EpisodeDefinition]
  ) -> [Diagnostic] {
    guard !absent.isEmpty else { return [] }
    var result: [Diagnostic] = []
    for definition in definitions.sorted(by: { $0.id < $1.id }) {
      for (field, parts) in definition.testedFields {
        let fields = field.claimFields
        guard fields.allSatisfy({ absent[$0] != nil }) else { continue }
        let columns = fields.map { "'\(absent[$0]!)'" }.joined(separator: " or ")
        let consequence =
          parts.contains("trigger")
          ? "its trigger can never match on \(field.rawValue) in lines of this file"
          : "those tests can never match lines of this file"
        result.append(
          Diagnostic(
            .warning, at: SourceLocation(file: file),
            "no \(columns) column, but definition \(definition.id) tests \(field.rawValue) in its "
              + "\(parts.joined(separator: ", ")) (\(consequence))"))
      }
    }
    return result
  }

  /// The warning `convert` gives when the input has neither a DRG nor a HCPCS column: every
  /// shipped definition triggers on one of them.
  package static func convertWarning(file: String, absent: [ClaimField: String]) -> Diagnostic? {
    guard let drg = absent[.drg], let hcpcs = absent[.hcpcs] else { return nil }
    return Diagnostic(
      .warning, at: SourceLocation(file: file),
      "no '\(drg)' or '\(hcpcs)' column: no shipped definition's trigger can match a line of this file"
    )
  }
}
