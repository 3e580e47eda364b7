import GrouperCore
import GrouperSupport

/// The `--date-range FIRST..LAST` option of `group` and `convert`: the plausible range of dates
/// in the input files.
enum DateRangeOption {
  /// The option's spec.
  static let spec = OptionSpec(
    "date-range", value: "first..last",
    help: "Dates outside it reject their row (default: 1900-01-01..2100-12-31).")

  /// The range given, or the default; throws a usage error for a malformed one.
  static func parse(_ arguments: ParsedArguments, command: String) throws -> DateBounds {
    guard let text = arguments.value("date-range") else { return .standard }
    guard let bounds = DateBounds(parsing: text) else {
      throw Diagnostic.usage(command, .badDateRange(text))
    }
    return bounds
  }
}
