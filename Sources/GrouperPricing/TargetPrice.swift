import GrouperSupport

/// One target price of a definition: the amount, the episodes it applies to, and the anchor
/// start dates on which it is in force.
package struct TargetPrice: Sendable, Equatable {
  /// The target's `id`, or its JSON path when it has none, written in `pricing.csv`.
  package var label: String
  /// The accountable provider it applies to; nil for any.
  package var provider: String?
  /// The region it applies to (through the provider-to-region map); nil for any.
  package var region: String?
  /// The trigger codes it applies to (MS-DRG, else HCPCS, else principal diagnosis, as written
  /// in `episodes.csv`); nil for any.
  package var triggerCodes: [String]?
  /// The anchor start dates on which it is in force, both ends counted.
  package var effective: DayRange
  /// The target amount.
  package var amount: Cents
  /// The target's own discount, replacing the definition's (a discount by cell); nil for the
  /// definition's.
  package var discount: ExactDecimal?
  /// Where it stands in the price file.
  package var location: SourceLocation

  /// A target.
  package init(
    label: String, provider: String? = nil, region: String? = nil, triggerCodes: [String]? = nil,
    effective: DayRange, amount: Cents, discount: ExactDecimal? = nil, location: SourceLocation
  ) {
    self.discount = discount
    self.label = label
    self.provider = provider
    self.region = region
    self.triggerCodes = triggerCodes
    self.effective = effective
    self.amount = amount
    self.location = location
  }

  /// How specific the key is: a provider beats a region beats any provider; within each, a
  /// trigger code beats any code.
  package var specificity: Int {
    (provider != nil ? 4 : 0) + (region != nil ? 2 : 0) + (triggerCodes != nil ? 1 : 0)
  }

  /// Whether it applies to an episode with this provider, region and trigger code anchored on `day`.
  package func applies(provider p: String, region r: String, triggerCode code: String, on day: Day)
    -> Bool
  {
    guard effective.contains(day) else { return false }
    if let provider, provider != p { return false }
    if let region, region != r { return false }
    if let triggerCodes, !triggerCodes.contains(code) { return false }
    return true
  }

  /// The key as words, for messages: `provider '110008', trigger code '470'`.
  func keyDescription(code: String?) -> String {
    var parts: [String] = []
    if let provider { parts.append("provider '\(provider)'") }
    if let region { parts.append("region '\(region)'") }
    if let code { parts.append("trigger code '\(code)'") }
    return parts.isEmpty ? "every provider and trigger code" : parts.joined(separator: ", ")
  }
}

/// The targets of one definition, and the rule that picks the one in force for an episode.
package struct TargetTable: Sendable, Equatable {
  /// The targets, in file order.
  package var targets: [TargetPrice]

  /// A table of targets.
  package init(_ targets: [TargetPrice]) {
    self.targets = targets
  }

  /// The target for an episode: of the targets in force on the anchor start date whose key
  /// matches, the most specific (see ``TargetPrice/specificity``). Targets with the same key
  /// never overlap in time (the loader refuses it), so the choice is unique. Nil when none applies.
  package func target(provider: String, region: String, triggerCode: String, on day: Day)
    -> TargetPrice?
  {
    var best: TargetPrice?
    for t in targets
    where t.applies(provider: provider, region: region, triggerCode: triggerCode, on: day) {
      if best == nil || t.specificity > best!.specificity { best = t }
    }
    return best
  }

  /// The first pair of targets with the same key (provider, region and trigger code) whose
  /// effective ranges overlap, as (earlier, later) in file order; nil when there is none.
  package func firstOverlap() -> (earlier: TargetPrice, later: TargetPrice, code: String?)? {
    struct Entry {
      var index: Int
      var code: String?
    }
    var byKey: [String: [Entry]] = [:]
    for (i, t) in targets.enumerated() {
      for code in t.triggerCodes.map({ $0.map(Optional.some) }) ?? [nil] {
        let key = "\(t.provider ?? "\u{0}")|\(t.region ?? "\u{0}")|\(code ?? "\u{0}")"
        byKey[key, default: []].append(Entry(index: i, code: code))
      }
    }
    var found: (Int, Int, String?)?
    for entries in byKey.values {
      let sorted = entries.sorted {
        (targets[$0.index].effective.first, $0.index) < (
          targets[$1.index].effective.first, $1.index
        )
      }
      var reach = sorted.first.map { ($0, targets[$0.index].effective.last) }
      for e in sorted.dropFirst() {
        guard let (open, last) = reach else { break }
        if targets[e.index].effective.first <= last {
          let pair = (min(open.index, e.index), max(open.index, e.index), e.code)
          if found == nil || (pair.1, pair.0) < (found!.1, found!.0) { found = pair }
        }
        if targets[e.index].effective.last > last { reach = (e, targets[e.index].effective.last) }
      }
    }
    guard let (a, b, code) = found else { return nil }
    return (targets[a], targets[b], code)
  }
}
