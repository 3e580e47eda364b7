import Foundation
import GrouperCore
import GrouperPricing
import GrouperReaders
import GrouperSupport

/// `grouper targets`: sets target prices (or thresholds) from the episodes of grouped baseline
/// runs under a declarative method file, and writes a price file that `grouper group --prices`
/// and `grouper price` read unchanged, with `targets.csv` beside it (one row per cell with the
/// figures behind its target).
struct TargetsCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "targets",
    abstract: "Set target prices or thresholds from baseline runs under a method file.",
    discussion: """
      Reads <run>/episodes.csv and <run>/summary.json of each --baseline run (their episodes
      together), the method file (see EpisodeDefinitions/PRICES.md, Setting targets) and the
      providers file (CSV: provider, region) that places each provider in a region. A method that
      standardises by age or sex reads the members file: --members, else each run's own.

      Writes the price file --out and targets.csv in the same folder, both or neither.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable.
      """,
    options: [
      OptionSpec(
        "baseline", value: "folder…", required: true, several: true,
        help: "Grouped baseline runs ('grouper group' output folders), one or more."),
      OptionSpec(
        "method", value: "file", required: true,
        help: "The target method (JSON, see PRICES.md)."),
      OptionSpec(
        "providers", value: "file",
        help: "Providers and their regions (CSV: provider, region)."),
      OptionSpec(
        "members", value: "file", help: "The members file for age and sex (default: each run's)."),
      OptionSpec(
        "out", value: "file", required: true, help: "The price file to write (targets.csv beside)."),
      OptionSpec("quiet", help: "No progress on stderr."),
    ])

  /// The baseline run folders.
  let baselines: [String]
  /// The method file.
  let methodPath: String
  /// The providers file, if given.
  let providersPath: String?
  /// The members file, if given.
  let membersPath: String?
  /// The price file to write.
  let outPath: String
  /// Whether `--quiet` was given.
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    baselines = arguments.list("baseline")
    methodPath = arguments.value("method")!
    providersPath = arguments.value("providers")
    membersPath = arguments.value("members")
    outPath = arguments.value("out")!
    quiet = arguments.flag("quiet")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    defer { display.stop() }
    try requireFile(methodPath, "method")
    let method = try TargetMethodLoader.load(path: methodPath)
    var regions: [String: String] = [:]
    if let providersPath {
      try requireFile(providersPath, "providers")
      regions = try ProviderRegionsFile.read(path: providersPath)
    } else if method.definitions.contains(where: { $0.level == .region }) {
      throw Diagnostic.usage(Self.spec.name, .regionsNeedProviders)
    }
    var episodes: [PricingEpisode] = []
    var riskFactors: [Int: ExactDecimal] = [:]
    for run in baselines {
      let episodesPath = (run as NSString).appendingPathComponent("episodes.csv")
      let summaryPath = (run as NSString).appendingPathComponent("summary.json")
      try requireFile(episodesPath, "episodes")
      try requireFile(summaryPath, "run summary")
      let facts = try RunFacts(
        Array(FileManager.default.contents(atPath: summaryPath) ?? Data()), file: summaryPath)
      for m in method.definitions where !facts.definitions.contains(m.definition) {
        throw Diagnostic(
          at: m.location, .baselineLacksDefinition(m.definition, run: run))
      }
      display.read(episodesPath)
      let list = try EpisodesFile.read(path: episodesPath)
      display.endReading()
      let offset = episodes.count
      for (i, factor) in try standardize(list, method: method, run: facts, summary: summaryPath) {
        riskFactors[offset + i] = factor
      }
      episodes += list
    }
    display.stage("setting targets")
    let setter = TargetSetter(method: method, regions: regions)
    let result = setter.compute(episodes, riskFactors: riskFactors)
    let text = try TargetOutputs.priceFile(
      method: method, regions: regions, rows: result.rows, sources: baselines)
    // What is written must read back as a price file.
    _ = try PriceScheduleLoader.parse(Array(text.utf8), file: outPath)
    let folder = parentPath(outPath).isEmpty ? "." : parentPath(outPath)
    let csvPath = parentPath(outPath).isEmpty ? "targets.csv" : folder + "/targets.csv"
    display.stage("writing \(outPath)")
    // A missing folder is made, as `group --out` makes its own; failing that, StagedFile says so.
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let prices = try StagedFile(path: outPath)
    let table = try StagedFile(path: csvPath)
    try prices.write(Array(text.utf8))
    try table.write(TargetOutputs.csv(result.rows))
    try prices.commit()
    try table.commit()
    let targets = result.rows.filter { $0.target != nil }.count
    let thresholds = result.rows.filter { $0.commendable != nil }.count
    let counted = result.episodes.values.reduce(0, +)
    let left = result.leftOut.values.reduce(0, +)
    var parts: [String] = []
    if targets > 0 || thresholds == 0 {
      parts.append("\(targets) target\(targets == 1 ? "" : "s")")
    }
    if thresholds > 0 {
      parts.append("\(thresholds) set\(thresholds == 1 ? "" : "s") of thresholds")
    }
    var line = "set " + parts.joined(separator: " and ")
    line +=
      " from \(counted) baseline episode\(counted == 1 ? "" : "s")"
      + (left > 0 ? " (\(left) left out)" : "") + "; wrote \(outPath) and \(csvPath)\n"
    stdout.write(line)
  }

  /// The risk factor of each episode of one run that a standardising definition counts, by
  /// index in `list`, under the definition's risk model (an episode whose factor cannot be
  /// known has none and is left out).
  func standardize(
    _ list: [PricingEpisode], method: TargetMethod, run: RunFacts, summary: String
  ) throws -> [Int: ExactDecimal] {
    let standardizing = method.definitions.filter(\.standardize)
    guard !standardizing.isEmpty else { return [:] }
    var definitions: [String: DefinitionPrices] = [:]
    for m in standardizing {
      definitions[m.definition] = DefinitionPrices(
        definition: m.definition,
        targets: TargetTable([
          TargetPrice(
            label: "standardize", effective: DayRange(Day(ordinal: Int32.min / 2), .distantFuture),
            amount: Cents(1), location: SourceLocation(file: method.file))
        ]), risk: m.risk, location: SourceLocation(file: method.file))
    }
    var program = method.program
    program.design = .retrospective(RetrospectiveTerms())
    program.quality = nil
    program.definitions = definitions
    let schedule = PriceSchedule(file: method.file, programs: [program])
    var pricer = Pricer(schedule: schedule)
    if schedule.needsDemographics {
      guard let path = membersPath ?? run.membersFile else {
        throw Diagnostic.usage(Self.spec.name, .standardizeNeedsMembers)
      }
      try requireFile(path, "members")
      pricer.members = try MembersReader(path: path).read().members
    }
    if schedule.needsDiagnoses {
      try run.requireInput(run.claimsFile, "claims_file", summary: summary)
      let input = try ClaimInput.read(
        path: run.claimsFile, format: run.claimsFormat, defaultPayer: run.defaultPayer)
      pricer.history = DiagnosisHistory(
        store: input.claims.store, wanted: pricer.historyKeys(list))
    }
    var out: [Int: ExactDecimal] = [:]
    for (i, e) in try pricer.price(list).episodes.enumerated()
    where e.status == .priced
      && standardizing.contains(where: { $0.definition == e.episode.definition })
    {
      out[i] = e.riskFactor
    }
    return out
  }
}
