import GrouperCore
import GrouperSupport

/// `grouper validate`: loads definitions and reports each one, or every error found; then lints
/// them and prints each warning with its file, line, column and JSON path.
struct ValidateCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check episode definitions and list what they define.",
    discussion: """
      Warnings (on stderr, compiler-style): an inclusion rule an earlier rule or an exclusion
      always takes first, an exclusion rule that can never fire, triggers of two definitions that
      may match one line at equal precedence, a window period of zero days, days between two
      versions of one definition that no version covers; with --code-lists,
      codes and range ends no reference list holds, and ranges that hold a whole code system.
      Exit status: 0 when every definition loads, 65 when one does not (each error is printed)
      or, with --strict, when there is a warning; 66 a missing path.
      """,
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file."),
      OptionSpec(
        "code-lists", value: "folder",
        help: "Reference code lists to check codes against (e.g. ../shared/reference/codesets)."),
      OptionSpec("strict", help: "Treat warnings as errors (exit status 65)."),
      OptionSpec(
        "format", value: "format",
        help: "text (default) or json: the warnings as a JSON array on stdout."),
    ])

  let path: String
  let codeListsPath: String?
  let strict: Bool
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    path = arguments.value("definitions")!
    codeListsPath = arguments.value("code-lists")
    strict = arguments.flag("strict")
    switch arguments.value("format") ?? "text" {
    case "text": json = false
    case "json": json = true
    case let other: throw Diagnostic.usage(Self.spec.name, .unknownValidateFormat(other))
    }
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let definitions = try GroupCommand.loadDefinitions(path)
    let lists = try codeListsPath.map { try ReferenceCodeLists(folder: $0) }
    let warnings = DefinitionLint.warnings(definitions, codeLists: lists)
    if json {
      stdout.write(Self.json(warnings))
    } else {
      for d in definitions {
        let window = d.window(anchor: DayRange(Day(ordinal: 0), Day(ordinal: 0)))
        stdout.write(
          "\(d.id) \(d.version): \(d.name) (\(d.file)); window \(-window.first.ordinal) days before the anchor "
            + "to \(window.last.ordinal) days after its end; precedence \(d.precedence), \(d.overlap.rawValue); "
            + "\(d.include.count) inclusion and \(d.exclude.count) exclusion rules; repeat trigger: \(d.repeatTrigger.rawValue)\n"
        )
      }
      for w in warnings { stderr.write(w.description + "\n") }
      stdout.write(
        "\(definitions.count) definition\(definitions.count == 1 ? "" : "s") loaded"
          + (warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")
          + "\n")
    }
    if strict && !warnings.isEmpty {
      throw Diagnostic(at: .commandLine(Self.spec.name), .warningsUnderStrict(warnings.count))
    }
  }

  /// The warnings as a JSON array: file, line, column, path, severity and message of each.
  static func json(_ warnings: [Diagnostic]) -> String {
    JSONWriter.render(
      .array(
        warnings.map { w in
          .object([
            ("file", .string(w.location.file)),
            ("line", w.location.line.map { .int($0) } ?? .null),
            ("column", w.location.column.map { .int($0) } ?? .null),
            ("path", w.location.field.map { .string($0) } ?? .null),
            ("severity", .string(w.severity.rawValue)),
            ("message", .string(w.message.text)),
          ])
        }))
  }
}
