import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperReports
@testable import GrouperSupport

/// Versions of one definition: several files with one `id` whose `effective` ranges do not
/// overlap. The loader refuses overlapping ones, the linter warns of days no version covers, and
/// grouping gives each trigger to the version in force on its anchor's first day.
@Suite("Versions of one definition")
struct DefinitionVersionsTests {
  /// A definition file of id A: DRG 470 stays trigger, `post` days after the anchor (day 1 = its
  /// last day), everything included. `effective` is the text of the member's value; the
  /// `effective` member, when given, is on line 3 at column 16.
  static func version(
    _ version: String, effective: String?, post: Int = 90, transfers: Bool = false
  ) -> String {
    """
    {
      "id": "A", "name": "Versioned", "version": "\(version)",
    \(effective.map { "  \"effective\": \($0)," } ?? "")
      "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["470"]}]},
      "anchor": "stay",\(transfers ? "\n  \"transfers\": {\"merge\": true}," : "")
      "windows": {"post_anchor": {"days": \(post), "day_one": "anchor_end"}},
      "include": [{"id": "all", "category": "all"}]
    }

    """
  }

  /// A folder holding the given files (name → text).
  static func folder(_ files: [String: String]) throws -> String {
    let folder = try temporaryFolder()
    for (name, text) in files {
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test(
    "two versions whose effective ranges overlap: an error at the later one's effective, naming both files"
  )
  func overlap() throws {
    let folder = try Self.folder([
      "a-2025.json": Self.version(
        "2025", effective: #"{"from": "2025-01-01", "through": "2025-12-31"}"#),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2025-12-01"}"#),
    ])
    #expect(
      performing: { try DefinitionLoader.load(path: folder) },
      throws: { error in
        (error as? Diagnostics)?.items.map(\.description) == [
          "\(folder)/a-2026.json:3:16: error: $.effective: definition 'A' version 2026, effective "
            + "from 2025-12-01 on, overlaps version 2025 in \(folder)/a-2025.json, effective from "
            + "2025-01-01 through 2025-12-31: versions of one id need effective ranges that do not "
            + "overlap"
        ]
      })
    // `grouper validate` prints it and exits 65.
    let r = runCLI(["validate", "--definitions", folder])
    #expect(r.code == .dataError)
    #expect(r.stderr.hasPrefix("\(folder)/a-2026.json:3:16: error: $.effective: "))
  }

  @Test(
    "a version without effective dates overlaps every other; one version text twice is an error")
  func unboundedAndSameVersion() throws {
    let folder = try Self.folder([
      "a.json": Self.version("1", effective: nil),
      "b.json": Self.version("1", effective: #"{"from": "2026-01-01"}"#),
    ])
    // a.json (no effective: every day) sorts first, as it starts earliest.
    #expect(
      performing: { try DefinitionLoader.load(path: folder) },
      throws: { error in
        (error as? Diagnostics)?.items.map(\.description) == [
          "\(folder)/b.json:3:16: error: $.effective: definition 'A' version 1, effective from "
            + "2026-01-01 on, overlaps version 1 in \(folder)/a.json, effective on every day: "
            + "versions of one id need effective ranges that do not overlap",
          "\(folder)/b.json:2:46: error: $.version: definition 'A' version 1 is also in "
            + "\(folder)/a.json: versions of one id need different version texts",
        ]
      })
  }

  @Test("a gap between versions: a warning at the later one's effective.from")
  func gap() throws {
    let folder = try Self.folder([
      "a-2025.json": Self.version("2025", effective: #"{"through": "2025-06-30"}"#),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2025-08-01"}"#),
    ])
    let definitions = try DefinitionLoader.load(path: folder)
    #expect(definitions.map(\.version) == ["2025", "2026"])
    // 2025-07-01 through 2025-07-31: 31 days no version covers. `"from": ` starts at column 17
    // of line 3, so its value at column 25.
    #expect(
      DefinitionLint.warnings(definitions).map(\.description) == [
        "\(folder)/a-2026.json:3:25: warning: $.effective.from: no version of definition 'A' is "
          + "effective from 2025-07-01 through 2025-07-31 (31 days): version 2025 in "
          + "\(folder)/a-2025.json ends 2025-06-30, version 2026 starts 2025-08-01; a trigger "
          + "anchored in the gap starts no episode"
      ])
  }

  @Test("adjacent ranges: no error, no warning")
  func adjacent() throws {
    let folder = try Self.folder([
      "a-2025.json": Self.version("2025", effective: #"{"through": "2025-12-31"}"#),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2026-01-01"}"#),
    ])
    let definitions = try DefinitionLoader.load(path: folder)
    #expect(definitions.count == 2)
    #expect(DefinitionLint.warnings(definitions).isEmpty)
  }

  @Test("grouping gives each trigger to the version in force on its anchor's first day")
  func grouping() throws {
    let folder = try Self.folder([
      "a-2025.json": Self.version("2025", effective: #"{"through": "2025-06-30"}"#, post: 30),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2025-07-01"}"#, post: 60),
    ])
    let definitions = try DefinitionLoader.load(path: folder)
    let result = try group(
      [
        Row(claim: "C1", from: "2025-03-01", thru: "2025-03-03", drg: "470"),
        Row(claim: "C2", from: "2025-08-01", thru: "2025-08-04", drg: "470"),
      ], definitions, through: "2025-12-31")
    // C1's anchor starts 2025-03-01, in version 2025's range: its 30 days end 03-03 + 29 =
    // 04-01. C2's starts 2025-08-01, in version 2026's: its 60 days end 08-04 + 59 = 10-02
    // (27 days to 08-31, 30 in September, 2 in October).
    #expect(result.episodeIDs == ["A-C1", "A-C2"])
    let c1 = result.episode("A-C1")!
    let c2 = result.episode("A-C2")!
    #expect(result.definitions[c1.definition].version == "2025")
    #expect(result.definitions[c2.definition].version == "2026")
    #expect(c1.window.last == Day(iso: "2025-04-01"))
    #expect(c2.window.last == Day(iso: "2025-10-02"))
    let csv = String(decoding: EpisodeReports.episodes(result), as: UTF8.self)
    #expect(csv.contains("\nA-C1,A,2025,"))
    #expect(csv.contains("\nA-C2,A,2026,"))
  }

  @Test("group writes each version's episodes under its version, and summary.json keys them apart")
  func groupRun() throws {
    let folder = try Self.folder([
      "a-2025.json": Self.version("2025", effective: #"{"through": "2025-06-30"}"#, post: 30),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2025-07-01"}"#, post: 60),
      "claims.csv":
        ([claimHeader] + [
          Row(claim: "C1", from: "2025-03-01", thru: "2025-03-03", drg: "470").csv,
          Row(claim: "C2", from: "2025-08-01", thru: "2025-08-04", drg: "470").csv,
        ]).joined(separator: "\n") + "\n",
    ])
    try FileManager.default.createDirectory(
      atPath: folder + "/defs", withIntermediateDirectories: true)
    for name in ["a-2025.json", "a-2026.json"] {
      try FileManager.default.moveItem(
        atPath: folder + "/" + name, toPath: folder + "/defs/" + name)
    }
    let r = runCLI([
      "group", "--definitions", folder + "/defs", "--claims", folder + "/claims.csv",
      "--through", "2025-12-31", "--out", folder + "/out", "--quiet",
    ])
    #expect(r.code == .success, "\(r.stderr)")
    let rows = try csvTable(folder + "/out/episodes.csv")
    // As derived in `grouping`: C1 in version 2025 (ends 04-01), C2 in 2026 (ends 10-02).
    #expect(rows.map { $0["episode_id"]! } == ["A-C1", "A-C2"])
    #expect(rows.map { $0["definition_version"]! } == ["2025", "2026"])
    #expect(rows.map { $0["end_date"]! } == ["2025-04-01", "2025-10-02"])
    let summary =
      try JSONSerialization.jsonObject(with: Data(contents(folder + "/out/summary.json").utf8))
      as! [String: Any]
    let byDefinition = (summary["episodes"] as! [String: Any])["by_definition"] as! [String: Any]
    #expect(byDefinition.keys.sorted() == ["A@2025", "A@2026"])
  }

  @Test("rule coverage has an entry per version, and marks what each version's episodes used")
  func coverage() throws {
    let folder = try Self.folder([
      "a-2025.json": Self.version("2025", effective: #"{"through": "2025-06-30"}"#),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2025-07-01"}"#),
    ])
    let definitions = try DefinitionLoader.load(path: folder)
    var coverage = RuleCoverage(definitions)
    #expect(coverage.entries.map(\.definition) == ["A@2025", "A@2026"])
    // One trigger in 2026's range: version 2026's trigger and rule `all` are exercised, 2025's
    // nothing.
    coverage.record(
      try group(
        [Row(claim: "C2", from: "2025-08-01", thru: "2025-08-04", drg: "470")], definitions,
        through: "2025-12-31"))
    #expect(coverage.entries.map(\.covered) == [[], ["trigger", "include.all"]])
  }

  @Test("a claim two versions both anchor keeps one episode id, the earlier version's")
  func oneEpisodePerClaim() throws {
    // Version 2025 merges transfers, version 2026 does not. X (hospital 100002, 06-28 to 07-01)
    // transfers to Y (DRG 470 at 100001, admitted 07-01). Under 2025 the chain's anchor starts
    // 06-28, in 2025's range; under 2026 Y's own anchor starts 07-01, in 2026's range. Both would
    // be episode A-Y: the earlier version keeps it, anchor 06-28 through 07-03.
    let folder = try Self.folder([
      "a-2025.json": Self.version(
        "2025", effective: #"{"through": "2025-06-30"}"#, transfers: true),
      "a-2026.json": Self.version("2026", effective: #"{"from": "2025-07-01"}"#),
    ])
    let definitions = try DefinitionLoader.load(path: folder)
    let result = try group(
      [
        Row(claim: "X", from: "2025-06-28", thru: "2025-07-01", billing: "100002", drg: "193"),
        Row(claim: "Y", from: "2025-07-01", thru: "2025-07-03", billing: "100001", drg: "470"),
      ], definitions, through: "2025-12-31")
    #expect(result.episodeIDs == ["A-Y"])
    let e = result.episode("A-Y")!
    #expect(result.definitions[e.definition].version == "2025")
    #expect(e.anchor == DayRange(Day(iso: "2025-06-28")!, Day(iso: "2025-07-03")!))
    // The trace says why version 2026 made no episode of Y.
    let trace = GroupingTrace()
    _ = Grouper(definitions: definitions, through: Day(iso: "2025-12-31"))
      .run(result.store, trace: trace)
    #expect(
      trace.events.contains(
        .earlierVersion(definition: 1, claim: result.store.claims.lookup("Y")!, kept: 0)))
  }
}
