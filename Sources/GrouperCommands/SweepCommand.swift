import Foundation
import GrouperAnalysis
import GrouperCore
import GrouperSupport

/// `grouper sweep`: the claims read once and grouped under every variant of a grid of
/// definition settings, in parallel, with the distribution figures of each variant ×
/// definition in `sweep.csv`.
struct SweepCommand: GrouperCommand {
  static let spec = CommandSpec(
    name: "sweep",
    abstract: "Group the claims under a grid of definition variants and compare their figures.",
    discussion: """
      Each --vary sets one field of one definition to each of its values; the variants are every
      combination, named by their settings. Fields that vary:
        DEF.windows.post_anchor.days=N,…     DEF.windows.post_anchor.day_one=anchor_end|day_after_anchor_end
        DEF.windows.pre_anchor_days=N,…      DEF.straddle.default=prorate|whole|exclude|prorate_gmlos|prorate_visits
        DEF.straddle.<claim type>=…          DEF.anchor.default=stay|service, DEF.anchor.<claim type>=…
        DEF.windows.post_anchor.ends_at_death=on,off
        DEF.repeat_trigger=absorb|cancel_open|end_open
        DEF.when_trigger_taken=cancel|keep
        DEF.precedence=N,…                   DEF.overlap=exclusive|shared
        DEF.confirmation.min_days_after=N,…
        DEF.exclude.<rule id>=on,off         DEF.include.<rule id>=on,off
        DEF.cancel.<index or reason>=on,off
      Every variant is checked before any grouping.

      Writes sweep.csv into --out: per variant × definition, episodes by status, and over
      complete episodes the total, mean and median cost, p10, p25, p75, p90, the coefficient of
      variation, the shares of episodes with a readmission and with post-acute care, and the
      share of cost by category (share_<category>).
      Exit status: 0 success, 64 bad usage, 65 bad input, 66 missing input, 73 output not writable,
      75 output folder in use by another run, 130 or 143 interrupted (SIGINT, SIGTERM).
      """,
    options: [
      OptionSpec(
        "definitions", value: "path", required: true,
        help: "A folder of definition files, or one file."),
      OptionSpec(
        "vary", value: "DEF.FIELD=V1,V2", several: true,
        help: "A field and its values; give one --vary per field."),
    ]
      + AnalysisClaims.options.map { option in
        var o = option
        o.isRequired = o.name == "claims"
        return o
      } + [
        OptionSpec(
          "out", value: "folder", required: true, help: "The output folder (created when missing)."),
        OptionSpec("quiet", help: "Nothing on stderr but errors."),
      ])

  let definitionsPath: String
  let vary: [String]
  let claims: AnalysisClaims
  let outPath: String
  let quiet: Bool

  init(_ arguments: ParsedArguments) throws {
    definitionsPath = arguments.value("definitions")!
    vary = arguments.list("vary")
    claims = try AnalysisClaims(arguments, command: Self.spec.name)
    outPath = arguments.value("out")!
    quiet = arguments.flag("quiet")
    guard !vary.isEmpty else { throw Diagnostic.usage(Self.spec.name, .sweepNeedsVary) }
  }

  func run(stdout: TextSink, stderr: TextSink) throws {
    let out = try OutputFolder(path: outPath, owns: { $0 == Sweep.output })
    let display = ProgressDisplay(stderr: stderr, quiet: quiet)
    let definitions = try GroupCommand.loadDefinitions(definitionsPath)
    let variants = try Variant.grid(
      vary, definitions: definitions, at: .commandLine(Self.spec.name))
    let (store, members) = try claims.read(
      claims.claimsPath!, stderr: stderr, quiet: quiet, display: display)
    let sweep = Sweep(
      definitions: definitions, variants: variants, members: members, through: claims.through,
      jobs: claims.jobs)
    let total = variants.count
    display.stage("grouping \(total) variant\(total == 1 ? "" : "s")")
    let outcomes = sweep.run(store) { done in
      display.count("variants", done: done, of: total, verb: "grouping")
    }
    display.stage("writing \(outPath)")
    try out.stage(Sweep.output, Sweep.csv(outcomes))
    try out.commit()
    stdout.write(Self.table(outcomes) + "wrote \(outPath)\n")
  }

  /// The short table on stdout: per variant and definition with complete episodes, the complete
  /// episodes and their mean and median cost.
  static func table(_ outcomes: [Sweep.Outcome]) -> String {
    var rows: [[String]] = []
    for o in outcomes {
      for d in o.definitions {
        let f = o.figures[d]!
        guard f.costed > 0 else { continue }
        rows.append([
          o.variant.name, d, Readable.count(f.costed), Readable.money(f.total),
          f.mean.map(Readable.money) ?? "", f.median.map(Readable.money) ?? "",
        ])
      }
    }
    return TextTable.render(
      header: ["variant", "definition", "complete", "total cost", "mean", "median"], rows: rows)
  }
}
