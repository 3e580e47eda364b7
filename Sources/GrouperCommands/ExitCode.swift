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
  /// The output folder is in use by another run; try again later (EX_TEMPFAIL).
  package static let busy = ExitCode(rawValue: 75)

  /// The value as text, as outputs and messages write it.
  package var description: String { String(rawValue) }
}

/// A command's failure: the exit status and the one-line reason printed on stderr.
package struct CommandError: Error, Sendable {
  /// The exit status.
  package var code: ExitCode
  /// What went wrong: one line, or one line per diagnostic.
  package var message: String

  /// A failure with a status and a message.
  package init(_ code: ExitCode, _ message: String) {
    self.code = code
    self.message = message
  }
}
