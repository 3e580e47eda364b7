import GrouperSupport

/// A claim field that a code set can be tested against.
package enum CodeField: String, CaseIterable, Sendable {
  /// The MS-DRG.
  case drg
  /// The principal diagnosis.
  case principalDx = "principal_dx"
  /// Any diagnosis: the principal one or any other.
  case anyDx = "any_dx"
  /// Any ICD-10-PCS procedure.
  case px
  /// The CPT/HCPCS code.
  case hcpcs
  /// Any modifier.
  case modifier
  /// The revenue code.
  case revenueCode = "revenue_code"
  /// The place of service.
  case placeOfService = "place_of_service"
  /// The patient discharge status.
  case dischargeStatus = "discharge_status"
  /// The billing provider.
  case billingProvider = "billing_provider"
  /// The rendering provider.
  case renderingProvider = "rendering_provider"
  /// The MDC of the MS-DRG, from CMS's table of the fiscal year (``MSDRGTable``).
  case mdc

  /// The code system the field holds.
  package var system: CodeSystem {
    switch self {
    case .drg: return .msDRG
    case .principalDx, .anyDx: return .icd10CM
    case .px: return .icd10PCS
    case .hcpcs: return .hcpcs
    case .modifier: return .modifier
    case .revenueCode: return .revenueCode
    case .placeOfService: return .placeOfService
    case .dischargeStatus: return .dischargeStatus
    case .billingProvider, .renderingProvider: return .provider
    case .mdc: return .mdc
    }
  }

  /// The list of names, for messages.
  package static var nameList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Where a claim line falls in an episode, by its from date.
package enum EpisodePeriod: String, CaseIterable, Sendable {
  /// The pre-anchor lookback: from the window's start to the day before the anchor.
  case pre
  /// The anchor: the trigger stay from admission to discharge, or the trigger's service day.
  case anchor
  /// The post-anchor period: from the day after the anchor to the window's end.
  case post
}

/// A test on one claim line, built from claim types, code-set membership, the line's period in
/// an episode and whether it belongs to the trigger claim, combined with all, any and not.
package indirect enum Predicate: Sendable {
  /// True when every part is (true when there are none).
  case all([Predicate])
  /// True when some part is.
  case any([Predicate])
  /// True when the part is false.
  case not(Predicate)
  /// True when the line's claim type is one of these.
  case claimType(Set<ClaimType>)
  /// True when the field holds a code in the set (for multi-valued fields, any of its codes).
  case field(CodeField, CodeSet)
  /// True when the line's from date falls in one of these periods of the episode.
  case period(Set<EpisodePeriod>)
  /// True when the line belongs (or, with false, does not belong) to the episode's trigger claim
  /// (or a transfer stay of its anchor).
  case triggerClaim(Bool)
  /// True when the billing provider's CCN names a facility of one of these types.
  case providerType(Set<ProviderType>)
  /// True when a primary payer other than the line's payer paid part of it.
  case primaryPayerPaid(Bool)
  /// True when the line's from date is on or after this day.
  case onOrAfter(Day)
  /// Always true.
  case always

  /// Whether the predicate needs an episode to be evaluated (`period`, `trigger_claim`).
  package var needsEpisode: Bool {
    switch self {
    case .all(let parts), .any(let parts): return parts.contains(where: \.needsEpisode)
    case .not(let p): return p.needsEpisode
    case .period, .triggerClaim: return true
    case .claimType, .field, .always, .providerType, .primaryPayerPaid, .onOrAfter: return false
    }
  }

  /// Every code set the predicate tests.
  package var codeSets: [CodeSet] {
    switch self {
    case .all(let parts), .any(let parts): return parts.flatMap(\.codeSets)
    case .not(let p): return p.codeSets
    case .field(_, let set): return [set]
    case .claimType, .period, .triggerClaim, .always, .providerType, .primaryPayerPaid, .onOrAfter:
      return []
    }
  }
}
