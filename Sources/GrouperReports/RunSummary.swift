import GrouperCore
import GrouperSupport

/// The accounting of a whole run, written as `summary.json`: every row and dollar read is either
/// rejected, counted in an episode, left unassigned, or prorated away.
package struct RunSummary: Sendable {
  /// The claims file or folder, as an absolute path so a later `grouper price` finds it from
  /// any folder.
  package var claimsFile: String
  /// The claims' format as `--format` writes it (`native`, `rif`, `fhir`, `mapping:FILE` with
  /// the mapping's absolute path).
  package var claimsFormat: String = "native"
  /// The members file, when given (absolute).
  package var membersFile: String?
  /// The definitions folder or file (absolute).
  package var definitionsPath: String = ""
  /// The payer of lines that name none.
  package var defaultPayer: String = "default"
  /// Data rows read from the claims file.
  package var rowsRead: Int
  /// The rejected claim rows.
  package var rejections: [Rejection]
  /// Members-file rows read and rejected.
  package var memberRowsRead: Int
  /// Rejected members-file rows.
  package var memberRejections: Int
  /// The grouping result.
  package var result: GroupingResult
  /// Codes kept though they break their system's shape, by kind.
  package var warnings: ReadWarnings
  /// The shard of members grouped, when the run grouped one (`--shard K/N`).
  package var shard: MemberShard?
  /// Whether the run read a partition of the claims (its shard's rows alone, `--source-lines`)
  /// rather than every row; `grouper merge` then sums what every shard would repeat.
  package var partition = false
  /// Rows read but outside the shard: the lines of other members, and in shards after the first
  /// the rejected rows (which shard 1 alone reports).
  package var linesOutsideShard = 0
  /// The allowed dollars of those rows (rejected rows whose amount could be read).
  package var dollarsOutsideShard = Cents.zero
  /// The amount the episodes sum (`--amount`).
  package var amountBasis = AmountBasis.allowed
  /// Lines without a standardized amount that kept their allowed amount (standardized basis).
  package var standardizedFallbacks = 0
  /// The claim versions resolved before grouping, and the lines set aside (part of unassigned).
  package var versions = ClaimVersions.Report()

  /// A summary of a run.
  package init(
    claimsFile: String, membersFile: String?, rowsRead: Int, rejections: [Rejection],
    memberRowsRead: Int,
    memberRejections: Int, result: GroupingResult, warnings: ReadWarnings = ReadWarnings()
  ) {
    self.warnings = warnings
    self.claimsFile = claimsFile
    self.membersFile = membersFile
    self.rowsRead = rowsRead
    self.rejections = rejections
    self.memberRowsRead = memberRowsRead
    self.memberRejections = memberRejections
    self.result = result
  }

  /// Allowed dollars of rejected rows whose amount could be read.
  package var rejectedDollars: Cents { rejections.compactMap(\.allowed).reduce(.zero, +) }

  /// Allowed dollars read: the valid lines and the rejected rows whose amount could be read.
  package var dollarsRead: Cents {
    let a = result.accounting
    return rejectedDollars + a.dollarsAssigned + dollarsUnassigned + a.dollarsProratedAway
      + dollarsOutsideShard
  }

  /// Lines counted in no episode: those grouping left, and those set aside before it.
  package var linesUnassigned: Int {
    result.accounting.linesUnassigned + versions.setAside.lineCount
  }

  /// The dollars of ``linesUnassigned``.
  package var dollarsUnassigned: Cents {
    result.accounting.dollarsUnassigned + versions.setAside.dollarTotal
  }

  /// The lines and dollars set aside before grouping, by reason, and the replacements standing.
  private var setAsideJSON: JSONWriter.Value {
    let set = versions.setAside
    var rows: [(String, JSONWriter.Value)] = [
      ("lines", .int(set.lineCount)), ("dollars", .money(set.dollarTotal)),
    ]
    for reason in SetAsideReason.allCases {
      rows.append(
        (
          reason.rawValue,
          .object([
            ("lines", .int(set.lines[reason] ?? 0)),
            ("dollars", .money(set.dollars[reason] ?? .zero)),
          ])
        ))
    }
    rows.append(
      (
        "replacements_standing",
        .object([
          ("lines", .int(versions.standingReplacementLines)),
          ("dollars", .money(versions.standingReplacementDollars)),
        ])
      ))
    return .object(rows)
  }

  /// The warnings by kind: the count and a few places (`file:line:column`, field, value).
  private var warningsJSON: JSONWriter.Value {
    .object(
      warnings.counts.keys.sorted().map { kind in
        let first = warnings.places[kind, default: []].map { place -> JSONWriter.Value in
          .object([
            ("at", .string(place.location.description)),
            ("field", place.location.field.map { .string($0) } ?? .null),
            ("value", .string(place.value)),
          ])
        }
        return (
          kind.rawValue,
          .object([("count", .int(warnings.counts[kind]!)), ("places", .array(first))])
        )
      })
  }

  /// The summary as JSON.
  package var json: String {
    let a = result.accounting
    var byDefinition: [(String, JSONWriter.Value)] = []
    for (index, d) in result.definitions.enumerated() {
      let mine = result.episodes.filter { $0.definition == index }
      var row: [(String, JSONWriter.Value)] = [
        ("version", .string(d.version)), ("episodes", .int(mine.count)),
      ]
      for status in EpisodeStatus.allCases {
        row.append((status.rawValue, .int(mine.filter { $0.status == status }.count)))
      }
      row.append(("claim_lines", .int(mine.reduce(0) { $0 + $1.lineCount })))
      row.append(("allowed_total", .money(mine.reduce(Cents.zero) { $0 + $1.allowedTotal })))
      // Versions of one id (see EpisodeDefinitions/README.md) each get a key of their own.
      let versions = result.definitions.filter { $0.id == d.id }.count
      byDefinition.append((versions > 1 ? "\(d.id)@\(d.version)" : d.id, .object(row)))
    }
    var byStatus: [(String, JSONWriter.Value)] = []
    for status in EpisodeStatus.allCases {
      byStatus.append((status.rawValue, .int(result.episodes.filter { $0.status == status }.count)))
    }
    let unreadable = rejections.filter { $0.allowed == nil }.count
    var lines: [(String, JSONWriter.Value)] = [
      ("read", .int(rowsRead)),
      ("rejected", .int(rejections.count)),
      ("assigned", .int(a.linesAssigned)),
      ("unassigned", .int(linesUnassigned)),
    ]
    var dollars: [(String, JSONWriter.Value)] = [
      ("read", .money(dollarsRead)),
      ("rejected", .money(rejectedDollars)),
      ("assigned", .money(a.dollarsAssigned)),
      ("unassigned", .money(dollarsUnassigned)),
      ("prorated_away", .money(a.dollarsProratedAway)),
    ]
    var shardInfo: [(String, JSONWriter.Value)] = []
    if let shard {
      lines.append(("outside_shard", .int(linesOutsideShard)))
      dollars.append(("outside_shard", .money(dollarsOutsideShard)))
      shardInfo = [
        (
          "shard",
          .object(
            [
              ("index", .int(shard.index)), ("count", .int(shard.count)),
              ("hash", .string(MemberShard.hashName)),
            ] + (partition ? [("partition", .bool(true))] : []))
        )
      ]
    }
    dollars += [
      ("also_counted_in_shared_episodes", .money(a.alsoCountedInSharedEpisodes)),
      ("rejected_rows_without_a_readable_amount", .int(unreadable)),
    ]
    let value = JSONWriter.Value.object(
      [
        ("claims_file", .string(claimsFile)),
        ("claims_format", .string(claimsFormat)),
        ("members_file", membersFile.map { .string($0) } ?? .null),
        ("definitions_path", .string(definitionsPath)),
        ("default_payer", .string(defaultPayer)),
      ] + shardInfo + [
        ("data_through", .string(result.through.description)),
        ("coverage_checked", .bool(result.coverageChecked)),
        ("amount_basis", .string(amountBasis.rawValue)),
        ("lines_without_standardized_amount", .int(standardizedFallbacks)),
        (
          "definitions",
          .array(
            result.definitions.map {
              .object([
                ("id", .string($0.id)), ("version", .string($0.version)),
                ("file", .string($0.file)),
              ])
            })
        ),
        ("lines", .object(lines)),
        ("dollars", .object(dollars)),
        (
          "member_rows",
          .object([("read", .int(memberRowsRead)), ("rejected", .int(memberRejections))])
        ),
        ("set_aside_before_grouping", setAsideJSON),
        (
          "not_positive",
          .object([
            ("lines", .int(a.linesNotPositive)), ("dollars", .money(a.dollarsNotPositive)),
          ])
        ),
        ("warnings", warningsJSON),
        (
          "episodes",
          .object([
            ("total", .int(result.episodes.count)),
            ("by_status", .object(byStatus)),
            ("by_definition", .object(byDefinition)),
          ])
        ),
      ])
    return JSONWriter.render(value)
  }
}

/// `rejected.csv`: each rejected row with where and why.
package enum RejectedReport {
  /// The columns.
  package static let columns = ["file", "line", "column", "field", "value", "reason", "row"]

  /// The report; `rawLines` gives the text of each rejected line by file and line number, when known.
  package static func csv(_ rejections: [Rejection], rawLines: [String: [Int: String]] = [:])
    -> [UInt8]
  {
    var w = CSVWriter(header: columns)
    for r in rejections {
      w.field(r.file)
      w.field(r.line)
      w.field(r.column.map(String.init) ?? "")
      w.field(r.field ?? "")
      w.field(r.value)
      w.field(r.reason)
      w.field(rawLines[r.file]?[r.line] ?? "")
      w.endRow()
    }
    return w.bytes
  }
}
