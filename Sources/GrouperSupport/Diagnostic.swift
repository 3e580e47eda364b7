/// Where in an input file something was found: the file, and as much of line, column and
/// field or JSON path as is known.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file's path as the user gave it.
  package var file: String
  /// The 1-based line, when known.
  package var line: Int?
  /// The 1-based column: the column number of a CSV field, or the character column in a JSON file.
  package var column: Int?
  /// The CSV column name or the JSON path (`$.trigger.any[1].field`), when known.
  package var field: String?

  /// A location in `file`, with whatever of line, column and field is known.
  package init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
  }

  /// `file:line:column`, as compilers print a location.
  package var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}

/// A finding about an input: an error that stops the run, or a warning that does not.
///
/// Printed compiler-style, `SampleClaims/claims.csv:14:6: error: from_date: not a date '2024-02-30'`,
/// so an editor can jump to the place.
package struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  /// How serious a finding is.
  package enum Severity: String, Sendable {
    /// The input cannot be used as it stands.
    case error
    /// The input is used, but the user should know.
    case warning
  }

  /// How serious it is.
  package var severity: Severity
  /// Where it was found.
  package var location: SourceLocation
  /// What is wrong, in one line.
  package var message: String

  /// A finding at `location`.
  package init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// `file:line:column: error: field: message`.
  package var description: String {
    var text = "\(location): \(severity.rawValue): "
    if let field = location.field { text += "\(field): " }
    return text + message
  }
}

/// One or more diagnostics that stop a step: what a loader throws when its input is unusable.
package struct Diagnostics: Error, Equatable, Sendable, CustomStringConvertible {
  /// The findings, in the order of their place in the input.
  package var items: [Diagnostic]

  /// The findings, in input order.
  package init(_ items: [Diagnostic]) {
    self.items = items
  }

  /// One line per finding.
  package var description: String {
    items.map(\.description).joined(separator: "\n")
  }
}

extension Diagnostic {
  /// Throws the one-line error for a delimited file that had no header row, or a header and no
  /// data rows (`what` names the rows: `claim`, `member`).
  package static func requireRows(file: String, sawHeader: Bool, rows: Int, of what: String) throws
  {
    guard sawHeader else {
      throw Diagnostic(
        at: SourceLocation(file: file), "the file is empty: a header row is required")
    }
    guard rows > 0 else {
      throw Diagnostic(
        at: SourceLocation(file: file, line: 1), "the file has a header but no \(what) rows")
    }
  }
}
