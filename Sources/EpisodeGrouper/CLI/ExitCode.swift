/// The exit status of a command, as the BSD `sysexits.h` conventions number them.
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The status number.
  public var rawValue: Int32

  /// A status from its number.
  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// Success.
  public static let success = ExitCode(rawValue: 0)
  /// A failure with no more specific status.
  public static let failure = ExitCode(rawValue: 1)
  /// The command line was wrong (EX_USAGE).
  public static let usage = ExitCode(rawValue: 64)
  /// An input file's content was wrong (EX_DATAERR).
  public static let dataError = ExitCode(rawValue: 65)
  /// An input file is missing or unreadable (EX_NOINPUT).
  public static let noInput = ExitCode(rawValue: 66)
  /// An output file could not be written (EX_CANTCREAT).
  public static let cannotCreate = ExitCode(rawValue: 73)

  /// The value as text, as outputs and messages write it.
  public var description: String { String(rawValue) }
}

/// A command's failure: the exit status and the one-line reason printed on stderr.
public struct CommandError: Error, Sendable {
  /// The exit status.
  public var code: ExitCode
  /// What went wrong: one line, or one line per diagnostic.
  public var message: String

  /// A failure with a status and a message.
  public init(_ code: ExitCode, _ message: String) {
    self.code = code
    self.message = message
  }
}
