import GrouperCore
import GrouperSupport

/// One point of a sweep's grid: one value for each `--vary`, named by its settings
/// (`LEJR.windows.post_anchor.days=60; LEJR.exclude.excluded_readmission=off`).
package struct Variant: Sendable {
  /// The settings, in the order the axes were given.
  package var settings: [VarySetting]

  /// The name: the settings joined by `; `.
  package var name: String { settings.map(\.name).joined(separator: "; ") }

  /// Every combination of the axes' values, the first axis varying slowest.
  package static func grid(_ axes: [VaryAxis]) -> [Variant] {
    var variants = [Variant(settings: [])]
    for axis in axes {
      variants = variants.flatMap { v in
        axis.settings.map { Variant(settings: v.settings + [$0]) }
      }
    }
    return variants
  }

  /// Reads the axes and checks every variant of their grid against `definitions`: two axes on
  /// one field, or a variant that turns off every inclusion rule of a definition, is an error at
  /// `location`.
  package static func grid(
    _ texts: [String], definitions: [EpisodeDefinition], at location: SourceLocation
  ) throws -> [Variant] {
    let axes = try texts.map { try VaryAxis($0, definitions: definitions, at: location) }
    var seen: [String: String] = [:]
    for a in axes {
      let key = a.definition + "." + a.path
      if let other = seen[key] {
        throw Diagnostic(at: location, .varySameField(a.text, other))
      }
      seen[key] = a.text
    }
    let variants = grid(axes)
    for v in variants {
      for d in v.apply(to: definitions) where d.include.isEmpty {
        throw Diagnostic(at: location, .varyNoInclusionRuleLeft(v.name, d.id))
      }
    }
    return variants
  }

  /// The definitions with this variant's settings applied; the others unchanged.
  package func apply(to definitions: [EpisodeDefinition]) -> [EpisodeDefinition] {
    definitions.map { original in
      var d = original
      var offExclude: Set<String> = []
      var offInclude: Set<String> = []
      var offCancel: Set<Int> = []
      for s in settings where s.axis.definition == d.id {
        let v = s.value
        switch s.axis.field {
        case .postAnchorDays: d.postAnchor.days = Int(v)!
        case .postAnchorDayOne: d.postAnchor.dayOne = PostAnchorPeriod.DayOne(rawValue: v)!
        case .postAnchorEndsAtDeath: d.postAnchor.endsAtDeath = v == "on"
        case .whenTriggerTaken: d.whenTriggerTaken = TriggerTakenPolicy(rawValue: v)!
        case .preAnchorDays: d.preAnchorDays = Int(v)!
        case .straddle(nil): d.straddle.defaultPolicy = StraddlePolicy(rawValue: v)!
        case .straddle(let type?): d.straddle.byClaimType[type] = StraddlePolicy(rawValue: v)!
        case .anchor(nil): d.anchor.defaultKind = AnchorRule.Kind(rawValue: v)!
        case .anchor(let type?): d.anchor.byClaimType[type] = AnchorRule.Kind(rawValue: v)!
        case .repeatTrigger: d.repeatTrigger = RepeatTriggerPolicy(rawValue: v)!
        case .precedence: d.precedence = Int(v)!
        case .overlap: d.overlap = OverlapPolicy(rawValue: v)!
        case .confirmationMinDays: d.confirmation?.minDaysAfter = Int(v)!
        case .exclude(let id): if v == "off" { offExclude.insert(id) }
        case .include(let id): if v == "off" { offInclude.insert(id) }
        case .cancel(let k): if v == "off" { offCancel.insert(k) }
        }
      }
      d.exclude.removeAll { offExclude.contains($0.id) }
      d.include.removeAll { offInclude.contains($0.id) }
      d.cancel = d.cancel.enumerated().filter { !offCancel.contains($0.offset) }.map(\.element)
      return d
    }
  }
}
