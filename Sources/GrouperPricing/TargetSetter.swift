import GrouperSupport

/// Computes targets (or thresholds) from baseline episodes under a ``TargetMethod``.
///
/// For each definition, over the program payer's complete baseline episodes of the method's
/// years:
/// 1. **standardise** (optional): each episode's allowed total ÷ its risk factor under the price
///    file's risk model, rounded to the cent (as `risk_adjusted_cost` is);
/// 2. **outliers**: limits per population (by default priced code × region × year) by the rule
///    of the price file's outlier section, then each amount capped (or the episode excluded);
/// 3. **cell value**: the year means of the cell's capped amounts combined by the baseline's
///    weights and year trend factors (or pooled);
/// 4. **fallback**: a cell with fewer episodes than its minimum takes the national cell's value;
/// 5. **blend** (optional): provider weight × the provider's own value + the rest × its region's;
/// 6. **trend and normalisation**: × trend × normalisation factor;
/// 7. **rounding**: the result is rounded to the cent once, here, halves away from zero. Steps
///    3–6 are exact fractions (``Ratio``); the only other roundings are step 1 and the outlier
///    limits' own.
/// The discount is written beside the target, and the price file applies it when pricing.
///
/// Thresholds programs: each provider's value (steps 1–3 over its episodes, at least the
/// minimum) rounded to the cent; the commendable, acceptable and gain sharing limit thresholds
/// are percentiles of those averages (SAS's definition 5, as outlier percentiles), × trend ×
/// normalisation, rounded once.
package struct TargetSetter: Sendable {
  /// The method.
  package var method: TargetMethod
  /// The region of each provider (the providers file).
  package var regions: [String: String]

  /// A setter.
  package init(method: TargetMethod, regions: [String: String]) {
    self.method = method
    self.regions = regions
  }

  /// A baseline episode as the computation sees it.
  package struct Episode: Sendable {
    /// The accountable provider.
    package var provider: String
    /// Its region ("" when the providers file names none).
    package var region: String
    /// The priced code (the trigger code through the code map), or `*` when cells take every code.
    package var code: String
    /// The baseline year.
    package var year: Int
    /// The amount after standardisation.
    package var amount: Cents
    /// The amount after the outlier cap.
    package var capped: Cents
    /// The cap of its population, if any.
    package var cap: Cents?
  }

  /// What the computation gives: the rows of `targets.csv`, each with its figures.
  package struct Result: Sendable {
    /// One row per cell (and per provider average in a thresholds program).
    package var rows: [TargetRow]
    /// Baseline episodes counted, by definition.
    package var episodes: [String: Int]
    /// Baseline episodes left out: not standardised (an unknown risk attribute) or outliers
    /// excluded, by definition.
    package var leftOut: [String: Int]
  }

  /// Computes every definition's rows from the baseline episodes and, when standardising, the
  /// risk factor of each (by index into `episodes`; an episode without one is left out).
  package func compute(_ episodes: [PricingEpisode], riskFactors: [Int: ExactDecimal] = [:])
    -> Result
  {
    let years = Set(method.baseline.years.map(\.year))
    var result = Result(rows: [], episodes: [:], leftOut: [:])
    for m in method.definitions {
      var list: [Episode] = []
      var leftOut = 0
      for (i, e) in episodes.enumerated()
      where e.status == .complete && e.payer == method.program.payer
        && e.definition == m.definition
      {
        let year = method.baseline.year(of: e)
        guard years.contains(year) else { continue }
        var amount = e.allowedTotal
        if m.standardize {
          guard let r = riskFactors[i] else {
            leftOut += 1
            continue
          }
          amount = amount.divided(by: r)
        }
        list.append(
          Episode(
            provider: e.provider, region: regions[e.provider] ?? "",
            code: m.byCode ? m.pricedCode(e.triggerCode) : "*", year: year, amount: amount,
            capped: amount, cap: nil))
      }
      if let rule = m.outliers {
        leftOut += applyOutliers(rule, to: &list)
      }
      result.episodes[m.definition] = list.count
      result.leftOut[m.definition] = leftOut
      if let t = m.thresholds {
        result.rows += thresholdRows(m, t, list)
      } else {
        result.rows += targetRows(m, list)
      }
    }
    return result
  }

  /// Caps each amount at its population's limits, or drops the episode; returns how many
  /// were dropped.
  func applyOutliers(_ rule: OutlierRule, to list: inout [Episode]) -> Int {
    func key(_ e: Episode) -> String {
      rule.population.map { part -> String in
        switch part {
        case .definition: return ""
        case .triggerCode: return e.code
        case .region: return e.region
        case .year, .fiscalYear: return String(e.year)
        }
      }.joined(separator: "\u{1F}")
    }
    var populations: [String: [Cents]] = [:]
    for e in list { populations[key(e), default: []].append(e.amount) }
    var limits: [String: OutlierLimits] = [:]
    for (k, amounts) in populations {
      limits[k] = rule.limits(over: amounts) ?? OutlierLimits(lower: nil, upper: nil)
    }
    var kept: [Episode] = []
    for var e in list {
      let l = limits[key(e)]!
      e.cap = l.upper
      if l.side(of: e.amount) != nil, rule.action == .exclude { continue }
      e.capped = l.capped(e.amount)
      kept.append(e)
    }
    let dropped = list.count - kept.count
    list = kept
    return dropped
  }

  /// The figures of one cell's episodes.
  struct Stats {
    var count = 0
    var byYear: [Int: (n: Int, before: Int64, after: Int64, cap: Cents?)] = [:]
    var value: Ratio?
  }

  /// The cell value of some episodes: year means combined by weight and trend, or pooled.
  func stats(_ list: [Episode]) -> Stats {
    var s = Stats()
    s.count = list.count
    for e in list {
      var y = s.byYear[e.year] ?? (0, 0, 0, nil)
      y.n += 1
      y.before += e.amount.value
      y.after += e.capped.value
      y.cap = e.cap ?? y.cap
      s.byYear[e.year] = y
    }
    guard !list.isEmpty else { return s }
    var numerator = Ratio.zero
    var weights = Ratio.zero
    var count = 0
    for y in method.baseline.years {
      guard let f = s.byYear[y.year] else { continue }
      switch method.baseline.weighting {
      case .yearMeans:
        numerator = numerator + y.weight * y.trend * Ratio(Int128(f.after), Int128(f.n))
        weights = weights + y.weight
      case .pooled:
        numerator = numerator + y.trend * Ratio(Int128(f.after))
        count += f.n
      }
    }
    s.value =
      method.baseline.weighting == .yearMeans
      ? numerator / weights : numerator / Ratio(Int128(count))
    return s
  }

  /// A row's baseline columns from the stats of its episodes.
  func describe(_ row: inout TargetRow, _ s: Stats) {
    row.episodes = s.count
    let years = s.byYear.keys.sorted()
    row.years = years.map { "\($0):\(s.byYear[$0]!.n)" }.joined(separator: " ")
    row.weights = method.baseline.years.filter { s.byYear[$0.year] != nil }.map {
      "\($0.year):\($0.weight.text)" + ($0.trend == .one ? "" : "x\($0.trend.text)")
    }.joined(separator: " ")
    row.caps = years.compactMap { y in s.byYear[y]!.cap.map { "\(y):\($0)" } }.joined(
      separator: " ")
    let before = years.reduce(Int64(0)) { $0 + s.byYear[$1]!.before }
    let after = years.reduce(Int64(0)) { $0 + s.byYear[$1]!.after }
    if s.count > 0 {
      row.meanBeforeCap = Cents(before).scaled(by: 1, over: Int64(s.count))
      row.meanAfterCap = Cents(after).scaled(by: 1, over: Int64(s.count))
    }
    row.baseline = s.value?.rounded
  }

  /// The rows of a program with targets.
  func targetRows(_ m: DefinitionMethod, _ list: [Episode]) -> [TargetRow] {
    var rows: [TargetRow] = []
    let codes = Set(list.map(\.code)).sorted(by: Pricer.precedes)
    var national: [String: Stats] = [:]
    for code in codes { national[code] = stats(list.filter { $0.code == code }) }
    func finish(_ row: inout TargetRow, value: Ratio) {
      let adjusted = value * m.trend * m.normalization
      row.target = adjusted.rounded
      row.discount = m.codeDiscounts[row.code] ?? m.discount
      row.discountedTarget = row.target!.multiplied(
        by: ExactDecimal.one.subtracting(row.discount ?? .zero)!)
    }
    func blank(_ level: String, region: String, provider: String, code: String) -> TargetRow {
      var row = TargetRow(definition: m.definition, level: level, code: code)
      row.region = region
      row.provider = provider
      row.triggerCodes = code == "*" ? [] : m.triggerCodes(of: code)
      row.trend = m.trend
      row.normalization = m.normalization
      let parts = [region, provider, code == "*" ? "" : code].filter { !$0.isEmpty }
      row.targetID = ([m.definition] + parts).joined(separator: "_")
      return row
    }
    switch m.level {
    case .national:
      for code in codes {
        var row = blank("national", region: "", provider: "", code: code)
        let s = national[code]!
        describe(&row, s)
        if s.count >= m.minimumEpisodes, let v = s.value {
          finish(&row, value: v)
        } else {
          row.reason =
            "\(s.count) baseline episodes, fewer than the minimum of \(m.minimumEpisodes)"
        }
        rows.append(row)
      }
    case .region:
      let allRegions = Set(regions.values).sorted(by: Pricer.precedes)
      for region in allRegions {
        for code in codes {
          var row = blank("region", region: region, provider: "", code: code)
          let s = stats(list.filter { $0.region == region && $0.code == code })
          describe(&row, s)
          var value: Ratio?
          if s.count > 0, s.count >= m.minimumEpisodes {
            value = s.value
          } else if m.fallback, let n = national[code], let v = n.value {
            value = v
            row.fallback = "national"
            row.regional = v.rounded
            row.reason =
              "\(s.count) baseline episodes, fewer than the minimum of \(m.minimumEpisodes): the national cell's value"
          } else {
            row.reason =
              "\(s.count) baseline episodes, fewer than the minimum of \(m.minimumEpisodes): no target"
          }
          if let value {
            row.regional = value.rounded
            finish(&row, value: value)
          }
          rows.append(row)
          guard let w = m.providerWeight, w > .zero, let regional = value else { continue }
          let providers = Set(
            list.filter { $0.region == region && $0.code == code }.map(\.provider)
          ).sorted(by: Pricer.precedes)
          for p in providers {
            let ps = stats(list.filter { $0.provider == p && $0.code == code })
            let counted =
              m.blendCountsDefinition ? list.filter { $0.provider == p }.count : ps.count
            guard counted >= m.blendMinimumEpisodes, let own = ps.value else { continue }
            var prow = blank("provider", region: region, provider: p, code: code)
            describe(&prow, ps)
            prow.fallback = row.fallback
            prow.regional = regional.rounded
            prow.providerComponent = own.rounded
            prow.providerWeight = w
            let blended = w * own + (Ratio.one - w) * regional
            prow.blended = blended.rounded
            finish(&prow, value: blended)
            rows.append(prow)
          }
        }
      }
    }
    return rows
  }

  /// The rows of a thresholds program: one per provider average counted, then the thresholds.
  func thresholdRows(_ m: DefinitionMethod, _ t: ThresholdPercentiles, _ list: [Episode])
    -> [TargetRow]
  {
    var rows: [TargetRow] = []
    var averages: [Cents] = []
    let providers = Set(list.map(\.provider)).sorted(by: Pricer.precedes)
    for p in providers {
      let s = stats(list.filter { $0.provider == p })
      var row = TargetRow(definition: m.definition, level: "provider", code: "*")
      row.provider = p
      row.region = regions[p] ?? ""
      describe(&row, s)
      if s.count >= t.minimumProviderEpisodes, let v = s.value {
        averages.append(v.rounded)
      } else {
        row.reason =
          "\(s.count) baseline episodes, fewer than the minimum of \(t.minimumProviderEpisodes): not counted"
      }
      rows.append(row)
    }
    var row = TargetRow(definition: m.definition, level: "thresholds", code: "*")
    describe(&row, stats(list))
    row.providers = averages.count
    row.trend = m.trend
    row.normalization = m.normalization
    row.targetID = m.definition + "_thresholds"
    let sorted = averages.sorted()
    guard !sorted.isEmpty else {
      row.reason =
        "no provider has the minimum of \(t.minimumProviderEpisodes) baseline episodes: no thresholds"
      return rows + [row]
    }
    func threshold(_ p: ExactDecimal) -> Cents {
      (Ratio(cents: OutlierStatistics.percentile(sorted, p)) * m.trend * m.normalization).rounded
    }
    row.commendable = threshold(t.commendable)
    row.acceptable = threshold(t.acceptable)
    row.gainSharingLimit = t.gainSharingLimit.map(threshold)
    if row.commendable! >= row.acceptable! {
      row.reason =
        "the commendable threshold is not below the acceptable one: the providers' averages are too close"
    }
    return rows + [row]
  }
}

/// One row of `targets.csv`: a cell's target (or a provider's average, or a definition's
/// thresholds) with the figures behind it.
package struct TargetRow: Sendable {
  /// The definition id.
  package var definition: String
  /// `region`, `national`, `provider` (a blended or average row) or `thresholds`.
  package var level: String
  /// The region, or empty.
  package var region = ""
  /// The provider, or empty.
  package var provider = ""
  /// The priced code, `*` for every code.
  package var code: String
  /// The trigger codes its target names.
  package var triggerCodes: [String] = []
  /// The target's id in the price file; empty for a row that writes none.
  package var targetID = ""
  /// Baseline episodes in the cell.
  package var episodes = 0
  /// Episodes by year: `2022:5 2023:4`.
  package var years = ""
  /// The weights (and year trends) of the years the cell has: `2022:0.17 2023:0.33x1.02`.
  package var weights = ""
  /// The outlier caps of the cell's populations by year: `2022:63000.00`.
  package var caps = ""
  /// Σ amount ÷ episodes before the cap, rounded (shown only).
  package var meanBeforeCap: Cents?
  /// Σ capped amount ÷ episodes, rounded (shown only).
  package var meanAfterCap: Cents?
  /// The cell's combined baseline value, rounded (shown only).
  package var baseline: Cents?
  /// The regional value used (after any fallback), rounded (shown only).
  package var regional: Cents?
  /// The provider's own value, rounded (shown only).
  package var providerComponent: Cents?
  /// The provider's blend weight.
  package var providerWeight: Ratio?
  /// The blended value, rounded (shown only).
  package var blended: Cents?
  /// The trend factor.
  package var trend: Ratio?
  /// The normalisation factor.
  package var normalization: Ratio?
  /// The target written: value × trend × normalisation, rounded once.
  package var target: Cents?
  /// The discount the price file applies to it.
  package var discount: ExactDecimal?
  /// Target × (1 − discount), rounded: what a provider is reconciled against before risk
  /// adjustment (shown only).
  package var discountedTarget: Cents?
  /// The cell it fell back to (`national`), or empty.
  package var fallback = ""
  /// Providers whose averages set the thresholds.
  package var providers: Int?
  /// The commendable threshold.
  package var commendable: Cents?
  /// The acceptable threshold.
  package var acceptable: Cents?
  /// The gain sharing limit.
  package var gainSharingLimit: Cents?
  /// Why the row writes nothing, or how it was set; empty otherwise.
  package var reason = ""

  /// A row.
  package init(definition: String, level: String, code: String) {
    self.definition = definition
    self.level = level
    self.code = code
  }
}
