import GrouperImport
import GrouperSupport

/// `grouper import cms-shadow-bundles DIR --out FOLDER`: turns published episode definitions
/// into definition files, then loads them back to prove they validate.
struct ImportCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "import",
    abstract: "Write episode definitions from CMS's published shadow-bundle workbooks.",
    discussion: """
      SOURCE is cms-shadow-bundles; DIR holds the workbooks' sheets saved as CSV, one file per
      sheet named WORKBOOK__SHEET.csv (trigger_list__IP_Anchor_Episode_List.csv, …). One
      definition is written per episode group (IP_A0001.json, OP_P0023.json, MS_P0020.json), with
      the code lists they share in codesets/. See SampleClaims/FORMATS.md for the method.
      The folder is replaced as a whole: definitions and code lists of an earlier import that this
      one does not write are removed, other files are kept.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      75 output folder in use by another run, 130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "out", value: "folder", required: true, help: "The folder to write the definitions into."),
      OptionSpec(
        "version", value: "text",
        help: "The version written into every definition (default: cms-shadow-bundles)."),
      OptionSpec("quiet", help: "No progress on stderr."),
    ],
    arguments: ["source", "dir"])

  let source: String
  let folder: String
  let outPath: String
  let version: String
  /// Whether `--quiet` was given.
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    source = arguments.positionals[0]
    folder = arguments.positionals[1]
    guard source == "cms-shadow-bundles" else {
      throw Diagnostic.usage(Self.spec.name, .unknownImportSource(source))
    }
    outPath = arguments.value("out")!
    version = arguments.value("version") ?? "cms-shadow-bundles"
    quiet = arguments.flag("quiet")
    guard !version.isEmpty else {
      throw Diagnostic.usage(Self.spec.name, .emptyOption("version"))
    }
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let out = try OutputFolder(
      path: outPath, owns: ShadowBundleImport.owns(_:),
      ownedFolders: ShadowBundleImport.ownedFolders)
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    display.read(folder)
    defer { display.stop() }
    let imported = try ShadowBundleImporter(folder: folder, version: version).run()
    display.stage("writing \(outPath)")
    for note in imported.notes { stderr.write("grouper: note: \(note)\n") }
    _ = try imported.stage(into: out)
    try out.commit()
    display.stage("validating")
    // Load what was written: an import that does not validate is a bug, and must not pass quietly.
    let definitions = try GroupCommand.loadDefinitions(outPath)
    let bySetting = ShadowBundleGroup.Setting.allCases.map { s in
      "\(imported.groups.filter { $0.setting == s }.count) \(s.rawValue)"
    }
    stdout.write(
      "wrote \(imported.groups.count) episode definitions (\(bySetting.joined(separator: ", "))) to \(outPath); "
        + "\(definitions.count) loaded and validated\n")
  }
}
