import GrouperSupport

/// A target method read: how `grouper targets` turns baseline episodes into a price file, step
/// by step, as CMS and the states set targets. The format is documented in
/// `EpisodeDefinitions/PRICES.md` (Setting targets).
package struct TargetMethod: Sendable {
  /// The file it was read from.
  package var file: String
  /// What the method is, for readers and the price file's description.
  package var description: String
  /// The program the price file holds (its definitions are computed).
  package var program: PricingProgram
  /// The program object as written, repeated in the price file.
  package var programJSON: JSONNode
  /// The baseline years and how they combine.
  package var baseline: BaselineSpec
  /// The dates the written targets and thresholds are in force; nil ends leave them open.
  package var effectiveFrom: Day?
  /// See ``effectiveFrom``.
  package var effectiveThrough: Day?
  /// Each definition's method, in file order.
  package var definitions: [DefinitionMethod]
}

/// The baseline: which years of episodes, their weights and trend factors, and how an
/// episode's year is counted.
package struct BaselineSpec: Sendable {
  /// One baseline year.
  package struct Year: Sendable, Equatable {
    /// The calendar or fiscal year.
    package var year: Int
    /// Its weight (TEAM: 0.17, 0.33, 0.50; CJR: equal, pooled).
    package var weight: Ratio
    /// The factor that carries its dollars to the latest baseline year (1 by default).
    package var trend: Ratio
  }
  /// How the years combine.
  package enum Weighting: String, Sendable, CaseIterable {
    /// Σ weight × trend × the year's mean ÷ Σ weight over the years the cell has (TEAM).
    case yearMeans = "year_means"
    /// Σ trend × the year's total ÷ Σ episodes: every episode counts alike (CJR).
    case pooled
  }
  /// How an episode's year is counted.
  package enum YearType: String, Sendable, CaseIterable {
    /// The calendar year of its date.
    case calendar
    /// The federal fiscal year of its date: 1 October through 30 September, named by the
    /// year it ends (CMS's SAS: `epi_fy_year`).
    case fiscal
  }
  /// The years, ascending.
  package var years: [Year]
  /// How they combine.
  package var weighting: Weighting
  /// How an episode's year is counted.
  package var yearType: YearType
  /// The episode date counted (the program's target date unless set).
  package var date: TargetDate

  /// The baseline year of an episode, by ``yearType`` and ``date``.
  package func year(of e: PricingEpisode) -> Int {
    let c = date.day(of: e).components
    return yearType == .fiscal && c.month >= 10 ? c.year + 1 : c.year
  }
}

/// How one definition's targets (or thresholds) are set.
package struct DefinitionMethod: Sendable {
  /// The level of a pricing cell.
  package enum Level: String, Sendable, CaseIterable {
    /// One cell per region (from the providers file) and priced code (TEAM, CJR's regional
    /// component).
    case region
    /// One cell per priced code across every region.
    case national
  }
  /// The definition id.
  package var definition: String
  /// The level of the cells.
  package var level: Level
  /// Trigger codes priced with another code (TEAM: 27130 and 27447 with MS-DRG 470).
  package var codeMap: [String: String]
  /// Whether cells are divided by priced code (true) or take every code together.
  package var byCode: Bool
  /// A cell with fewer baseline episodes takes the figures of the national cell, or has no
  /// target when ``fallback`` is false.
  package var minimumEpisodes: Int
  /// Whether a small regional cell falls back to the national one.
  package var fallback: Bool
  /// The outlier rule over the baseline (capped, or excluded), and its populations: parts of
  /// `trigger_code` (the priced code), `region`, `year`.
  package var outliers: OutlierRule?
  /// Whether each episode is divided by its risk factor (under ``risk``) before averaging.
  package var standardize: Bool
  /// The risk model of the price file, used to standardise.
  package var risk: RiskModel
  /// The provider's weight in a provider/regional blend (CJR); nil for none.
  package var providerWeight: Ratio?
  /// The least baseline episodes of a provider for its own component: in the cell, or of the
  /// whole definition with ``blendCountsDefinition``.
  package var blendMinimumEpisodes: Int
  /// Whether the blend minimum counts every baseline episode of the provider in the definition
  /// (CJR: fewer than 20 episodes in the three historical years, 42 CFR 510.300(b)(3)) rather
  /// than those of the cell.
  package var blendCountsDefinition = false
  /// The trend factor to the performance period.
  package var trend: Ratio
  /// The normalisation factor.
  package var normalization: Ratio
  /// The definition's discount, written as the price file's `discount`.
  package var discount: ExactDecimal?
  /// Discounts by priced code, written on the code's targets.
  package var codeDiscounts: [String: ExactDecimal]
  /// The thresholds design's percentiles of providers' average cost.
  package var thresholds: ThresholdPercentiles?
  /// Where the definition's method stands in the method file.
  package var location: SourceLocation
  /// The `price_file` members repeated in the price file's definition (risk adjustment and the
  /// performance-year outlier rule).
  package var priceFileJSON: JSONNode?

  /// The code an episode's trigger code is priced as.
  package func pricedCode(_ trigger: String) -> String { codeMap[trigger] ?? trigger }

  /// The trigger codes a priced code's targets name: itself and every code mapped to it.
  package func triggerCodes(of priced: String) -> [String] {
    [priced] + codeMap.filter { $0.value == priced && $0.key != priced }.keys.sorted()
  }
}

/// The percentiles of the providers' average cost that set a thresholds program's thresholds
/// (Arkansas, Tennessee).
package struct ThresholdPercentiles: Sendable {
  /// The commendable threshold's percentile.
  package var commendable: ExactDecimal
  /// The acceptable threshold's percentile.
  package var acceptable: ExactDecimal
  /// The gain sharing limit's percentile, if any.
  package var gainSharingLimit: ExactDecimal?
  /// The least baseline episodes for a provider's average to count.
  package var minimumProviderEpisodes: Int
}
