import GrouperCore
import GrouperSupport

/// Which entries of a definition's code sets the cases exercised, derived from the lines the
/// engine matched: each trigger line, each line an inclusion rule counted and each line an
/// exclusion rule left out has the codes of the fields its rule tests re-tested against every
/// entry of the sets the rule tests them with.
struct CodeSetCoverage {
  /// Entry ids (`set:entry`, `lejr_drgs:470`) in definition order.
  var entries: [String] = []
  /// The ids exercised.
  var covered: Set<String> = []

  /// The entries no case exercised, in order.
  var uncovered: [String] { entries.filter { !covered.contains($0) } }

  /// The entries of every named code set a rule of `definition` tests.
  init(_ definition: EpisodeDefinition) {
    var seen: Set<String> = []
    let tests =
      [definition.trigger] + definition.include.map(\.predicate)
      + definition.exclude.map(\.predicate)
    for p in tests {
      for (_, set) in Self.fieldTests(p) {
        for pattern in set.patterns {
          let id = "\(set.name):\(pattern)"
          if seen.insert(id).inserted { entries.append(id) }
        }
      }
    }
  }

  /// Marks the entries that `line`'s codes match among the sets `predicate` tests.
  mutating func record(_ predicate: Predicate, line: ClaimLine, store: ClaimStore) {
    for (field, set) in Self.fieldTests(predicate) {
      let codes = Self.codes(line, field, store)
      for pattern in set.patterns {
        let hit = codes.contains { code in
          var text = code
          return text.withUTF8 { pattern.matches($0) }
        }
        if hit { covered.insert("\(set.name):\(pattern)") }
      }
    }
  }

  /// The code-set tests anywhere in `p`.
  static func fieldTests(_ p: Predicate) -> [(CodeField, CodeSet)] {
    switch p {
    case .field(let f, let set): return [(f, set)]
    case .all(let ps), .any(let ps): return ps.flatMap(fieldTests)
    case .not(let q): return fieldTests(q)
    default: return []
    }
  }

  /// The codes of `field` on `line`, as text (an MS-DRG's MDC for `mdc`).
  static func codes(_ line: ClaimLine, _ field: CodeField, _ store: ClaimStore) -> [String] {
    func one(_ id: UInt32, _ system: CodeSystem) -> [String] {
      id == 0 ? [] : [store.code(id, system)]
    }
    switch field {
    case .drg: return one(line.drg, .msDRG)
    case .principalDx: return one(line.principalDx, .icd10CM)
    case .anyDx:
      return one(line.principalDx, .icd10CM)
        + store.codes(line.dx).map { store.code($0, .icd10CM) }
    case .px: return store.codes(line.px).map { store.code($0, .icd10PCS) }
    case .hcpcs: return one(line.hcpcs, .hcpcs)
    case .modifier: return store.codes(line.modifiers).map { store.code($0, .modifier) }
    case .revenueCode: return one(line.revenueCode, .revenueCode)
    case .placeOfService: return one(line.placeOfService, .placeOfService)
    case .dischargeStatus: return one(line.dischargeStatus, .dischargeStatus)
    case .billingProvider: return one(line.billingProvider, .provider)
    case .renderingProvider: return one(line.renderingProvider, .provider)
    case .mdc:
      guard line.drg != 0, let n = Int(store.code(line.drg, .msDRG)),
        let mdc = MSDRGTable.fy2026.mdc(of: n)
      else { return [] }
      return [mdc]
    }
  }
}
