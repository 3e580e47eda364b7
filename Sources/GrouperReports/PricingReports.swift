import GrouperPricing
import GrouperSupport

/// The pricing outputs as CSV text: `pricing.csv`, `providers.csv` and `payers.csv`. Every step
/// of the arithmetic is a column; a step that does not apply is an empty field.
package enum PricingReports {
  /// The columns of `pricing.csv`.
  package static let episodeColumns = [
    "episode_id", "program", "design", "definition_id", "payer_id", "accountable_provider",
    "region", "member_id",
    "anchor_start", "trigger_code", "episode_status", "pricing_status", "reason", "target_id",
    "target", "risk_factors",
    "risk_factor", "adjusted_target", "discount_rate", "discounted_target", "actual_ffs",
    "outlier_lower_limit",
    "outlier_upper_limit", "outlier", "capped", "capped_actual", "risk_adjusted_cost", "variance",
  ]

  /// The columns of `providers.csv`.
  package static let providerColumns = [
    "program", "payer_id", "design", "accountable_provider", "region", "definitions", "episodes",
    "unpriced_episodes",
    "outlier_excluded_episodes", "ffs_total", "capped_actual_total", "adjusted_target_total",
    "target_total",
    "gross_variance", "minimum_episodes", "sharing_rate", "shared_variance", "quality_score",
    "quality_passed",
    "quality_adjustment", "stop_gain_limit", "stop_loss_limit", "stop_applied", "stop_adjustment",
    "outlier_payments",
    "risk_adjusted_cost_total", "average_risk_adjusted_cost", "commendable_threshold",
    "acceptable_threshold",
    "gain_sharing_limit", "threshold_result", "share_base", "net_reconciliation", "reason",
  ]

  /// The columns of `payers.csv`.
  package static let payerColumns = [
    "scope", "payer_id", "programs", "episodes", "priced", "unpriced", "outlier_excluded",
    "left_out", "ffs_total",
    "bundle_total", "baseline_total", "net_reconciliation", "payer_spending", "payer_savings",
    "payer_savings_percent",
  ]

  /// `pricing.csv`: one row per episode of the run, in its order.
  package static func episodes(_ result: PricingResult) -> [UInt8] {
    var w = CSVWriter(header: episodeColumns)
    for e in result.episodes {
      let x = e.episode
      w.field(x.id)
      w.field(e.program)
      w.field(e.design)
      w.field(x.definition)
      w.field(x.payer)
      w.field(x.provider)
      w.field(e.region)
      w.field(x.member)
      w.field(x.anchor.first)
      w.field(x.triggerCode)
      w.field(x.status.rawValue)
      w.field(e.status.rawValue)
      w.field(e.reason)
      w.field(e.targetLabel)
      w.money(e.target)
      w.field(e.riskFactorText)
      w.field(e.riskFactor?.description ?? "")
      w.money(e.adjustedTarget)
      w.field(e.discount?.description ?? "")
      w.money(e.discountedTarget)
      w.field(e.actual)
      w.money(e.limits?.lower)
      w.money(e.limits?.upper)
      w.field(e.outlier?.rawValue ?? "")
      w.field(e.cappedActual == nil ? "" : (e.capped ? "true" : "false"))
      w.money(e.cappedActual)
      w.money(e.riskAdjustedCost)
      w.money(e.variance)
      w.endRow()
    }
    return w.bytes
  }

  /// `providers.csv`: one row per provider reconciliation.
  package static func providers(_ result: PricingResult) -> [UInt8] {
    var w = CSVWriter(header: providerColumns)
    for r in result.providers {
      w.field(r.program)
      w.field(r.payer)
      w.field(r.design)
      w.field(r.provider)
      w.field(r.region)
      w.field(r.definitions.joined(separator: " "))
      w.field(r.episodes)
      w.field(r.unpricedEpisodes)
      w.field(r.excludedEpisodes)
      w.field(r.feeForServiceTotal)
      w.field(r.cappedActualTotal)
      w.money(r.adjustedTargetTotal)
      w.money(r.targetTotal)
      w.money(r.grossVariance)
      w.field(r.minimumEpisodes.map(String.init) ?? "")
      w.field(r.sharingRate?.description ?? "")
      w.money(r.sharedVariance)
      w.field(r.qualityScore?.description ?? "")
      w.field(r.qualityPassed.map { $0 ? "true" : "false" } ?? "")
      w.money(r.qualityAdjustment)
      w.money(r.stopGainLimit)
      w.money(r.stopLossLimit)
      w.field(r.stopApplied)
      w.money(r.stopAdjustment)
      w.money(r.outlierPayments)
      w.money(r.riskAdjustedCostTotal)
      w.money(r.averageRiskAdjustedCost)
      w.money(r.thresholds?.commendable)
      w.money(r.thresholds?.acceptable)
      w.money(r.thresholds?.gainSharingLimit)
      w.field(r.thresholdResult)
      w.money(r.shareBase)
      w.field(r.netReconciliation)
      w.field(r.reason)
      w.endRow()
    }
    return w.bytes
  }

  /// `payers.csv`: one row per payer with episodes, then one for all payers.
  package static func payers(_ result: PricingResult) -> [UInt8] {
    var w = CSVWriter(header: payerColumns)
    for t in result.payers {
      w.field(t.payer == nil ? "all" : "payer")
      w.field(t.payer ?? "")
      w.field(t.programs.joined(separator: " "))
      w.field(t.byStatus.values.reduce(0, +))
      w.field(t.byStatus[.priced] ?? 0)
      w.field(t.byStatus[.unpriced] ?? 0)
      w.field(t.byStatus[.outlierExcluded] ?? 0)
      w.field(t.byStatus[.leftOut] ?? 0)
      w.field(t.feeForServiceTotal)
      w.field(t.bundleTotal)
      w.field(t.baselineTotal)
      w.field(t.netReconciliation)
      w.field(t.spending)
      w.field(t.savings)
      w.field(t.savingsPercentText)
      w.endRow()
    }
    return w.bytes
  }

  /// The `pricing` member added to `summary.json`: the files used and the totals of `payers.csv`.
  package static func summary(_ result: PricingResult) -> JSONWriter.Value {
    func totals(_ t: PayerTotals) -> JSONWriter.Value {
      var members: [(String, JSONWriter.Value)] = [
        ("programs", .array(t.programs.map { .string($0) })),
        (
          "episodes",
          .object(PricingStatus.allCases.map { ($0.rawValue, .int(t.byStatus[$0] ?? 0)) })
        ),
        ("ffs_total", .money(t.feeForServiceTotal)),
        ("bundle_total", .money(t.bundleTotal)),
        ("baseline_total", .money(t.baselineTotal)),
        ("net_reconciliation", .money(t.netReconciliation)),
        ("payer_spending", .money(t.spending)),
        ("payer_savings", .money(t.savings)),
      ]
      members.append(
        (
          "payer_savings_percent",
          t.savingsPercentHundredths == nil ? .null : .raw(t.savingsPercentText)
        ))
      return .object(members)
    }
    let payers = result.payers
    return .object([
      ("prices_file", .string(result.schedule.file)),
      ("quality_file", result.quality.file.isEmpty ? .null : .string(result.quality.file)),
      (
        "programs",
        .array(
          result.schedule.programs.map { p in
            .object([
              ("id", .string(p.id)), ("payer", .string(p.payer)),
              ("design", .string(p.design.name)),
            ])
          })
      ),
      ("providers", .int(result.providers.count)),
      ("by_payer", .object(payers.compactMap { t in t.payer.map { ($0, totals(t)) } })),
      ("all_payers", totals(payers.last!)),
    ])
  }

  /// `summary.json` text with the `pricing` member set (added at the end, or replaced where it
  /// stands), the rest kept as it was written.
  package static func summaryJSON(extending text: [UInt8], file: String, with result: PricingResult)
    throws -> String
  {
    let root = try JSONParser.parse(text, file: file)
    guard case .object(let members) = root.value else {
      throw Diagnostic(
        at: SourceLocation(file: file, line: root.line, column: root.column),
        .jsonMismatch(expected: "an object", found: "\(root.kind)"))
    }
    var out = members.map { ($0.key, JSONWriter.Value(node: $0.value)) }
    let pricing = summary(result)
    if let i = out.firstIndex(where: { $0.0 == "pricing" }) {
      out[i].1 = pricing
    } else {
      out.append(("pricing", pricing))
    }
    return JSONWriter.render(.object(out))
  }
}

extension CSVWriter {
  /// Appends an amount, or an empty field for nil.
  mutating func money(_ amount: Cents?) {
    if let amount { field(amount) } else { field("") }
  }
}

extension JSONWriter.Value {
  /// A parsed JSON value as a value to write again (numbers keep their text).
  init(node: JSONNode) {
    switch node.value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let text): self = .raw(text)
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(items.map { JSONWriter.Value(node: $0) })
    case .object(let members):
      self = .object(members.map { ($0.key, JSONWriter.Value(node: $0.value)) })
    }
  }
}
