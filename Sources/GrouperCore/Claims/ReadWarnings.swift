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

  /// The count of each kind, by ``CodeWarning/index`` (arrays, not dictionaries: a read of
  /// made-up NPIs counts one on nearly every line).
  private var tally = [Int](repeating: 0, count: CodeWarning.allCases.count)
  /// The places kept of each kind, by ``CodeWarning/index``.
  private var kept = [[Place]](repeating: [], count: CodeWarning.allCases.count)

  /// No warnings.
  package init() {}

  /// The count of each kind found.
  package var counts: [CodeWarning: Int] {
    var result: [CodeWarning: Int] = [:]
    for kind in CodeWarning.allCases where tally[kind.index] > 0 {
      result[kind] = tally[kind.index]
    }
    return result
  }

  /// Up to ``placesKept`` places of each kind found: those with the smallest values.
  package var places: [CodeWarning: [Place]] {
    var result: [CodeWarning: [Place]] = [:]
    for kind in CodeWarning.allCases where !kept[kind.index].isEmpty {
      result[kind] = kept[kind.index]
    }
    return result
  }

  /// Whether no warning was found.
  package var isEmpty: Bool { !tally.contains { $0 > 0 } }

  /// Counts one warning of `kind` at `location`. The places kept are those with the smallest
  /// values (then the earliest place), so which are kept does not depend on the order of rows.
  package mutating func add(_ kind: CodeWarning, at location: SourceLocation, value: String) {
    tally[kind.index] += 1
    keep(kind, Place(location: location, value: value))
  }

  /// Keeps `place` among the kind's places when it is among the smallest.
  private mutating func keep(_ kind: CodeWarning, _ place: Place) {
    let i = kind.index
    if kept[i].count == Self.placesKept, let last = kept[i].last, !Self.precedes(place, last) {
      return
    }
    let at = kept[i].firstIndex { Self.precedes(place, $0) } ?? kept[i].count
    kept[i].insert(place, at: at)
    if kept[i].count > Self.placesKept { kept[i].removeLast() }
  }

  /// The order of kept places: by value, then file, line and column.
  private static func precedes(_ a: Place, _ b: Place) -> Bool {
    if a.value != b.value { return a.value < b.value }
    let x = a.location
    let y = b.location
    if x.file != y.file { return x.file < y.file }
    return (x.line ?? 0, x.column ?? 0) < (y.line ?? 0, y.column ?? 0)
  }

  /// Moves every place down `offset` lines: the warnings of a later part of a file, read on its
  /// own with lines numbered from 1. The order of places is unchanged.
  package mutating func shiftLines(by offset: Int) {
    for k in kept.indices {
      for p in kept[k].indices { kept[k][p].location.line? += offset }
    }
  }

  /// Adds another read's warnings to these.
  package mutating func merge(_ other: ReadWarnings) {
    for kind in CodeWarning.allCases {
      tally[kind.index] += other.tally[kind.index]
      for place in other.kept[kind.index] { keep(kind, place) }
    }
  }

  /// One warning message per kind, for stderr, where it reads
  /// `grouper: warning: 3 npi_check_digit: ten-digit provider ids … (e.g. claims.csv:2:10 '1234567890')`.
  package var messages: [Diagnostic.Message] {
    counts.keys.sorted().map { kind in
      .codeWarnings(
        kind, count: counts[kind]!,
        examples: places[kind, default: []].map { "\($0.location) '\($0.value)'" })
    }
  }
}
