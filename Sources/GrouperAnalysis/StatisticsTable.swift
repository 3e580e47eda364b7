import GrouperSupport

/// `stats.csv`: the distribution figures of one run per definition, and per definition × trigger
/// code × accountable provider. A definition's own row has `*` as trigger code and provider and
/// comes first; the rest follow by trigger code, then provider.
package enum StatisticsTable {
  /// The categories each definition's episodes count dollars under, in name order.
  package static func categories(_ run: RunEpisodes) -> [String: Set<String>] {
    var found: [String: Set<String>] = [:]
    for e in run.episodes {
      found[e.definition, default: []].formUnion(e.categories.keys)
    }
    return found
  }

  /// `stats.csv` for the run.
  package static func csv(_ run: RunEpisodes) -> [UInt8] {
    let own = categories(run)
    let all = own.values.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
    var w = CSVWriter(
      header: ["definition_id", "trigger_code", "accountable_provider"]
        + DistributionFigures.columns(categories: all))
    for d in run.definitions {
      let mine = run.episodes(of: d)
      let mineOwn = own[d] ?? []
      w.row([d, "*", "*"] + DistributionFigures(mine).row(categories: all, own: mineOwn))
      let groups = Dictionary(grouping: mine) {
        GroupKey(code: $0.triggerCode, provider: $0.provider)
      }
      for key in groups.keys.sorted() {
        w.row(
          [d, key.code, key.provider]
            + DistributionFigures(groups[key]!).row(categories: all, own: mineOwn))
      }
    }
    return w.bytes
  }

  /// A trigger code and provider, ordered by code then provider.
  struct GroupKey: Hashable, Comparable {
    /// The trigger code.
    var code: String
    /// The accountable provider.
    var provider: String

    /// By code, then provider.
    static func < (a: GroupKey, b: GroupKey) -> Bool { (a.code, a.provider) < (b.code, b.provider) }
  }
}
