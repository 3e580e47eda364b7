import GrouperCore
import GrouperSupport

/// What a price file can get wrong, said at the place in the file.
extension Diagnostic.Message {
  /// A `version` this program does not read.
  static func unsupportedPriceVersion(_ version: Int) -> Self {
    Self(
      "unsupported version \(version) (this program reads version \(PriceScheduleLoader.version))")
  }
  /// An empty key in `provider_regions`.
  static let emptyProviderID = Self("a provider id must not be empty")
  /// An empty list of programs, definitions, bands or targets; `what` names one item.
  static func atLeastOne(_ what: String) -> Self { Self("at least one \(what) is needed") }
  /// An empty list; `what` names its items (`trigger codes`).
  static func emptyList(_ what: String) -> Self { Self("the list of \(what) is empty") }
  /// An id given to two entries; `what` names it (`program id`).
  static func usedTwice(_ what: String, _ id: String) -> Self {
    Self("\(what) '\(id)' is used twice")
  }
  /// A definition priced for one payer by two programs.
  static func alreadyPriced(payer: String, definition: String, program: String) -> Self {
    Self(
      "payer '\(payer)' episodes of definition '\(definition)' are already priced by program '\(program)'"
    )
  }
  /// A name with characters other than letters, digits and `_`; `what` names it (`a flag name`).
  static func badName(_ what: String, _ name: String) -> Self {
    Self("\(what) holds only letters, digits and '_', found '\(name)'")
  }
  /// A thresholds program without `terms`.
  static let thresholdsWithoutTerms = Self(
    "a thresholds program needs 'terms' (gain_share_rate, risk_share_rate)")
  /// A prospective program with `terms`.
  static let prospectiveWithTerms = Self(
    "a prospective program takes no terms: the bundle price is paid")
  /// A word not among `expected`; `what` names the setting (`design`), with the nearest when close.
  static func unknownWord(_ what: String, _ word: String, expected: [String]) -> Self {
    if let near = nearest(word, in: expected) {
      return Self("unknown \(what) '\(word)' (did you mean '\(near)'?)")
    }
    let list = expected.dropLast().joined(separator: ", ") + " or " + expected.last!
    return Self("unknown \(what) '\(word)' (expected \(list))")
  }
  /// A prospective program with a quality rule.
  static let prospectiveWithQuality = Self("a prospective program takes no quality rule")
  /// A thresholds program with a quality rule.
  static let thresholdsWithQuality = Self(
    "a thresholds program takes no quality rule: gain sharing needs quality_passed in the quality file"
  )
  /// Quality bands whose minimum scores do not rise.
  static func bandsMustRise(_ score: ExactDecimal, previous: ExactDecimal) -> Self {
    Self("bands must rise: \(score) is not above \(previous)")
  }
  /// A first quality band that starts above 0.
  static func firstBandAboveZero(_ score: ExactDecimal) -> Self {
    Self("the first band must start at 0 so that every score has a band, found \(score)")
  }
  /// A quality method other than the two there are.
  static func unknownQualityMethod(_ method: String) -> Self {
    Self(
      "unknown quality method '\(method)' (expected scale_reconciliation or discount_by_score)")
  }
  /// A thresholds program with a discount.
  static let thresholdsWithDiscount = Self(
    "a thresholds program takes no discount: it has no targets")
  /// A discount beside a quality rule that sets the discount.
  static let discountSetByQuality = Self(
    "the program's quality rule sets the discount by score: remove this discount")
  /// A discount of 1 or more.
  static func discountNotBelowOne(_ discount: ExactDecimal) -> Self {
    Self("a discount must be below 1, found \(discount)")
  }
  /// `thresholds` in a program of another design.
  static let thresholdsOutsideThresholdsProgram = Self(
    "only a thresholds program takes thresholds")
  /// `targets` in a thresholds program.
  static let thresholdsWithTargets = Self(
    "a thresholds program takes no targets: give 'thresholds'")
  /// A lower outlier limit in a prospective program.
  static let prospectiveWithLowerLimit = Self(
    "a prospective bundle cannot raise low spending to a lower limit: remove lower_percentile or exclude outliers"
  )
  /// A target with both a provider and a region.
  static let providerAndRegion = Self(
    "give a provider or a region, not both: a provider has one region")
  /// A region no provider is mapped to, with the nearest when one is close.
  static func unknownRegion(_ name: String, nearest: String?) -> Self {
    Self(
      "unknown region '\(name)': provider_regions maps no provider to it"
        + (nearest.map { " (did you mean '\($0)'?)" } ?? ""))
  }
  /// A trigger code that is empty or holds spaces.
  static func badTriggerCode(_ code: String) -> Self {
    Self("a trigger code is written as in episodes.csv, without spaces, found '\(code)'")
  }
  /// A range whose end is before its start; `what` names it (`the band`).
  static func rangeReversed(_ what: String, _ first: String, _ last: String) -> Self {
    Self("\(what) ends (\(last)) before it starts (\(first))")
  }
  /// An amount or factor of zero or less; `what` names it (`a target`).
  static func notPositive(_ what: String, _ value: String) -> Self {
    Self("\(what) must be more than zero, found \(value)")
  }
  /// Two targets in force on one day for the same key.
  static func targetsOverlap(_ range: String, earlier: String, _ earlierRange: String, key: String)
    -> Self
  {
    Self("in force \(range), overlapping \(earlier) (\(earlierRange)) for the same key: \(key)")
  }
  /// An acceptable threshold below the commendable one.
  static func thresholdsReversed(acceptable: Cents, commendable: Cents) -> Self {
    Self("the acceptable threshold (\(acceptable)) is below the commendable one (\(commendable))")
  }
  /// A gain sharing limit at or above the commendable threshold.
  static func gainLimitNotBelowCommendable(_ limit: Cents, commendable: Cents) -> Self {
    Self(
      "the gain sharing limit (\(limit)) must be below the commendable threshold (\(commendable))")
  }
  /// Two age bands that share an age.
  static func ageBandsOverlap(_ band: String, _ other: String) -> Self {
    Self("age band \(band) overlaps age band \(other)")
  }
  /// A setting given without the one it depends on.
  static func needs(_ setting: String, _ other: String) -> Self {
    Self("\(setting) needs \(other)")
  }
  /// An empty `sex` object.
  static let noSexFactors = Self("the sex factors are empty")
  /// A sex factor for a sex other than F, M and U.
  static func unknownSexFactor(_ sex: String) -> Self {
    Self("unknown sex '\(sex)' (expected F, M or U, as the members file writes it)")
  }
  /// Diagnosis flags without a lookback.
  static let flagsWithoutLookback = Self(
    "diagnosis_flags need diagnosis_lookback_days (days before the anchor searched)")
  /// A diagnosis flag name given twice.
  static func flagDefinedTwice(_ name: String) -> Self { Self("flag '\(name)' is defined twice") }
  /// Risk factors whose product could not be held exactly.
  static func factorsTooPrecise(_ scale: Int) -> Self {
    Self(
      "the factors of one episode could multiply to \(scale) decimals, more than "
        + "\(ExactDecimal.maximumScale) can be held exactly: write the factors with fewer decimals")
  }
  /// A diagnosis flag's code-list file that is missing or empty, said at the flag.
  static func flagCodeListProblem(_ problem: Self, path: String) -> Self {
    Self("\(problem.text): \(path)")
  }
  /// A diagnosis flag with neither `codes` nor `file`.
  static let flagWithoutCodes = Self("a diagnosis flag needs 'codes' or 'file'")
  /// An outlier action other than cap and exclude.
  static func unknownOutlierAction(_ word: String) -> Self {
    Self("unknown action '\(word)' (expected cap or exclude)")
  }
  /// A percentile rule without limits.
  static let percentileRuleWithoutLimits = Self(
    "a percentile rule needs upper_percentile, lower_percentile or both")
  /// An upper percentile not above the lower.
  static func percentilesReversed(lower: ExactDecimal, upper: ExactDecimal) -> Self {
    Self("upper_percentile (\(upper)) must be above lower_percentile (\(lower))")
  }
  /// A negative number of standard deviations.
  static func negativeK(_ k: ExactDecimal) -> Self { Self("k must not be negative, found \(k)") }
  /// A standard deviation other than sample and population.
  static func unknownStandardDeviation(_ word: String) -> Self {
    Self("unknown standard deviation '\(word)' (expected sample or population)")
  }
  /// A number or amount that cannot be read; `reason` says why and `text` is what was given.
  static func badNumber(_ reason: String, _ text: String) -> Self {
    Self("\(reason): '\(text)'")
  }
  /// A rate outside 0 to 1.
  static func rateOutOfRange(_ rate: ExactDecimal) -> Self {
    Self("a rate is a fraction from 0 to 1 (0.03 for 3%), found \(rate)")
  }
  /// A number with more decimals than allowed; `what` names it.
  static func tooManyDecimals(_ what: String, _ most: Int, _ value: ExactDecimal) -> Self {
    Self("\(what) has at most \(most) decimals, found \(value)")
  }
  /// A quality band's score outside 0 to 100.
  static func qualityScoreOutOfRange(_ value: ExactDecimal) -> Self {
    Self("a quality score runs from 0 to 100, found \(value)")
  }
  /// A percentile not strictly between 0 and 100.
  static func percentileOutOfRange(_ value: ExactDecimal) -> Self {
    Self("a percentile lies strictly between 0 and 100, found \(value)")
  }
}
