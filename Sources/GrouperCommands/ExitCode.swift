import GrouperSupport

/// The exit status of a command, as the BSD `sysexits.h` conventions number them.
package struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The status number.
  package var rawValue: Int32

  /// A status from its number.
  package init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// Success.
  package static let success = ExitCode(rawValue: 0)
  /// A failure with no more specific status.
  package static let failure = ExitCode(rawValue: 1)
  /// The command line was wrong (EX_USAGE).
  package static let usage = ExitCode(rawValue: 64)
  /// An input file's content was wrong (EX_DATAERR).
  package static let dataError = ExitCode(rawValue: 65)
  /// An input file is missing or unreadable (EX_NOINPUT).
  package static let noInput = ExitCode(rawValue: 66)
  /// An output file could not be written (EX_CANTCREAT).
  package static let cannotCreate = ExitCode(rawValue: 73)
  /// A resource is busy for now: trying again later may succeed (EX_TEMPFAIL).
  package static let temporaryFailure = ExitCode(rawValue: 75)

  /// The status a failure of `kind` exits with: the one place kinds become statuses.
  package init(_ kind: Diagnostic.Kind) {
    switch kind {
    case .usage: self = .usage
    case .badInput: self = .dataError
    case .missingInput: self = .noInput
    case .outputNotWritable: self = .cannotCreate
    case .busy: self = .temporaryFailure
    }
  }

  /// The value as text, as outputs and messages write it.
  package var description: String { String(rawValue) }
}
