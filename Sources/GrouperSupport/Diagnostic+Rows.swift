extension Diagnostic {
  /// Throws the one-line error for a delimited file that had no header row, or a header and no
  /// data rows (`what` names the rows: `claim`, `member`).
  package static func requireRows(file: String, sawHeader: Bool, rows: Int, of what: String) throws
  {
    guard sawHeader else {
      throw Diagnostic(at: SourceLocation(file: file), .emptyFile)
    }
    guard rows > 0 else {
      throw Diagnostic(at: SourceLocation(file: file, line: 1), .headerWithoutRows(what))
    }
  }
}

extension Diagnostic.Message {
  /// A delimited file with no bytes at all, so not even a header.
  package static let emptyFile = Self("the file is empty: a header row is required")

  /// A delimited file with a header and no data rows; `what` names the rows (`claim`, `member`).
  package static func headerWithoutRows(_ what: String) -> Self {
    Self("the file has a header but no \(what) rows")
  }
}

extension Diagnostic.Message {
  /// A header that names one column twice (control characters in the name escaped, so the
  /// message stays on one line).
  package static func duplicateColumn(_ name: String) -> Self {
    Self("column '\(name.escapedForMessage)' appears twice in the header")
  }
  /// A header without a column the file must have.
  package static func missingColumn(_ name: String) -> Self {
    Self("missing required column \(name)")
  }
}
