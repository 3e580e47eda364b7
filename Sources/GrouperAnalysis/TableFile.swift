import GrouperSupport

/// A small CSV file of the tool's own read whole: its header and its rows as dictionaries by
/// column name, for the report's compare and sweep views.
package struct TableFile: Sendable {
  /// The column names, in order.
  package var header: [String]
  /// The rows, each by column name.
  package var rows: [[String: String]]

  /// Reads `path`, which must have every column of `required`; `what` names the file in a
  /// missing-column message.
  package init(path: String, required: [String], what: String) throws {
    try RunFolder.require(path, what)
    var header: [String] = []
    var reader = try CSVReader(path: path)
    try reader.forEachRecord { record in if header.isEmpty { header = record.strings } }
    var rows: [[String: String]] = []
    try NamedColumns.read(path: path, columns: required, what: what) { row in
      var r: [String: String] = [:]
      for (name, i) in row.columns { r[name] = row.record.string(i) }
      rows.append(r)
    }
    self.header = header
    self.rows = rows
  }
}
