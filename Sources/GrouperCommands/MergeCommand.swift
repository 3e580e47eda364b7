import Foundation
import GrouperCore
import GrouperSupport

/// `grouper merge`: joins the output folders of a run's shards (`group --shard K/N`) into the
/// folder a single run over all the claims writes, byte for byte.
struct MergeCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "merge",
    abstract: "Join the output folders of group --shard K/N runs into one run's outputs.",
    discussion: """
      Give every shard's folder (in any order). Writes into the output folder episodes.csv,
      episode_claims.csv, excluded_claims.csv, rejected.csv and summary.json, the same bytes a
      single group run over all the claims writes: rows are put back in member id order (each
      member's episodes come from one shard, in that shard's order), rejected.csv comes from
      shard 1 (the only shard that writes rejected rows), and summary.json's counts and dollars
      are the shards' sums, with the shard information dropped. Price the merged folder with
      grouper price --run. Partition runs (group --source-lines), which read their own rows alone,
      merge the same way, except that their lines and dollars read and their warnings are summed
      (each warning kind keeping the five smallest places of all), and rejected.csv joins every
      partition's claim rows in line order, then partition 1's members-file rows; like a single
      run, the merge fails when every row was rejected. Partition and shard runs cannot be
      merged together. The folders must be the N shards of one run: the same claims,
      definitions, members, options and shard count, each shard once; otherwise nothing is
      written and the error names the file and JSON path that differ.
      Exit status: 0 success, 64 bad usage, 65 shards of different runs, 66 a missing shard or
      file, 73 output not writable, 75 output folder in use.
      """,
    options: [
      OptionSpec(
        "out", value: "folder", required: true, help: "The output folder (created when missing)."),
      OptionSpec("quiet", help: "Print nothing on stdout, and no warning on stderr."),
    ],
    arguments: ["dir"], lastArgument: .oneOrMore)

  /// The shard folders, as given.
  let folders: [String]
  /// The output folder.
  let outPath: String
  /// Whether to print nothing.
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    folders = arguments.positionals
    outPath = arguments.value("out")!
    quiet = arguments.flag("quiet")
  }

  /// One shard's folder: its summary and its place among the shards.
  struct Shard {
    /// The folder.
    let folder: String
    /// Its `summary.json`, parsed.
    let summary: JSONCursor
    /// K of `--shard K/N`.
    let index: Int
    /// N of `--shard K/N`.
    let count: Int
    /// Whether the run read its partition's rows alone (`group --source-lines`), not every row.
    let partition: Bool
    /// The rows of its rejected.csv that are claim rows (`lines.rejected`); the members file's
    /// follow them.
    let claimRejections: Int
    /// The claim rows it read (`lines.read`).
    let linesRead: Int

    /// Reads the summary in `folder`; throws when it is missing or not a shard run's.
    init(folder: String) throws {
      let path = (folder as NSString).appendingPathComponent("summary.json")
      guard let data = FileManager.default.contents(atPath: path) else {
        throw Diagnostic(at: SourceLocation(file: path), .shardFileMissing)
      }
      let root = JSONCursor(root: try JSONParser.parse(Array(data), file: path), file: path)
      guard let shard = try root.object().optional("shard") else {
        throw root.error(.notAShardRun)
      }
      let object = try shard.object()
      self.folder = folder
      summary = root
      index = try object.required("index").int(atLeast: 1, "the shard")
      count = try object.required("count").int(atLeast: 1, "the shard count")
      partition = try object.optional("partition")?.bool() ?? false
      let lines = try root.object().required("lines").object()
      claimRejections = try lines.required("rejected").int(atLeast: 0, "the rejected lines")
      linesRead = try lines.required("read").int(atLeast: 0, "the lines read")
      guard index <= count else { throw shard.error(.shardPastCount(index, count: count)) }
    }

    /// The table `name` of this shard.
    func table(_ name: String) throws -> ShardTable {
      try ShardTable(path: (folder as NSString).appendingPathComponent(name))
    }
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let out = try RunOutputs.open(outPath)
    let shards = try Self.check(folders.map(Shard.init(folder:)))
    let partitions = shards[0].partition
    // A single run stops when it rejects every row; so does the merge of its partitions.
    let read = shards.reduce(0) { $0 + $1.linesRead }
    let rejectedRows = shards.reduce(0) { $0 + $1.claimRejections }
    if partitions && read > 0 && read == rejectedRows {
      throw Diagnostic(at: .commandLine(Self.spec.name), .everyRowRejected(read, shown: read))
    }
    let summary = try ShardSummaryMerge.merge(shards.map(\.summary), partitions: partitions)

    let episodes = try shards.map { try $0.table("episodes.csv") }
    let memberColumn = try episodes.map { try $0.column("member_id") }
    let idColumn = try episodes.map { try $0.column("episode_id") }
    // Each episode's member, by shard, for the rows of the other tables.
    var memberOf: [[[UInt8]: [UInt8]]] = []
    var owner: [[UInt8]: Int] = [:]
    for (s, table) in episodes.enumerated() {
      var members: [[UInt8]: [UInt8]] = [:]
      let shard = MemberShard(index: shards[s].index, count: shards[s].count)!
      for row in table.rows.indices {
        let member = table.field(row, memberColumn[s])
        // A folder whose summary names another shard than its rows hold is refused.
        guard shard.contains(member) else {
          throw Diagnostic(
            at: SourceLocation(file: table.path, line: table.lines[row], field: "member_id"),
            .memberNotInShard(
              String(decoding: member, as: UTF8.self), shard: shard.index, of: shard.count))
        }
        if let other = owner[member], other != s {
          throw Diagnostic(
            at: SourceLocation(file: table.path, line: table.lines[row], field: "member_id"),
            .memberInTwoShards(
              String(decoding: member, as: UTF8.self), other: episodes[other].path))
        }
        owner[member] = s
        members[table.field(row, idColumn[s])] = member
      }
      memberOf.append(members)
    }
    try out.stage(
      "episodes.csv",
      try Self.merge(episodes) { s, row in episodes[s].field(row, memberColumn[s]) })
    for name in ["episode_claims.csv", "excluded_claims.csv"] {
      let tables = try shards.map { try $0.table(name) }
      let column = try tables.map { try $0.column("episode_id") }
      try out.stage(
        name,
        try Self.merge(tables) { s, row in
          let id = tables[s].field(row, column[s])
          guard let member = memberOf[s][id] else {
            throw Diagnostic(
              at: SourceLocation(
                file: tables[s].path, line: tables[s].lines[row], field: "episode_id"),
              .episodeNotInShard(String(decoding: id, as: UTF8.self), episodes: episodes[s].path))
          }
          return member
        })
    }
    let rejected = try shards.map { try $0.table("rejected.csv") }
    try out.stage(
      "rejected.csv",
      partitions
        ? try Self.mergeRejected(rejected, claimRows: shards.map(\.claimRejections))
        : try Self.merge(rejected) { _, _ in [] })
    try out.stage("summary.json", Array(summary.utf8))
    try out.commit()
    // Each partition saw a part of the file; the merge warns, as a single run does, when more
    // than 1% of the whole file's rows were rejected.
    if partitions && rejectedRows * 100 > read && !quiet {
      stderr.write(
        Diagnostic(.warning, at: .commandLine(), .manyRowsRejected(rejectedRows, of: read))
          .description + "\n")
    }
    if !quiet {
      stdout.write(
        "merged \(shards.count) shard\(shards.count == 1 ? "" : "s") into \(outPath)\n")
    }
  }

  /// The shards in index order; throws when their counts differ, a shard is given twice, or one
  /// is missing.
  static func check(_ shards: [Shard]) throws -> [Shard] {
    let first = shards[0]
    var byIndex: [Int: Shard] = [:]
    for s in shards {
      guard s.partition == first.partition else {
        let shard = try s.summary.object().required("shard")
        throw shard.error(.shardKindsDiffer(partition: s.partition, first.summary.file))
      }
      guard s.count == first.count else {
        let count = try s.summary.object().required("shard").object().required("count")
        throw count.error(.shardCountDiffers(s.count, first.count, in: first.summary.file))
      }
      if let other = byIndex[s.index] {
        let index = try s.summary.object().required("shard").object().required("index")
        throw index.error(.shardRepeated(s.index, alsoIn: other.summary.file))
      }
      byIndex[s.index] = s
    }
    let missing = (1...first.count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      throw Diagnostic(at: .commandLine(spec.name), .shardsMissing(missing, of: first.count))
    }
    return (1...first.count).map { byIndex[$0]! }
  }

  /// The rows of `tables` (whose headers must agree) in member order: `member` gives a row's
  /// member id bytes; rows of one member keep their shard's order. The header is the first's.
  static func merge(
    _ tables: [ShardTable], member: (Int, Int) throws -> [UInt8]
  ) throws -> [UInt8] {
    let header = tables[0].bytes[tables[0].header]
    var keys: [(member: [UInt8], shard: Int, row: Int)] = []
    for (s, table) in tables.enumerated() {
      guard table.bytes[table.header] == header else {
        throw Diagnostic(
          at: SourceLocation(file: table.path, line: 1), .shardHeaderDiffers(tables[0].path))
      }
      for row in table.rows.indices { keys.append((try member(s, row), s, row)) }
    }
    keys.sort { a, b in
      if a.member != b.member { return a.member.lexicographicallyPrecedes(b.member) }
      return (a.shard, a.row) < (b.shard, b.row)
    }
    var out = Array(header)
    for k in keys { out += tables[k.shard].bytes[tables[k.shard].rows[k.row]] }
    return out
  }
}
