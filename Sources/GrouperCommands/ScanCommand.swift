import Foundation
import GrouperCore
import GrouperReaders
import GrouperSupport

/// `grouper scan`: reads claims as `group` does and prints, as one JSON line, the rows read, the
/// lines accepted and the latest from_date among them: the first stage of a partitioned job,
/// whose latest date over all partitions is every partition's `group --through`.
struct ScanCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "scan",
    abstract: "Read claims and print the rows, lines accepted and latest from_date as JSON.",
    discussion: """
      Prints one line: {"claims_file": …, "rows": …, "rejected": …, "lines": …, "latest_from":
      "YYYY-MM-DD" or null}. latest_from is the date group takes as the data's last date when
      --through is not given: the latest from_date among the lines the reader accepts. A job
      that groups a file split into partitions (group --source-lines) scans every partition
      first and gives the latest of their dates to every partition's group --through, so each
      groups as of the whole file's last date.
      With --source-lines and --source, --claims is a partition: see grouper group --help.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input.
      """,
    options: [
      OptionSpec(
        "claims", value: "path", required: true,
        help: "Claims: native CSV, RIF folder or file, FHIR, or an extract; - reads stdin."),
      ClaimFormatOption.spec,
    ] + PartitionInput.options + [
      DateRangeOption.spec,
      DefaultPayerOption.spec,
    ])

  /// The claims given.
  let claimsPath: String
  /// The format given, if any.
  let format: ClaimFormatOption
  /// The partition, when `--source-lines` is given.
  let partition: PartitionInput?
  /// The plausible range of dates.
  let dates: DateBounds
  /// The payer of lines that name none (claim consistency compares payers).
  let defaultPayer: String

  init(_ arguments: ParsedArguments) throws {
    let name = Self.spec.name
    claimsPath = arguments.value("claims")!
    format = try ClaimFormatOption(arguments, command: name)
    partition = try PartitionInput(arguments, claims: claimsPath, command: name)
    if partition != nil, let f = format.format, f != .native {
      throw Diagnostic.usage(name, .partitionNeedsNative(f.description))
    }
    dates = try DateRangeOption.parse(arguments, command: name)
    defaultPayer = try DefaultPayerOption.parse(arguments, command: name)
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let read: ClaimReadResult
    if let partition {
      read = try partition.read(
        table: partition.lineTable(), defaultPayer: defaultPayer, dates: dates)
    } else {
      read = try format.read(
        claimsPath, defaultPayer: defaultPayer, dates: dates, stderr: stderr, quiet: true
      ).claims
    }
    let value = JSONWriter.Value.object([
      ("claims_file", .string(GroupCommand.recordedClaims(partition?.source ?? claimsPath))),
      ("rows", .int(read.rowsRead)),
      ("rejected", .int(read.rejections.count)),
      ("lines", .int(read.store.lines.count)),
      ("latest_from", read.store.latestFrom.map { .string($0.description) } ?? .null),
    ])
    stdout.write(Self.oneLine(JSONWriter.render(value)) + "\n")
  }

  /// `text` on one line (the writer indents; a job reads the line as one record).
  static func oneLine(_ text: String) -> String {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(
      separator: " ")
  }
}
