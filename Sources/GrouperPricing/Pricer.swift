import GrouperCore
import GrouperSupport

/// Prices episodes under a schedule and reconciles each accountable provider.
///
/// The steps, for each complete episode of a payer and definition that a program prices:
/// 1. the target in force on the anchor start (see ``TargetTable/target(provider:region:triggerCode:on:)``);
/// 2. the risk factor, the exact product of the factors that apply (see ``RiskModel``);
/// 3. adjusted target = target × risk factor, rounded to the cent;
/// 4. discounted target = adjusted target × (1 − discount), rounded to the cent;
/// 5. outlier limits over every complete episode of the definition and payer, and the capped
///    actual (or exclusion) of each episode;
/// 6. variance = discounted target − capped actual; in a threshold program instead the
///    risk-adjusted cost = capped actual ÷ risk factor, rounded to the cent;
/// then each program's providers are reconciled under its design (see ``ProviderReconciliation``).
/// Open and cancelled episodes are left out with their reason; an episode that cannot be priced
/// is `unpriced` with its reason, never priced at zero.
package struct Pricer: Sendable {
  /// The schedule.
  package var schedule: PriceSchedule
  /// The quality file's scores (``QualityScores/none`` without one).
  package var quality: QualityScores
  /// Members by id, for age and sex; nil when no members file was given.
  package var members: [String: Member]?
  /// The diagnoses of the members' earlier claims, for diagnosis flags.
  package var history: DiagnosisHistory

  /// A pricer.
  package init(
    schedule: PriceSchedule, quality: QualityScores = .none, members: [String: Member]? = nil,
    history: DiagnosisHistory = .empty
  ) {
    self.schedule = schedule
    self.quality = quality
    self.members = members
    self.history = history
  }

  /// The member and payer keys whose claims diagnosis flags need (see ``DiagnosisHistory``).
  package func historyKeys(_ episodes: [PricingEpisode]) -> Set<String> {
    var keys = Set<String>()
    for e in episodes where e.status == .complete {
      if let p = schedule.programIndex(payer: e.payer, definition: e.definition),
        !schedule.programs[p].definitions[e.definition]!.risk.flags.isEmpty
      {
        keys.insert(DiagnosisHistory.key(member: e.member, payer: e.payer))
      }
    }
    return keys
  }

  /// Prices the episodes, in their order, and reconciles. Throws a located diagnostic when an
  /// outlier limit cannot be computed exactly.
  package func price(_ episodes: [PricingEpisode]) throws -> PricingResult {
    var matchers: [String: [[Bool]]] = [:]
    var priced = episodes.map { e -> PricedEpisode in
      priceOne(e, matchers: &matchers)
    }
    try applyOutliers(&priced)
    let providers = reconcile(priced)
    return PricingResult(
      schedule: schedule, quality: quality, episodes: priced, providers: providers)
  }

  /// The composite score the quality file gives a provider in a program, if any.
  func score(program: PricingProgram, provider: String) -> ExactDecimal? {
    quality.entry(program: program.id, provider: provider)?.score
  }

  /// Steps 1–4 for one episode.
  func priceOne(_ e: PricingEpisode, matchers: inout [String: [[Bool]]]) -> PricedEpisode {
    guard e.status == .complete else {
      return PricedEpisode(
        episode: e, status: .leftOut,
        reason: e.status.rawValue + (e.reason.isEmpty ? "" : ": " + e.reason))
    }
    guard let p = schedule.programIndex(payer: e.payer, definition: e.definition) else {
      return PricedEpisode(
        episode: e, status: .unpriced,
        reason: UnpricedReason.noProgram(payer: e.payer, definition: e.definition).description)
    }
    let program = schedule.programs[p]
    let prices = program.definitions[e.definition]!
    var out = PricedEpisode(episode: e, status: .priced, reason: "")
    out.program = program.id
    out.design = program.design.name
    out.region = schedule.region(of: e.provider)
    func unpriced(_ why: UnpricedReason) -> PricedEpisode {
      var u = out
      u.status = .unpriced
      u.reason = why.description
      return u
    }
    var target: TargetPrice?
    if program.design.usesTargets {
      target = prices.targets.target(
        provider: e.provider, region: out.region, triggerCode: e.triggerCode, on: e.anchor.first)
      guard let target else {
        return unpriced(
          .noTarget(
            day: e.anchor.first, provider: e.provider, region: out.region,
            triggerCode: e.triggerCode))
      }
      out.targetLabel = target.label
      out.target = target.amount
    }
    let member = members?[e.member]
    let age = member?.birth.map { RiskModel.age(born: $0, on: e.anchor.first) }
    var raised: [Bool] = []
    if !prices.risk.flags.isEmpty {
      let key = program.id + "\u{1F}" + e.definition
      if matchers[key] == nil { matchers[key] = prices.risk.flags.map { history.matcher(for: $0) } }
      raised = history.flagsRaised(
        matchers: matchers[key]!, member: e.member, payer: e.payer,
        in: prices.risk.lookback(before: e.anchor.first))
    }
    switch prices.risk.factors(
      age: age, sex: member?.sex, triggerCode: e.triggerCode, flagsRaised: raised)
    {
    case .failure(let why): return unpriced(why)
    case .success(let factors):
      guard let product = RiskFactor.product(factors) else {
        return unpriced(.riskFactorTooPrecise)
      }
      out.riskFactors = factors
      out.riskFactor = product
    }
    if let target {
      let adjusted = target.amount.multiplied(by: out.riskFactor!)
      out.adjustedTarget = adjusted
      var discount = prices.discount
      if let rule = program.quality,
        let band = rule.band(
          for: score(program: program, provider: e.provider) ?? rule.missingScore)
      {
        discount = band.discount
      }
      out.discount = discount
      out.discountedTarget = adjusted.multiplied(by: ExactDecimal.one.subtracting(discount)!)
    }
    return out
  }

  /// Step 5 and 6: outlier limits by definition and payer, then capped actual, risk-adjusted
  /// cost and variance.
  func applyOutliers(_ priced: inout [PricedEpisode]) throws {
    var populations: [String: [Cents]] = [:]
    for e in priced where e.episode.status == .complete {
      populations[e.episode.definition + "\u{1F}" + e.episode.payer, default: []].append(e.actual)
    }
    var limits: [String: OutlierLimits] = [:]
    for i in priced.indices where priced[i].status == .priced {
      let e = priced[i].episode
      let program = schedule.programs[
        schedule.programIndex(payer: e.payer, definition: e.definition)!]
      let prices = program.definitions[e.definition]!
      var capped = priced[i].actual
      if let rule = prices.outliers {
        let key = e.definition + "\u{1F}" + e.payer
        if limits[key] == nil {
          guard let found = rule.limits(over: populations[key] ?? []) else {
            throw Diagnostic(
              at: prices.location, .outlierLimitsTooLarge(definition: e.definition, payer: e.payer))
          }
          limits[key] = found
        }
        let l = limits[key]!
        priced[i].limits = l
        if let side = l.side(of: capped) {
          priced[i].outlier = side
          switch rule.action {
          case .cap:
            capped = l.capped(capped)
          case .exclude:
            priced[i].status = .outlierExcluded
            let limit = side == .high ? l.upper! : l.lower!
            priced[i].reason =
              "actual \(capped) \(side == .high ? "above" : "below") the outlier limit \(limit): left out of reconciliation"
          }
        }
      }
      guard priced[i].status == .priced else { continue }
      priced[i].cappedActual = capped
      if let t = priced[i].discountedTarget {
        priced[i].variance = t - capped
      } else {
        priced[i].riskAdjustedCost = capped.divided(by: priced[i].riskFactor!)
      }
    }
  }

  /// Reconciles each program's providers (and definitions, in a threshold program).
  func reconcile(_ priced: [PricedEpisode]) -> [ProviderReconciliation] {
    var out: [ProviderReconciliation] = []
    for program in schedule.programs {
      var groups: [String: [PricedEpisode]] = [:]
      for e in priced where e.program == program.id && e.status != .leftOut {
        let key: String
        if case .thresholds = program.design {
          key = e.episode.definition + "\u{1F}" + e.episode.provider
        } else {
          key = e.episode.provider
        }
        groups[key, default: []].append(e)
      }
      for key in groups.keys.sorted(by: Self.precedes) {
        let list = groups[key]!
        let provider = list[0].episode.provider
        var r = ProviderReconciliation(
          program: program, provider: provider, region: schedule.region(of: provider),
          definitions: Set(list.map(\.episode.definition)).sorted())
        for e in list { r.count(e) }
        let score = score(program: program, provider: provider)
        switch program.design {
        case .retrospective(let terms):
          r.reconcile(terms: terms, quality: program.quality, score: score)
        case .thresholds(let terms):
          let passed = quality.entry(program: program.id, provider: provider)?.passed ?? false
          r.reconcile(
            terms: terms, thresholds: program.definitions[list[0].episode.definition]!.thresholds!,
            passed: passed)
        case .prospective:
          r.compareBundles()
        }
        out.append(r)
      }
    }
    return out
  }

  /// Byte-wise order of keys, as ids are ordered everywhere in outputs.
  static func precedes(_ a: String, _ b: String) -> Bool {
    Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
  }
}

extension Diagnostic.Message {
  /// Outlier limits whose exact arithmetic would overflow.
  static func outlierLimitsTooLarge(definition: String, payer: String) -> Self {
    Self(
      "outlier limits of \(definition) for payer '\(payer)' cannot be computed exactly from amounts this large"
    )
  }
}
