/// The `grouper` command line: the executable's `main` calls ``run(_:stdout:stderr:)`` and exits
/// with its status, so tests drive every command in process.
public enum GrouperCLI {
  /// The program's version.
  public static let version = "0.1.0"

  /// The subcommands, in the order help lists them.
  public static let commands: [CommandSpec] = [GroupCommand.spec, ValidateCommand.spec, SynthCommand.spec]

  /// The top-level help.
  public static var help: String {
    var text = """
      OVERVIEW: Group health-care claims into episodes of care under declarative episode definitions.

      USAGE: grouper <command> [options]

      COMMANDS:

      """
    let width = (commands.map(\.name.count).max() ?? 0) + 4
    for c in commands {
      text += "  " + c.name + String(repeating: " ", count: width - c.name.count) + c.abstract + "\n"
    }
    text += """

      See 'grouper <command> --help' for a command's options.
      Example: grouper group --definitions EpisodeDefinitions --claims SampleClaims/claims.csv --out out

      """
    return text
  }

  /// Runs the command line `arguments` (without the program name); returns the exit status.
  public static func run(
    _ arguments: [String], stdout: TextSink = StandardStream.output, stderr: TextSink = StandardStream.error
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
    guard let spec = commands.first(where: { $0.name == first }) else {
      var message = "grouper: unknown command '\(first)'"
      if let near = nearest(first, in: commands.map(\.name)) { message += " (did you mean '\(near)'?)" }
      stderr.write(message + "; see 'grouper --help'\n")
      return .usage
    }
    do {
      let parsed = try ParsedArguments.parse(Array(arguments.dropFirst()), for: spec)
      if parsed.wantsHelp {
        stdout.write(spec.help)
        return .success
      }
      switch spec.name {
      case GroupCommand.spec.name: try GroupCommand(parsed).run(stdout: stdout, stderr: stderr)
      case ValidateCommand.spec.name: try ValidateCommand(parsed).run(stdout: stdout)
      default: try SynthCommand(parsed).run(stdout: stdout)
      }
      return .success
    } catch let error as CommandError {
      stderr.write(error.message.hasSuffix("\n") ? error.message : error.message + "\n")
      return error.code
    } catch {
      stderr.write("grouper: \(error)\n")
      return .failure
    }
  }
}
