import GrouperSupport

/// What the members file says of one member: demographics, death and coverage.
package struct Member: Sendable, Equatable {
  /// The date of birth, when known.
  package var birth: Day?
  /// `M`, `F` or `U`, when known.
  package var sex: String?
  /// The date of death, when the member has died.
  package var death: Day?
  /// Coverage spans, sorted, overlapping and adjacent spans merged. An open-ended span ends on
  /// ``Day/distantFuture``.
  package var coverage: [DayRange]
  /// Coverage spans by payer id, for members files that name the payer of each span; sorted and
  /// merged like ``coverage``, whose spans cover every payer.
  package var coverageByPayer: [String: [DayRange]] = [:]

  /// A member with nothing known.
  package init(
    birth: Day? = nil, sex: String? = nil, death: Day? = nil, coverage: [DayRange] = [],
    coverageByPayer: [String: [DayRange]] = [:]
  ) {
    self.birth = birth
    self.sex = sex
    self.death = death
    self.coverage = coverage
    self.coverageByPayer = coverageByPayer
  }

  /// The first day of `range` that no coverage span covers, or nil when coverage is continuous
  /// over it. With a payer, that payer's spans count as well as the spans that name no payer.
  package func firstUncoveredDay(in range: DayRange, payer: String? = nil) -> Day? {
    var spans = coverage
    if let payer, let more = coverageByPayer[payer] { spans = Member.merged(spans + more) }
    var next = range.first
    for span in spans where span.last >= next {
      if span.first > next { return next }
      if span.last >= range.last { return nil }
      next = span.last.adding(days: 1)
    }
    return next <= range.last ? next : nil
  }

  /// Sorts and merges coverage spans that overlap or touch (one ends the day before the next starts).
  package static func merged(_ spans: [DayRange]) -> [DayRange] {
    var result: [DayRange] = []
    for span in spans.sorted(by: { ($0.first, $0.last) < ($1.first, $1.last) }) {
      if let last = result.last, span.first.ordinal <= last.last.ordinal + 1 {
        result[result.count - 1].last = max(last.last, span.last)
      } else {
        result.append(span)
      }
    }
    return result
  }
}

extension Day {
  /// A day after any claim: the end of an open-ended coverage span.
  package static let distantFuture = Day(ordinal: Int32.max / 2)
}
