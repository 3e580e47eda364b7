import GrouperSupport

/// The linter's warnings about definitions that load.
extension Diagnostic.Message {
  /// An inclusion rule every line of which an earlier inclusion rule takes.
  static func lintIncludeShadowed(_ id: String, by earlier: String) -> Self {
    Self(
      "inclusion rule '\(id)' can never match: every line it matches matches the earlier rule '\(earlier)'"
    )
  }
  /// An inclusion rule every line of which an exclusion rule leaves out first.
  static func lintIncludeExcluded(_ id: String, by exclusion: String) -> Self {
    Self(
      "inclusion rule '\(id)' can never match: the exclusion rule '\(exclusion)' leaves out every line it matches"
    )
  }
  /// An inclusion rule whose test no line can pass.
  static func lintIncludeNeverMatches(_ id: String) -> Self {
    Self("inclusion rule '\(id)' can never match: its tests contradict each other")
  }
  /// An exclusion rule whose test no line can pass.
  static func lintExcludeNeverMatches(_ id: String) -> Self {
    Self("exclusion rule '\(id)' can never fire: its tests contradict each other")
  }
  /// An exclusion rule every line of which an earlier exclusion rule leaves out.
  static func lintExcludeShadowed(_ id: String, by earlier: String) -> Self {
    Self(
      "exclusion rule '\(id)' can never fire: the earlier rule '\(earlier)' leaves out every line it matches"
    )
  }
  /// A window period of zero days.
  static let lintZeroWindow = Self("a period of zero days adds nothing to the window")
  /// A code the reference list of its system does not hold.
  static func lintUnknownCode(_ code: String, _ system: CodeSystem) -> Self {
    Self("'\(code)' is not a code of the \(system.rawValue) reference list")
  }
  /// A range end that is no code or category of its system.
  static func lintUnknownRangeEnd(_ end: String, of range: String, _ system: CodeSystem) -> Self {
    Self(
      "range '\(range)': '\(end)' is not a code or category of the \(system.rawValue) reference list"
    )
  }
  /// A range that holds every code of its system.
  static func lintRangeSwallowsSystem(_ range: String, _ system: CodeSystem) -> Self {
    Self("range '\(range)' holds every code of the \(system.rawValue) reference list")
  }
  /// Two definitions whose triggers a line may pass both, at equal precedence.
  static func lintTriggersOverlap(_ id: String, _ other: String, precedence: Int) -> Self {
    Self(
      "the triggers of '\(id)' and '\(other)' may both match one claim line, at equal precedence \(precedence): which one takes it is left to the order of their ids"
    )
  }
  /// Days between two versions of one definition that neither covers.
  static func lintVersionGap(
    _ id: String, _ gap: DayRange, earlier: String, _ earlierFile: String, later: String
  ) -> Self {
    let days = gap.first.days(to: gap.last) + 1
    return Self(
      "no version of definition '\(id)' is effective from \(gap.first) through \(gap.last) "
        + "(\(days) day\(days == 1 ? "" : "s")): version \(earlier) in \(earlierFile) ends "
        + "\(gap.first.adding(days: -1)), version \(later) starts \(gap.last.adding(days: 1)); "
        + "a trigger anchored in the gap starts no episode")
  }
  /// A `--code-lists` folder that is not there.
  package static let codeListsFolderNotFound = Self(
    "no such folder of code lists", kind: .missingInput)
}
