import Foundation
import GrouperPricing
import GrouperReaders
import GrouperReports
import GrouperSupport

/// `grouper price`: prices the episodes of an earlier run's output folder without regrouping.
///
/// It reads the run's `episodes.csv` and `summary.json`; the claims file only when a risk model
/// has diagnosis flags, and the members file only when one uses age or sex (each by default the
/// file the run's `summary.json` names). It writes `pricing.csv`, `providers.csv`, `payers.csv`
/// and `summary.json` with the pricing totals, all at once or not at all.
struct PriceCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "price",
    abstract: "Price the episodes of an earlier run against a price schedule.",
    discussion: """
      Reads <run>/episodes.csv and <run>/summary.json. Diagnosis flags of a risk model read the
      claims file, age and sex read the members file: by default those the run's summary.json
      names (by absolute path, in the run's format and with its default payer), else --claims (a
      native claim file) and --members.

      Writes pricing.csv, providers.csv, payers.csv and summary.json (the run's, with a "pricing"
      member) into --out, by default the run folder itself, with the run's other outputs, as one
      set replaced all at once.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      75 output folder in use by another run, 130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "run", value: "folder", required: true,
        help: "The output folder of an earlier 'grouper group'."),
      OptionSpec(
        "prices", value: "file", required: true,
        help: "The price file (see EpisodeDefinitions/PRICES.md)."),
      OptionSpec(
        "quality", value: "file", help: "Per-provider quality scores (CSV, see PRICES.md)."),
      OptionSpec(
        "claims", value: "file", help: "The claims file for diagnosis flags (default: the run's)."),
      OptionSpec(
        "members", value: "file", help: "The members file for age and sex (default: the run's)."),
      OptionSpec(
        "default-payer", value: "id",
        help: "Payer of claim lines with an empty payer_id (default: the run's)."),
      OptionSpec("out", value: "folder", help: "Where to write (default: the run folder)."),
      OptionSpec("quiet", help: "No progress on stderr."),
    ])

  let runPath: String
  let pricesPath: String
  let qualityPath: String?
  let claimsPath: String?
  let membersPath: String?
  let defaultPayer: String
  /// The `--default-payer` given, nil when left out (the run's own is used then).
  let defaultPayerGiven: String?
  let outPath: String
  /// Whether `--quiet` was given.
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    runPath = arguments.value("run")!
    pricesPath = arguments.value("prices")!
    qualityPath = arguments.value("quality")
    claimsPath = arguments.value("claims")
    membersPath = arguments.value("members")
    defaultPayerGiven = arguments.value("default-payer")
    defaultPayer = defaultPayerGiven ?? "default"
    guard !defaultPayer.isEmpty else {
      throw Diagnostic.usage(Self.spec.name, .emptyOption("default-payer"))
    }
    outPath = arguments.value("out") ?? runPath
    quiet = arguments.flag("quiet")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    // The output folder is locked first: by default it is the run folder itself, whose episodes
    // must not change between reading and writing.
    let out = try RunOutputs.open(outPath)
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    let schedule = try GroupPricing.loadSchedule(pricesPath)
    let quality = try GroupPricing.loadQuality(qualityPath, schedule: schedule)
    let episodesPath = (runPath as NSString).appendingPathComponent("episodes.csv")
    let summaryPath = (runPath as NSString).appendingPathComponent("summary.json")
    try requireFile(episodesPath, "episodes")
    try requireFile(summaryPath, "run summary")
    let summaryBytes = Array(FileManager.default.contents(atPath: summaryPath) ?? Data())
    let run = try RunFacts(summaryBytes, file: summaryPath)
    try schedule.checkDefinitions(known: run.definitions)
    display.read(episodesPath)
    defer { display.stop() }
    let episodes = try EpisodesFile.read(path: episodesPath)
    display.endReading()

    var pricer = Pricer(schedule: schedule, quality: quality)
    // A RIF run's members come from its beneficiary files: read with the claims, once.
    let membersFromClaims = membersPath == nil && run.membersFile == nil && run.claimsFormat == .rif
    var input: ClaimInput?
    if (schedule.needsDemographics && membersFromClaims) || schedule.needsDiagnoses {
      input = try readClaims(run, summary: summaryPath, display: display)
    }
    if schedule.needsDemographics {
      if membersFromClaims, let members = input?.members {
        pricer.members = members.members
      } else {
        guard let path = membersPath ?? run.membersFile else {
          throw Diagnostic.usage(Self.spec.name, .demographicsNeedRunMembers)
        }
        if membersPath == nil { try run.requireInput(path, "members_file", summary: summaryPath) }
        try requireFile(path, "members")
        display.read(path)
        defer { display.stop() }
        pricer.members = try MembersReader(path: path).read().members
        display.endReading()
      }
    }
    if schedule.needsDiagnoses, let store = input?.claims.store {
      pricer.history = DiagnosisHistory(store: store, wanted: pricer.historyKeys(episodes))
    }

    display.stage("pricing")
    let output = PricingOutput(result: try pricer.price(episodes))
    let summary = try PricingReports.summaryJSON(
      extending: summaryBytes, file: summaryPath, with: output.result)
    display.stage("writing \(outPath)")
    // The priced episodes and the rest of the run's outputs stay with the pricing, so the
    // folder is one consistent set.
    for name in RunOutputs.grouping { try out.keep(name, from: runPath) }
    try output.stage(into: out)
    try out.stage("summary.json", Array(summary.utf8))
    try out.commit()
    stdout.write(output.line.dropLast() + "; wrote \(outPath)\n")
  }

  /// Reads the run's claims: `--claims` as a native file, else the file or folder the run's
  /// summary names, in the run's format (detected for an older summary) with its default payer.
  private func readClaims(_ run: RunFacts, summary: String, display: ProgressDisplay) throws
    -> ClaimInput
  {
    let path = claimsPath ?? run.claimsFile
    let format: ClaimFormat? = claimsPath == nil ? run.claimsFormat : .native
    if claimsPath == nil { try run.requireInput(path, "claims_file", summary: summary) }
    if format != .rif { try requireFile(path, "claims") }
    let payer = claimsPath == nil && defaultPayerGiven == nil ? run.defaultPayer : defaultPayer
    display.read(path)
    defer { display.stop() }
    let input = try ClaimInput.read(path: path, format: format, defaultPayer: payer)
    display.endReading()
    return input
  }
}

/// What pricing needs from a run's `summary.json`: its claims and members files and their
/// format, its default payer and its definition ids. A summary written before the inputs were
/// recorded as absolute paths with their format still reads: its paths are taken as given and
/// the claims' format is detected.
struct RunFacts {
  /// The claims file (or RIF folder) the run read.
  let claimsFile: String
  /// The claims' format, nil when the summary does not record it.
  let claimsFormat: ClaimFormat?
  /// Whether the summary records the inputs' format (and so absolute paths).
  var recordsFormat: Bool { claimsFormat != nil }
  /// The members file the run read, if any.
  let membersFile: String?
  /// The run's default payer (`default` when the summary does not record it).
  let defaultPayer: String
  /// The run's definition ids.
  let definitions: [String]

  /// Reads the facts from `summary.json` bytes; throws a located diagnostic.
  init(_ bytes: [UInt8], file: String) throws {
    let root = try JSONCursor(root: JSONParser.parse(bytes, file: file), file: file).object()
    claimsFile = try root.required("claims_file").string()
    if let format = root.optional("claims_format") {
      let text = try format.string()
      guard let parsed = ClaimFormat(argument: text) else {
        throw Diagnostic(at: format.location, .unknownClaimsFormat(text))
      }
      claimsFormat = parsed
    } else {
      claimsFormat = nil
    }
    let members = try root.required("members_file")
    membersFile = members.isNull ? nil : try members.string()
    defaultPayer = try root.optional("default_payer")?.string() ?? "default"
    definitions = try root.required("definitions").array().map {
      try $0.object().required("id").string()
    }
  }

  /// Throws a missing-input diagnostic naming the summary's `key` when the input it names is gone.
  func requireInput(_ path: String, _ key: String, summary: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { return }
    throw Diagnostic(
      at: SourceLocation(file: summary, field: key),
      .runInputNotFound(
        path, predatesAbsolutePaths: !recordsFormat && !path.hasPrefix("/"),
        option: key == "claims_file" ? "--claims" : "--members"))
  }
}
