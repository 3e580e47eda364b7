import GrouperSupport

/// What a target method file can get wrong, said at the place in the file.
extension Diagnostic.Message {
  /// A `version` this program does not read.
  static func unsupportedMethodVersion(_ version: Int) -> Self {
    Self(
      "unsupported version \(version) (this program reads version \(TargetMethodLoader.version))")
  }
  /// A program object with definitions: the method computes them.
  static let methodProgramWithDefinitions = Self(
    "the program's definitions are computed: give each definition's method under 'definitions'")
  /// Baseline years out of order.
  static func yearsMustRise(_ year: Int, previous: Int) -> Self {
    Self("baseline years must rise: \(year) is not after \(previous)")
  }
  /// A weight or factor that is neither a decimal nor a fraction.
  static func notARatio(_ text: String) -> Self {
    Self("expected a decimal ('0.17') or a fraction ('1/3'), found '\(text)'")
  }
  /// A blend weight outside 0 to 1.
  static func weightOutOfRange(_ text: String) -> Self {
    Self("a weight runs from 0 to 1, found \(text)")
  }
  /// A blend on national cells.
  static let blendNeedsRegions = Self(
    "a provider/regional blend needs regional cells: set the cell level to region")
  /// Standardisation without a risk model to divide by.
  static let standardizeWithoutRiskModel = Self(
    "standardize needs price_file.risk_adjustment: each episode is divided by its risk factor under it"
  )
  /// A thresholds method without its percentiles.
  static let thresholdsMethodNeedsPercentiles = Self(
    "a thresholds program's definition needs 'thresholds' (commendable_percentile, acceptable_percentile)"
  )
  /// A blend in a thresholds program.
  static let blendInThresholds = Self("a thresholds program takes no blend: it has no targets")
  /// Threshold percentiles that do not rise from the gain sharing limit to acceptable.
  static func percentilesNotRising(_ lower: ExactDecimal, _ upper: ExactDecimal) -> Self {
    Self(
      "percentiles must rise from gain sharing limit to commendable to acceptable: \(lower) is not below \(upper)"
    )
  }
}

/// What a providers file can get wrong.
extension Diagnostic.Message {
  /// A provider without a region.
  static func regionRequired(_ provider: String) -> Self {
    Self("provider '\(provider)' has no region")
  }
  /// A provider on two rows.
  static func providerListedTwice(_ provider: String, line: Int) -> Self {
    Self("provider '\(provider)' is already listed on line \(line)")
  }
}

/// What a baseline can fail to give.
extension Diagnostic.Message {
  /// A definition whose baseline sets no target.
  static func noTargetsSet(_ definition: String) -> Self {
    Self(
      "the baseline sets no target for \(definition): no cell has enough episodes (see targets.csv's reasons)"
    )
  }
  /// A definition whose baseline sets no usable thresholds.
  static func noThresholdsSet(_ definition: String) -> Self {
    Self(
      "the baseline sets no usable thresholds for \(definition): too few providers with enough episodes, or their averages too close for the commendable threshold to lie below the acceptable one"
    )
  }
}
