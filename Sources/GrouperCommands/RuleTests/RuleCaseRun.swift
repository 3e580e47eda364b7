import Foundation
import GrouperCore
import GrouperReaders
import GrouperReports
import GrouperSupport

/// What running one rule case found: whether it passed, the differences from its expectations,
/// and the grouping result, from which rule coverage is read.
struct RuleCaseRun {
  /// The case.
  var ruleCase: RuleCase
  /// The differences between expected and actual tables (empty when they agree).
  var diffs: [CaseTableDiff] = []
  /// Problems that are not table differences: an expected error not raised, an unexpected one.
  var problems: [String] = []
  /// The grouping result, when the case grouped.
  var result: GroupingResult?
  /// The expectation files `--update` would write, with their new content.
  var updates: [(path: String, bytes: [UInt8])] = []

  /// Whether the case passed.
  var passed: Bool { problems.isEmpty && diffs.allSatisfy(\.isEmpty) }

  /// Runs `ruleCase` with `definitions` (those it names, or all) the way `group` does, and
  /// compares what `group` would write with the case's expectations. Throws a located diagnostic
  /// when the case itself is malformed (an unknown definition id, an expected column `group`
  /// does not write).
  init(_ ruleCase: RuleCase, definitions: [EpisodeDefinition]) throws {
    self.ruleCase = ruleCase
    var chosen = definitions
    if let ids = ruleCase.definitions {
      for id in ids where !definitions.contains(where: { $0.id == id }) {
        throw Diagnostic(
          at: SourceLocation(file: ruleCase.folder + "/case.json", field: "$.definitions"),
          .caseUnknownDefinition(id))
      }
      chosen = definitions.filter { ids.contains($0.id) }
    }
    let grouped: GroupingResult
    do {
      grouped = try Self.group(ruleCase, definitions: chosen)
    } catch let d as Diagnostic {
      check(error: d.kind, text: d.description)
      return
    } catch let d as Diagnostics {
      check(error: d.kind, text: d.description)
      return
    }
    result = grouped
    if let e = ruleCase.expectedError {
      problems.append(
        "expected a \(e.kind.rawValue) error containing '\(e.contains)', but the case grouped")
      return
    }
    try compare(
      name: "episodes", path: ruleCase.expectedEpisodesPath, required: true,
      actual: EpisodeReports.episodes(grouped), key: ["episode_id"])
    try compare(
      name: "lines", path: ruleCase.expectedLinesPath, required: false,
      actual: EpisodeReports.assignments(grouped), key: ["episode_id", "claim_id", "line"])
    try compare(
      name: "exclusions", path: ruleCase.expectedExclusionsPath, required: false,
      actual: EpisodeReports.exclusions(grouped), key: ["episode_id", "claim_id", "line"])
  }

  /// Records a problem unless the error raised is the one the case expects.
  private mutating func check(error kind: Diagnostic.Kind, text: String) {
    guard let e = ruleCase.expectedError else {
      problems.append("unexpected error: " + text)
      return
    }
    if e.kind != kind || !text.contains(e.contains) {
      problems.append(
        "expected a \(e.kind.rawValue) error containing '\(e.contains)', got \(kind.rawValue): \(text)"
      )
    }
  }

  /// Compares the expectation file at `path` with the `actual` report, on the file's columns.
  private mutating func compare(
    name: String, path: String, required: Bool, actual bytes: [UInt8], key: [String]
  ) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      if required { throw Diagnostic(at: SourceLocation(file: path), .inputFileNotFound(name)) }
      return
    }
    let expected = try CaseTable.parse(Array(data), file: path)
    let actual = try CaseTable.parse(bytes, file: name)
    for (i, c) in expected.columns.enumerated() where !actual.columns.contains(c) {
      throw Diagnostic(
        at: SourceLocation(file: path, line: 1, column: i + 1),
        .caseUnknownColumn(c, known: actual.columns))
    }
    for k in key where !expected.columns.contains(k) {
      throw Diagnostic(at: SourceLocation(file: path, line: 1), .caseMissingKey(k))
    }
    let diff = CaseTableDiff(name: name, expected: expected, actual: actual, key: key)
    diffs.append(diff)
    if !diff.isEmpty {
      updates.append((path, actual.projected(expected.columns).csv))
    }
  }

  /// Reads the case's claims (and members when present) and groups them, as `group` does.
  private static func group(_ ruleCase: RuleCase, definitions: [EpisodeDefinition]) throws
    -> GroupingResult
  {
    let input = try ClaimInput.read(path: ruleCase.claimsPath, format: nil)
    var members = input.members
    if FileManager.default.fileExists(atPath: ruleCase.membersPath) {
      members = try MembersReader(path: ruleCase.membersPath).read()
    }
    let rejections = input.claims.rejections + (members?.rejections ?? [])
    if !rejections.isEmpty { throw GroupCommand.rejected(rejections) }
    var grouper = Grouper(
      definitions: definitions, members: members?.members, through: ruleCase.through, jobs: 1)
    grouper.coverageKnownFrom = members?.coverageKnownFrom
    return grouper.run(input.claims.store)
  }
}
