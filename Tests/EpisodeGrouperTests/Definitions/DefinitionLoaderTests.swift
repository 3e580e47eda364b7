import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperSupport

@Suite("Definition loader")
struct DefinitionLoaderTests {
  @Test("the shipped definitions load")
  func shipped() throws {
    let definitions = try DefinitionLoader.load(path: packagePath("EpisodeDefinitions"))
    #expect(
      definitions.map(\.id) == [
        "AMI", "DIABETES", "LEJR", "PCI", "PERINATAL", "TEAM_CABG", "TEAM_LEJR", "TEAM_MAJOR_BOWEL",
        "TEAM_SHFFT", "TEAM_SPINAL_FUSION",
      ])
    let lejr = try #require(definitions.first { $0.id == "LEJR" })
    // CMS's window: discharge day is day 1 of 90, so the window ends 89 days after the anchor end;
    // it opens the day before the anchor for emergency and global-surgery lines.
    let anchor = DayRange(Day(iso: "2024-01-08")!, Day(iso: "2024-01-11")!)
    #expect(
      lejr.window(anchor: anchor)
        == DayRange(Day(iso: "2024-01-07")!, Day(iso: "2024-04-09")!))
    guard case .chronological(let wins) = lejr.resolution else {
      Issue.record("LEJR resolves overlaps chronologically")
      return
    }
    #expect(wins == ["LEJR"])
    #expect(lejr.transfers != nil && lejr.postAnchor.endsAtDeath)
    // TEAM's 30 days (42 CFR 512.525), program TEAM.
    let team = try #require(definitions.first { $0.id == "TEAM_LEJR" })
    #expect(team.program == "TEAM" && team.postAnchor.days == 30)
    // The excluded-readmission list as the task gives it: 33 ranges and single MS-DRGs.
    guard let rule = lejr.exclude.first(where: { $0.id == "excluded_readmission" }),
      case .all(let parts) = rule.predicate, case .field(.drg, let set) = parts[2]
    else {
      Issue.record("unexpected exclusion shape")
      return
    }
    #expect(set.patterns.count == 33)
    for drg in ["001", "008", "215", "375", "652", "965"] { #expect(set.contains(drg), "\(drg)") }
    for drg in ["009", "015", "470", "603", "871", "966"] { #expect(!set.contains(drg), "\(drg)") }
  }

  @Test(
    "the shipped excluded-readmission list is CMS's published one, when the reference data is present",
    SharedReference.required("cms-shadow-bundles/medical_code_lists__Excluded_Readmissions.csv"))
  func excludedReadmissionsMatchCMS() throws {
    let path = SharedReference.path(
      "cms-shadow-bundles/medical_code_lists__Excluded_Readmissions.csv")
    var reader = try CSVReader(path: path)
    var published = Set<String>()
    try reader.forEachRecord { r in
      if r.line > 1 && r.count > 3 && !r.string(3).isEmpty { published.insert(r.string(3)) }
    }
    // 140 rows name 139 distinct MS-DRGs: the sheet lists 652 twice.
    #expect(published.count == 139)
    let lejr = try DefinitionLoader.loadFile(path: packagePath("EpisodeDefinitions/LEJR.json"))
    guard case .all(let parts) = lejr.exclude[1].predicate, case .field(_, let set) = parts[2]
    else { return }
    let shipped = Set((0...999).map { String(format: "%03d", $0) }.filter { set.contains($0) })
    #expect(shipped == published)
  }

  /// Each case replaces one field of a valid definition, written on line 2 of the file; the error
  /// must point at the first place on that line where `at` stands.
  @Test(
    "errors name the file, line, column, JSON path and what is wrong",
    arguments: [
      (
        #""trigger": {"field": "hcpc", "in": ["27447"]}"#, "\"hcpc\"", "$.trigger.field",
        "unknown field 'hcpc' (did you mean 'hcpcs'?)"
      ),
      (
        #""trigger": {"field": "drg", "in": "lejr_drg"}"#, "\"lejr_drg\"", "$.trigger.in",
        "unknown code set 'lejr_drg'"
      ),
      (
        #""trigger": {"field": "drg", "in": ["47O"]}"#, "\"47O\"", "$.trigger.in[0]",
        "malformed ms_drg code '47O'"
      ),
      (
        #""trigger": {"field": "drg", "in": ["470-469"]}"#, "\"470-469\"", "$.trigger.in[0]",
        "malformed ms_drg range '470-469': both ends must be codes of the same length, low end first"
      ),
      (
        #""trigger": {"claim_type": "inpateint"}"#, "\"inpateint\"", "$.trigger.claim_type",
        "unknown claim type 'inpateint' (expected one of inpatient, outpatient, professional, snf, home_health, hospice, dme, pharmacy)"
      ),
      (
        #""trigger": {"period": "anchor"}"#, "\"period\"", "$.trigger.period",
        "'period' has no meaning before an episode exists (in a trigger or confirmation)"
      ),
      (#""trigger": {"all": []}"#, "[]", "$.trigger.all", "'all' needs at least one test"),
      (
        #""trigger": {"claim_type": "snf", "field": "drg"}"#, "\"field\"", "$.trigger.field",
        "unknown field 'field'"
      ),
      (
        #""windows": {"pre_anchor_days": -3}"#, "-3", "$.windows.pre_anchor_days",
        "a window of negative length: pre_anchor_days is -3"
      ),
      (
        #""windows": {"pre_anchor_days": 40000}"#, "40000", "$.windows.pre_anchor_days",
        "pre_anchor_days is 40000, more than 36525 days"
      ),
      (
        #""windows": {"post_anchor": {"days": -90, "day_one": "anchor_end"}}"#, "-90",
        "$.windows.post_anchor.days",
        "a window of negative length: post_anchor.days is -90"
      ),
      (
        #""windows": {"post_anchor": {"days": 90, "day_one": "discharge"}}"#, "\"discharge\"",
        "$.windows.post_anchor.day_one",
        "unknown value 'discharge' (expected one of anchor_end, day_after_anchor_end)"
      ),
      (
        #""windos": {}"#, "\"windos\"", "$.windos",
        "unknown field 'windos' (did you mean 'windows'?)"
      ),
      (
        #""repeat_trigger": "restart""#, "\"restart\"", "$.repeat_trigger",
        "unknown value 'restart' (expected one of absorb, cancel_open, end_open)"
      ),
      (
        #""code_sets": {"x": {"system": "ms_drg", "file": "codesets/none.txt"}}"#,
        "\"codesets/none.txt\"", "$.code_sets.x.file",
        "code-list file not found: <root>/EpisodeDefinitions/codesets/none.txt"
      ),
      (
        #""code_sets": {"x": {"system": "cpt", "codes": ["27447"]}}"#, "\"cpt\"",
        "$.code_sets.x.system",
        "unknown code system 'cpt' (expected one of ms_drg, icd10cm, icd10pcs, hcpcs, modifier, revenue_code, place_of_service, discharge_status, provider, mdc)"
      ),
      (
        #""cancel": [{"reason": "x", "death": "episode", "coverage": "continuous"}]"#, "{",
        "$.cancel[0]",
        "a cancellation rule takes only one of 'death', 'coverage', 'any_line', 'trigger_claim', 'anchor_longer_than', found 'death' and 'coverage'"
      ),
    ])
  func errors(_ replacement: String, _ at: String, _ path: String, _ message: String) throws {
    let key = String(replacement.split(separator: ":")[0].dropFirst().dropLast())
    var fields = [
      #""id": "T""#, #""name": "Test""#, #""version": "1""#, #""anchor": "stay""#,
      #""trigger": {"field": "drg", "in": ["470"]}"#, #""include": [{"category": "all"}]"#,
      #""windows": {"post_anchor": {"days": 90, "day_one": "anchor_end"}}"#,
    ].filter { !$0.hasPrefix("\"\(key)\"") }
    fields.insert(replacement, at: 0)
    let text = "{\n" + fields.joined(separator: ",\n") + "\n}"
    let file = packagePath("EpisodeDefinitions/test.json")
    let column =
      replacement.distance(from: replacement.startIndex, to: replacement.range(of: at)!.lowerBound)
      + 1
    let expected = Diagnostic(
      at: SourceLocation(file: file, line: 2, column: column, field: path),
      .init(message.replacingOccurrences(of: "<root>", with: packageRoot)))
    #expect(throws: expected) { try DefinitionLoader.parse(Array(text.utf8), file: file) }
  }

  @Test("a code set's system must match the field it is tested on")
  func systemMismatch() throws {
    #expect(
      performing: {
        try simpleDefinition([
          "code_sets": #"{"knees": {"system": "hcpcs", "codes": ["27447"]}}"#,
          "trigger": #"{"field": "drg", "in": "knees"}"#,
        ])
      },
      throws: {
        ($0 as? Diagnostic)?.message.text
          == "code set 'knees' holds hcpcs codes, but field 'drg' holds ms_drg codes"
      })
  }

  @Test("a malformed entry in a code-list file is located in that file")
  func codeListFile() throws {
    let folder = try temporaryFolder()
    try "# header\n470\n  47X  bad one\n".write(
      toFile: folder + "/drgs.txt", atomically: true, encoding: .utf8)
    let json =
      #"{"id": "T", "name": "T", "version": "1", "anchor": "stay", "windows": {}, "include": [{"category": "all"}], "code_sets": {"d": {"system": "ms_drg", "file": "drgs.txt"}}, "trigger": {"field": "drg", "in": "d"}}"#
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: folder + "/drgs.txt", line: 3, column: 3),
        .init("malformed ms_drg code '47X'"))
    ) {
      try DefinitionLoader.parse(Array(json.utf8), file: folder + "/t.json")
    }
  }

  @Test("a folder reports every file that does not load, and one id twice with overlapping dates")
  func folder() throws {
    let folder = try temporaryFolder()
    let good =
      #"{"id": "A", "name": "A", "version": "1", "anchor": "stay", "windows": {}, "include": [{"category": "all"}], "trigger": {"claim_type": "inpatient"}}"#
    try good.write(toFile: folder + "/a.json", atomically: true, encoding: .utf8)
    try good.write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
    try "{\"id\": \"C\",}".write(toFile: folder + "/c.json", atomically: true, encoding: .utf8)
    #expect(
      performing: { try DefinitionLoader.load(path: folder) },
      throws: { error in
        (error as? Diagnostics)?.items.map(\.description) == [
          "\(folder)/c.json:1:12: error: expected a key in double quotes",
          // Two versions of A, both effective on every day, both version 1 (DefinitionVersionsTests).
          "\(folder)/b.json:1:8: error: $.id: definition 'A' version 1, effective on every day, "
            + "overlaps version 1 in \(folder)/a.json, effective on every day: versions of one id "
            + "need effective ranges that do not overlap",
          "\(folder)/b.json:1:37: error: $.version: definition 'A' version 1 is also in "
            + "\(folder)/a.json: versions of one id need different version texts",
        ]
      })
    let empty = try temporaryFolder()
    #expect(
      throws: Diagnostics([
        Diagnostic(
          at: SourceLocation(file: empty), .init("the folder holds no definition files (*.json)"))
      ])
    ) {
      try DefinitionLoader.load(path: empty)
    }
  }
}
