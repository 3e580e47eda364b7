import GrouperSupport

/// Reads a CSV file of the tool's own whose columns are found by name in its header: each data
/// row reaches the body as a ``NamedRow``. A missing column, a row of another width or an
/// unreadable value is a located diagnostic.
enum NamedColumns {
  /// Calls `body` with each data row of `path`, after checking that the header has every one of
  /// `columns`; `what` names the file in a missing-column message (`episodes.csv`).
  static func read(
    path: String, columns: [String], what: String, _ body: (NamedRow) throws -> Void
  ) throws {
    var reader = try CSVReader(path: path)
    var map: [String: Int]?
    var width = 0
    try reader.forEachRecord { record in
      guard let m = map else {
        let names = record.strings
        width = names.count
        var found: [String: Int] = [:]
        for (i, name) in names.enumerated() where found[name] == nil { found[name] = i }
        for c in columns where found[c] == nil {
          throw Diagnostic(
            at: SourceLocation(file: path, line: record.line), .missingRunColumn(c, file: what))
        }
        map = found
        return
      }
      guard record.count == width else {
        throw Diagnostic(
          at: SourceLocation(file: path, line: record.line),
          .fieldCount(expected: width, found: record.count))
      }
      try body(NamedRow(record: record, columns: m, file: path))
    }
    guard map != nil else { throw Diagnostic(at: SourceLocation(file: path), .emptyFile) }
  }
}

/// One data row of a ``NamedColumns`` file, its fields reached by column name.
struct NamedRow {
  /// The record.
  let record: CSVRecord
  /// Column indexes by name.
  let columns: [String: Int]
  /// The file, for diagnostics.
  let file: String

  /// The text of a column.
  func text(_ name: String) -> String { record.string(columns[name]!) }

  /// Where a column's field of this row is.
  func location(_ name: String) -> SourceLocation {
    SourceLocation(file: file, line: record.line, column: columns[name]! + 1, field: name)
  }

  /// A column holding an amount.
  func cents(_ name: String) throws -> Cents {
    guard case .success(let c) = Cents.parse(text(name)) else {
      throw Diagnostic(at: location(name), .notARunAmount(text(name)))
    }
    return c
  }

  /// A column holding an amount, nil when empty.
  func optionalCents(_ name: String) throws -> Cents? {
    text(name).isEmpty ? nil : try cents(name)
  }

  /// A column holding a whole number.
  func int(_ name: String) throws -> Int {
    guard let n = Int(text(name)) else {
      throw Diagnostic(at: location(name), .notARunNumber(text(name)))
    }
    return n
  }

  /// A column holding a `YYYY-MM-DD` date.
  func day(_ name: String) throws -> Day {
    guard let d = Day(iso: text(name)) else {
      throw Diagnostic(at: location(name), .notARunDate(text(name)))
    }
    return d
  }
}
