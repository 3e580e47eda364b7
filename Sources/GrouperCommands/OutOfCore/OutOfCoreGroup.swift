import Foundation
import GrouperCore
import GrouperReaders
import GrouperReports
import GrouperSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `group` over a native claim CSV that would not fit in `--memory-limit`: the rows are spilled
/// into bucket files by a hash of the member in one pass (``SpillPass``), the buckets are
/// grouped partition by partition (``PartitionPlan``), each partition's outputs go to disk in
/// member order, and one streaming merge writes the outputs, byte for byte those of a run in
/// memory.
///
/// What makes the outputs the same:
/// - a member's lines are all in one partition, and grouping a member looks at its lines alone;
/// - claims whose lines or versions tie buckets together are read in one partition, so the
///   claim reader's checks and the resolution of versions see every line of the claim;
/// - each partition is read by the claim reader at the input's own line numbers, so rejections,
///   warnings and their messages are the same;
/// - the data's last date is the latest from_date of the whole input's valid lines, found before
///   any partition is grouped;
/// - the tables are merged by member id, the order a run in memory writes them in; rejections
///   by line; the summaries' counts and dollars are summed and the warnings (the smallest
///   values of each kind) merged.
struct OutOfCoreGroup {
  /// Peak resident memory of `group` per claim line held in memory, measured with
  /// `/usr/bin/time -v` (release build, every shipped definition, synthetic members file):
  /// 99,656 lines peaked at 54,848 KiB and 1,006,827 lines at 315,896 KiB, so a line costs
  /// (315,896 − 54,848) KiB / 907,171 lines ≈ 295 bytes. Out of core, partitions peaked 10–14%
  /// above that estimate (417 MiB for four partitions of 5,045,717 lines; 1,655 MiB for ten of
  /// 50,501,333), the allocator's slack, so a line is planned at 330 bytes. A partition of n
  /// lines is planned at ``baseBytes`` + n × this.
  static let bytesPerLine = 330
  /// Memory a run needs whatever its lines: the figures above leave about 27 MB at zero lines
  /// (54,848 KiB − 99,656 × 295 bytes), but a partition holds the code and provider tables of
  /// the data's whole vocabulary, which grow with the input (ten partitions of 50,501,333 lines
  /// planned at 64 MiB each peaked at 1,655 MiB under a 1,536 MiB limit), so 128 MiB.
  static let baseBytes = 128 << 20

  /// The command being run.
  let command: GroupCommand
  /// Where its errors and warnings go.
  let stderr: TextSink
  /// Where its progress goes.
  let display: ProgressDisplay

  /// The claim lines a partition may hold under `limit`.
  static func linesPerPartition(_ limit: Int) -> Int {
    max(1, (limit - baseBytes) / bytesPerLine)
  }

  /// The memory a run in memory needs for the native CSV at `path`: its size over the mean
  /// length of the lines of its first MiB gives the lines, each planned at ``bytesPerLine``.
  static func estimate(path: String) -> (lines: Int, bytes: Int) {
    let size = ProgressDisplay.size(of: path)
    var head = [UInt8](repeating: 0, count: 1 << 20)
    var sampled = 0
    var newlines = 0
    if let source = try? FileByteSource(path: path) {
      while sampled < head.count {
        let n = head.withUnsafeMutableBytes { buffer in
          (try? source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[sampled...]))) ?? 0
        }
        if n == 0 { break }
        sampled += n
      }
      newlines = head[..<sampled].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }
    let meanLine = sampled > 0 ? max(1, sampled / max(1, newlines)) : 100
    let lines = size / meanLine
    return (lines, baseBytes + lines * bytesPerLine)
  }

  /// The hook in `group`: groups out of core and returns true when the claims are a native CSV
  /// that would exceed the limit, or native CSV on standard input (whose size is not known
  /// ahead); returns false to group in memory, warning when an input over the limit must be.
  static func runIfNeeded(
    _ command: GroupCommand, out: OutputFolder, definitions: [EpisodeDefinition],
    display: ProgressDisplay, stdout: TextSink, stderr: TextSink, started: ContinuousClock.Instant
  ) throws -> Bool {
    // A partition run (--source-lines) is a part of a larger file already: grouped in memory.
    if command.partition != nil { return false }
    let options = command.outOfCore
    let me = OutOfCoreGroup(command: command, stderr: stderr, display: display)
    let path = command.claimsPath
    if path == StandardInputByteSource.name {
      if let format = command.format.format, format != .native { return false }
      if command.pricing != nil { return false }
      let input = StandardInputByteSource()
      var head: [UInt8] = []
      var source = "given"
      if command.format.format == nil {
        head = try input.peek(ClaimFormat.headSize)
        let detected = try ClaimFormat.detect(head: head, name: path)
        guard detected.format == .native else {
          try StandardInputReplay.putBack(head)
          return false
        }
        source = "detected: \(detected.reason)"
      }
      try me.run(
        HeadThenRest(head: head, rest: input), lines: nil, formatSource: source, out: out,
        definitions: definitions, stdout: stdout, started: started)
      return true
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path)
    else { return false }
    var format = command.format.format
    var source = "given"
    if format == nil {
      guard let detected = try? ClaimFormat.detect(path: path) else { return false }
      format = detected.format
      source = "detected: \(detected.reason)"
    }
    let (lines, bytes) = estimate(path: path)
    guard bytes > options.memoryLimit else { return false }
    guard format == .native, command.pricing == nil else {
      if !command.quiet {
        let why =
          format != .native
          ? "only native CSV is spilled to disk (convert it with grouper convert)"
          : "--prices needs every episode at once (group, then grouper price --run)"
        stderr.write(
          Diagnostic(
            .warning, at: .commandLine(GroupCommand.spec.name),
            .inMemoryOverLimit(estimate: bytes, limit: options.memoryLimit, why: why)
          ).description + "\n")
      }
      return false
    }
    try me.run(
      try FileByteSource(path: path), lines: lines, formatSource: source, out: out,
      definitions: definitions, stdout: stdout, started: started)
    return true
  }

  /// What the partitions add up to as they are read.
  private struct Totals {
    /// Data rows read.
    var rows = 0
    /// Lines the reader kept.
    var validLines = 0
    /// Rows rejected.
    var rejections = 0
    /// The first rejections by line (at most 20), for the error that stops a run.
    var firstRejections: [Rejection] = []
    /// The warnings of every partition read.
    var warnings = ReadWarnings()
    /// The claim fields the input has no column for (from the header, the same in each).
    var absentColumns: [ClaimField: String]?

    /// Counts a partition's read.
    mutating func add(_ read: ClaimReadResult) {
      rows += read.rowsRead
      validLines += read.store.lines.count
      rejections += read.rejections.count
      firstRejections = Array(
        (firstRejections + read.rejections.prefix(20)).sorted { $0.line < $1.line }.prefix(20))
      warnings.merge(read.warnings)
      if absentColumns == nil { absentColumns = read.absentColumns }
    }
  }

  /// Spills `input`, groups it partition by partition and writes the outputs into `out`.
  /// `lines` is the estimated line count of a file (nil for standard input).
  func run<S: ByteSource>(
    _ input: S, lines: Int?, formatSource: String, out: OutputFolder,
    definitions: [EpisodeDefinition], stdout: TextSink, started: ContinuousClock.Instant
  ) throws {
    let c = command
    let clock = ContinuousClock()
    let name = c.claimsPath
    let limit = c.outOfCore.memoryLimit
    let perPartition = Self.linesPerPartition(limit)
    let buckets =
      lines.map { min(256, max(2, 4 * (($0 + perPartition - 1) / perPartition))) } ?? 256
    let folder = try SpillFolder(in: c.outOfCore.tempDir)
    defer { folder.remove() }

    if name != StandardInputByteSource.name { display.read(name) }
    let pass: SpillPass.Result
    do {
      pass = try SpillPass(name: name, buckets: buckets, dates: c.dates, folder: folder).run(input)
    } catch {
      display.stop()
      throw error
    }
    display.endReading()
    if pass.badHeader || pass.totalRecords == 0 {
      // The claim reader gives the error a run in memory gives (a refused header, no rows).
      _ = try read(pass, partition: [])
      throw Diagnostic(at: SourceLocation(file: name), .spillFailed("the claims were not read"))
    }
    if !c.quiet {
      let shown = name == StandardInputByteSource.name ? "standard input" : name
      stderr.write("grouper: read \(shown) as native (\(formatSource))\n")
    }

    var members: MembersFile?
    if let membersPath = c.membersPath {
      members = try readMembers(membersPath, dates: c.dates, display: display)
    }

    let plan = try PartitionPlan(pass, linesPerPartition: perPartition)
    if !c.quiet {
      stderr.write(
        "grouper: \(pass.totalRecords) rows over --memory-limit \(MemorySize.text(limit)): "
          + "grouping in \(plan.partitions.count) partition"
          + "\(plan.partitions.count == 1 ? "" : "s") spilled to \(folder.path)\n")
      if let largest = plan.oversized.max(by: { $0.records < $1.records }) {
        stderr.write(
          Diagnostic(
            .warning, at: .commandLine(GroupCommand.spec.name),
            .partitionOverLimit(
              lines: largest.records,
              estimate: Self.baseBytes + largest.records * Self.bytesPerLine, limit: limit)
          ).description + "\n")
      }
    }

    // Partitions whose lines may start latest first: the data's last date is known once the
    // latest valid from_date read is no earlier than any unread partition's bound.
    func bound(_ p: PartitionPlan.Partition) -> Day? {
      p.buckets.compactMap { pass.latestFrom[$0] }.max()
    }
    let order = plan.partitions.sorted { a, b in
      switch (bound(a), bound(b)) {
      case (let x?, let y?) where x != y: return x > y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.buckets[0] < b.buckets[0]
      }
    }
    var through = c.through
    var held: ClaimReadResult?
    if through == nil {
      var known: Day?
      for (i, p) in order.enumerated() {
        if let k = known, bound(p).map({ $0 <= k }) ?? true { break }
        let read = try self.read(pass, partition: p.buckets)
        if let day = read.store.latestFrom, known.map({ day > $0 }) ?? true { known = day }
        // The first partition is kept for grouping when it settles the date by itself.
        let settled =
          i + 1 == order.count
          || known.map { k in bound(order[i + 1]).map { $0 <= k } ?? true }
            ?? false
        if i == 0 && settled { held = read }
      }
      through = known ?? Day(ordinal: 0)
    }

    // Read, check and group each partition, writing its outputs to disk.
    let reportsRejections = (c.shard?.index ?? 1) == 1
    var totals = Totals()
    var summaries: [String] = []
    var headers: [String: [UInt8]] = [:]
    let tables = ["episodes.csv", "episode_claims.csv", "excluded_claims.csv"]
    var failing = false
    let readDone = clock.now
    for (i, p) in order.enumerated() {
      display.stage("partition \(i + 1) of \(order.count): \(p.records) rows")
      let read = try (i == 0 ? held : nil) ?? self.read(pass, partition: p.buckets)
      held = nil
      totals.add(read)
      if !read.rejections.isEmpty && !c.skipInvalid { failing = true }
      if failing { continue }
      try RejectionSpill.write(
        reportsRejections ? read.rejections : [],
        to: try SpillWriter(path: folder.file("rejected-\(i)")))

      var store = read.store
      let inShard = c.shard.map { $0.members(of: read.store) }
      if let inShard { store.lines.removeAll { !inShard[Int($0.member)] } }
      let fallbacks = store.useAmounts(c.amountBasis)
      let (resolved, versions) = ClaimVersions.resolve(store)
      store = ClaimStore()
      var grouper = Grouper(
        definitions: definitions, members: members?.members, through: through, jobs: c.jobs)
      grouper.coverageKnownFrom = members?.coverageKnownFrom
      grouper.shard = c.shard
      let result = grouper.run(resolved)

      let memberBytes: (UInt32, (UnsafeBufferPointer<UInt8>) -> Void) -> Void = { id, body in
        result.store.members.withBytes(id, body)
      }
      headers[tables[0]] = try MemberBlocks.write(
        EpisodeReports.episodes(result), member: { result.episodes[$0].member },
        memberBytes: memberBytes, to: try SpillWriter(path: folder.file("\(tables[0])-\(i)")))
      headers[tables[1]] = try MemberBlocks.write(
        EpisodeReports.assignments(result),
        member: { result.episodes[result.assignments[$0].episode].member },
        memberBytes: memberBytes, to: try SpillWriter(path: folder.file("\(tables[1])-\(i)")))
      headers[tables[2]] = try MemberBlocks.write(
        EpisodeReports.exclusions(result),
        member: { result.episodes[result.exclusions[$0].episode].member },
        memberBytes: memberBytes, to: try SpillWriter(path: folder.file("\(tables[2])-\(i)")))

      // The last partition's summary carries the warnings of the whole input (all are read).
      var summary = RunSummary(
        claimsFile: GroupCommand.recordedClaims(name), membersFile: c.membersPath.map(absolutePath),
        rowsRead: read.rowsRead, rejections: reportsRejections ? read.rejections : [],
        memberRowsRead: members?.rowsRead ?? 0, memberRejections: members?.rejections.count ?? 0,
        result: result, warnings: totals.warnings)
      summary.claimsFormat = ClaimFormatOption.recorded(.native)
      if let shard = c.shard, let inShard {
        summary.shard = shard
        for line in read.store.lines where !inShard[Int(line.member)] {
          summary.linesOutsideShard += 1
          summary.dollarsOutsideShard += line.allowed
        }
        if !reportsRejections {
          summary.linesOutsideShard += read.rejections.count
          summary.dollarsOutsideShard += read.rejections.compactMap(\.allowed).reduce(.zero, +)
        }
      }
      summary.definitionsPath = absolutePath(c.definitionsPath)
      summary.defaultPayer = c.defaultPayer
      summary.amountBasis = c.amountBasis
      summary.standardizedFallbacks = fallbacks
      summary.versions = versions
      summaries.append(summary.json)
      Self.returnFreedMemory()
    }

    if !c.quiet, let absent = totals.absentColumns {
      let missing = ColumnCoverage.warnings(file: name, absent: absent, definitions: definitions)
      for w in missing { stderr.write(w.description + "\n") }
      for message in totals.warnings.messages {
        stderr.write(Diagnostic(.warning, at: .commandLine(), message).description + "\n")
      }
    }
    let memberRejections = members?.rejections ?? []
    if failing || (!memberRejections.isEmpty && !c.skipInvalid) {
      let count = totals.rejections + memberRejections.count
      let shown = (totals.firstRejections + memberRejections).prefix(20).map(\.diagnostic)
      throw Diagnostics(
        shown + [Diagnostic(at: .commandLine(), .rowsRejected(count, shown: shown.count))])
    }
    if members == nil && !c.quiet {
      stderr.write(Diagnostic(.warning, at: .commandLine(), .noMembersFile).description + "\n")
    }
    if c.skipInvalid {
      if totals.rows > 0 && totals.validLines == 0 {
        let shown = totals.firstRejections.map(\.diagnostic)
        throw Diagnostics(
          shown + [
            Diagnostic(at: .commandLine(), .everyRowRejected(totals.rows, shown: shown.count))
          ])
      }
      if totals.rejections * 100 > totals.rows && !c.quiet {
        stderr.write(
          Diagnostic(
            .warning, at: .commandLine(), .manyRowsRejected(totals.rejections, of: totals.rows)
          )
          .description + "\n")
      }
    }
    let groupDone = clock.now

    // One streaming merge per output, into files the output folder takes in as they are.
    display.stage("writing \(c.outPath)")
    let merged = folder.file("merged")
    try FileManager.default.createDirectory(atPath: merged, withIntermediateDirectories: false)
    for table in tables {
      try MemberBlocks.merge(
        order.indices.map { folder.file("\(table)-\($0)") }, header: headers[table]!,
        into: (merged as NSString).appendingPathComponent(table))
      try out.keep(table, from: merged)
    }
    try RejectionSpill.writeReport(
      order.indices.map { folder.file("rejected-\($0)") }, claimsPath: name,
      others: reportsRejections ? memberRejections : [],
      into: (merged as NSString).appendingPathComponent("rejected.csv"))
    try out.keep("rejected.csv", from: merged)
    let summary = try PartitionSummaryMerge.merge(summaries)
    try out.stage("summary.json", Array(summary.utf8))
    try out.commit()

    if !c.quiet {
      let readSeconds = started.duration(to: readDone).seconds
      let rate = Int(Double(totals.rows) / max(readSeconds, 1e-9))
      stderr.write(
        "grouper: read \(totals.rows) rows in \(GroupCommand.format(readSeconds)) s (\(rate) rows/s), "
          + "grouped in \(GroupCommand.format(readDone.duration(to: groupDone).seconds)) s, "
          + "wrote in \(GroupCommand.format(groupDone.duration(to: clock.now).seconds)) s\n")
    }
    stdout.write(try Self.report(summary, wrote: c.outPath))
  }

  /// Hands the memory a partition freed back to the system: the grouping threads' malloc arenas
  /// keep what they freed otherwise, and the next partition, allocating on other threads, could
  /// not reuse it, so the resident memory would grow from partition to partition.
  static func returnFreedMemory() {
    #if canImport(Glibc)
      // glibc's malloc_trim, looked up as OutputFolder looks up renameat2: malloc.h is not
      // part of the Glibc module.
      typealias Trim = @convention(c) (Int) -> Int32
      guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return }
      _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
  }

  /// Reads the buckets `partition` of `pass` with the claim reader, at the input's line numbers.
  private func read(_ pass: SpillPass.Result, partition: [Int]) throws -> ClaimReadResult {
    var reader = NativeClaimReader(path: command.claimsPath, defaultPayer: command.defaultPayer)
    reader.dates = command.dates
    let source = try PartitionSource(
      header: pass.header, headerLine: pass.headerLine, headerNewlines: pass.headerNewlines,
      paths: partition.map { pass.bucketPaths[$0] })
    var csv = CSVReader(source: source, name: command.claimsPath, chunkSize: reader.chunkSize)
    return try reader.read(
      &csv, expectedRows: partition.reduce(0) { $0 + pass.records[$1] })
  }

  /// The block `group` prints on stdout (see ``GroupCommand/report(_:wrote:)``), from the merged
  /// summary.
  static func report(_ summary: String, wrote folder: String) throws -> String {
    let root = try JSONParser.parse(Array(summary.utf8), file: "summary.json")
    func text(_ path: String...) -> String {
      var node = root
      for key in path {
        guard case .object(let members) = node.value,
          let next = members.first(where: { $0.key == key })
        else { return "" }
        node = next.value
      }
      switch node.value {
      case .number(let t): return t
      case .string(let s): return s
      default: return ""
      }
    }
    let byStatus = EpisodeStatus.allCases.map {
      "\(text("episodes", "by_status", $0.rawValue)) \($0.rawValue)"
    }
    let sharded = !text("lines", "outside_shard").isEmpty
    var lines =
      "\(text("lines", "read")) read = \(text("lines", "assigned")) assigned + "
      + "\(text("lines", "unassigned")) unassigned + \(text("lines", "rejected")) rejected"
    var dollars =
      "\(text("dollars", "read")) read = \(text("dollars", "assigned")) assigned + "
      + "\(text("dollars", "unassigned")) unassigned + \(text("dollars", "rejected")) rejected + "
      + "\(text("dollars", "prorated_away")) prorated away"
    if sharded {
      lines += " + \(text("lines", "outside_shard")) outside the shard"
      dollars += " + \(text("dollars", "outside_shard")) outside the shard"
    }
    return [
      "episodes      \(text("episodes", "total")): \(byStatus.joined(separator: ", "))",
      "claim lines   \(lines)",
      "dollars       \(dollars)",
      "data through  \(text("data_through"))",
      "wrote         \(folder)",
    ].joined(separator: "\n") + "\n"
  }
}
