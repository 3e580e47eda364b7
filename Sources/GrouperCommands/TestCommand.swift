import Foundation
import GrouperCore
import GrouperSupport

/// `grouper test`: runs rule cases against definitions, prints a line per case (and a row diff
/// for each failure), the rules no case exercised, and `N passed, N failed`.
struct TestCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "test",
    abstract: "Run rule cases: claims and the episodes a definition must make of them.",
    discussion: """
      Each folder under PATH holding a case.json is a case (see EpisodeDefinitions/tests/README.md);
      PATH defaults to the tests folder of --definitions. A case's claims are grouped as 'group'
      does, and the columns its expected_episodes.csv (and expected_lines.csv) lists are compared
      with what 'group' writes, rows matched by episode_id (and claim_id, line).
      Exit status: 0 when every case passes, 1 when one fails, 64 bad usage, 65 a malformed case
      or definition, 66 a missing folder or file, 73 a report that cannot be written.
      """,
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file."),
      OptionSpec("junit", value: "file", help: "Write the results as JUnit XML."),
      OptionSpec(
        "coverage", value: "file", help: "Write each definition's rule coverage as JSON."),
      OptionSpec(
        "update", help: "Rewrite a failing case's expectations from the actual output."),
    ],
    arguments: ["path"], lastArgument: .zeroOrMore)

  let definitionsPath: String
  let paths: [String]
  let junitPath: String?
  let coveragePath: String?
  let update: Bool

  init(_ arguments: ParsedArguments) {
    definitionsPath = arguments.value("definitions")!
    paths = arguments.positionals.isEmpty ? [definitionsPath + "/tests"] : arguments.positionals
    junitPath = arguments.value("junit")
    coveragePath = arguments.value("coverage")
    update = arguments.flag("update")
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let definitions = try GroupCommand.loadDefinitions(definitionsPath)
    let cases = try RuleCase.find(paths)
    var coverage = RuleCoverage(definitions)
    var runs: [RuleCaseRun] = []
    for c in cases {
      let run = try RuleCaseRun(c, definitions: definitions)
      runs.append(run)
      if let result = run.result { coverage.record(result) }
      if run.passed {
        stdout.write("ok    \(c.name)\n")
        continue
      }
      stdout.write("FAIL  \(c.name): \(c.description)\n")
      for line in RuleCaseOutput.details(run) { stdout.write("      \(line)\n") }
      if update {
        for u in run.updates {
          try Self.write(u.bytes, to: u.path)
          stdout.write("      updated \(u.path)\n")
        }
      }
    }
    if let junitPath { try Self.write(Array(JUnitReport.xml(runs).utf8), to: junitPath) }
    if let coveragePath { try Self.write(Array(coverage.json.utf8), to: coveragePath) }
    stdout.write(coverage.report)
    let failed = runs.filter { !$0.passed }.count
    stdout.write("\(runs.count - failed) passed, \(failed) failed\n")
    if failed > 0 { throw CasesFailed(count: failed) }
  }

  /// Writes `bytes` to `path` whole or not at all.
  static func write(_ bytes: [UInt8], to path: String) throws {
    let file = try StagedFile(path: path)
    try file.write(bytes)
    try file.commit()
  }
}

/// Thrown when rule cases fail: the command has printed why, and exits with status 1.
struct CasesFailed: Error {
  /// How many cases failed.
  var count: Int
}
