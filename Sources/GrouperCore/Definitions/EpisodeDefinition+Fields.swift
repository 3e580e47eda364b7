extension Predicate {
  /// The code fields the predicate tests, anywhere inside it.
  package var codeFields: Set<CodeField> {
    switch self {
    case .all(let parts), .any(let parts):
      return parts.reduce(into: Set<CodeField>()) { $0.formUnion($1.codeFields) }
    case .not(let p): return p.codeFields
    case .field(let field, _): return [field]
    case .claimType, .period, .triggerClaim, .always, .onOrAfter: return []
    case .providerType: return [.billingProvider]
    case .primaryPayerPaid: return []
    }
  }
}

extension CodeField {
  /// The claim-line fields a test on this field reads: `any_dx` reads both diagnosis fields.
  package var claimFields: [ClaimField] {
    switch self {
    case .drg: return [.drg]
    case .principalDx: return [.principalDx]
    case .anyDx: return [.principalDx, .dx]
    case .px: return [.px]
    case .hcpcs: return [.hcpcs]
    case .modifier: return [.modifiers]
    case .revenueCode: return [.revenueCode]
    case .placeOfService: return [.placeOfService]
    case .dischargeStatus: return [.dischargeStatus]
    case .billingProvider: return [.billingProvider]
    case .renderingProvider: return [.renderingProvider]
    case .mdc: return [.drg]
    }
  }
}

extension EpisodeDefinition {
  /// The code fields the definition tests, each with the parts that test it (`trigger`,
  /// `confirmation`, `exclusion rules`, `inclusion rules`, `cancellation rules`), in field order.
  package var testedFields: [(field: CodeField, parts: [String])] {
    var parts: [(String, Predicate)] = [("trigger", trigger)]
    if let confirmation { parts.append(("confirmation", confirmation.predicate)) }
    parts += exclude.map { ("exclusion rules", $0.predicate) }
    parts += include.map { ("inclusion rules", $0.predicate) }
    for rule in cancel {
      switch rule.condition {
      case .anyLine(let p), .triggerClaim(let p): parts.append(("cancellation rules", p))
      case .death, .coverageGap, .anchorLongerThan: break
      }
    }
    var result: [(field: CodeField, parts: [String])] = []
    for field in CodeField.allCases {
      var names: [String] = []
      for (name, predicate) in parts where predicate.codeFields.contains(field) {
        if !names.contains(name) { names.append(name) }
      }
      if !names.isEmpty { result.append((field, names)) }
    }
    return result
  }
}
