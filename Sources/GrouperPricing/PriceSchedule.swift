import GrouperSupport

/// A price file read: the pricing programs of one or more payers over the run's episode
/// definitions, and the map of providers to regions their targets may name.
///
/// The format is documented, field by field, in `EpisodeDefinitions/PRICES.md`.
package struct PriceSchedule: Sendable {
  /// The file it was read from.
  package var file: String
  /// The format version (1).
  package var version: Int
  /// What the schedule is, for readers.
  package var description: String
  /// The region of each provider that has one, by provider id.
  package var providerRegions: [String: String]
  /// The programs, in file order.
  package var programs: [PricingProgram]

  /// A schedule.
  package init(
    file: String, version: Int = 1, description: String = "",
    providerRegions: [String: String] = [:],
    programs: [PricingProgram]
  ) {
    self.file = file
    self.version = version
    self.description = description
    self.providerRegions = providerRegions
    self.programs = programs
  }

  /// The index of the program that prices a payer's episodes of a definition, if any. A payer
  /// and definition are priced by at most one program (the loader refuses a second).
  package func programIndex(payer: String, definition: String) -> Int? {
    programs.firstIndex { $0.payer == payer && $0.definitions[definition] != nil }
  }

  /// The region of a provider, or the empty string when the map names none.
  package func region(of provider: String) -> String { providerRegions[provider] ?? "" }

  /// Whether some risk model needs the member's age or sex (a members file).
  package var needsDemographics: Bool {
    programs.contains { $0.definitions.values.contains { $0.risk.usesAge || $0.risk.usesSex } }
  }

  /// Whether some risk model needs diagnoses from the member's earlier claims (a claims file).
  package var needsDiagnoses: Bool {
    programs.contains { $0.definitions.values.contains { !$0.risk.flags.isEmpty } }
  }

  /// Every definition id the schedule prices, sorted, with where it is named.
  package var definitionReferences: [(id: String, location: SourceLocation)] {
    programs.flatMap { p in p.definitions.values.map { ($0.definition, $0.location) } }
      .sorted { ($0.id, $0.location.line ?? 0) < ($1.id, $1.location.line ?? 0) }
  }

  /// Throws a located diagnostic for the first definition the schedule prices that is not one
  /// of `known` (the run's definition ids).
  package func checkDefinitions(known: [String]) throws {
    for (id, location) in definitionReferences where !known.contains(id) {
      throw Diagnostic(
        at: location, .unknownDefinition(id, known: known, nearest: nearest(id, in: known)))
    }
  }
}

extension Diagnostic.Message {
  /// A definition the schedule prices that the run does not have; names the nearest, or all.
  static func unknownDefinition(_ id: String, known: [String], nearest: String?) -> Self {
    guard let nearest else {
      return Self("unknown definition '\(id)': the run has \(known.joined(separator: ", "))")
    }
    return Self("unknown definition '\(id)' (did you mean '\(nearest)'?)")
  }
}
