import Foundation
import GrouperAnalysis
import GrouperSupport

/// `grouper stats`: the distribution figures of an earlier run per definition × trigger code ×
/// accountable provider, in `stats.csv`, for setting targets.
struct StatsCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "stats",
    abstract: "Write the distribution of episode cost of an earlier run (stats.csv).",
    discussion: """
      Reads <run>/summary.json, episodes.csv and episode_claims.csv. Writes stats.csv: per
      definition (trigger code and provider '*'), then per definition × trigger code ×
      accountable provider: episodes by status, and over complete episodes the total, mean and
      median cost, p10, p25, p75, p90 (SAS PCTLDEF=5, as pricing's outlier limits), the
      coefficient of variation, the shares of episodes with a readmission and with post-acute
      care, and the share of cost by category.

      By default stats.csv goes into the run folder, which is replaced as a whole with the run's
      other outputs kept.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      75 output folder in use by another run, 130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "run", value: "folder", required: true,
        help: "The output folder of an earlier 'grouper group'."),
      OptionSpec("out", value: "folder", help: "Where to write (default: the run folder)."),
    ])

  let runPath: String
  let outPath: String

  init(_ arguments: ParsedArguments) throws {
    runPath = arguments.value("run")!
    outPath = arguments.value("out") ?? runPath
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let out = try RunOutputs.open(outPath)
    let run = try RunFolder(path: runPath)
    for name in RunOutputs.names.sorted() where name != RunOutputs.statistics {
      try out.keep(name, from: runPath)
    }
    try out.stage(RunOutputs.statistics, StatisticsTable.csv(run.run))
    try out.commit()
    stdout.write("wrote \((outPath as NSString).appendingPathComponent(RunOutputs.statistics))\n")
  }
}
