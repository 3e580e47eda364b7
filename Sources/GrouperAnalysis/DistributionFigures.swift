import GrouperCore
import GrouperPricing
import GrouperSupport

/// The figures payment designers set targets from, for one group of episodes: episodes by
/// status, and over the complete episodes (those pricing prices) the total, mean and median
/// cost, the 10th, 25th, 75th and 90th percentiles, the coefficient of variation, the cost by
/// service category, and the shares of episodes with a readmission or post-acute care.
///
/// Amounts are exact cents. The mean is rounded to the cent, halves away from zero. Percentiles
/// use the one definition pricing uses for outlier limits (``OutlierStatistics/percentile(_:_:)``,
/// SAS PCTLDEF=5): with n amounts sorted, n·p/100 = j + g; the percentile is x(j+1) when g > 0
/// and the mean of x(j) and x(j+1) when g = 0; the median is the 50th percentile. The coefficient
/// of variation is the sample standard deviation (n − 1 in the denominator) over the mean,
/// written with four decimals, empty for fewer than two episodes or a zero mean.
package struct DistributionFigures: Sendable, Equatable {
  /// Episodes in the group.
  package var episodes = 0
  /// Episodes by status.
  package var byStatus: [EpisodeStatus: Int] = [:]
  /// The complete episodes' costs, sorted ascending.
  package var costs: [Cents] = []
  /// The complete episodes' dollars by category.
  package var categories: [String: Cents] = [:]
  /// Complete episodes with a readmission.
  package var withReadmission = 0
  /// Complete episodes with post-acute care.
  package var withPostAcute = 0

  /// The figures of `episodes`.
  package init<S: Sequence>(_ episodes: S) where S.Element == AnalysisEpisode {
    for e in episodes {
      self.episodes += 1
      byStatus[e.status, default: 0] += 1
      guard e.status == .complete else { continue }
      costs.append(e.allowed)
      for (c, amount) in e.categories { categories[c, default: .zero] += amount }
      if e.hasReadmission { withReadmission += 1 }
      if e.hasPostAcute { withPostAcute += 1 }
    }
    costs.sort()
  }

  /// The number of complete episodes: those the cost figures are over.
  package var costed: Int { costs.count }

  /// The complete episodes' total cost.
  package var total: Cents { costs.reduce(.zero, +) }

  /// The mean cost, rounded to the cent; nil without complete episodes.
  package var mean: Cents? {
    costs.isEmpty ? nil : total.scaled(by: 1, over: Int64(costs.count))
  }

  /// The `p`th percentile of cost (0 < p < 100); nil without complete episodes.
  package func percentile(_ p: Int) -> Cents? {
    costs.isEmpty ? nil : OutlierStatistics.percentile(costs, ExactDecimal(p))
  }

  /// The median cost: the 50th percentile.
  package var median: Cents? { percentile(50) }

  /// The sample standard deviation of cost (nil for fewer than two complete episodes), from
  /// exact sums: √((n·Σx² − (Σx)²) / (n·(n − 1))), in cents.
  package var standardDeviation: Double? {
    guard costs.count >= 2 else { return nil }
    let n = Int128(costs.count)
    var s: Int128 = 0
    var q: Int128 = 0
    for c in costs {
      s += Int128(c.value)
      q += Int128(c.value) * Int128(c.value)
    }
    let variance = Double(n * q - s * s) / Double(n * (n - 1))
    return variance.squareRoot()
  }

  /// The coefficient of variation with four decimals; empty for fewer than two complete
  /// episodes or a zero mean.
  package var coefficientOfVariation: String {
    guard let sd = standardDeviation, let mean = mean, mean != .zero else { return "" }
    let cv = sd / Double(mean.value)
    return Ratio.text(Int64((cv * 1_000_000).rounded()), over: 1_000_000)
  }

  /// A category's share of the complete episodes' cost, with four decimals.
  package func share(of category: String) -> String {
    Ratio.text(categories[category]?.value ?? 0, over: total.value)
  }

  /// The share of complete episodes with a readmission, with four decimals.
  package var readmissionShare: String {
    Ratio.text(Int64(withReadmission), over: Int64(costs.count))
  }

  /// The share of complete episodes with post-acute care, with four decimals.
  package var postAcuteShare: String {
    Ratio.text(Int64(withPostAcute), over: Int64(costs.count))
  }

  /// The column names of ``row(categories:)``, the category shares last as `share_<category>`.
  package static func columns(categories: [String]) -> [String] {
    [
      "episodes", "complete", "open", "cancelled", "total_cost", "mean_cost", "median_cost",
      "p10_cost", "p25_cost", "p75_cost", "p90_cost", "cv", "readmission_share",
      "post_acute_share",
    ] + categories.map { "share_" + $0 }
  }

  /// The figures as CSV fields; a share is empty for a category outside `own` (the categories
  /// of the group's definition).
  package func row(categories: [String], own: Set<String>) -> [String] {
    func amount(_ c: Cents?) -> String { c?.description ?? "" }
    return [
      String(episodes), String(byStatus[.complete] ?? 0), String(byStatus[.open] ?? 0),
      String(byStatus[.cancelled] ?? 0), total.description, amount(mean), amount(median),
      amount(percentile(10)), amount(percentile(25)), amount(percentile(75)),
      amount(percentile(90)), coefficientOfVariation, readmissionShare, postAcuteShare,
    ] + categories.map { own.contains($0) ? share(of: $0) : "" }
  }
}
