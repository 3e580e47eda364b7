import GrouperSupport

/// One payer's pricing program: its payment design and terms, a quality rule, and the prices of
/// the episode definitions it covers. A retrospective program reconciles each accountable
/// provider over all of its definitions together, as BPCI Advanced reconciles an episode
/// initiator over all of its clinical episodes.
package struct PricingProgram: Sendable {
  /// The program's id in outputs: letters, digits and `_`.
  package var id: String
  /// The payer whose episodes it prices (the `payer_id` of the episodes).
  package var payer: String
  /// How episodes are paid and reconciled.
  package var design: PaymentDesign
  /// What the program is, for readers.
  package var description: String
  /// How the quality file changes the reconciliation or the discount (retrospective only).
  package var quality: QualityRule?
  /// The prices of each definition the program covers, by definition id.
  package var definitions: [String: DefinitionPrices]
  /// The episode date that picks the target or thresholds in force (anchor start by default).
  package var targetDate: TargetDate
  /// Where the program stands in the price file.
  package var location: SourceLocation

  /// A program.
  package init(
    id: String, payer: String, design: PaymentDesign, description: String = "",
    quality: QualityRule? = nil,
    definitions: [String: DefinitionPrices], targetDate: TargetDate = .anchorStart,
    location: SourceLocation
  ) {
    self.targetDate = targetDate
    self.id = id
    self.payer = payer
    self.design = design
    self.description = description
    self.quality = quality
    self.definitions = definitions
    self.location = location
  }
}

/// The payment design of a program.
package enum PaymentDesign: Sendable {
  /// Fee-for-service is paid as usual; after the period each provider's episodes are reconciled
  /// against their targets (BPCI Advanced, CJR, TEAM).
  case retrospective(RetrospectiveTerms)
  /// Fee-for-service is paid as usual; each provider's average risk-adjusted episode cost is
  /// compared with a commendable and an acceptable threshold (Arkansas, Tennessee, Ohio).
  case thresholds(ThresholdTerms)
  /// The bundle price is paid instead of fee-for-service.
  case prospective

  /// The design's name in files and outputs.
  package var name: String {
    switch self {
    case .retrospective: return "retrospective"
    case .thresholds: return "thresholds"
    case .prospective: return "prospective"
    }
  }

  /// Whether episodes are priced against a target (all designs but thresholds).
  package var usesTargets: Bool {
    if case .thresholds = self { return false }
    return true
  }
}
