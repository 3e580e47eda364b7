import GrouperCore
import GrouperReaders
import GrouperSupport

/// `grouper convert`: reads claims in any supported format and writes the native claim-line CSV,
/// so an analyst can see exactly what the grouper read.
struct ConvertCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "convert",
    abstract: "Write claims read in any supported format as the native claim-line CSV.",
    discussion: """
      Formats: native, rif (a folder of CMS RIF files, or one), fhir (ExplanationOfBenefit Bundle,
      resource or NDJSON), mapping:FILE (a delimited extract read through a mapping file). See
      SampleClaims/FORMATS.md. Members from RIF beneficiary files go to --members-out.

      A malformed row stops the run with its file, line, column and value (exit status 65) and
      nothing is written, unless --skip-invalid is given: then the valid lines are written and the
      rejected rows are listed on stderr; the command still fails when every row is rejected, and
      warns when more than 1% are. A warning says when the input has neither a DRG nor a HCPCS
      column, and counts codes kept though they break their system's shape.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "claims", value: "path", required: true,
        help: "The claims: a file, or a folder of RIF files; - reads standard input."),
      ClaimFormatOption.spec,
      OptionSpec("out", value: "file", required: true, help: "The native claim-line CSV to write."),
      DateRangeOption.spec,
      OptionSpec(
        "members-out", value: "file",
        help: "Also write the members the input describes (RIF beneficiaries)."),
      OptionSpec(
        "default-payer", value: "id", help: "Payer of lines that name none (default: default)."),
      OptionSpec(
        "skip-invalid", help: "Write the valid lines and list the rejected rows on stderr."),
      OptionSpec(
        "quiet", help: "Nothing on stderr but errors (no format, progress or warning lines)."),
    ])

  let claimsPath: String
  let format: ClaimFormatOption
  let outPath: String
  let membersOut: String?
  let defaultPayer: String
  let dates: DateBounds
  let skipInvalid: Bool
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    claimsPath = arguments.value("claims")!
    format = try ClaimFormatOption(arguments, command: Self.spec.name)
    outPath = arguments.value("out")!
    membersOut = arguments.value("members-out")
    dates = try DateRangeOption.parse(arguments, command: Self.spec.name)
    defaultPayer = try DefaultPayerOption.parse(arguments, command: Self.spec.name)
    skipInvalid = arguments.flag("skip-invalid")
    quiet = arguments.flag("quiet")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    let input = try format.read(
      claimsPath, defaultPayer: defaultPayer, dates: dates, stderr: stderr, quiet: quiet,
      display: display)
    if !quiet {
      if let w = ColumnCoverage.convertWarning(file: claimsPath, absent: input.claims.absentColumns)
      {
        stderr.write(w.description + "\n")
      }
      for message in input.claims.warnings.messages {
        stderr.write(Diagnostic(.warning, at: .commandLine(), message).description + "\n")
      }
    }
    let rejections = input.claims.rejections + (input.members?.rejections ?? [])
    if !rejections.isEmpty && !skipInvalid {
      throw GroupCommand.rejected(rejections)
    }
    if skipInvalid, let warning = try SkipInvalidCheck.check(input.claims), !quiet {
      stderr.write(warning.description + "\n")
    }
    if membersOut != nil && input.members == nil {
      stderr.write(
        "grouper: the input describes no members (only RIF beneficiary files do); \(membersOut!) not written\n"
      )
    }
    display.stage("writing \(outPath)")
    // Lines a reader set aside (RIF rows not final action, undated outpatient lines, cancelled
    // EOBs) have no native form: they are left out, and counted below.
    var store = input.claims.store
    let setAside = store.lines.count
    store.lines.removeAll { $0.setAside != nil }
    let leftOut = setAside - store.lines.count
    let claims = try StagedFile(path: outPath)
    try NativeClaimWriter.write(store, to: claims)
    var membersFile: StagedFile?
    if let membersOut, let members = input.members {
      membersFile = try StagedFile(path: membersOut)
      try membersFile!.write(NativeMembersWriter.csv(members.members))
    }
    try claims.commit()
    try membersFile?.commit()
    if !rejections.isEmpty {
      let lines = rejections.prefix(20).map(\.diagnostic.description)
      stderr.write(
        lines.joined(separator: "\n")
          + (rejections.count > 20 ? "\n… and \(rejections.count - 20) more" : "") + "\n")
    }
    let read = input.claims
    var text = "wrote \(store.lines.count) claim lines from \(read.rowsRead) rows read"
    if !rejections.isEmpty { text += ", \(rejections.count) rows rejected" }
    if leftOut > 0 { text += ", \(leftOut) set aside (never grouped)" }
    text += ", to \(outPath)"
    if let membersOut, let members = input.members {
      text += "; \(members.members.count) members to \(membersOut)"
    }
    stdout.write(text + "\n")
  }
}
