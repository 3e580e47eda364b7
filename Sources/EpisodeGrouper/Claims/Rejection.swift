/// A row that could not be used, with where and why: written to `rejected.csv` under
/// `--skip-invalid`, or printed as an error that stops the run.
public struct Rejection: Sendable, Equatable {
  /// The file the row came from.
  public var file: String
  /// The row's 1-based line in the file.
  public var line: Int
  /// The 1-based column (field number) at fault, when one is.
  public var column: Int?
  /// The column's name, when one is at fault.
  public var field: String?
  /// The offending value.
  public var value: String
  /// What is wrong.
  public var reason: String
  /// The row's allowed amount when it could be read, so rejected dollars are counted too.
  public var allowed: Cents?

  /// The rejection as a located diagnostic: `claims.csv:14:6: error: from_date: not a date '2024-02-30'`.
  public var diagnostic: Diagnostic {
    var message = reason
    if !value.isEmpty || field != nil { message += " '\(value)'" }
    return Diagnostic(
      at: SourceLocation(file: file, line: line, column: column, field: field), message)
  }

  /// A row whose number of fields differs from the header's. Its fields are out of place, so none
  /// is read, not even the amount; the column is the first one missing or extra.
  public static func fieldCount(
    file: String, line: Int, expected: Int, found: Int, hint: String = ""
  )
    -> Rejection
  {
    Rejection(
      file: file, line: line, column: min(expected, found) + 1, field: nil, value: "",
      reason: fieldCountReason(expected: expected, found: found) + hint, allowed: nil)
  }

  /// The reason given for a row with the wrong number of fields.
  public static func fieldCountReason(expected: Int, found: Int) -> String {
    "expected \(expected) fields as in the header, found \(found)"
  }
}
