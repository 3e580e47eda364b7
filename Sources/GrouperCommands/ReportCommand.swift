import Foundation
import GrouperAnalysis
import GrouperSupport

/// `grouper report`: one self-contained HTML file of a run, with a compare or sweep view.
struct ReportCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "report",
    abstract: "Write a self-contained HTML report of a run.",
    discussion: """
      Writes one HTML file with inline CSS and SVG and no script, font or image from elsewhere:
      the run's summary and dollar balance; per definition a histogram of episode cost, cost by
      category, the accountable providers with episode count, mean cost and spread, actual
      against target per provider when the run was priced, and the reasons episodes were
      cancelled or left open; with --compare or --sweep, that output folder's view.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "run", value: "folder", required: true,
        help: "The output folder of an earlier 'grouper group'."),
      OptionSpec("compare", value: "folder", help: "The output folder of 'grouper compare'."),
      OptionSpec("sweep", value: "folder", help: "The output folder of 'grouper sweep'."),
      OptionSpec("out", value: "file", required: true, help: "The HTML file to write."),
    ])

  let runPath: String
  let comparePath: String?
  let sweepPath: String?
  let outPath: String

  init(_ arguments: ParsedArguments) throws {
    runPath = arguments.value("run")!
    comparePath = arguments.value("compare")
    sweepPath = arguments.value("sweep")
    outPath = arguments.value("out")!
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    var report = Report(run: try RunFolder(path: runPath))
    if let comparePath { report.compare = try Report.readCompare(comparePath) }
    if let sweepPath { report.sweep = try Report.readSweep(sweepPath) }
    let file = try StagedFile(path: outPath)
    try file.write(Array(report.html.utf8))
    try file.commit()
    stdout.write("wrote \(outPath)\n")
  }
}
