import GrouperCore
import GrouperSupport

/// Multiplicative risk adjustment of a definition's target: one factor for the member's age band
/// and one for sex (from the members file), one for the trigger code, and one for each diagnosis
/// flag raised by the member's claims in a lookback before the anchor. The episode's risk factor
/// is their product, exact; a category that names no factor for the episode contributes 1.
package struct RiskModel: Sendable {
  /// Age bands at the anchor start, in whole years; they do not overlap.
  package var ageBands: [AgeBand]
  /// The factor when the member's age is unknown; nil leaves such an episode unpriced.
  package var ageUnknownFactor: ExactDecimal?
  /// Factors by sex as the members file writes it: `F`, `M`, `U` (unknown, also used when the
  /// members file says nothing).
  package var sexFactors: [String: ExactDecimal]
  /// Factors by trigger code.
  package var triggerFactors: [String: ExactDecimal]
  /// The days before the anchor start searched for diagnosis flags (the anchor start not counted).
  package var lookbackDays: Int
  /// Diagnosis flags, in file order.
  package var flags: [DiagnosisFlag]

  /// A risk model; the empty one gives every episode a factor of 1.
  package init(
    ageBands: [AgeBand] = [], ageUnknownFactor: ExactDecimal? = nil,
    sexFactors: [String: ExactDecimal] = [:],
    triggerFactors: [String: ExactDecimal] = [:], lookbackDays: Int = 0, flags: [DiagnosisFlag] = []
  ) {
    self.ageBands = ageBands
    self.ageUnknownFactor = ageUnknownFactor
    self.sexFactors = sexFactors
    self.triggerFactors = triggerFactors
    self.lookbackDays = lookbackDays
    self.flags = flags
  }

  /// The factors a price file may give, both ends counted: one tenth to ten. A factor beyond
  /// them is a slip (a percentage for a ratio, a missing decimal point), not a case mix.
  package static let sensibleFactors = ExactDecimal(units: 1, scale: 1)...ExactDecimal(10)

  /// Whether the model needs the member's age.
  package var usesAge: Bool { !ageBands.isEmpty }
  /// Whether the model needs the member's sex.
  package var usesSex: Bool { !sexFactors.isEmpty }

  /// The days searched for diagnosis flags of an episode anchored on `anchorStart`.
  package func lookback(before anchorStart: Day) -> DayRange {
    DayRange(anchorStart.adding(days: -lookbackDays), anchorStart.adding(days: -1))
  }

  /// The factors that apply to an episode, in the order age, sex, trigger code, flags; or why
  /// they cannot be known.
  /// - Parameters:
  ///   - age: the member's age in whole years on the anchor start, nil when unknown.
  ///   - sex: `F`, `M` or `U`, nil when unknown.
  ///   - flagsRaised: for each of ``flags``, whether the lookback holds one of its diagnoses.
  package func factors(age: Int?, sex: String?, triggerCode: String, flagsRaised: [Bool]) -> Result<
    [RiskFactor], UnpricedReason
  > {
    var out: [RiskFactor] = []
    if usesAge {
      if let age {
        guard let band = ageBands.first(where: { $0.contains(age) }) else {
          return .failure(.noAgeBand(age))
        }
        out.append(RiskFactor(label: "age \(band.label)", factor: band.factor))
      } else if let ageUnknownFactor {
        out.append(RiskFactor(label: "age unknown", factor: ageUnknownFactor))
      } else {
        return .failure(.ageUnknown)
      }
    }
    if usesSex {
      let key = sex ?? "U"
      if let f = sexFactors[key] { out.append(RiskFactor(label: "sex \(key)", factor: f)) }
    }
    if let f = triggerFactors[triggerCode] {
      out.append(RiskFactor(label: "trigger \(triggerCode)", factor: f))
    }
    for (flag, raised) in zip(flags, flagsRaised) where raised {
      out.append(RiskFactor(label: "flag \(flag.name)", factor: flag.factor))
    }
    return .success(out)
  }

  /// The most decimals the product of the factors of one episode can have: the loader keeps it
  /// within ``ExactDecimal/maximumScale`` so every product is exact.
  package var maximumProductScale: Int {
    let age = (ageBands.map(\.factor.scale) + [ageUnknownFactor?.scale ?? 0]).max() ?? 0
    let sex = sexFactors.values.map(\.scale).max() ?? 0
    let trigger = triggerFactors.values.map(\.scale).max() ?? 0
    return age + sex + trigger + flags.reduce(0) { $0 + $1.factor.scale }
  }

  /// The member's age in whole years on `day`: the birthday is reached on its month and day
  /// (a 29 February birthday on 1 March of a common year).
  package static func age(born birth: Day, on day: Day) -> Int {
    let b = birth.components
    let d = day.components
    var years = d.year - b.year
    if (d.month, d.day) < (b.month, b.day) { years -= 1 }
    return years
  }
}

/// An age band of a risk model: ages `from` through `through` (both counted), or `from` and over.
package struct AgeBand: Sendable, Equatable {
  /// The youngest age in the band.
  package var from: Int
  /// The oldest age in the band; nil for no upper end.
  package var through: Int?
  /// The factor.
  package var factor: ExactDecimal

  /// A band.
  package init(from: Int, through: Int?, factor: ExactDecimal) {
    self.from = from
    self.through = through
    self.factor = factor
  }

  /// Whether an age falls in the band.
  package func contains(_ age: Int) -> Bool { age >= from && (through.map { age <= $0 } ?? true) }

  /// `65-74`, or `85+` for a band without an upper end.
  package var label: String { through.map { "\(from)-\($0)" } ?? "\(from)+" }
}

/// A diagnosis flag of a risk model: raised when the member's claims in the lookback carry one
/// of its ICD-10-CM codes as principal or other diagnosis.
package struct DiagnosisFlag: Sendable {
  /// The flag's name (`diabetes`).
  package var name: String
  /// Its codes.
  package var codes: CodeSet
  /// The factor when raised.
  package var factor: ExactDecimal

  /// A flag.
  package init(name: String, codes: CodeSet, factor: ExactDecimal) {
    self.name = name
    self.codes = codes
    self.factor = factor
  }
}

/// One factor applied to an episode, and why: `age 65-74` × 1.05.
package struct RiskFactor: Sendable, Equatable {
  /// What raised it.
  package var label: String
  /// The factor.
  package var factor: ExactDecimal

  /// A factor.
  package init(label: String, factor: ExactDecimal) {
    self.label = label
    self.factor = factor
  }

  /// The exact product of factors (1 for none), or nil when it needs more digits than a value holds.
  package static func product(_ factors: [RiskFactor]) -> ExactDecimal? {
    var p = ExactDecimal.one
    for f in factors {
      guard let next = p.multiplied(by: f.factor) else { return nil }
      p = next
    }
    return p
  }
}
