import Foundation
import GrouperAnalysis
import GrouperCore
import GrouperSupport

/// `grouper compare`: the episodes of two definition sets on the same claims (read once, grouped
/// under each), or of two earlier run folders, side by side: what was added, removed and
/// changed, and where the dollars moved.
struct CompareCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "compare",
    abstract: "Compare the episodes of two definition sets, or of two runs.",
    discussion: """
      With --claims, --baseline and --candidate are definition folders (or files): the claims
      are read once and grouped under each. Without --claims they are the output folders of two
      earlier 'grouper group' runs.

      Episodes match by member, definition id and trigger claim. Writes into --out:
      compare.csv (each episode only in A, only in B, or changed, with what changed: status,
      window, lines, dollars), compare_definitions.csv (episodes added, removed and changed and
      the dollars moved, per definition), compare_categories.csv (dollars moved in and out of
      each service category) and compare_providers.csv (per definition and accountable
      provider). Dollars moved are B less A, so they sum to B's total less A's.
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      75 output folder in use by another run, 130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "baseline", value: "path", required: true,
        help: "A: definitions (with --claims) or a run folder."),
      OptionSpec(
        "candidate", value: "path", required: true,
        help: "B: definitions (with --claims) or a run folder."),
    ] + AnalysisClaims.options + [
      OptionSpec(
        "out", value: "folder", required: true, help: "The output folder (created when missing)."),
      OptionSpec("quiet", help: "Nothing on stderr but errors."),
    ])

  let baseline: String
  let candidate: String
  let claims: AnalysisClaims
  let outPath: String
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    baseline = arguments.value("baseline")!
    candidate = arguments.value("candidate")!
    claims = try AnalysisClaims(arguments, command: Self.spec.name)
    outPath = arguments.value("out")!
    quiet = arguments.flag("quiet")
    if claims.claimsPath == nil {
      for name in ["format", "members", "through", "default-payer"]
      where arguments.value(name) != nil {
        throw Diagnostic.usage(Self.spec.name, .optionNeedsClaims(name))
      }
    }
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let out = try OutputFolder(path: outPath, owns: { Comparison.outputs.contains($0) })
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    let a: RunEpisodes
    let b: RunEpisodes
    if let claimsPath = claims.claimsPath {
      let definitionsA = try GroupCommand.loadDefinitions(baseline)
      let definitionsB = try GroupCommand.loadDefinitions(candidate)
      let (store, members) = try claims.read(
        claimsPath, stderr: stderr, quiet: quiet, display: display)
      display.stage("grouping the baseline")
      a = RunEpisodes(
        Grouper(
          definitions: definitionsA, members: members, through: claims.through, jobs: claims.jobs
        )
        .run(store))
      display.stage("grouping the candidate")
      b = RunEpisodes(
        Grouper(
          definitions: definitionsB, members: members, through: claims.through, jobs: claims.jobs
        )
        .run(store))
    } else {
      a = try RunFolder(path: baseline).run
      b = try RunFolder(path: candidate).run
    }
    display.stage("comparing")
    let comparison = Comparison(baseline: a, candidate: b)
    display.stage("writing \(outPath)")
    try out.stage("compare.csv", comparison.csv)
    try out.stage("compare_definitions.csv", comparison.definitionsCSV)
    try out.stage("compare_categories.csv", comparison.categoriesCSV)
    try out.stage("compare_providers.csv", comparison.providersCSV)
    try out.commit()
    stdout.write(comparison.table + "wrote \(outPath)\n")
  }
}
