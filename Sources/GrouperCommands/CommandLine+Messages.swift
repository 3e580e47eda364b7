import Foundation
import GrouperReaders
import GrouperSupport

extension SourceLocation {
  /// The command line, where a usage error stands: `grouper`, or `grouper group` for a command's
  /// options, printed as `grouper group: error: …`.
  static func commandLine(_ command: String? = nil) -> SourceLocation {
    SourceLocation(file: command.map { "grouper \($0)" } ?? "grouper")
  }
}

extension Diagnostic {
  /// A usage error on the command line of `command` (of `grouper` itself when nil).
  static func usage(_ command: String?, _ message: Message) -> Diagnostic {
    Diagnostic(at: .commandLine(command), message)
  }
}

/// The command line's own messages: bad usage, and inputs that are not there.
extension Diagnostic.Message {
  /// A command `grouper` does not have, with the nearest when one is close.
  static func unknownCommand(_ name: String, nearest: String?) -> Self {
    Self(
      "unknown command '\(name)'" + (nearest.map { " (did you mean '\($0)'?)" } ?? "")
        + "; see 'grouper --help'", kind: .usage)
  }
  /// A positional argument the command does not take.
  static func unexpectedArgument(_ argument: String, command: String) -> Self {
    Self(
      "unexpected argument '\(argument)' (see 'grouper \(command) --help')", kind: .usage)
  }
  /// An option the command does not take, with the nearest when one is close.
  static func unknownOption(_ name: String, nearest: String?) -> Self {
    Self(
      "unknown option '--\(name)'" + (nearest.map { " (did you mean '--\($0)'?)" } ?? ""),
      kind: .usage)
  }
  /// A value given to a flag.
  static func optionTakesNoValue(_ name: String) -> Self {
    Self("--\(name) takes no value", kind: .usage)
  }
  /// An option at the end of the line, or followed by another option, instead of its value.
  static func optionNeedsValue(_ name: String, _ valueName: String) -> Self {
    Self("--\(name) needs a value <\(valueName)>", kind: .usage)
  }
  /// An option given twice.
  static func optionRepeated(_ name: String) -> Self {
    Self("--\(name) is given more than once", kind: .usage)
  }
  /// Positional arguments missing; `missing` is their placeholders (`<dir>`).
  static func missingArguments(_ missing: String, command: String) -> Self {
    Self("missing \(missing) (see 'grouper \(command) --help')", kind: .usage)
  }
  /// A required option missing.
  static func missingOption(_ name: String, _ valueName: String, command: String) -> Self {
    Self("missing --\(name) <\(valueName)> (see 'grouper \(command) --help')", kind: .usage)
  }
  /// A whole-number option that is not one, or is below its least value.
  static func optionNotAWholeNumber(_ name: String, atLeast minimum: Int, found text: String)
    -> Self
  {
    Self(
      "--\(name) must be a whole number of at least \(minimum), found '\(text)'", kind: .usage)
  }
  /// A whole-number option with no least value that is not one.
  static func optionNotAWholeNumber(_ name: String, found text: String) -> Self {
    Self("--\(name) must be a whole number, found '\(text)'", kind: .usage)
  }
  /// A date option that is not a `YYYY-MM-DD` date.
  static func optionNotADate(_ name: String, found text: String) -> Self {
    Self("--\(name) must be a date YYYY-MM-DD, found '\(text)'", kind: .usage)
  }
  /// A `--date-range` that is not two dates in order.
  static func badDateRange(_ text: String) -> Self {
    Self(
      "--date-range must be two dates FIRST..LAST in order (1900-01-01..2100-12-31), found '\(text)'",
      kind: .usage)
  }
  /// An option given an empty value where one is needed.
  static func emptyOption(_ name: String) -> Self {
    Self("--\(name) must not be empty", kind: .usage)
  }
  /// A `--format` that is not one of the claim formats.
  static func unknownFormat(_ text: String) -> Self {
    Self("--format must be \(ClaimFormat.usage), found '\(text)'", kind: .usage)
  }
  /// A `--shard` that is not K/N with 1 ≤ K ≤ N.
  static func badShard(_ text: String) -> Self {
    Self("--shard must be K/N with whole numbers 1 <= K <= N, found '\(text)'", kind: .usage)
  }
  /// `--shard` with `--prices`: prices need every member's episodes.
  static let shardWithPrices = Self(
    "--prices cannot price one shard (prices need every member's episodes): "
      + "merge the shards with grouper merge, then run grouper price --run on the merged folder",
    kind: .usage)
  /// `--quality` without `--prices`.
  static let qualityWithoutPrices = Self("--quality needs --prices", kind: .usage)
  /// A price file that adjusts for age or sex, in a group run without `--members`.
  static let demographicsNeedMembers = Self(
    "the price file adjusts for age or sex: give --members", kind: .usage)
  /// A price file that adjusts for age or sex, for a run that had no members file.
  static let demographicsNeedRunMembers = Self(
    "the price file adjusts for age or sex, and the run had no members file: give --members",
    kind: .usage)
  /// An import source other than the ones there are.
  static func unknownImportSource(_ source: String) -> Self {
    Self("unknown source '\(source)' (expected cms-shadow-bundles)", kind: .usage)
  }
  /// An input file that is not there; `what` names it (`members`).
  static func inputFileNotFound(_ what: String) -> Self {
    Self("\(what) file not found", kind: .missingInput)
  }
  /// An input path that is a folder where a file is read; `what` names it.
  static func inputIsAFolder(_ what: String) -> Self {
    Self("\(what) path is a folder, not a file", kind: .missingInput)
  }
  /// An input file that cannot be read; `what` names it.
  static func inputNotReadable(_ what: String) -> Self {
    Self("\(what) file is not readable", kind: .missingInput)
  }
  /// A claims path that names neither a file nor a folder.
  static let claimsNotFound = Self("claims file or folder not found", kind: .missingInput)
  /// A mapping file that is not there.
  static let mappingNotFound = Self("mapping file not found", kind: .missingInput)
  /// A group run without `--members`: a warning, as the run goes on unchecked.
  static let noMembersFile = Self(
    "no members file: coverage and the members' death dates were not checked "
      + "(give --members FILE)", kind: .missingInput)
  /// An input a run's `summary.json` names that is gone; `option` is the one that gives it
  /// instead, and a summary that `predatesAbsolutePaths` gets a hint about the current folder.
  static func runInputNotFound(_ path: String, predatesAbsolutePaths: Bool, option: String)
    -> Self
  {
    let hint =
      predatesAbsolutePaths
      ? " (this summary predates absolute paths: run from the folder the run was started in)" : ""
    return Self(
      "the run's input '\(path)' is not found\(hint); give \(option)", kind: .missingInput)
  }
  /// A run summary's `claims_format` that is not one of the claim formats.
  static func unknownClaimsFormat(_ text: String) -> Self {
    Self("unknown claims format '\(text)' (expected \(ClaimFormat.usage))")
  }
  /// Rows rejected without `--skip-invalid`: how many, and how many of them are shown.
  static func rowsRejected(_ count: Int, shown: Int) -> Self {
    let rows = "\(count) row\(count == 1 ? "" : "s") rejected"
    let first = shown < count ? " (the first \(shown) are shown above)" : ""
    return Self(
      "\(rows)\(first); nothing was written "
        + "(fix the input, or run with --skip-invalid to write them to rejected.csv and go on)")
  }
  /// Every row rejected under `--skip-invalid`: how many, and how many of them are shown.
  static func everyRowRejected(_ count: Int, shown: Int) -> Self {
    let first = shown < count ? " (the first \(shown) are shown above)" : ""
    return Self(
      "every one of the \(count) row\(count == 1 ? "" : "s") was rejected\(first); nothing was written"
    )
  }
  /// More than 1% of rows rejected under `--skip-invalid`: a warning.
  static func manyRowsRejected(_ rejected: Int, of rows: Int) -> Self {
    let percent = Double(rejected) * 100 / Double(max(rows, 1))
    return Self(
      "\(rejected) of \(rows) rows (\(String(format: "%.1f", percent))%) were rejected, more than 1%"
    )
  }
}

/// What `grouper targets` can be asked wrongly.
extension Diagnostic.Message {
  /// Regional cells without a providers file.
  static let regionsNeedProviders = Self(
    "the method prices by region: give --providers (CSV: provider, region)", kind: .usage)
  /// Standardising by age or sex without a members file.
  static let standardizeNeedsMembers = Self(
    "the method standardises by age or sex: give --members (the baseline run read none)",
    kind: .usage)
  /// A baseline run without a definition the method sets targets for.
  static func baselineLacksDefinition(_ definition: String, run: String) -> Self {
    Self("the baseline run \(run) has no definition '\(definition)'")
  }
}

/// `grouper validate`'s own messages.
extension Diagnostic.Message {
  /// A `--format` that `validate` does not write.
  static func unknownValidateFormat(_ text: String) -> Self {
    Self("--format must be text or json, found '\(text)'", kind: .usage)
  }
  /// Warnings found under `--strict`.
  static func warningsUnderStrict(_ count: Int) -> Self {
    Self("\(count) warning\(count == 1 ? "" : "s") under --strict")
  }
}
