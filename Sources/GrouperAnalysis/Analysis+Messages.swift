import GrouperSupport

/// The messages of reading a run folder back.
extension Diagnostic.Message {
  /// A run folder without one of the files a grouping run writes.
  static func runFileMissing(_ name: String) -> Self {
    Self(
      "the run folder has no \(name): give the output folder of 'grouper group'",
      kind: .missingInput)
  }
  /// A run file whose header lacks a column.
  static func missingRunColumn(_ column: String, file: String) -> Self {
    Self("missing column \(column): not the \(file) of a grouping run")
  }
  /// An amount column that is not an amount.
  static func notARunAmount(_ text: String) -> Self { Self("not an amount '\(text)'") }
  /// A whole-number column that is not one.
  static func notARunNumber(_ text: String) -> Self { Self("not a whole number '\(text)'") }
  /// A date column that is not a date.
  static func notARunDate(_ text: String) -> Self { Self("not a date '\(text)'") }
  /// A status other than the three an episode has.
  static func unknownRunStatus(_ text: String) -> Self {
    Self("unknown status '\(text)' (expected complete, open or cancelled)")
  }
  /// A counted line of an episode that `episodes.csv` does not list.
  static func unknownRunEpisode(_ id: String) -> Self {
    Self("episode '\(id)' is not in the run's episodes.csv")
  }
}

/// The messages of reading `--vary`: each names the text as given, then what is wrong with it.
extension Diagnostic.Message {
  /// A `--vary` without `=` and values, or with an empty value.
  static func varyWithoutValues(_ spec: String) -> Self {
    Self("--vary '\(spec)': expected DEFINITION.FIELD=VALUE,VALUE,…", kind: .usage)
  }
  /// A `--vary` on a definition the sweep does not load.
  static func varyUnknownDefinition(_ spec: String, _ id: String, nearest: String?) -> Self {
    Self(
      "--vary '\(spec)': no definition '\(id)'"
        + (nearest.map { " (did you mean '\($0)'?)" } ?? ""),
      kind: .usage)
  }
  /// A path that stops before a field.
  static func varyIncompletePath(_ spec: String, expected: [String]) -> Self {
    Self(
      "--vary '\(spec)': the path stops before a field (expected one of \(expected.joined(separator: ", ")))",
      kind: .usage)
  }
  /// A path naming a field that does not vary (or does not exist).
  static func varyUnknownField(_ spec: String, _ name: String, nearest: String?) -> Self {
    Self(
      "--vary '\(spec)': no field '\(name)'" + (nearest.map { " (did you mean '\($0)'?)" } ?? ""),
      kind: .usage)
  }
  /// A rule the definition does not have; `list` is `exclude`, `include` or `cancel`.
  static func varyUnknownRule(
    _ spec: String, _ list: String, _ id: String, nearest: String?, known: [String]
  ) -> Self {
    Self(
      "--vary '\(spec)': no \(list) rule '\(id)'"
        + (nearest.map { " (did you mean '\($0)'?)" }
          ?? " (the definition has \(known.isEmpty ? "none" : known.joined(separator: ", ")))"),
      kind: .usage)
  }
  /// `confirmation.…` on a definition without a confirmation.
  static func varyNoConfirmation(_ spec: String, _ id: String) -> Self {
    Self("--vary '\(spec)': definition '\(id)' has no confirmation", kind: .usage)
  }
  /// A value that is not one of a field's words.
  static func varyBadChoice(_ spec: String, _ value: String, expected: [String]) -> Self {
    Self(
      "--vary '\(spec)': '\(value)' is not one of \(expected.joined(separator: ", "))",
      kind: .usage)
  }
  /// A day count that is not a whole number in range.
  static func varyBadDays(_ spec: String, _ value: String, maximum: Int) -> Self {
    Self(
      "--vary '\(spec)': '\(value)' is not a whole number of days from 0 to \(maximum)",
      kind: .usage)
  }
  /// A number that is not a whole number.
  static func varyNotAWholeNumber(_ spec: String, _ value: String) -> Self {
    Self("--vary '\(spec)': '\(value)' is not a whole number", kind: .usage)
  }
  /// A value given twice in one `--vary`.
  static func varyRepeatedValue(_ spec: String) -> Self {
    Self("--vary '\(spec)': a value is given twice", kind: .usage)
  }
  /// Two `--vary` on the same field.
  static func varySameField(_ spec: String, _ other: String) -> Self {
    Self("--vary '\(spec)': the same field as --vary '\(other)'", kind: .usage)
  }
  /// Turning off a definition's only inclusion rule.
  static func varyLastInclusionRule(_ spec: String, _ id: String) -> Self {
    Self(
      "--vary '\(spec)': 'off' turns off '\(id)', the definition's only inclusion rule",
      kind: .usage)
  }
  /// A variant that turns off every inclusion rule of a definition.
  static func varyNoInclusionRuleLeft(_ variant: String, _ id: String) -> Self {
    Self(
      "variant '\(variant)' turns off every inclusion rule of '\(id)'", kind: .usage)
  }
}
