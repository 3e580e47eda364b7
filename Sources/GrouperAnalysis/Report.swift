import GrouperCore
import GrouperSupport

/// The HTML report of a run: one self-contained file (inline CSS and SVG, no script, no font or
/// image from elsewhere) that reads without JavaScript.
///
/// It shows the run's summary and dollar balance; per definition a histogram of complete
/// episodes' cost, cost by category as a stacked bar, the accountable providers with episode
/// count, mean cost and spread, actual against target per provider when the run was priced, and
/// why episodes were cancelled or left open; then a compare view and a sweep view when given.
/// Every chart has a table of its figures beside it, and each figure a check reads back carries
/// `data-figure` (its name) and `data-value` (its exact value) attributes.
package struct Report: Sendable {
  /// The run.
  package var run: RunFolder
  /// A `compare` output folder's tables, when given.
  package var compare: (definitions: TableFile, categories: TableFile)?
  /// A `sweep` output folder's `sweep.csv`, when given.
  package var sweep: TableFile?

  /// A report of `run`.
  package init(run: RunFolder) {
    self.run = run
  }

  /// Reads a `compare` output folder's definition and category tables.
  package static func readCompare(_ folder: String) throws -> (TableFile, TableFile) {
    func file(_ name: String) -> String { folder + "/" + name }
    return (
      try TableFile(
        path: file("compare_definitions.csv"), required: Comparison.definitionColumns,
        what: "compare_definitions.csv"),
      try TableFile(
        path: file("compare_categories.csv"), required: Comparison.categoryColumns,
        what: "compare_categories.csv")
    )
  }

  /// Reads a `sweep` output folder's `sweep.csv`.
  package static func readSweep(_ folder: String) throws -> TableFile {
    try TableFile(
      path: folder + "/" + Sweep.output,
      required: ["variant", "definition_id"] + DistributionFigures.columns(categories: []),
      what: Sweep.output)
  }

  /// The whole HTML document.
  package var html: String {
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Episode report</title>
      <style>
      \(Self.css)
      </style>
      </head>
      <body>
      <h1>Episode report</h1>

      """
    out += summarySection
    for d in run.run.definitions where !run.run.episodes(of: d).isEmpty {
      out += definitionSection(d)
    }
    if let compare { out += compareSection(compare.definitions, compare.categories) }
    if let sweep { out += sweepSection(sweep) }
    out += "<footer>Amounts are allowed dollars after proration. Cost figures are over complete "
    out += "episodes; percentiles by SAS PCTLDEF=5, the definition pricing uses.</footer>\n"
    return out + "</body>\n</html>\n"
  }

  /// The style sheet: system fonts only.
  static let css = """
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
      margin: 24px; color: #222; max-width: 1200px; }
    h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 2em; }
    h3 { font-size: 1.05em; margin-bottom: 0.3em; }
    table { border-collapse: collapse; margin: 6px 0 12px; font-size: 0.9em; }
    caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
    th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
    th { background: #f3f3f3; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .pair { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    svg { font-family: inherit; background: #fff; }
    .ct { font-size: 13px; font-weight: 600; } .tick { font-size: 10px; fill: #333; }
    .at { font-size: 11px; fill: #333; } .axis { stroke: #333; stroke-width: 1; }
    .grid { stroke: #e3e3e3; stroke-width: 1; }
    .ok { color: #1a7f37; } .bad { color: #b42318; }
    footer { margin-top: 2em; font-size: 0.85em; color: #555; }
    """

  /// The run's figures: episodes by status, claim lines and dollars and their balance.
  var summarySection: String {
    let s = run.summary
    var out = "<section id=\"run\">\n<h2>Run</h2>\n"
    out += "<p>Data through \(HTML.escape(s.through)).</p>\n<div class=\"pair\">\n"
    let total = s.byStatus.values.reduce(0, +)
    out += HTML.table(
      caption: "Episodes by status", header: ["status", "episodes"],
      rows: EpisodeStatus.allCases.map { st in
        let n = s.byStatus[st.rawValue] ?? 0
        return [
          HTML.cell(st.rawValue),
          HTML.figureCell(Readable.count(n), figure: "episodes.\(st.rawValue)", value: String(n)),
        ]
      } + [
        [
          HTML.cell("total"),
          HTML.figureCell(Readable.count(total), figure: "episodes.total", value: String(total)),
        ]
      ], numeric: [1])
    out += HTML.table(
      caption: "Claim lines", header: ["", "lines"],
      rows: RunFigures.lineNames.map { name in
        let n = s.lines[name] ?? 0
        return [
          HTML.cell(name),
          HTML.figureCell(Readable.count(n), figure: "lines.\(name)", value: String(n)),
        ]
      }, numeric: [1])
    out += HTML.table(
      caption: "Dollars", header: ["", "allowed dollars"],
      rows: RunFigures.dollarNames.map { name in
        let c = s.dollars[name] ?? .zero
        return [
          HTML.cell(name.replacingOccurrences(of: "_", with: " ")),
          HTML.figureCell(Readable.money(c), figure: "dollars.\(name)", value: c.description),
        ]
      }, numeric: [1])
    out += "</div>\n"
    let d = s.dollars
    let parts = ["rejected", "assigned", "unassigned", "prorated_away"].map { d[$0] ?? .zero }
    let sum = parts.reduce(.zero, +)
    let read = d["read"] ?? .zero
    let balanced = sum == read
    out +=
      "<p class=\"\(balanced ? "ok" : "bad")\" data-figure=\"dollars.balanced\" "
      + "data-value=\"\(balanced)\">Dollar balance: read \(Readable.money(read)) "
      + (balanced ? "=" : "≠") + " rejected \(Readable.money(parts[0])) + assigned "
      + "\(Readable.money(parts[1])) + unassigned \(Readable.money(parts[2])) + prorated away "
      + "\(Readable.money(parts[3])).</p>\n"
    let n = s.lines
    let linesBalanced =
      (n["read"] ?? 0) == (n["rejected"] ?? 0) + (n["assigned"] ?? 0) + (n["unassigned"] ?? 0)
    out +=
      "<p class=\"\(linesBalanced ? "ok" : "bad")\">Line balance: read "
      + "\(Readable.count(n["read"] ?? 0)) \(linesBalanced ? "=" : "≠") rejected + assigned + "
      + "unassigned.</p>\n"
    return out + "</section>\n"
  }

  /// A short amount for axis ticks: `26.1k`, `1.2M`, `950`.
  static func short(_ cents: Int64) -> String {
    let dollars = Double(cents) / 100
    let a = abs(dollars)
    if a >= 1_000_000 { return String(format: "%.1fM", dollars / 1_000_000) }
    if a >= 1_000 { return String(format: "%.1fk", dollars / 1_000) }
    return String(format: "%.0f", dollars)
  }
}
