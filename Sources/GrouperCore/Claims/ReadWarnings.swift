import GrouperSupport

/// The warnings of a read, counted by kind, with the first few places of each kind.
package struct ReadWarnings: Sendable, Equatable {
  /// One place a warning was found: where, and the value.
  package struct Place: Sendable, Equatable {
    /// The file, line, column and field.
    package var location: SourceLocation
    /// The value as read.
    package var value: String
  }

  /// How many places of a kind are kept.
  package static let placesKept = 5

  /// The count of each kind found.
  package private(set) var counts: [CodeWarning: Int] = [:]
  /// The first ``placesKept`` places of each kind, in the order found.
  package private(set) var places: [CodeWarning: [Place]] = [:]

  /// No warnings.
  package init() {}

  /// Whether no warning was found.
  package var isEmpty: Bool { counts.isEmpty }

  /// Counts one warning of `kind` at `location`.
  package mutating func add(
    _ kind: CodeWarning, at location: @autoclosure () -> SourceLocation, value: @autoclosure () -> String
  ) {
    counts[kind, default: 0] += 1
    if places[kind, default: []].count < Self.placesKept {
      places[kind, default: []].append(Place(location: location(), value: value()))
    }
  }

  /// Adds another read's warnings to these.
  package mutating func merge(_ other: ReadWarnings) {
    for (kind, count) in other.counts {
      counts[kind, default: 0] += count
      let room = Self.placesKept - places[kind, default: []].count
      if room > 0 { places[kind, default: []] += other.places[kind, default: []].prefix(room) }
    }
  }

  /// One line per kind, for stderr: `grouper: warning: 3 provider ids … (first: file:2:9 '123')`.
  package var lines: [String] {
    counts.keys.sorted().map { kind in
      let first = places[kind, default: []].map { "\($0.location) '\($0.value)'" }
      return "grouper: warning: \(counts[kind]!) \(kind.rawValue): \(kind.meaning) (first: "
        + first.joined(separator: ", ") + ")"
    }
  }
}
