import GrouperSupport

extension Report {
  /// The compare view: episodes added, removed and changed and dollars moved per definition, and
  /// the dollars each service category gained or lost, as a chart and tables.
  func compareSection(_ definitions: TableFile, _ categories: TableFile) -> String {
    var out = "<section id=\"compare\">\n<h2>Compare: baseline (A) against candidate (B)</h2>\n"
    let numeric = Array(1..<Comparison.definitionColumns.count)
    out += HTML.table(
      caption: "Changes by definition (* is all)",
      header: [
        "definition", "episodes A", "episodes B", "added", "removed", "changed", "dollars A",
        "dollars B", "dollars moved",
      ],
      rows: definitions.rows.map { r in
        let id = r["definition_id"] ?? ""
        return [HTML.cell(id)]
          + Comparison.definitionColumns.dropFirst().map { c in
            let v = r[c] ?? ""
            let shown =
              c.hasPrefix("allowed") || c == "dollars_moved" ? Self.money(v) : Self.count(v)
            return HTML.figureCell(shown, figure: "compare.\(id).\(c)", value: v)
          }
      }, numeric: Set(numeric))
    let moved = categories.rows.map { r in
      (r["category"] ?? "", Cents.parse(r["net"] ?? "").cents)
    }
    out += "<div class=\"pair\">\n"
    out += SVGChart.bars(
      title: "Dollars moved by service category (B − A)",
      bars: moved.map { SVGChart.Bar(label: $0.0, value: $0.1.value) }, xTitle: "service category",
      yTitle: "dollars", format: Self.short)
    out += HTML.table(
      caption: "Dollars by service category",
      header: ["category", "dollars A", "dollars B", "moved in", "moved out", "net"],
      rows: categories.rows.map { r in
        [HTML.cell(r["category"] ?? "")]
          + ["allowed_a", "allowed_b", "moved_in", "moved_out", "net"].map {
            HTML.figureCell(
              Self.money(r[$0] ?? ""), figure: "compare.category.\(r["category"] ?? "").\($0)",
              value: r[$0] ?? "")
          }
      }, numeric: [1, 2, 3, 4, 5])
    return out + "</div>\n</section>\n"
  }

  /// The sweep view: per definition, mean and median cost of each variant as a chart, and the
  /// figures of every variant in a table.
  func sweepSection(_ sweep: TableFile) -> String {
    var out = "<section id=\"sweep\">\n<h2>Sweep</h2>\n"
    var variants: [String] = []
    for r in sweep.rows where !variants.contains(r["variant"] ?? "") {
      variants.append(r["variant"] ?? "")
    }
    out += HTML.table(
      caption: "Variants", header: ["variant", "settings"],
      rows: variants.enumerated().map { [HTML.cell("V\($0.offset + 1)"), HTML.cell($0.element)] })
    var definitions: [String] = []
    for r in sweep.rows where !definitions.contains(r["definition_id"] ?? "") {
      definitions.append(r["definition_id"] ?? "")
    }
    let columns = [
      "complete", "total_cost", "mean_cost", "median_cost", "p10_cost", "p90_cost", "cv",
    ]
    for d in definitions {
      let rows = sweep.rows.filter { $0["definition_id"] == d }
      guard rows.contains(where: { ($0["complete"] ?? "0") != "0" }) else { continue }
      out += "<h3>\(HTML.escape(d))</h3>\n<div class=\"pair\">\n"
      var bars: [SVGChart.Bar] = []
      for r in rows {
        let label = "V\((variants.firstIndex(of: r["variant"] ?? "") ?? 0) + 1)"
        bars.append(
          SVGChart.Bar(
            label: label, value: Cents.parse(r["mean_cost"] ?? "").cents.value, series: 0))
        bars.append(
          SVGChart.Bar(
            label: label, value: Cents.parse(r["median_cost"] ?? "").cents.value, series: 1))
      }
      out += SVGChart.bars(
        title: "\(d): mean and median cost by variant", bars: bars, xTitle: "variant",
        yTitle: "dollars", legend: ["mean cost", "median cost"], format: Self.short)
      out += HTML.table(
        caption: "\(d) by variant",
        header: ["variant", "complete", "total", "mean", "median", "p10", "p90", "cv"],
        rows: rows.map { r in
          let v = "V\((variants.firstIndex(of: r["variant"] ?? "") ?? 0) + 1)"
          return [HTML.cell(v)]
            + columns.map { c in
              let text = r[c] ?? ""
              let shown =
                c.hasSuffix("_cost") ? Self.money(text) : c == "cv" ? text : Self.count(text)
              return HTML.figureCell(shown, figure: "sweep.\(v).\(d).\(c)", value: text)
            }
        }, numeric: Set(1...7))
      out += "</div>\n"
    }
    return out + "</section>\n"
  }

  /// An amount written by the tool, formatted for people; other text as it is.
  static func money(_ text: String) -> String {
    guard case .success(let c) = Cents.parse(text) else { return text }
    return Readable.money(c)
  }

  /// A whole number written by the tool, formatted for people; other text as it is.
  static func count(_ text: String) -> String {
    Int(text).map(Readable.count) ?? text
  }
}

extension Result where Success == Cents {
  /// The amount, or zero for text that is not one (an empty figure).
  var cents: Cents {
    if case .success(let c) = self { return c }
    return .zero
  }
}
