import GrouperSupport

/// A small CSV table of a rule case: the expected rows an analyst wrote, or the rows a run
/// produced, keyed so that expected and actual rows can be matched.
struct CaseTable: Equatable {
  /// The column names, in order.
  var columns: [String]
  /// The rows, each with one value per column.
  var rows: [[String]]

  /// Parses CSV `bytes` read from `file`; throws a located diagnostic for a malformed record or a
  /// row whose field count differs from the header's.
  static func parse(_ bytes: [UInt8], file: String) throws -> CaseTable {
    var reader = CSVReader(source: MemoryByteSource(bytes), name: file)
    var table: CaseTable?
    try reader.forEachRecord { record in
      let fields = record.strings
      guard let t = table else {
        table = CaseTable(columns: fields, rows: [])
        return
      }
      guard fields.count == t.columns.count else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line),
          .caseRowWidth(fields.count, expected: t.columns.count))
      }
      table!.rows.append(fields)
    }
    return table ?? CaseTable(columns: [], rows: [])
  }

  /// The value of `column` in `row`, or nil when the table lacks the column.
  func value(_ row: [String], _ column: String) -> String? {
    columns.firstIndex(of: column).map { row[$0] }
  }

  /// The key of a row: the values of `key` joined, to match expected rows with actual ones.
  func key(_ row: [String], _ key: [String]) -> String {
    key.map { value(row, $0) ?? "" }.joined(separator: " ")
  }

  /// The table restricted to `columns` (each must be one of this table's columns).
  func projected(_ columns: [String]) -> CaseTable {
    CaseTable(columns: columns, rows: rows.map { r in columns.map { value(r, $0)! } })
  }

  /// The table as CSV text, as `--update` writes it.
  var csv: [UInt8] {
    var w = CSVWriter(header: columns)
    for r in rows {
      for v in r { w.field(v) }
      w.endRow()
    }
    return w.bytes
  }
}

/// The difference between an expected table and the actual one, row by row: rows matched by key,
/// only the expected table's columns compared.
struct CaseTableDiff {
  /// The name of the compared table (`episodes`, `lines`), shown before its rows.
  var name: String
  /// The readable lines: `- key  …` for an expected row not produced, `+ key  …` for a row
  /// produced but not expected, `~ key  column: expected X, actual Y` for a differing value.
  var lines: [String] = []

  /// Whether the tables agree.
  var isEmpty: Bool { lines.isEmpty }

  /// Compares `expected` with `actual` on the expected table's columns; rows are matched by the
  /// values of `key` (columns both tables have), in the actual table's order, then the expected
  /// rows no run produced.
  init(name: String, expected: CaseTable, actual: CaseTable, key: [String]) {
    self.name = name
    let columns = expected.columns
    let shown = actual.projected(columns)
    var expectedByKey: [String: [String]] = [:]
    for r in expected.rows { expectedByKey[expected.key(r, key)] = r }
    var seen: Set<String> = []
    for r in shown.rows {
      let k = shown.key(r, key)
      seen.insert(k)
      guard let e = expectedByKey[k] else {
        lines.append("+ \(k)  " + Self.describe(r, columns: columns, key: key))
        continue
      }
      for (i, c) in columns.enumerated() where !key.contains(c) && e[i] != r[i] {
        lines.append("~ \(k)  \(c): expected '\(e[i])', actual '\(r[i])'")
      }
    }
    for r in expected.rows where !seen.contains(expected.key(r, key)) {
      lines.append(
        "- \(expected.key(r, key))  " + Self.describe(r, columns: columns, key: key)
          + " (expected, not produced)")
    }
  }

  /// A row's non-key values as `column=value` pairs.
  private static func describe(_ row: [String], columns: [String], key: [String]) -> String {
    zip(columns, row).filter { !key.contains($0.0) }.map { "\($0.0)=\($0.1)" }.joined(
      separator: ", ")
  }
}
