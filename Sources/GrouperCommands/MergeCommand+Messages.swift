import GrouperSupport

/// The messages of `grouper merge`.
extension Diagnostic.Message {
  /// A file a shard folder should hold that is not there.
  static let shardFileMissing = Self(
    "not found: give the output folders of group --shard K/N runs", kind: .missingInput)
  /// A folder whose summary has no `shard`: a whole run, not a shard.
  static let notAShardRun = Self(
    "no shard: this folder is not the output of a group --shard K/N run")
  /// A shard number past the count.
  static func shardPastCount(_ index: Int, count: Int) -> Self {
    Self("shard \(index) of \(count): the shard must be at most the count")
  }
  /// Shards of different counts.
  static func shardCountDiffers(_ count: Int, _ first: Int, in file: String) -> Self {
    Self("shard count \(count) differs from \(first) in \(file): shards of different runs")
  }
  /// A shard given twice.
  static func shardRepeated(_ index: Int, alsoIn file: String) -> Self {
    Self("shard \(index) is given twice (also \(file))", kind: .usage)
  }
  /// Shards not given.
  static func shardsMissing(_ missing: [Int], of count: Int) -> Self {
    Self(
      "shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", "))"
        + " of \(count) missing: give every shard's folder", kind: .missingInput)
  }
  /// A summary value that differs from the first shard's.
  static func shardSummaryDiffers(_ first: String) -> Self {
    Self("differs from \(first): the folders are shards of different runs, which cannot be merged")
  }
  /// A table whose header differs from the first shard's.
  static func shardHeaderDiffers(_ first: String) -> Self {
    Self("the header differs from \(first)'s: shards of different versions cannot be merged")
  }
  /// A table without a column the merge sorts by.
  static func shardTableLacksColumn(_ name: String) -> Self {
    Self("the header has no \(name) column")
  }
  /// A table with no header.
  static let shardTableEmpty = Self("the file is empty: a header row is required")
  /// A table whose last quote is not closed.
  static let shardTableUnterminated = Self(
    "a quoted field is not closed before the end of the file")
  /// A member with episodes in two shards.
  static func memberInTwoShards(_ member: String, other file: String) -> Self {
    Self("member '\(member)' also has episodes in \(file): the folders are not shards of one run")
  }
  /// A member whose id does not hash to the shard its folder's summary names.
  static func memberNotInShard(_ member: String, shard: Int, of count: Int) -> Self {
    Self(
      "member '\(member)' is not in shard \(shard) of \(count) (FNV-1a 64 of its id mod \(count)"
        + " is not \(shard - 1)): the folder's summary.json belongs to another shard")
  }
  /// An episode row whose episode the shard's episodes.csv lacks.
  static func episodeNotInShard(_ id: String, episodes file: String) -> Self {
    Self("episode '\(id)' is not in \(file)")
  }
  /// A partition run's folder given with a shard run's (or the other way round).
  static func shardKindsDiffer(partition: Bool, _ first: String) -> Self {
    Self(
      "a \(partition ? "partition run (--source-lines)" : "shard run reading every row")"
        + " cannot be merged with \(partition ? "shard runs reading every row" : "partition runs")"
        + " such as \(first)")
  }
  /// A rejected.csv row whose line or column is not a number.
  static func rejectedRowNotNumbered(_ column: String, _ text: String) -> Self {
    Self("the \(column) is not a whole number: '\(text)'")
  }
  /// A rejected.csv with fewer rows than its summary counts as rejected claim rows.
  static func rejectedRowsMissing(_ count: Int, found: Int) -> Self {
    Self("summary.json counts \(count) rejected claim rows, but the file has \(found) rows")
  }
  /// A warning kind this version does not know.
  static func unknownWarningKind(_ kind: String) -> Self {
    Self("unknown warning kind '\(kind)'")
  }
  /// A warning place whose `at` is not `file:line:column`.
  static func warningPlaceUnreadable(_ text: String) -> Self {
    Self("not a place of the form file:line:column: '\(text)'")
  }
}
