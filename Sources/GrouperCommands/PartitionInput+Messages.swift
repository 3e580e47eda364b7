import GrouperSupport

/// The messages of a partition run (`--source-lines`, `--source`).
extension Diagnostic.Message {
  /// One of the two partition options given without the other.
  static func partitionNeedsBoth(given missing: String) -> Self {
    Self(
      "--source-lines and --source go together: give --\(missing) too (the original file)",
      kind: .usage)
  }
  /// A partition read from standard input, whose rejected rows could not be read again.
  static let partitionFromStandardInput = Self(
    "--source-lines needs --claims to be a partition file, not standard input", kind: .usage)
  /// A partition run without `--shard`.
  static let partitionNeedsShard = Self(
    "--source-lines needs --shard K/N: the partition's place among the N", kind: .usage)
  /// A partition run without `--through`.
  static let partitionNeedsThrough = Self(
    "--source-lines needs --through: the whole file's latest from_date (grouper scan of every"
      + " partition, the latest of them)", kind: .usage)
  /// A partition run in another format than native CSV.
  static func partitionNeedsNative(_ format: String) -> Self {
    Self("--source-lines reads a native claim CSV, not \(format)", kind: .usage)
  }
  /// A source-lines entry that is not a line number of a data row.
  static func notASourceLine(_ text: String) -> Self {
    Self("not a line number of a data row (a whole number, at least 2): '\(text)'")
  }
  /// A source-lines entry not greater than the one before.
  static func sourceLineNotIncreasing(_ value: Int, after last: Int) -> Self {
    Self(
      "line \(value) does not follow line \(last): a partition keeps its rows in the original"
        + " order, so the numbers increase")
  }
  /// A partition line the source-lines file has no number for.
  static func partitionLineWithoutNumber(_ file: String, numbers: Int) -> Self {
    Self(
      "no source line for this row: \(file) has only \(numbers) number\(numbers == 1 ? "" : "s")")
  }
  /// A source-lines file with more numbers than the partition has rows.
  static func partitionExtraNumbers(_ file: String, rows: Int) -> Self {
    Self("more numbers than the \(rows) row\(rows == 1 ? "" : "s") after the header of \(file)")
  }
  /// A partition row of a member outside the partition's shard.
  static func partitionMemberOutsideShard(_ member: String, shard: Int, of count: Int) -> Self {
    Self(
      "member '\(member)' is not in partition \(shard) of \(count) (FNV-1a 64 of its id mod"
        + " \(count) is not \(shard - 1)): the file was split by another hash or count")
  }
}
