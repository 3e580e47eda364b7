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
      names, else --claims and --members. Give the run's --default-payer when it had one.

      Writes pricing.csv, providers.csv, payers.csv and summary.json (the run's, with a "pricing"
      member) into --out, by default the run folder itself.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable.
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
        help: "Payer of claim lines with an empty payer_id (default: default)."),
      OptionSpec("out", value: "folder", help: "Where to write (default: the run folder)."),
    ])

  let runPath: String
  let pricesPath: String
  let qualityPath: String?
  let claimsPath: String?
  let membersPath: String?
  let defaultPayer: String
  let outPath: String

  init(_ arguments: ParsedArguments) throws {
    runPath = arguments.value("run")!
    pricesPath = arguments.value("prices")!
    qualityPath = arguments.value("quality")
    claimsPath = arguments.value("claims")
    membersPath = arguments.value("members")
    defaultPayer = arguments.value("default-payer") ?? "default"
    guard !defaultPayer.isEmpty else {
      throw Diagnostic.usage(Self.spec.name, .emptyOption("default-payer"))
    }
    outPath = arguments.value("out") ?? runPath
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let schedule = try GroupPricing.loadSchedule(pricesPath)
    let quality = try GroupPricing.loadQuality(qualityPath, schedule: schedule)
    let episodesPath = (runPath as NSString).appendingPathComponent("episodes.csv")
    let summaryPath = (runPath as NSString).appendingPathComponent("summary.json")
    try requireFile(episodesPath, "episodes")
    try requireFile(summaryPath, "run summary")
    let summaryBytes = Array(FileManager.default.contents(atPath: summaryPath) ?? Data())
    let run = try RunFacts(summaryBytes, file: summaryPath)
    try schedule.checkDefinitions(known: run.definitions)
    let episodes = try EpisodesFile.read(path: episodesPath)

    var pricer = Pricer(schedule: schedule, quality: quality)
    if schedule.needsDemographics {
      guard let path = membersPath ?? run.membersFile else {
        throw Diagnostic.usage(Self.spec.name, .demographicsNeedRunMembers)
      }
      try requireFile(path, "members")
      pricer.members = try MembersReader(path: path).read().members
    }
    if schedule.needsDiagnoses {
      let path = claimsPath ?? run.claimsFile
      try requireFile(path, "claims")
      let store = try NativeClaimReader(path: path, defaultPayer: defaultPayer).read().store
      pricer.history = DiagnosisHistory(store: store, wanted: pricer.historyKeys(episodes))
    }

    let output = PricingOutput(result: try pricer.price(episodes))
    let summary = try PricingReports.summaryJSON(
      extending: summaryBytes, file: summaryPath, with: output.result)
    var out = try OutputFolder(path: outPath)
    try output.stage(into: &out)
    try out.stage("summary.json", Array(summary.utf8))
    try out.commit()
    stdout.write(output.line.dropLast() + "; wrote \(outPath)\n")
  }
}

/// What pricing needs from a run's `summary.json`: its claims and members files and its
/// definition ids.
struct RunFacts {
  /// The claims file the run read.
  let claimsFile: String
  /// The members file the run read, if any.
  let membersFile: String?
  /// The run's definition ids.
  let definitions: [String]

  /// Reads the facts from `summary.json` bytes; throws a located diagnostic.
  init(_ bytes: [UInt8], file: String) throws {
    let root = try JSONCursor(root: JSONParser.parse(bytes, file: file), file: file).object()
    claimsFile = try root.required("claims_file").string()
    let members = try root.required("members_file")
    membersFile = members.isNull ? nil : try members.string()
    definitions = try root.required("definitions").array().map {
      try $0.object().required("id").string()
    }
  }
}
