import GrouperSupport

/// Where an episode stands after pricing.
package enum PricingStatus: String, Sendable, CaseIterable {
  /// Priced and counted in its provider's reconciliation.
  case priced
  /// Complete, but no price applies: no program, no target in force, or a risk attribute
  /// unknown. Never priced at zero.
  case unpriced
  /// Priced, but a high-cost (or low-cost) outlier that the terms leave out of reconciliation.
  case outlierExcluded = "outlier_excluded"
  /// Open or cancelled: only complete episodes are priced.
  case leftOut = "left_out"
}

/// Why a complete episode is not priced.
package enum UnpricedReason: Error, Equatable, Sendable, CustomStringConvertible {
  /// No program prices this payer's episodes of this definition.
  case noProgram(payer: String, definition: String)
  /// No target is in force for the episode's key on its anchor start.
  case noTarget(day: Day, provider: String, region: String, triggerCode: String)
  /// No thresholds are in force for the episode's definition on its date.
  case noThresholds(day: Day)
  /// The risk model uses age and the member's age is unknown.
  case ageUnknown
  /// The member's age falls in no age band.
  case noAgeBand(Int)
  /// The risk factors multiply to more digits than can be held exactly.
  case riskFactorTooPrecise

  /// The reason, written in `pricing.csv`.
  package var description: String {
    switch self {
    case .noProgram(let payer, let definition):
      return "no program prices payer '\(payer)' episodes of definition '\(definition)'"
    case .noTarget(let day, let provider, let region, let code):
      let place =
        region.isEmpty ? "provider '\(provider)'" : "provider '\(provider)' (region '\(region)')"
      return "no target in force on \(day) for \(place), trigger code '\(code)'"
    case .noThresholds(let day):
      return "no thresholds in force on \(day)"
    case .ageUnknown:
      return
        "the member's age is unknown (no birth date in the members file) and the risk model has no age_unknown_factor"
    case .noAgeBand(let age):
      return "age \(age) at the anchor start falls in no age band"
    case .riskFactorTooPrecise:
      return "the risk factors multiply to more digits than can be held exactly"
    }
  }
}
