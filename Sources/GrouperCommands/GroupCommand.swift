import Foundation
import GrouperCore
import GrouperReaders
import GrouperReports
import GrouperSupport

/// `grouper group`: reads definitions, claims and optionally members, groups, and writes the
/// outputs into a folder, all at once or not at all.
struct GroupCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "group",
    abstract: "Group a claim file into episodes of care.",
    discussion: """
      Writes into the output folder: episodes.csv, episode_claims.csv, excluded_claims.csv,
      rejected.csv and summary.json (and with --prices: pricing.csv, providers.csv, payers.csv).
      The folder is replaced as a whole when the run succeeds: the names above that this run did
      not write are removed, other files are kept; a failed or interrupted run changes nothing.

      A malformed row stops the run with its file, line, column and value (exit status 65),
      unless --skip-invalid is given: then it is written to rejected.csv and counted in the summary;
      the run still fails when every row is rejected, and warns when more than 1% are. Codes kept
      though they break their system's shape (an NPI check digit, an ICD-9 code) are counted by
      kind under "warnings" in summary.json. A warning names each column the claims lack that a
      definition tests.
      Claim versions (adjustment_type, replaces_claim_id; RIF FINAL_ACTION; FHIR status and
      related claims) are resolved before grouping: superseded and reversed lines are counted as
      unassigned, by reason, under "set_aside_before_grouping" in summary.json. --amount chooses
      the amount episodes sum, recorded as "amount_basis".
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      75 output folder in use by another run, 130 or 143 interrupted (SIGINT, SIGTERM).

      --shard K/N groups the members whose FNV-1a 64 hash of the member_id bytes, mod N, is K-1:
      the same members on every machine and run. Every shard reads every row; the lines of other
      members, and in shards 2..N the rejected rows (which shard 1 alone writes to rejected.csv),
      are counted as outside_shard in summary.json, so read = rejected + assigned + unassigned +
      prorated away + outside the shard. grouper merge joins the N folders into the single run's
      outputs; --prices needs the whole population, so price the merged folder (grouper price).

      --source-lines FILE --source PATH (with --shard K/N and --through) group a partition: --claims
      holds the header and the rows of shard K's members copied from PATH in order, FILE each
      row's line in PATH. Rows are read, rejected and warned about as lines of PATH; grouper merge
      sums the partitions. --through is the latest of every partition's grouper scan.

      --memory-limit SIZE (512M, 2G; K, M, G, T are powers of 1024; default: half the physical
      memory) bounds the memory a run plans for, at about 330 bytes a claim line. A native CSV
      that would need more, and native CSV on standard input, is spilled in one pass into files
      by an FNV-1a 64 hash of the member_id, in a folder made in --temp-dir DIR (default: TMPDIR,
      else /tmp) and removed when the run ends (also on SIGINT and SIGTERM), then grouped part
      by part; members tied by a claim are kept in one part. The outputs are the same bytes as a
      run in memory. Other formats, and runs with --prices, are grouped in memory (with a warning
      when over the limit).
      """,
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file."),
      OptionSpec(
        "claims", value: "path", required: true,
        help: "Claims: native CSV, RIF folder or file, FHIR, or an extract; - reads stdin."),
      ClaimFormatOption.spec,
      OptionSpec(
        "members", value: "file", help: "Members file: birth, sex, death and coverage spans."),
    ] + GroupPricing.options + [
      AmountBasisOption.spec,
      OptionSpec(
        "through", value: "date",
        help: "The data's last date (default: the latest from_date read)."),
      DateRangeOption.spec,
      OptionSpec("jobs", value: "n", help: "Worker threads (default: all cores)."),
      OptionSpec(
        "shard", value: "K/N",
        help: "Group only shard K of N of the members (see below); join with grouper merge."),
    ] + PartitionInput.options + [
      DefaultPayerOption.spec,
      OptionSpec(
        "out", value: "folder", required: true, help: "The output folder (created when missing)."),
      OptionSpec("skip-invalid", help: "Write malformed rows to rejected.csv and go on."),
    ] + OutOfCoreOptions.specs + [
      OptionSpec(
        "quiet", help: "Nothing on stderr but errors (no format, warning or progress lines).")
    ])

  let definitionsPath: String
  let claimsPath: String
  let format: ClaimFormatOption
  let membersPath: String?
  let pricing: GroupPricing?
  let through: Day?
  let amountBasis: AmountBasis
  let dates: DateBounds
  let jobs: Int
  /// The shard grouped, when `--shard` is given.
  let shard: MemberShard?
  /// The partition read, when `--source-lines` is given (a partition run).
  let partition: PartitionInput?
  let defaultPayer: String
  let outPath: String
  let skipInvalid: Bool
  let quiet: Bool
  /// `--memory-limit` and `--temp-dir`.
  let outOfCore: OutOfCoreOptions

  init(_ arguments: ParsedArguments) throws {
    let name = Self.spec.name
    definitionsPath = arguments.value("definitions")!
    claimsPath = arguments.value("claims")!
    format = try ClaimFormatOption(arguments, command: name)
    membersPath = arguments.value("members")
    shard = try Self.shard(arguments.value("shard"), command: name)
    if shard != nil && arguments.value("prices") != nil {
      throw Diagnostic.usage(name, .shardWithPrices)
    }
    pricing = try GroupPricing(arguments, command: name)
    through = try arguments.day("through", command: name)
    partition = try PartitionInput(arguments, claims: claimsPath, command: name)
    if partition != nil {
      try PartitionInput.checkGroupOptions(
        shard: shard, through: through, format: format.format, command: name)
    }
    amountBasis = try AmountBasisOption.parse(arguments, command: name)
    dates = try DateRangeOption.parse(arguments, command: name)
    jobs = try arguments.int(
      "jobs", atLeast: 1, default: ProcessInfo.processInfo.activeProcessorCount, command: name)
    defaultPayer = try DefaultPayerOption.parse(arguments, command: name)
    outPath = arguments.value("out")!
    skipInvalid = arguments.flag("skip-invalid")
    quiet = arguments.flag("quiet")
    outOfCore = try OutOfCoreOptions(arguments, command: name)
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let clock = ContinuousClock()
    let started = clock.now
    // The folder is locked first, so a second run into it is refused before it reads anything.
    let out = try RunOutputs.open(outPath)
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    let definitions = try Self.loadDefinitions(definitionsPath)
    if try OutOfCoreGroup.runIfNeeded(
      self, out: out, definitions: definitions, display: display, stdout: stdout, stderr: stderr,
      started: started)
    {
      return
    }

    let partitionLines = try partition?.lineTable()
    // The members file is read on its own thread while the claims are read; its errors are
    // reported where they always were, after the claims'.
    let membersRead = membersPath.map { path in
      BackgroundWork { [dates] in try readMembers(path, dates: dates) }
    }
    var input =
      partition != nil
      ? nil
      : try format.read(
        claimsPath, defaultPayer: defaultPayer, dates: dates, stderr: stderr, quiet: quiet,
        display: display, jobs: jobs)
    var read: ClaimReadResult
    if let partition, let shard, let partitionLines {
      read = try partition.read(table: partitionLines, defaultPayer: defaultPayer, dates: dates)
      try partition.checkMembers(read.store, shard: shard, table: partitionLines)
    } else {
      read = input!.claims
      input!.claims.store = ClaimStore()
    }
    let readDone = clock.now
    let readSeconds = started.duration(to: readDone).seconds
    if !quiet {
      let missing = ColumnCoverage.warnings(
        file: claimsPath, absent: read.absentColumns, definitions: definitions)
      for w in missing { stderr.write(w.description + "\n") }
      for message in read.warnings.messages {
        stderr.write(Diagnostic(.warning, at: .commandLine(), message).description + "\n")
      }
    }

    var members = input?.members
    input?.members = nil
    if let membersRead, let membersPath {
      members = try membersRead.value()
      display.finished(membersPath)
    }
    let allRejections = read.rejections + (members?.rejections ?? [])
    if !allRejections.isEmpty && !skipInvalid {
      throw Self.rejected(allRejections)
    }
    // Shard 1 alone reports the rejected rows, so a merge writes each once; a partition reports
    // its own claim rows, and partition 1 alone the members file's.
    let reportsRejections = (shard?.index ?? 1) == 1 || partition != nil
    let reportsMembers = (shard?.index ?? 1) == 1
    let rejections =
      (reportsRejections ? read.rejections : []) + (reportsMembers ? members?.rejections ?? [] : [])
    if members == nil && !quiet {
      stderr.write(Diagnostic(.warning, at: .commandLine(), .noMembersFile).description + "\n")
    }
    // Whether every row, or many, were rejected is a question for the whole file, not a partition.
    if skipInvalid, partition == nil, let warning = try SkipInvalidCheck.check(read), !quiet {
      stderr.write(warning.description + "\n")
    }

    display.stage("grouping")
    // The data's last date is the whole file's, whatever shard is grouped.
    let latestFrom = read.store.latestFrom
    // A shard resolves and groups its own members' lines; the others count as outside it.
    let inShard = shard.map { $0.members(of: read.store) }
    var outsideShard = (lines: 0, dollars: Cents.zero)
    for line in read.store.lines where inShard?[Int(line.member)] == false {
      outsideShard.lines += 1
      outsideShard.dollars += line.allowed
    }
    // The store is moved out of the read result, so the steps below change its only copy in
    // place; every claim id is in, so the claim ids' hash table is freed before grouping.
    var store = read.store
    read.store = ClaimStore()
    store.claims.dropIndex()
    if let inShard { store.lines.removeAll { !inShard[Int($0.member)] } }
    let fallbacks = store.useAmounts(amountBasis)
    let (resolved, versions) = ClaimVersions.resolve(consume store)
    var grouper = Grouper(
      definitions: definitions, members: members?.members,
      through: through ?? latestFrom, jobs: jobs)
    grouper.coverageKnownFrom = members?.coverageKnownFrom
    grouper.shard = shard
    // Without pricing, the members by id are the grouper's alone, which lets them go once it
    // has them in a table.
    if pricing == nil { members?.members = [:] }
    let result = grouper.run(resolved)
    let groupDone = clock.now
    let groupSeconds = readDone.duration(to: groupDone).seconds
    if pricing != nil { display.stage("pricing") }
    let priced = try pricing?.price(result, members: members?.members)

    var summary = RunSummary(
      claimsFile: Self.recordedClaims(partition?.source ?? claimsPath),
      membersFile: membersPath.map(absolutePath),
      rowsRead: read.rowsRead, rejections: reportsRejections ? read.rejections : [],
      memberRowsRead: members?.rowsRead ?? 0, memberRejections: members?.rejections.count ?? 0,
      result: result, warnings: read.warnings)
    summary.claimsFormat = ClaimFormatOption.recorded(input?.format ?? .native)
    summary.partition = partition != nil
    if let shard {
      summary.shard = shard
      summary.linesOutsideShard = outsideShard.lines
      summary.dollarsOutsideShard = outsideShard.dollars
      if !reportsRejections {
        summary.linesOutsideShard += read.rejections.count
        summary.dollarsOutsideShard += read.rejections.compactMap(\.allowed).reduce(.zero, +)
      }
    }
    summary.definitionsPath = absolutePath(definitionsPath)
    summary.defaultPayer = defaultPayer
    summary.amountBasis = amountBasis
    summary.standardizedFallbacks = fallbacks
    summary.versions = versions
    var rawLines: [String: [Int: String]] = [:]
    // Standard input cannot be read again: its rejected rows keep an empty `row`.
    for (file, rows) in Dictionary(grouping: rejections, by: \.file)
    where file != StandardInputByteSource.name {
      let lines = Set(rows.map(\.line))
      rawLines[file] =
        partitionLines.flatMap { partition?.rawLines(file, lines: lines, table: $0) }
        ?? RawLines.read(path: file, lines: lines)
    }
    display.stage("writing \(outPath)")
    let tables = try ["episodes.csv", "episode_claims.csv", "excluded_claims.csv"].map {
      try out.openForWriting($0)
    }
    try EpisodeReports.write(
      result, episodes: tables[0], assignments: tables[1], exclusions: tables[2])
    for table in tables { try table.commit() }
    try out.stage("rejected.csv", RejectedReport.csv(rejections, rawLines: rawLines))
    let summaryText = try priced?.summary(extending: summary.json) ?? summary.json
    try out.stage("summary.json", Array(summaryText.utf8))
    try priced?.stage(into: out)
    try out.commit()
    let writeSeconds = groupDone.duration(to: clock.now).seconds

    if !quiet {
      let rate = Int(Double(read.rowsRead) / max(readSeconds, 1e-9))
      stderr.write(
        "grouper: read \(read.rowsRead) rows in \(Self.format(readSeconds)) s (\(rate) rows/s), "
          + "grouped in \(Self.format(groupSeconds)) s, wrote in \(Self.format(writeSeconds)) s\n")
    }
    stdout.write(Self.report(summary, wrote: outPath))
    if let priced { stdout.write(priced.line) }
  }

  /// The block `group` prints on stdout: episodes by status, the claim lines and dollars read and
  /// where they went, the data's last date and the folder written.
  static func report(_ summary: RunSummary, wrote folder: String) -> String {
    let result = summary.result
    let a = result.accounting
    let byStatus = EpisodeStatus.allCases.map { s in
      "\(result.episodes.filter { $0.status == s }.count) \(s.rawValue)"
    }
    var lines =
      "\(summary.rowsRead) read = \(a.linesAssigned) assigned + \(summary.linesUnassigned) unassigned"
      + " + \(summary.rejections.count) rejected"
    var dollars =
      "\(summary.dollarsRead) read = \(a.dollarsAssigned) assigned + \(summary.dollarsUnassigned) "
      + "unassigned + \(summary.rejectedDollars) rejected + \(a.dollarsProratedAway) prorated away"
    if summary.shard != nil {
      lines += " + \(summary.linesOutsideShard) outside the shard"
      dollars += " + \(summary.dollarsOutsideShard) outside the shard"
    }
    return [
      "episodes      \(result.episodes.count): \(byStatus.joined(separator: ", "))",
      "claim lines   \(lines)",
      "dollars       \(dollars)",
      "data through  \(result.through)",
      "wrote         \(folder)",
    ].joined(separator: "\n") + "\n"
  }

  /// The claims input as `summary.json` records it: a path made absolute, standard input as `-`.
  static func recordedClaims(_ path: String) -> String {
    path == StandardInputByteSource.name ? path : absolutePath(path)
  }

  /// The `--shard K/N` value, when given; throws a usage error unless 1 ≤ K ≤ N.
  static func shard(_ text: String?, command: String) throws -> MemberShard? {
    guard let text else { return nil }
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]),
      let shard = MemberShard(index: k, count: n)
    else {
      throw Diagnostic.usage(command, .badShard(text))
    }
    return shard
  }

  /// Loads definitions; throws ``Diagnostics`` with every file's error.
  static func loadDefinitions(_ path: String) throws -> [EpisodeDefinition] {
    try DefinitionLoader.load(path: path)
  }

  /// The error for rejected rows without `--skip-invalid`: the first twenty, then a line saying
  /// how many in all and that nothing was written.
  static func rejected(_ rejections: [Rejection]) -> Diagnostics {
    let shown = rejections.prefix(20).map(\.diagnostic)
    return Diagnostics(
      shown + [
        Diagnostic(
          at: .commandLine(), .rowsRejected(rejections.count, shown: shown.count))
      ])
  }

  static func format(_ seconds: Double) -> String {
    String(format: "%.2f", seconds)
  }
}

/// Throws a missing-input diagnostic unless `path` is a readable file (not a folder); `what`
/// names the file in the message (`members`).
func requireFile(_ path: String, _ what: String) throws {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw Diagnostic(at: SourceLocation(file: path), .inputFileNotFound(what))
  }
  guard !isDirectory.boolValue else {
    throw Diagnostic(at: SourceLocation(file: path), .inputIsAFolder(what))
  }
  guard FileManager.default.isReadableFile(atPath: path) else {
    throw Diagnostic(at: SourceLocation(file: path), .inputNotReadable(what))
  }
}
