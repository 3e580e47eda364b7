import GrouperCore
import GrouperSupport

/// One `--vary` of a sweep: a field of one definition and the values it takes, as
/// `LEJR.windows.post_anchor.days=30,60,90`.
///
/// The fields that vary are those holding a number, an enumerated choice or a rule's on/off:
/// `windows.post_anchor.days`, `windows.post_anchor.day_one`,
/// `windows.post_anchor.ends_at_death` (`on` or `off`), `windows.pre_anchor_days`,
/// `straddle.default`, `straddle.<claim type>`, `anchor.default`, `anchor.<claim type>`,
/// `repeat_trigger`, `when_trigger_taken`, `precedence`, `overlap`,
/// `confirmation.min_days_after`, `exclude.<rule id>`, `include.<rule id>` and
/// `cancel.<index or reason>` (the last three `on` or `off`). Every value is checked against the definitions when the axis is read, so a
/// bad one stops the sweep before any grouping.
package struct VaryAxis: Sendable {
  /// The text as given.
  package var text: String
  /// The definition id.
  package var definition: String
  /// The field.
  package var field: VaryField
  /// The field's path after the definition id, as given (`windows.post_anchor.days`).
  package var path: String
  /// The values, in the order given, as text.
  package var values: [String]

  /// The settings of this axis, one per value.
  package var settings: [VarySetting] {
    values.map { VarySetting(axis: self, value: $0) }
  }

  /// Reads `text` against `definitions`; `at` is where a diagnostic points (the command line).
  package init(_ text: String, definitions: [EpisodeDefinition], at location: SourceLocation)
    throws
  {
    self.text = text
    let fail = { (message: Diagnostic.Message) in Diagnostic(at: location, message) }
    guard let eq = text.firstIndex(of: "=") else { throw fail(.varyWithoutValues(text)) }
    let lhs = String(text[..<eq])
    values = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard !values.contains(where: { $0.isEmpty }) else { throw fail(.varyWithoutValues(text)) }
    let parts = lhs.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let id = parts[0]
    definition = id
    let ids = definitions.map(\.id)
    // Every version of the id is varied; a rule named by the field may be one that only some
    // versions have, so the field is read against each in turn and the first that has it wins
    // (with none, the error is the first version's).
    let versions = definitions.filter { $0.id == id }
    guard !versions.isEmpty else {
      throw fail(.varyUnknownDefinition(text, id, nearest: nearest(id, in: ids)))
    }
    path = parts.dropFirst().joined(separator: ".")
    var found: VaryField?
    var firstError: (any Error)?
    for d in versions where found == nil {
      do {
        found = try VaryField(
          parts: Array(parts.dropFirst()), definition: d, spec: text, at: location)
      } catch {
        firstError = firstError ?? error
      }
    }
    guard let field = found else { throw firstError! }
    self.field = field
    for v in values {
      for d in versions { try field.check(v, definition: d, spec: text, at: location) }
    }
    guard Set(values).count == values.count else { throw fail(.varyRepeatedValue(text)) }
  }
}

/// A field of a definition that a sweep varies.
package enum VaryField: Sendable, Equatable {
  /// `windows.post_anchor.days`.
  case postAnchorDays
  /// `windows.post_anchor.day_one`.
  case postAnchorDayOne
  /// `windows.post_anchor.ends_at_death`: on or off.
  case postAnchorEndsAtDeath
  /// `when_trigger_taken`.
  case whenTriggerTaken
  /// `windows.pre_anchor_days`.
  case preAnchorDays
  /// `straddle.default`, or `straddle.<claim type>` for one type.
  case straddle(ClaimType?)
  /// `anchor.default`, or `anchor.<claim type>` for one type.
  case anchor(ClaimType?)
  /// `repeat_trigger`.
  case repeatTrigger
  /// `precedence`.
  case precedence
  /// `overlap`.
  case overlap
  /// `confirmation.min_days_after`.
  case confirmationMinDays
  /// `exclude.<rule id>`: the rule on or off.
  case exclude(String)
  /// `include.<rule id>`: the rule on or off.
  case include(String)
  /// `cancel.<index>` or `cancel.<reason>`: the rule, by index, on or off.
  case cancel(Int)

  /// The longest window a definition may state (as the loader allows): 100 years of days.
  static let maximumDays = 36_525

  /// The field at `parts` (the path after the definition id) of `definition`.
  init(parts: [String], definition d: EpisodeDefinition, spec: String, at location: SourceLocation)
    throws
  {
    func fail(_ message: Diagnostic.Message) -> Diagnostic { Diagnostic(at: location, message) }
    func expect(_ name: String?, among names: [String]) throws -> String {
      guard let name, names.contains(name) else {
        let given = name ?? ""
        throw fail(
          given.isEmpty
            ? .varyIncompletePath(spec, expected: names)
            : .varyUnknownField(spec, given, nearest: nearest(given, in: names)))
      }
      return name
    }
    func end(_ count: Int) throws {
      guard parts.count == count else {
        throw fail(.varyUnknownField(spec, parts[count], nearest: nil))
      }
    }
    let top = [
      "windows", "straddle", "anchor", "repeat_trigger", "when_trigger_taken", "precedence",
      "overlap", "confirmation",
      "exclude", "include", "cancel",
    ]
    let rest = parts.dropFirst().joined(separator: ".")
    switch try expect(parts.first, among: top) {
    case "windows":
      switch try expect(
        parts.count > 1 ? parts[1] : nil, among: ["post_anchor", "pre_anchor_days"])
      {
      case "pre_anchor_days":
        try end(2)
        self = .preAnchorDays
      default:
        let name = try expect(
          parts.count > 2 ? parts[2] : nil, among: ["days", "day_one", "ends_at_death"])
        try end(3)
        self =
          name == "days"
          ? .postAnchorDays : name == "day_one" ? .postAnchorDayOne : .postAnchorEndsAtDeath
      }
    case "straddle", "anchor":
      let types = ["default"] + ClaimType.allCases.map(\.name)
      let name = try expect(parts.count > 1 ? parts[1] : nil, among: types)
      try end(2)
      let type = name == "default" ? nil : ClaimType(name: name)
      self = parts[0] == "straddle" ? .straddle(type) : .anchor(type)
    case "repeat_trigger":
      try end(1)
      self = .repeatTrigger
    case "when_trigger_taken":
      try end(1)
      self = .whenTriggerTaken
    case "precedence":
      try end(1)
      self = .precedence
    case "overlap":
      try end(1)
      self = .overlap
    case "confirmation":
      _ = try expect(parts.count > 1 ? parts[1] : nil, among: ["min_days_after"])
      try end(2)
      guard d.confirmation != nil else { throw fail(.varyNoConfirmation(spec, d.id)) }
      self = .confirmationMinDays
    case "exclude":
      let ids = d.exclude.map(\.id)
      guard ids.contains(rest) else {
        throw fail(
          .varyUnknownRule(spec, "exclude", rest, nearest: nearest(rest, in: ids), known: ids))
      }
      self = .exclude(rest)
    case "include":
      let ids = d.include.map(\.id)
      guard ids.contains(rest) else {
        throw fail(
          .varyUnknownRule(spec, "include", rest, nearest: nearest(rest, in: ids), known: ids))
      }
      self = .include(rest)
    default:
      if let k = Int(rest), d.cancel.indices.contains(k) {
        self = .cancel(k)
      } else if let k = d.cancel.firstIndex(where: { $0.reason == rest }) {
        self = .cancel(k)
      } else {
        let known = d.cancel.indices.map(String.init) + d.cancel.map(\.reason)
        throw fail(.varyUnknownRule(spec, "cancel", rest, nearest: nil, known: known))
      }
    }
  }

  /// The words an enumerated field takes, nil for a number or on/off.
  var choices: [String]? {
    switch self {
    case .postAnchorDayOne: PostAnchorPeriod.DayOne.allCases.map(\.rawValue)
    case .straddle: StraddlePolicy.allCases.map(\.rawValue)
    case .anchor: AnchorRule.Kind.allCases.map(\.rawValue)
    case .repeatTrigger: RepeatTriggerPolicy.allCases.map(\.rawValue)
    case .overlap: OverlapPolicy.allCases.map(\.rawValue)
    case .whenTriggerTaken: TriggerTakenPolicy.allCases.map(\.rawValue)
    case .exclude, .include, .cancel, .postAnchorEndsAtDeath: ["on", "off"]
    default: nil
    }
  }

  /// Throws unless `value` is one this field takes in `definition`.
  func check(
    _ value: String, definition d: EpisodeDefinition, spec: String, at location: SourceLocation
  )
    throws
  {
    func fail(_ message: Diagnostic.Message) -> Diagnostic { Diagnostic(at: location, message) }
    if let choices {
      guard choices.contains(value) else {
        throw fail(.varyBadChoice(spec, value, expected: choices))
      }
      if case .include(let id) = self, value == "off", d.include.count == 1, d.include[0].id == id {
        throw fail(.varyLastInclusionRule(spec, id))
      }
      return
    }
    let minimum = self == .precedence ? Int.min : 0
    let maximum = self == .precedence ? Int.max : Self.maximumDays
    guard let n = Int(value), n >= minimum, n <= maximum else {
      throw fail(
        self == .precedence
          ? .varyNotAWholeNumber(spec, value) : .varyBadDays(spec, value, maximum: maximum))
    }
    if self == .confirmationMinDays, let max = d.confirmation?.maxDaysAfter, n > max {
      throw fail(.varyBadDays(spec, value, maximum: max))
    }
  }
}

/// One field of one definition set to one value.
package struct VarySetting: Sendable {
  /// The axis.
  package var axis: VaryAxis
  /// The value.
  package var value: String

  /// `LEJR.windows.post_anchor.days=60`.
  package var name: String { "\(axis.definition).\(axis.path)=\(value)" }
}
