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
    var message = reason
    if !value.isEmpty || field != nil { message += " '\(value)'" }
    return Diagnostic(
      at: SourceLocation(file: file, line: line, column: column, field: field), message)
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
    file: String, line: Int, expected: Int, found: Int, hint: String = ""
  )
    -> Rejection
  {
    Rejection(
      file: file, line: line, column: min(expected, found) + 1, field: nil, value: "",
      reason: fieldCountReason(expected: expected, found: found) + hint, allowed: nil)
  }

  /// The reason given for a row with the wrong number of fields.
  package static func fieldCountReason(expected: Int, found: Int) -> String {
    "expected \(expected) fields as in the header, found \(found)"
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
