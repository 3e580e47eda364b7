import GrouperCore
import GrouperSupport

extension Report {
  /// One definition's section: its figures, the cost histogram, cost by category, providers,
  /// actual against target when priced, and the reasons episodes were cancelled or left open.
  func definitionSection(_ id: String) -> String {
    let episodes = run.run.episodes(of: id)
    let figures = DistributionFigures(episodes)
    let key = "definition.\(id)"
    var out = "<section id=\"def-\(HTML.escape(id))\">\n<h2>\(HTML.escape(id))</h2>\n"
    let allowed = episodes.reduce(Cents.zero) { $0 + $1.allowed }
    func money(_ c: Cents?, _ name: String) -> String {
      HTML.figureCell(
        c.map(Readable.money) ?? "", figure: "\(key).\(name)", value: c?.description ?? "")
    }
    out += HTML.table(
      caption: "\(id): episodes and cost", header: ["figure", "value"],
      rows: [
        [
          HTML.cell("episodes"),
          HTML.figureCell(
            Readable.count(episodes.count), figure: "\(key).episodes", value: String(episodes.count)
          ),
        ],
        [HTML.cell("allowed dollars, all episodes"), money(allowed, "allowed_total")],
        [
          HTML.cell("complete episodes"),
          HTML.figureCell(
            Readable.count(figures.costed), figure: "\(key).complete", value: String(figures.costed)
          ),
        ],
        [HTML.cell("cost of complete episodes"), money(figures.total, "complete_total")],
        [HTML.cell("mean cost"), money(figures.mean, "mean")],
        [HTML.cell("median cost"), money(figures.median, "median")],
        [HTML.cell("10th percentile"), money(figures.percentile(10), "p10")],
        [HTML.cell("90th percentile"), money(figures.percentile(90), "p90")],
        [HTML.cell("coefficient of variation"), HTML.number(figures.coefficientOfVariation)],
        [HTML.cell("with a readmission"), HTML.number(Readable.percent(figures.readmissionShare))],
        [HTML.cell("with post-acute care"), HTML.number(Readable.percent(figures.postAcuteShare))],
      ], numeric: [1])
    if !figures.costs.isEmpty {
      out += "<h3>Cost of complete episodes</h3>\n<div class=\"pair\">\n"
      out += histogram(id, figures.costs)
      out += "</div>\n"
      out += "<h3>Cost by service category</h3>\n<div class=\"pair\">\n"
      out += categories(id, figures)
      out += "</div>\n"
    }
    out += providers(id, episodes)
    if let priced = run.priced?.filter({ $0.definition == id }), !priced.isEmpty {
      out += "<h3>Actual against target</h3>\n<div class=\"pair\">\n"
      out += targets(id, priced)
      out += "</div>\n"
    }
    out += reasons(id, episodes)
    return out + "</section>\n"
  }

  /// Equal-width bins from the least to the greatest cost, both ends counted: about √n of them,
  /// at most 10; the last ends at the greatest cost.
  static func bins(_ costs: [Cents]) -> [(low: Cents, high: Cents, count: Int)] {
    guard let lo = costs.first?.value, let hi = costs.last?.value else { return [] }
    var k = 1
    while k * k < costs.count && k < 10 { k += 1 }
    let width = max((hi - lo) / Int64(k) + 1, 1)
    var bins = (0..<k).map { i in
      (low: Cents(lo + Int64(i) * width), high: Cents(lo + Int64(i + 1) * width - 1), count: 0)
    }
    for c in costs { bins[min(Int((c.value - lo) / width), k - 1)].count += 1 }
    bins[k - 1].high = Cents(hi)
    return bins
  }

  /// The histogram of complete episodes' cost and its table.
  func histogram(_ id: String, _ costs: [Cents]) -> String {
    let bins = Self.bins(costs)
    let chart = SVGChart.bars(
      title: "\(id): episodes by cost",
      bars: bins.map {
        SVGChart.Bar(label: Self.short($0.low.value), value: Int64($0.count))
      }, xTitle: "episode cost from (dollars)", yTitle: "episodes", format: { String($0) })
    let table = HTML.table(
      caption: "Episodes by cost", header: ["from", "to", "episodes"],
      rows: bins.enumerated().map { i, b in
        [
          HTML.number(Readable.money(b.low)), HTML.number(Readable.money(b.high)),
          HTML.figureCell(
            String(b.count), figure: "definition.\(id).histogram.\(i)", value: String(b.count)),
        ]
      }, numeric: [0, 1, 2])
    return chart + table
  }

  /// Cost by category as a stacked bar, and its table.
  func categories(_ id: String, _ figures: DistributionFigures) -> String {
    let parts = figures.categories.sorted { $0.key < $1.key }
    let chart = SVGChart.stacked(
      title: "\(id): cost by service category", parts: parts.map { ($0.key, $0.value.value) },
      format: { Readable.money(Cents($0)) })
    let table = HTML.table(
      caption: "Cost by service category", header: ["category", "dollars", "share"],
      rows: parts.map { c, amount in
        [
          HTML.cell(c),
          HTML.figureCell(
            Readable.money(amount), figure: "definition.\(id).category.\(c)",
            value: amount.description),
          HTML.number(Readable.percent(figures.share(of: c))),
        ]
      }, numeric: [1, 2])
    return chart + table
  }

  /// The accountable providers: episodes, complete episodes, mean cost and its spread.
  func providers(_ id: String, _ episodes: [AnalysisEpisode]) -> String {
    let groups = Dictionary(grouping: episodes, by: \.provider)
    let rows: [[String]] = groups.keys.sorted().map { p in
      let f = DistributionFigures(groups[p]!)
      let shown = p.isEmpty ? "(none)" : p
      return [
        HTML.cell(shown),
        HTML.figureCell(
          Readable.count(f.episodes), figure: "definition.\(id).provider.\(p).episodes",
          value: String(f.episodes)),
        HTML.number(Readable.count(f.costed)),
        HTML.figureCell(
          f.mean.map(Readable.money) ?? "", figure: "definition.\(id).provider.\(p).mean",
          value: f.mean?.description ?? ""),
        HTML.number(f.percentile(10).map(Readable.money) ?? ""),
        HTML.number(f.percentile(90).map(Readable.money) ?? ""),
        HTML.number(f.coefficientOfVariation),
      ]
    }
    return "<h3>Accountable providers</h3>\n"
      + HTML.table(
        caption: "\(id): providers",
        header: ["provider", "episodes", "complete", "mean cost", "p10", "p90", "cv"], rows: rows,
        numeric: [1, 2, 3, 4, 5, 6])
  }

  /// Actual against target per provider (priced episodes), as paired bars and a table.
  func targets(_ id: String, _ priced: [PricedFigures]) -> String {
    let groups = Dictionary(grouping: priced, by: \.provider)
    let providers = groups.keys.sorted()
    var bars: [SVGChart.Bar] = []
    var rows: [[String]] = []
    for p in providers {
      let list = groups[p]!
      let target = list.reduce(Cents.zero) { $0 + $1.target }
      let actual = list.reduce(Cents.zero) { $0 + $1.actual }
      bars.append(SVGChart.Bar(label: p, value: target.value, series: 0))
      bars.append(SVGChart.Bar(label: p, value: actual.value, series: 1))
      rows.append([
        HTML.cell(p), HTML.number(String(list.count)),
        HTML.figureCell(
          Readable.money(target), figure: "definition.\(id).provider.\(p).target",
          value: target.description),
        HTML.figureCell(
          Readable.money(actual), figure: "definition.\(id).provider.\(p).actual",
          value: actual.description),
        HTML.number(Readable.money(target - actual)),
      ])
    }
    let chart = SVGChart.bars(
      title: "\(id): target and actual by provider", bars: bars, xTitle: "accountable provider",
      yTitle: "dollars", legend: ["target (after discount)", "actual fee-for-service"],
      format: Self.short)
    return chart
      + HTML.table(
        caption: "Priced episodes by provider",
        header: ["provider", "priced episodes", "target", "actual", "target − actual"],
        rows: rows, numeric: [1, 2, 3, 4])
  }

  /// Why episodes were cancelled or left open, with counts.
  func reasons(_ id: String, _ episodes: [AnalysisEpisode]) -> String {
    var counts: [String: Int] = [:]
    var keys: [String: (String, String)] = [:]
    for e in episodes where e.status != .complete {
      // An open episode's reason names its window's end: group those by status alone.
      let reason = e.status == .open ? "window ends after the data's last date" : e.reason
      let k = e.status.rawValue + "\u{0}" + reason
      counts[k, default: 0] += 1
      keys[k] = (e.status.rawValue, reason)
    }
    guard !counts.isEmpty else { return "" }
    let rows = counts.keys.sorted().map { k in
      [HTML.cell(keys[k]!.0), HTML.cell(keys[k]!.1), HTML.number(String(counts[k]!))]
    }
    return "<h3>Cancelled and open episodes</h3>\n"
      + HTML.table(
        caption: "\(id): reasons", header: ["status", "reason", "episodes"], rows: rows,
        numeric: [2])
  }
}
