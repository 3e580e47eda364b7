import GrouperSupport

/// `grouper validate`: loads definitions and reports each one, or every error found.
struct ValidateCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check episode definitions and list what they define.",
    discussion:
      "Exit status: 0 when every definition loads, 65 when one does not (each error is printed).",
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file.")
    ])

  let path: String

  init(_ arguments: ParsedArguments) {
    path = arguments.value("definitions")!
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let definitions = try GroupCommand.loadDefinitions(path)
    for d in definitions {
      let window = d.window(anchor: DayRange(Day(ordinal: 0), Day(ordinal: 0)))
      stdout.write(
        "\(d.id) \(d.version): \(d.name) (\(d.file)); window \(-window.first.ordinal) days before the anchor "
          + "to \(window.last.ordinal) days after its end; precedence \(d.precedence), \(d.overlap.rawValue); "
          + "\(d.include.count) inclusion and \(d.exclude.count) exclusion rules; repeat trigger: \(d.repeatTrigger.rawValue)\n"
      )
    }
    stdout.write("\(definitions.count) definition\(definitions.count == 1 ? "" : "s") loaded\n")
  }
}
