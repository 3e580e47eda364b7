import GrouperCore
import GrouperSupport

/// Which rules of each definition the rule cases exercised, read from the grouping results
/// themselves: the trigger from the episodes a definition started, inclusion rules from the
/// rule of each assignment, exclusion rules from the cause of each excluded line, and
/// cancellation rules from the reason of each cancelled episode (the engine writes the first
/// rule met as the start of the reason).
struct RuleCoverage {
  /// The rules of one definition, and which were exercised.
  struct Entry {
    /// The definition's id (`ID@VERSION` for one of several versions of an id).
    var definition: String
    /// The rule ids in definition order: `trigger`, `include.<id>`, `exclude.<id>`, `cancel[k]`.
    var rules: [String]
    /// The ids exercised.
    var covered: Set<String> = []
    /// The entries of the code sets its rules test, and which were exercised.
    var codeSets: CodeSetCoverage

    /// The ids no case exercised, in definition order.
    var uncovered: [String] { rules.filter { !covered.contains($0) } }
  }

  /// One entry per definition, in the order given.
  var entries: [Entry]
  /// The ids with several versions, whose entries are labelled `ID@VERSION`.
  private var versioned: Set<String> = []

  /// The label of `d`'s entry.
  private func label(_ d: EpisodeDefinition) -> String {
    versioned.contains(d.id) ? "\(d.id)@\(d.version)" : d.id
  }

  /// The rules of `definitions`, none exercised yet.
  init(_ definitions: [EpisodeDefinition]) {
    versioned = Set(Dictionary(grouping: definitions, by: \.id).filter { $0.value.count > 1 }.keys)
    entries = []
    entries = definitions.map { d in
      Entry(
        definition: label(d),
        rules: ["trigger"] + d.include.map { "include.\($0.id)" }
          + d.exclude.map { "exclude.\($0.id)" } + d.cancel.indices.map { "cancel[\($0)]" },
        codeSets: CodeSetCoverage(d))
    }
  }

  /// Marks what `result` exercised.
  mutating func record(_ result: GroupingResult) {
    func mark(_ definition: EpisodeDefinition, _ rule: String) {
      if let i = entries.firstIndex(where: { $0.definition == label(definition) }) {
        entries[i].covered.insert(rule)
      }
    }
    func codes(_ definition: EpisodeDefinition, _ test: Predicate, _ line: Int) {
      if let i = entries.firstIndex(where: { $0.definition == label(definition) }) {
        entries[i].codeSets.record(test, line: result.store.lines[line], store: result.store)
      }
    }
    for e in result.episodes {
      let d = result.definitions[e.definition]
      mark(d, "trigger")
      codes(d, d.trigger, e.triggerLine)
      if e.status == .cancelled,
        let k = d.cancel.firstIndex(where: { e.reason.hasPrefix($0.reason) })
      {
        mark(d, "cancel[\(k)]")
      }
    }
    for a in result.assignments {
      let d = result.definitions[result.episodes[a.episode].definition]
      mark(d, "include.\(d.include[a.rule].id)")
      codes(d, d.include[a.rule].predicate, a.line)
    }
    for x in result.exclusions {
      guard case .rule(let k) = x.cause else { continue }
      let d = result.definitions[result.episodes[x.episode].definition]
      mark(d, "exclude.\(d.exclude[k].id)")
      codes(d, d.exclude[k].predicate, x.line)
    }
  }

  /// The lines stdout shows: per definition `covered/total` and the rules no case exercised.
  var report: String {
    var text = "rule coverage:\n"
    for e in entries {
      text += "  \(e.definition) \(e.covered.count)/\(e.rules.count)"
      if !e.uncovered.isEmpty {
        text += "; not exercised: " + e.uncovered.joined(separator: ", ")
      }
      let c = e.codeSets
      if !c.entries.isEmpty {
        text +=
          "; code-set entries \(c.covered.count)/\(c.entries.count)"
          + " (\(100 * c.covered.count / c.entries.count)%)"
      }
      text += "\n"
    }
    return text
  }

  /// The coverage as JSON: per definition `covered` and `total` counts and the uncovered ids.
  var json: String {
    JSONWriter.render(
      .object([
        (
          "definitions",
          .object(
            entries.map { e in
              (
                e.definition,
                .object([
                  ("covered", .int(e.covered.count)), ("total", .int(e.rules.count)),
                  ("uncovered", .array(e.uncovered.map { .string($0) })),
                  (
                    "code_set_entries",
                    .object([
                      ("covered", .int(e.codeSets.covered.count)),
                      ("total", .int(e.codeSets.entries.count)),
                      ("uncovered", .array(e.codeSets.uncovered.map { .string($0) })),
                    ])
                  ),
                ])
              )
            })
        )
      ]))
  }
}
