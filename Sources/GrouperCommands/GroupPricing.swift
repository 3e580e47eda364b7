import GrouperCore
import GrouperPricing
import GrouperReports
import GrouperSupport

/// Pricing as a step of `grouper group`: the `--prices` and `--quality` options, and the call
/// that prices the grouping result before the outputs are written.
struct GroupPricing {
  /// The options `grouper group` takes for pricing.
  static let options = [
    OptionSpec(
      "prices", value: "file",
      help: "Also price the episodes: pricing.csv, providers.csv, payers.csv (PRICES.md)."),
    OptionSpec(
      "quality", value: "file",
      help: "Per-provider quality scores for --prices (CSV, see PRICES.md)."),
  ]

  /// The schedule.
  let schedule: PriceSchedule
  /// The quality scores (none without `--quality`).
  let quality: QualityScores

  /// The pricing step the options ask for, nil without `--prices`. Loads both files now, so a bad
  /// price or quality file stops the run before the claims are read.
  init?(_ arguments: ParsedArguments, command: String) throws {
    guard let prices = arguments.value("prices") else {
      if arguments.value("quality") != nil {
        throw Diagnostic.usage(command, .qualityWithoutPrices)
      }
      return nil
    }
    schedule = try Self.loadSchedule(prices)
    quality = try Self.loadQuality(arguments.value("quality"), schedule: schedule)
  }

  /// Loads a price file; throws a located diagnostic when it is missing or wrong.
  static func loadSchedule(_ path: String) throws -> PriceSchedule {
    try requireFile(path, "price")
    var schedule = try PriceScheduleLoader.load(path: path)
    schedule.file = absolutePath(path)
    return schedule
  }

  /// Loads a quality file when a path is given.
  static func loadQuality(_ path: String?, schedule: PriceSchedule) throws -> QualityScores {
    guard let path else { return .none }
    try requireFile(path, "quality")
    var scores = try QualityScores.read(path: path, programs: schedule.programs.map(\.id))
    scores.file = absolutePath(path)
    return scores
  }

  /// Prices a grouping result; `members` are the members file's, when one was given.
  func price(_ result: GroupingResult, members: [String: Member]?) throws -> PricingOutput {
    try schedule.checkDefinitions(known: result.definitions.map(\.id))
    if schedule.needsDemographics && members == nil {
      throw Diagnostic.usage(GroupCommand.spec.name, .demographicsNeedMembers)
    }
    let episodes = PricingEpisode.episodes(of: result)
    var pricer = Pricer(schedule: schedule, quality: quality, members: members)
    if schedule.needsDiagnoses {
      pricer.history = DiagnosisHistory(store: result.store, wanted: pricer.historyKeys(episodes))
    }
    return PricingOutput(result: try pricer.price(episodes))
  }
}

/// A pricing result ready to be written into an output folder.
struct PricingOutput {
  /// The result.
  let result: PricingResult

  /// `summary.json` with the pricing totals added.
  func summary(extending json: String) throws -> String {
    try PricingReports.summaryJSON(extending: Array(json.utf8), file: "summary.json", with: result)
  }

  /// Stages `pricing.csv`, `providers.csv` and `payers.csv`.
  func stage(into out: OutputFolder) throws {
    try out.stage("pricing.csv", PricingReports.episodes(result))
    try out.stage("providers.csv", PricingReports.providers(result))
    try out.stage("payers.csv", PricingReports.payers(result))
  }

  /// One line for stdout: how many episodes were priced and the net reconciliation, and a note
  /// when quality terms had no quality file to read.
  var line: String {
    let all = result.payers.last!
    let count = { (s: PricingStatus) in all.byStatus[s] ?? 0 }
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var text =
      "priced \(plural(count(.priced), "episode")) (\(count(.unpriced)) unpriced, "
      + "\(count(.outlierExcluded)) outliers excluded, \(count(.leftOut)) left out) for "
      + "\(plural(result.providers.count, "provider reconciliation")); "
      + "net reconciliation \(all.netReconciliation), payer savings \(all.savings)"
    let needsQuality = result.schedule.programs.contains {
      if case .thresholds = $0.design { return true }
      return $0.quality != nil
    }
    if needsQuality && result.quality.file.isEmpty {
      text += " (no quality file: missing scores apply and no gain share is paid)"
    }
    return text + "\n"
  }
}
