import GrouperCore
import GrouperSupport

/// The warnings for a claim input that lacks a column a loaded definition tests: such a test can
/// never match a line of the input, which is better said than found out from empty results.
package enum ColumnCoverage {
  /// One warning per field that `absent` lists (for `any_dx`, when both diagnosis fields are)
  /// and a definition tests, naming the definitions, located at `file`:
  /// `claims.csv: warning: no 'drg' column, but definition LEJR tests drg (its trigger's tests on
  /// drg can never match lines of this file)`.
  package static func warnings(
    file: String, absent: [ClaimField: String], definitions: [EpisodeDefinition]
  ) -> [Diagnostic] {
    guard !absent.isEmpty else { return [] }
    var testers: [CodeField: [String]] = [:]
    var triggers: [CodeField: [String]] = [:]
    for definition in definitions.sorted(by: { $0.id < $1.id }) {
      for (field, parts) in definition.testedFields
      where field.claimFields.allSatisfy({ absent[$0] != nil }) {
        testers[field, default: []].append(definition.id)
        if parts.contains("trigger") { triggers[field, default: []].append(definition.id) }
      }
    }
    return CodeField.allCases.compactMap { field -> Diagnostic? in
      guard let ids = testers[field] else { return nil }
      return Diagnostic(
        .warning, at: SourceLocation(file: file),
        .testedColumnMissing(
          field, columns: field.claimFields.map { absent[$0]! }, testers: ids,
          triggers: triggers[field]))
    }
  }

  /// The warning `convert` gives when the input has neither a DRG nor a HCPCS column: every
  /// shipped definition triggers on one of them.
  package static func convertWarning(file: String, absent: [ClaimField: String]) -> Diagnostic? {
    guard let drg = absent[.drg], let hcpcs = absent[.hcpcs] else { return nil }
    return Diagnostic(
      .warning, at: SourceLocation(file: file), .noTriggerColumn(drg: drg, hcpcs: hcpcs))
  }
}
