import GrouperSupport

/// The rejected rows of partition runs (`group --source-lines`): each partition rejects its own
/// claim rows, so the merge puts them back in the single run's order, by original line and
/// column, followed by the members file's rows, which partition 1 alone writes.
extension MergeCommand {
  /// The merged rejected.csv: `claimRows[s]` of table `s`'s rows are claim rows (the rest, in
  /// partition 1 alone, are the members file's).
  static func mergeRejected(_ tables: [ShardTable], claimRows: [Int]) throws -> [UInt8] {
    let header = tables[0].bytes[tables[0].header]
    var keys: [(line: Int, column: Int, shard: Int, row: Int)] = []
    for (s, table) in tables.enumerated() {
      guard table.bytes[table.header] == header else {
        throw Diagnostic(
          at: SourceLocation(file: table.path, line: 1), .shardHeaderDiffers(tables[0].path))
      }
      guard claimRows[s] <= table.rows.count else {
        throw Diagnostic(
          at: SourceLocation(file: table.path),
          .rejectedRowsMissing(claimRows[s], found: table.rows.count))
      }
      let lineColumn = try table.column("line")
      let columnColumn = try table.column("column")
      for row in 0..<claimRows[s] {
        let line = try number(table, row, lineColumn, "line")
        let column = try number(table, row, columnColumn, "column")
        keys.append((line, column, s, row))
      }
    }
    // The reader sorts its rejections by line, then column (none as 0); no two share both.
    keys.sort { ($0.line, $0.column, $0.shard, $0.row) < ($1.line, $1.column, $1.shard, $1.row) }
    var out = Array(header)
    for k in keys { out += tables[k.shard].bytes[tables[k.shard].rows[k.row]] }
    for row in claimRows[0]..<tables[0].rows.count { out += tables[0].bytes[tables[0].rows[row]] }
    return out
  }

  /// Field `index` of `row` as a whole number (empty as 0), for sorting.
  private static func number(_ table: ShardTable, _ row: Int, _ index: Int, _ name: String) throws
    -> Int
  {
    let bytes = table.field(row, index)
    if bytes.isEmpty { return 0 }
    guard let n = Int(String(decoding: bytes, as: UTF8.self)), n >= 0 else {
      throw Diagnostic(
        at: SourceLocation(file: table.path, line: table.lines[row], field: name),
        .rejectedRowNotNumbered(name, String(decoding: bytes, as: UTF8.self)))
    }
    return n
  }
}
