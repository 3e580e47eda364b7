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
      Files are written only when the whole run succeeds.

      A malformed row stops the run with its file, line, column and value (exit status 65),
      unless --skip-invalid is given: then it is written to rejected.csv and counted in the summary;
      the run still fails when every row is rejected, and warns when more than 1% are. Codes kept
      though they break their system's shape (an NPI check digit, an ICD-9 code) are counted by
      kind under "warnings" in summary.json. A warning names each column the claims lack that a
      definition tests.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable.
      """,
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file."),
      OptionSpec(
        "claims", value: "path", required: true,
        help: "Claims: native CSV, RIF folder or file, FHIR, or an extract."),
      ClaimFormatOption.spec,
      OptionSpec(
        "members", value: "file", help: "Members file: birth, sex, death and coverage spans."),
    ] + GroupPricing.options + [
      OptionSpec(
        "through", value: "date",
        help: "The data's last date (default: the latest from_date read)."),
      DateRangeOption.spec,
      OptionSpec("jobs", value: "n", help: "Worker threads (default: all cores)."),
      OptionSpec(
        "default-payer", value: "id",
        help: "Payer of lines with an empty payer_id (default: default)."),
      OptionSpec(
        "out", value: "folder", required: true, help: "The output folder (created when missing)."),
      OptionSpec("skip-invalid", help: "Write malformed rows to rejected.csv and go on."),
      OptionSpec(
        "quiet", help: "Nothing on stderr but errors (no format, progress or warning lines)."),
    ])

  let definitionsPath: String
  let claimsPath: String
  let format: ClaimFormatOption
  let membersPath: String?
  let pricing: GroupPricing?
  let through: Day?
  let dates: DateBounds
  let jobs: Int
  let defaultPayer: String
  let outPath: String
  let skipInvalid: Bool
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    let name = Self.spec.name
    definitionsPath = arguments.value("definitions")!
    claimsPath = arguments.value("claims")!
    format = try ClaimFormatOption(arguments, command: name)
    membersPath = arguments.value("members")
    pricing = try GroupPricing(arguments, command: name)
    through = try arguments.day("through", command: name)
    dates = try DateRangeOption.parse(arguments, command: name)
    jobs = try arguments.int(
      "jobs", atLeast: 1, default: ProcessInfo.processInfo.activeProcessorCount, command: name)
    defaultPayer = arguments.value("default-payer") ?? "default"
    guard !defaultPayer.isEmpty else {
      throw CommandError(.usage, "grouper group: --default-payer must not be empty")
    }
    outPath = arguments.value("out")!
    skipInvalid = arguments.flag("skip-invalid")
    quiet = arguments.flag("quiet")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let clock = Stopwatch()
    let definitions = try Self.loadDefinitions(definitionsPath)

    let input = try format.read(
      claimsPath, defaultPayer: defaultPayer, dates: dates, stderr: stderr, quiet: quiet)
    let read = input.claims
    let readSeconds = clock.lap()
    if !quiet {
      let missing = ColumnCoverage.warnings(
        file: claimsPath, absent: read.absentColumns, definitions: definitions)
      for w in missing { stderr.write(w.description + "\n") }
      for line in read.warnings.lines { stderr.write(line + "\n") }
    }

    var members = input.members
    if let membersPath {
      try requireFile(membersPath, "members")
      var reader = MembersReader(path: membersPath)
      reader.dates = dates
      do { members = try reader.read() } catch let d as Diagnostic {
        throw CommandError(.dataError, d.description)
      }
    }
    let rejections = read.rejections + (members?.rejections ?? [])
    if !rejections.isEmpty && !skipInvalid {
      throw CommandError(.dataError, Self.rejectionMessage(rejections))
    }
    if skipInvalid, let warning = try SkipInvalidCheck.check(read), !quiet {
      stderr.write(warning + "\n")
    }

    let grouper = Grouper(
      definitions: definitions, members: members?.members, through: through, jobs: jobs)
    let result = grouper.run(read.store)
    let groupSeconds = clock.lap()
    let priced = try pricing?.price(result, members: members?.members)

    let summary = RunSummary(
      claimsFile: claimsPath, membersFile: membersPath, rowsRead: read.rowsRead,
      rejections: read.rejections,
      memberRowsRead: members?.rowsRead ?? 0, memberRejections: members?.rejections.count ?? 0,
      result: result, warnings: read.warnings)
    var rawLines: [String: [Int: String]] = [:]
    for (file, rows) in Dictionary(grouping: rejections, by: \.file) {
      rawLines[file] = RawLines.read(path: file, lines: Set(rows.map(\.line)))
    }
    do {
      var out = try OutputFolder(path: outPath)
      try out.stage("episodes.csv", EpisodeReports.episodes(result))
      try out.stage("episode_claims.csv", EpisodeReports.assignments(result))
      try out.stage("excluded_claims.csv", EpisodeReports.exclusions(result))
      try out.stage("rejected.csv", RejectedReport.csv(rejections, rawLines: rawLines))
      let summaryText = try priced?.summary(extending: summary.json) ?? summary.json
      try out.stage("summary.json", Array(summaryText.utf8))
      try priced?.stage(into: &out)
      try out.commit()
    } catch let d as Diagnostic {
      throw CommandError(.cannotCreate, d.description)
    }
    let writeSeconds = clock.lap()

    if !quiet {
      let rate = Int(Double(read.rowsRead) / max(readSeconds, 1e-9))
      stderr.write(
        "grouper: read \(read.rowsRead) rows in \(Self.format(readSeconds)) s (\(rate) rows/s), "
          + "grouped in \(Self.format(groupSeconds)) s, wrote in \(Self.format(writeSeconds)) s\n")
    }
    let byStatus = EpisodeStatus.allCases.map { s in
      "\(result.episodes.filter { $0.status == s }.count) \(s.rawValue)"
    }
    stdout.write(
      "\(result.episodes.count) episodes (\(byStatus.joined(separator: ", "))) from \(read.rowsRead) claim lines"
        + (rejections.isEmpty ? "" : ", \(rejections.count) rows rejected") + "; wrote \(outPath)\n"
    )
    if let priced { stdout.write(priced.line) }
  }

  /// Loads definitions, turning load errors into a data error with every diagnostic.
  static func loadDefinitions(_ path: String) throws -> [EpisodeDefinition] {
    do {
      return try DefinitionLoader.load(path: path)
    } catch let d as Diagnostics {
      let missing = d.items.count == 1 && d.items[0].message == "no such file or folder"
      throw CommandError(missing ? .noInput : .dataError, d.description)
    }
  }

  /// The message for rejected rows without `--skip-invalid`: the first twenty, and how many in all.
  static func rejectionMessage(_ rejections: [Rejection]) -> String {
    var lines = rejections.prefix(20).map(\.diagnostic.description)
    if rejections.count > 20 { lines.append("… and \(rejections.count - 20) more") }
    lines.append(
      "grouper: \(rejections.count) row\(rejections.count == 1 ? "" : "s") rejected; nothing was written "
        + "(fix the input, or run with --skip-invalid to write them to rejected.csv and go on)")
    return lines.joined(separator: "\n")
  }

  static func format(_ seconds: Double) -> String {
    String(format: "%.2f", seconds)
  }
}

/// Throws a no-input error unless `path` is a readable file (not a folder).
func requireFile(_ path: String, _ what: String) throws {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    throw CommandError(.noInput, "\(path): error: \(what) file not found")
  }
  guard !isDirectory.boolValue else {
    throw CommandError(.noInput, "\(path): error: \(what) path is a folder, not a file")
  }
  guard FileManager.default.isReadableFile(atPath: path) else {
    throw CommandError(.noInput, "\(path): error: \(what) file is not readable")
  }
}

/// Wall-clock time since creation, for progress and stage timings.
final class Stopwatch: @unchecked Sendable {
  private let start = DispatchTime.now().uptimeNanoseconds
  private var last = DispatchTime.now().uptimeNanoseconds

  /// Seconds since creation.
  var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

  /// Seconds since the previous lap (or creation).
  func lap() -> Double {
    let now = DispatchTime.now().uptimeNanoseconds
    defer { last = now }
    return Double(now - last) / 1e9
  }
}
