import GrouperSupport

/// The `grouper` command line: the executable's `main` calls ``run(_:stdout:stderr:)`` and exits
/// with its status, so tests drive every command in process.
package enum GrouperCLI {
  /// The program's version.
  package static let version = "0.1.0"

  /// The subcommands, in the order help lists them.
  static var commands: [any GrouperCommand.Type] {
    [
      GroupCommand.self, ScanCommand.self, MergeCommand.self, PriceCommand.self,
      TargetsCommand.self,
      ConvertCommand.self, ImportCommand.self, ValidateCommand.self, TestCommand.self,
      ExplainCommand.self,
      SynthCommand.self, CompareCommand.self, SweepCommand.self, StatsCommand.self,
      ReportCommand.self,
    ]
  }

  /// The top-level help.
  package static var help: String {
    var text = """
      OVERVIEW: Group health-care claims into episodes of care under declarative episode definitions.

      USAGE: grouper <command> [options]

      COMMANDS:

      """
    let width = (commands.map { $0.spec.name.count }.max() ?? 0) + 4
    for c in commands {
      text +=
        "  " + c.spec.name + String(repeating: " ", count: width - c.spec.name.count)
        + c.spec.abstract + "\n"
    }
    text += """

      See 'grouper <command> --help' for a command's options.
      Example: grouper group --definitions EpisodeDefinitions --claims SampleClaims/claims.csv --out out

      """
    return text
  }

  /// Makes SIGINT and SIGTERM remove what a run has staged before the process ends (status 130
  /// or 143); the executable calls this once, before ``run(_:stdout:stderr:)``.
  package static func installInterruptHandlers() {
    Interrupts.install()
  }

  /// Runs the command line `arguments` (without the program name); returns the exit status.
  package static func run(
    _ arguments: [String], stdout: TextSink = StandardStream.output,
    stderr: TextSink = StandardStream.error
  ) -> ExitCode {
    guard let first = arguments.first else {
      stderr.write(help)
      return .usage
    }
    if first == "--help" || first == "-h" || first == "help" {
      stdout.write(help)
      return .success
    }
    if first == "--version" {
      stdout.write("grouper \(version)\n")
      return .success
    }
    do {
      guard let command = commands.first(where: { $0.spec.name == first }) else {
        throw Diagnostic.usage(
          nil, .unknownCommand(first, nearest: nearest(first, in: commands.map { $0.spec.name })))
      }
      let parsed = try ParsedArguments.parse(Array(arguments.dropFirst()), for: command.spec)
      if parsed.wantsHelp {
        stdout.write(command.spec.help)
        return .success
      }
      try command.init(parsed).run(stdout: stdout, stderr: stderr)
      return .success
    } catch is CasesFailed {
      return .failure
    } catch let d as Diagnostic {
      stderr.write(d.description + "\n")
      return ExitCode(d.kind)
    } catch let d as Diagnostics {
      stderr.write(d.description + "\n")
      return ExitCode(d.kind)
    } catch {
      stderr.write("grouper: \(error)\n")
      return .failure
    }
  }
}

/// A subcommand of `grouper`: its options, and how it runs once they are parsed.
protocol GrouperCommand {
  /// The name, help and options.
  static var spec: CommandSpec { get }
  /// The command configured from parsed options; throws a usage error for a bad value.
  init(_ arguments: ParsedArguments) throws
  /// Runs; throws a ``Diagnostic`` or ``Diagnostics`` whose kind gives the exit status.
  func run(stdout: TextSink, stderr: TextSink) throws
}
