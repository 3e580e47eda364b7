import GrouperSupport
import GrouperSynthesis

/// `grouper synth`: writes synthetic claims.
struct SynthCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "synth",
    abstract: "Write realistic synthetic claims (and members) for testing at volume.",
    discussion:
      "The same --members, --seed, --start and --months always give byte-identical files.",
    options: [
      OptionSpec("members", value: "n", required: true, help: "How many members."),
      OptionSpec("seed", value: "s", help: "Random seed (default 1)."),
      OptionSpec("start", value: "date", help: "First day of the data (default 2023-01-01)."),
      OptionSpec("months", value: "n", help: "Months of data (default 24)."),
      OptionSpec("out", value: "file", required: true, help: "The claims CSV to write."),
      OptionSpec("members-out", value: "file", help: "Also write a members file."),
      OptionSpec("quiet", help: "No progress on stderr."),
    ])

  let configuration: SyntheticClaims.Configuration
  let out: String
  let membersOut: String?
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    let name = Self.spec.name
    var c = SyntheticClaims.Configuration()
    c.members = try arguments.int("members", atLeast: 1, default: 1, command: name)
    guard let seedText = arguments.value("seed") ?? Optional("1"), let seed = UInt64(seedText)
    else {
      throw Diagnostic.usage(
        name, .optionNotAWholeNumber("seed", found: arguments.value("seed") ?? ""))
    }
    c.seed = seed
    if let start = try arguments.day("start", command: name) { c.start = start }
    c.months = try arguments.int("months", atLeast: 1, default: 24, command: name)
    configuration = c
    out = arguments.value("out")!
    membersOut = arguments.value("members-out")
    quiet = arguments.flag("quiet")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    let total = configuration.members
    let written = try SyntheticClaims(configuration).write(
      claimsPath: out, membersPath: membersOut,
      progress: display.isShown
        ? { display.count("members", done: $0, of: total) } : nil)
    stdout.write(
      "wrote \(written.lines) claim lines for \(configuration.members) members to \(out)\n")
  }
}
