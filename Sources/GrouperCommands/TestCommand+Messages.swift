import GrouperSupport

/// The messages of `grouper test` and its rule cases.
extension Diagnostic.Message {
  /// A path given to `grouper test` that is not a folder.
  static let caseFolderNotFound = Self("no such folder of rule cases", kind: .missingInput)
  /// A case naming a definition the definitions folder lacks.
  static func caseUnknownDefinition(_ id: String) -> Self {
    Self("no definition '\(id)' in --definitions")
  }
  /// An `expected_error.kind` that is not a diagnostic kind.
  static func caseUnknownErrorKind(_ kind: String, known: [String]) -> Self {
    Self("unknown error kind '\(kind)'; expected one of \(known.joined(separator: ", "))")
  }
  /// An expected column the report does not have.
  static func caseUnknownColumn(_ column: String, known: [String]) -> Self {
    Self("unknown column '\(column)'; the report's columns are \(known.joined(separator: ", "))")
  }
  /// An expectation file without a column that identifies its rows.
  static func caseMissingKey(_ column: String) -> Self {
    Self("expected rows need the column '\(column)' to be matched with actual ones")
  }
  /// A row of an expectation file whose width differs from its header's.
  static func caseRowWidth(_ count: Int, expected: Int) -> Self {
    Self("\(count) fields, but the header has \(expected)")
  }
}
