import GrouperSupport

/// A row that could not be used, with where and why: written to `rejected.csv` under
/// `--skip-invalid`, or printed as an error that stops the run.
package struct Rejection: Sendable, Equatable {
  /// The file the row came from.
  package var file: String
  /// The row's 1-based line in the file.
  package var line: Int
  /// The 1-based column (field number) at fault, when one is.
  package var column: Int?
  /// The column's name, when one is at fault.
  package var field: String?
  /// The offending value.
  package var value: String
  /// What is wrong.
  package var reason: String
  /// The row's allowed amount when it could be read, so rejected dollars are counted too.
  package var allowed: Cents?

  /// The rejection as a located diagnostic: `claims.csv:14:6: error: from_date: not a date '2024-02-30'`.
  package var diagnostic: Diagnostic {
    Diagnostic(
      at: SourceLocation(file: file, line: line, column: column, field: field),
      .rejectedRow(reason, value: !value.isEmpty || field != nil ? value : nil))
  }

  /// The most characters of a value a rejection shows: a 10 MB field is named, not copied.
  package static let shownLength = 80

  /// A field's bytes as a rejection shows them: decoded (bytes that are not UTF-8 shown as
  /// U+FFFD) and cut to ``shownLength`` bytes with `…` when longer.
  package static func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.count > shownLength else { return String(decoding: bytes, as: UTF8.self) }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<shownLength]), as: UTF8.self)
      + "… (\(bytes.count) bytes)"
  }

  /// A row whose number of fields differs from the header's. Its fields are out of place, so none
  /// is read, not even the amount; the column is the first one missing or extra.
  package static func fieldCount(
    file: String, line: Int, expected: Int, found: Int, hint: Diagnostic.Message? = nil
  )
    -> Rejection
  {
    Rejection(
      file: file, line: line, column: min(expected, found) + 1, field: nil, value: "",
      reason: Diagnostic.Message.fieldCount(expected: expected, found: found).text
        + (hint.map { " (\($0.text))" } ?? ""),
      allowed: nil)
  }

  /// A rejection of the row at `line` of `file` for `error`, with the column, field name and value
  /// at fault as the reader found them.
  package init<Place>(
    _ error: RowError<Place>, file: String, line: Int, column: Int?, field: String?,
    value: String, allowed: Cents?
  ) {
    self.init(
      file: file, line: line, column: column, field: field, value: value,
      reason: error.reason.text, allowed: allowed)
  }

  /// A value from each of its fields.
  package init(
    file: String, line: Int, column: Int?, field: String?, value: String, reason: String,
    allowed: Cents?
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.value = value
    self.reason = reason
    self.allowed = allowed
  }
}

extension Diagnostic.Message {
  /// A rejected row as an error: the reason, and the offending value in quotes when there is one.
  package static func rejectedRow(_ reason: String, value: String?) -> Self {
    Self(reason + (value.map { " '\($0)'" } ?? ""))
  }
  /// A row with more or fewer fields than the header.
  package static func fieldCount(expected: Int, found: Int) -> Self {
    Self("expected \(expected) fields as in the header, found \(found)")
  }
}
