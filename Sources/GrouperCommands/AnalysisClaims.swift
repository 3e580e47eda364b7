import Foundation
import GrouperCore
import GrouperReaders
import GrouperSupport

/// The claims and members that `compare` and `sweep` read once and group several times, with
/// the options they share with `group`.
struct AnalysisClaims {
  /// The options, in the order help lists them after the command's own.
  static let options = [
    OptionSpec(
      "claims", value: "path", help: "Claims: native CSV, RIF folder or file, FHIR, or an extract."),
    ClaimFormatOption.spec,
    OptionSpec(
      "members", value: "file", help: "Members file: birth, sex, death and coverage spans."),
    OptionSpec(
      "through", value: "date", help: "The data's last date (default: the latest from_date read)."),
    OptionSpec("jobs", value: "n", help: "Worker threads (default: all cores)."),
    DefaultPayerOption.spec,
  ]

  /// The claims path.
  let claimsPath: String?
  /// The claims' format.
  let format: ClaimFormatOption
  /// The members file.
  let membersPath: String?
  /// The data's last date.
  let through: Day?
  /// Worker threads.
  let jobs: Int
  /// The default payer.
  let defaultPayer: String

  /// The options as given to `command`; throws a usage error for a bad value.
  init(_ arguments: ParsedArguments, command: String) throws {
    claimsPath = arguments.value("claims")
    format = try ClaimFormatOption(arguments, command: command)
    membersPath = arguments.value("members")
    through = try arguments.day("through", command: command)
    jobs = try arguments.int(
      "jobs", atLeast: 1, default: ProcessInfo.processInfo.activeProcessorCount, command: command)
    defaultPayer = try DefaultPayerOption.parse(arguments, command: command)
  }

  /// The claim store and members, read once; a rejected row stops the command as it stops
  /// `group` (the first twenty, then how many in all).
  func read(_ path: String, stderr: TextSink, quiet: Bool, display: ProgressDisplay) throws
    -> (store: ClaimStore, members: [String: Member]?)
  {
    let input = try format.read(
      path, defaultPayer: defaultPayer, stderr: stderr, quiet: quiet, display: display)
    var members = input.members
    if let membersPath {
      members = try readMembers(membersPath, dates: .standard, display: display)
    }
    let rejections = input.claims.rejections + (members?.rejections ?? [])
    if !rejections.isEmpty { throw GroupCommand.rejected(rejections) }
    if members == nil && !quiet {
      stderr.write(Diagnostic(.warning, at: .commandLine(), .noMembersFile).description + "\n")
    }
    return (input.claims.store, members?.members)
  }
}
