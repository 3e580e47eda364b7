/// One or more diagnostics that stop a step: what a loader throws when its input is unusable.
package struct Diagnostics: Error, Equatable, Sendable, CustomStringConvertible {
  /// The findings, in the order of their place in the input.
  package var items: [Diagnostic]

  /// The findings, in input order.
  package init(_ items: [Diagnostic]) {
    self.items = items
  }

  /// The kind of the first error (of the first finding when none is an error): what the step's
  /// failure is, as the command line's exit status reports it.
  package var kind: Diagnostic.Kind {
    (items.first { $0.severity == .error } ?? items.first)?.kind ?? .badInput
  }

  /// One line per finding.
  package var description: String {
    items.map(\.description).joined(separator: "\n")
  }
}
