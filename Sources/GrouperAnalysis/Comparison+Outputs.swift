import GrouperSupport

extension Comparison {
  /// The files `compare` writes.
  package static let outputs = [
    "compare.csv", "compare_definitions.csv", "compare_categories.csv", "compare_providers.csv",
  ]

  /// The columns of `compare.csv`.
  package static let columns = [
    "member_id", "definition_id", "trigger_claim_id", "change", "what_changed", "episode_id",
    "accountable_provider", "status_a", "status_b", "start_a", "end_a", "start_b", "end_b",
    "lines_a", "lines_b", "allowed_a", "allowed_b", "dollars_moved",
  ]

  /// `compare.csv`: one row per episode only in A, only in B, or changed.
  package var csv: [UInt8] {
    var w = CSVWriter(header: Self.columns)
    for r in rows {
      let a = r.baseline
      let b = r.candidate
      w.row([
        r.key.member, r.key.definition, r.key.triggerClaim, r.change.rawValue,
        r.what.joined(separator: "|"), (b ?? a)!.id, (b ?? a)!.provider,
        a?.status.rawValue ?? "", b?.status.rawValue ?? "",
        a.map { $0.window.first.description } ?? "", a.map { $0.window.last.description } ?? "",
        b.map { $0.window.first.description } ?? "", b.map { $0.window.last.description } ?? "",
        a.map { String($0.lines) } ?? "", b.map { String($0.lines) } ?? "",
        a?.allowed.description ?? "", b?.allowed.description ?? "", r.moved.description,
      ])
    }
    return w.bytes
  }

  /// The columns of `compare_definitions.csv`.
  package static let definitionColumns = [
    "definition_id", "episodes_a", "episodes_b", "added", "removed", "changed", "allowed_a",
    "allowed_b", "dollars_moved",
  ]

  /// `compare_definitions.csv`: per definition, then a row `*` for all of them.
  package var definitionsCSV: [UInt8] {
    var w = CSVWriter(header: Self.definitionColumns)
    var all = DefinitionChange(definition: "*")
    for d in byDefinition {
      w.row([
        d.definition, String(d.episodesA), String(d.episodesB), String(d.added),
        String(d.removed), String(d.changed), d.dollarsA.description, d.dollarsB.description,
        d.moved.description,
      ])
      all.episodesA += d.episodesA
      all.episodesB += d.episodesB
      all.added += d.added
      all.removed += d.removed
      all.changed += d.changed
      all.dollarsA += d.dollarsA
      all.dollarsB += d.dollarsB
      all.moved += d.moved
    }
    w.row([
      "*", String(all.episodesA), String(all.episodesB), String(all.added), String(all.removed),
      String(all.changed), all.dollarsA.description, all.dollarsB.description,
      all.moved.description,
    ])
    return w.bytes
  }

  /// The columns of `compare_categories.csv`.
  package static let categoryColumns = [
    "category", "allowed_a", "allowed_b", "moved_in", "moved_out", "net",
  ]

  /// `compare_categories.csv`: per service category, the dollars that came in and went out.
  package var categoriesCSV: [UInt8] {
    var w = CSVWriter(header: Self.categoryColumns)
    for c in byCategory {
      w.row([
        c.category, c.dollarsA.description, c.dollarsB.description, c.movedIn.description,
        c.movedOut.description, c.net.description,
      ])
    }
    return w.bytes
  }

  /// The columns of `compare_providers.csv`.
  package static let providerColumns = [
    "definition_id", "accountable_provider", "episodes_a", "episodes_b", "allowed_a", "allowed_b",
    "dollars_moved",
  ]

  /// `compare_providers.csv`: per definition and accountable provider.
  package var providersCSV: [UInt8] {
    var w = CSVWriter(header: Self.providerColumns)
    for p in byProvider {
      w.row([
        p.definition, p.provider, String(p.episodesA), String(p.episodesB),
        p.dollarsA.description, p.dollarsB.description, p.moved.description,
      ])
    }
    return w.bytes
  }

  /// The short table `compare` prints: per definition, a total, and the balance of the dollars.
  package var table: String {
    let header = [
      "definition", "episodes A", "episodes B", "added", "removed", "changed", "dollars A",
      "dollars B", "moved",
    ]
    var body: [[String]] = byDefinition.map { d in
      [
        d.definition, Readable.count(d.episodesA), Readable.count(d.episodesB),
        Readable.count(d.added), Readable.count(d.removed), Readable.count(d.changed),
        Readable.money(d.dollarsA), Readable.money(d.dollarsB), Readable.money(d.moved),
      ]
    }
    let defs = byDefinition
    body.append([
      "all", Readable.count(defs.reduce(0) { $0 + $1.episodesA }),
      Readable.count(defs.reduce(0) { $0 + $1.episodesB }),
      Readable.count(defs.reduce(0) { $0 + $1.added }),
      Readable.count(defs.reduce(0) { $0 + $1.removed }),
      Readable.count(defs.reduce(0) { $0 + $1.changed }), Readable.money(baselineTotal),
      Readable.money(candidateTotal), Readable.money(moved),
    ])
    var text = TextTable.render(header: header, rows: body)
    text +=
      "balance: \(Readable.money(moved)) moved = \(Readable.money(candidateTotal)) (B) "
      + "- \(Readable.money(baselineTotal)) (A)\n"
    return text
  }
}

/// A plain-text table with the first column left-aligned and the others right-aligned.
package enum TextTable {
  /// The rows under the header, columns padded to their widest field.
  package static func render(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
    var text = ""
    for row in all {
      var line = ""
      for (i, field) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - field.count)
        line += i == 0 ? field + pad : "  " + pad + field
      }
      text += line + "\n"
    }
    return text
  }
}
