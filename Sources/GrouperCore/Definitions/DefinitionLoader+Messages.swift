import GrouperSupport

extension Diagnostic.Message {
  /// A definitions path that names neither a file nor a folder.
  static let noDefinitions = Self("no such file or folder", kind: .missingInput)
  /// A definitions folder without a `*.json` file.
  static let noDefinitionFiles = Self("the folder holds no definition files (*.json)")
  /// Two versions of one id whose effective ranges overlap; `other` is the earlier version, in
  /// `otherFile`.
  static func overlappingDefinitionVersions(
    _ id: String, _ version: String, _ range: String, other: String, _ otherFile: String,
    _ otherRange: String
  ) -> Self {
    Self(
      "definition '\(id)' version \(version), effective \(range), overlaps version \(other) in "
        + "\(otherFile), effective \(otherRange): versions of one id need effective ranges that do "
        + "not overlap")
  }
  /// Two versions of one id with the same `version` text; `other` is the other's file.
  static func duplicateDefinitionVersion(_ id: String, _ version: String, other: String) -> Self {
    Self(
      "definition '\(id)' version \(version) is also in \(other): versions of one id need "
        + "different version texts")
  }
  /// A definition id with characters other than letters, digits and `_`.
  static func badDefinitionID(_ id: String) -> Self {
    Self("an id holds only letters, digits and '_', found '\(id)'")
  }
  /// An `effective` range whose end is before its start.
  static let effectiveRangeReversed = Self("the effective range ends before it starts")
  /// A number of days above the longest any window may be.
  static func tooManyDays(_ days: Int, maximum: Int) -> Self {
    Self("\(days) days is more than \(maximum) days")
  }
  /// A confirmation whose latest day is before its earliest.
  static func confirmationDaysReversed(min: Int, max: Int) -> Self {
    Self("max_days_after (\(max)) is below min_days_after (\(min))")
  }
  /// A definition with an empty `include` list.
  static let noInclusionRules = Self("at least one inclusion rule is needed")
  /// An accountable-provider field that is not one of the provider fields.
  static func unknownProviderField(_ name: String) -> Self {
    Self("unknown provider field '\(name)' (expected billing_provider or rendering_provider)")
  }
  /// A word that is not one of the values a setting takes.
  static func unknownChoice(_ word: String, expected: [String]) -> Self {
    Self("unknown value '\(word)' (expected one of \(expected.joined(separator: ", ")))")
  }
  /// A claim type name that is not one of the claim types.
  static func unknownClaimType(_ name: String) -> Self {
    Self("unknown claim type '\(name)' (expected one of \(ClaimType.nameList))")
  }
  /// A key of a by-claim-type table that is neither a claim type nor `default`.
  static func unknownClaimTypeOrDefault(_ name: String) -> Self {
    Self("unknown claim type '\(name)' (expected one of \(ClaimType.nameList), or 'default')")
  }
  /// A code set name with characters other than letters, digits and `_`.
  static let badCodeSetName = Self("a code set name holds only letters, digits and '_'")
  /// A code system name that is not one of the code systems.
  static func unknownCodeSystem(_ name: String) -> Self {
    Self("unknown code system '\(name)' (expected one of \(CodeSystem.nameList))")
  }
  /// A code-list file that is missing or empty, said at the definition that names it.
  static func codeListFileProblem(_ problem: Self, path: String) -> Self {
    Self("\(problem.text): \(path)")
  }
  /// A code set with neither `codes` nor `file`.
  static let codeSetWithoutCodes = Self("a code set needs 'codes' or 'file'")
  /// An empty `codes` list.
  static let emptyCodeList = Self("the list of codes is empty")
  /// A test with `in` and no `field`.
  static let inWithoutField = Self("'in' needs a 'field'")
  /// A test object with none of the test keys.
  static func emptyTest(expected keys: [String]) -> Self {
    Self("an empty test: expected one of \(keys.map { "'\($0)'" }.joined(separator: ", "))")
  }
  /// An episode-only test in a trigger or confirmation.
  static func episodeTermTooEarly(_ key: String) -> Self {
    Self("'\(key)' has no meaning before an episode exists (in a trigger or confirmation)")
  }
  /// An `all` or `any` with an empty list.
  static func noTests(_ key: String) -> Self { Self("'\(key)' needs at least one test") }
  /// A `claim_type` test with an empty list.
  static let emptyClaimTypeList = Self("the list of claim types is empty")
  /// A code field name that is not one of the code fields, with the nearest when one is close.
  static func unknownCodeField(_ name: String, nearest: String?) -> Self {
    guard let nearest else {
      return Self("unknown field '\(name)' (expected one of \(CodeField.nameList))")
    }
    return Self("unknown field '\(name)' (did you mean '\(nearest)'?)")
  }
  /// A `period` test with an empty list.
  static let emptyPeriodList = Self("the list of periods is empty")
  /// A period name other than pre, anchor and post.
  static func unknownPeriod(_ name: String) -> Self {
    Self("unknown period '\(name)' (expected pre, anchor or post)")
  }
  /// `always` given anything but `true`.
  static let alwaysNeedsTrue = Self("'always' takes true (use 'not' for the opposite)")
  /// A code set name not declared in the definition, with the nearest when one is close.
  static func unknownCodeSet(_ name: String, nearest: String?) -> Self {
    Self("unknown code set '\(name)'" + (nearest.map { " (did you mean '\($0)'?)" } ?? ""))
  }
  /// A code set tested on a field whose codes are of another system.
  static func codeSetSystemMismatch(_ name: String, _ system: CodeSystem, field: CodeField) -> Self
  {
    Self(
      "code set '\(name)' holds \(system.rawValue) codes, but field '\(field.rawValue)' holds \(field.system.rawValue) codes"
    )
  }
  /// A window setting below zero days; `what` names it (`pre_anchor_days`).
  static func negativeWindow(_ what: String, _ days: Int) -> Self {
    Self("a window of negative length: \(what) is \(days)")
  }
  /// A window setting above the longest window; `what` names it.
  static func windowTooLong(_ what: String, _ days: Int, maximum: Int) -> Self {
    Self("\(what) is \(days), more than \(maximum) days")
  }
  /// A `coverage` cancellation with a value other than `continuous`.
  static let coverageNeedsContinuous = Self("'coverage' takes \"continuous\"")
  /// A list of names that is empty (`what` names them: `provider types`).
  static func emptyList(_ what: String) -> Self { Self("the list of \(what) is empty") }
  /// A provider type that is not one of ``ProviderType``'s.
  static func unknownProviderType(_ name: String) -> Self {
    Self("unknown provider type '\(name)' (expected one of \(ProviderType.nameList))")
  }
  /// Both forms of the days before the anchor in one `windows`.
  static let preAnchorTwice = Self("give either pre_anchor_days or pre_anchor, not both")
  /// `later_episode_wins` without chronological resolution.
  static let laterWinsNeedsChronological = Self(
    "later_episode_wins needs \"resolve\": \"chronological\"")
  /// `lookback_days` on a cancellation rule other than `coverage`.
  static let lookbackWithoutCoverage = Self("'lookback_days' goes with a 'coverage' rule only")
}
