import GrouperSupport

/// How a definition's high-cost (and low-cost) outlier episodes are handled: limits computed
/// over the episode population of that definition and payer, then each episode's actual
/// spending capped at them or the episode left out of reconciliation.
package struct OutlierRule: Sendable, Equatable {
  /// How the limits are found.
  package enum Method: Sendable, Equatable {
    /// Percentiles of the population (SAS definition 5, see ``OutlierStatistics/percentile(_:_:)``).
    /// With `cap` this is winsorization: BPCI Advanced winsorizes at the 1st and 99th.
    case percentile(lower: ExactDecimal?, upper: ExactDecimal?)
    /// The mean plus `k` standard deviations (CJR caps at two, 42 CFR 510.300); `sample`
    /// divides by n − 1 (SAS's default), otherwise by n.
    case meanPlusSD(k: ExactDecimal, sample: Bool)
    /// A fixed amount.
    case fixed(Cents)
  }

  /// What happens to an episode beyond a limit.
  package enum Action: String, Sendable, CaseIterable {
    /// Its actual spending is replaced by the limit.
    case cap
    /// It is left out of reconciliation (and of a threshold program's average).
    case exclude
  }

  /// What divides the payer's episodes into populations, each with its own limits.
  package enum PopulationPart: String, Sendable, CaseIterable {
    /// The episode definition.
    case definition
    /// The trigger code, as `episodes.csv` writes it.
    case triggerCode = "trigger_code"
    /// The accountable provider's region.
    case region
    /// The calendar year of the program's target date.
    case year
    /// The federal fiscal year of the program's target date (1 October to 30 September, named
    /// by the year it ends), as BPCI Advanced winsorizes per fiscal year.
    case fiscalYear = "fiscal_year"
  }

  /// How the limits are found.
  package var method: Method
  /// What happens beyond them.
  package var action: Action
  /// What divides the payer's complete episodes into populations (always by payer); by default
  /// the definition alone, so one population per definition and payer.
  package var population: [PopulationPart]

  /// A rule.
  package init(method: Method, action: Action = .cap, population: [PopulationPart] = [.definition])
  {
    self.method = method
    self.action = action
    self.population = population
  }

  /// The key of an episode's population under this rule: the parts it is divided by, in the
  /// rule's order, for an episode in `region` dated `day` by the program's target date.
  package func populationKey(_ e: PricingEpisode, region: String, day: Day) -> String {
    population.map { part -> String in
      switch part {
      case .definition: return e.definition
      case .triggerCode: return e.triggerCode
      case .region: return region
      case .year: return String(day.components.year)
      case .fiscalYear:
        let c = day.components
        return String(c.month >= 10 ? c.year + 1 : c.year)
      }
    }.joined(separator: "\u{1F}")
  }

  /// The population as words, for outputs: `definition, year`.
  package var populationDescription: String {
    population.map(\.rawValue).joined(separator: ", ")
  }

  /// The limits over a population of actual spending (every complete episode of the definition
  /// and payer); nil when a standard deviation cannot be formed exactly from such amounts.
  package func limits(over population: [Cents]) -> OutlierLimits? {
    switch method {
    case .fixed(let amount):
      return OutlierLimits(lower: nil, upper: amount)
    case .percentile(let lower, let upper):
      let sorted = population.sorted()
      guard !sorted.isEmpty else { return OutlierLimits(lower: nil, upper: nil) }
      return OutlierLimits(
        lower: lower.map { OutlierStatistics.percentile(sorted, $0) },
        upper: upper.map { OutlierStatistics.percentile(sorted, $0) })
    case .meanPlusSD(let k, let sample):
      guard population.count >= (sample ? 2 : 1) else {
        return OutlierLimits(lower: nil, upper: nil)
      }
      guard let cap = OutlierStatistics.meanPlusSD(population, k: k, sample: sample) else {
        return nil
      }
      return OutlierLimits(lower: nil, upper: cap)
    }
  }

}

/// The outlier limits of one population: spending below `lower` or above `upper` is an outlier.
package struct OutlierLimits: Sendable, Equatable {
  /// The lower limit, if any.
  package var lower: Cents?
  /// The upper limit, if any.
  package var upper: Cents?

  /// Limits.
  package init(lower: Cents?, upper: Cents?) {
    self.lower = lower
    self.upper = upper
  }

  /// Which side of the limits an amount lies on, if beyond one.
  package func side(of amount: Cents) -> OutlierSide? {
    if let upper, amount > upper { return .high }
    if let lower, amount < lower { return .low }
    return nil
  }

  /// The amount brought within the limits.
  package func capped(_ amount: Cents) -> Cents {
    switch side(of: amount) {
    case .high: return upper!
    case .low: return lower!
    case nil: return amount
    }
  }
}

/// Which limit an outlier episode lies beyond.
package enum OutlierSide: String, Sendable {
  /// Above the upper limit.
  case high
  /// Below the lower limit.
  case low
}
