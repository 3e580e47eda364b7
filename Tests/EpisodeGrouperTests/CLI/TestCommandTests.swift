import Foundation
import Testing

@testable import GrouperCommands

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `grouper test`: rule cases beside the definitions, their row diffs, `--update`, JUnit XML and
/// rule coverage.
@Suite("grouper test")
struct TestCommandTests {
  /// A definitions folder with one definition T: inpatient DRG 470 triggers, 90 days counted
  /// from the discharge day; the trigger claim is the anchor, every other line counts, and
  /// pharmacy lines are excluded.
  func definitions() throws -> String {
    let folder = try temporaryFolder()
    try #"""
    {"id": "T", "name": "Test", "version": "1",
     "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["470"]}]},
     "anchor": "stay", "windows": {"post_anchor": {"days": 90, "day_one": "anchor_end"}},
     "exclude": [{"id": "pharmacy", "reason": "Part D", "when": {"claim_type": "pharmacy"}}],
     "include": [{"id": "anchor", "category": "anchor", "when": {"trigger_claim": true}},
                 {"id": "all", "category": "other"}]}
    """#.write(toFile: folder + "/T.json", atomically: true, encoding: .utf8)
    return folder
  }

  /// A case folder under a new tests folder holding `files` (name → text); returns the tests folder.
  func caseFolder(_ name: String, _ files: [String: String]) throws -> String {
    let tests = try temporaryFolder()
    let folder = tests + "/" + name
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (file, text) in files {
      try text.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
    }
    return tests
  }

  /// The claims of the planted case: a DRG 470 stay of $9,000.00 from 2024-01-08 to 01-11 and a
  /// $500.00 visit on 02-01, inside the window (01-11 + 90 − 1 = 04-09).
  static let claims = """
    claim_id,member_id,claim_type,from_date,thru_date,admit_date,discharge_date,drg,allowed_amount
    C1,M1,inpatient,2024-01-08,2024-01-11,2024-01-08,2024-01-11,470,9000.00
    C2,M1,professional,2024-02-01,2024-02-01,,,,500.00

    """

  static let caseJSON = #"{"description": "a stay and a visit", "through": "2024-12-31"}"#

  @Test("the shipped definitions' own cases pass, and exercise every rule claims can meet")
  func shippedCasesPass() throws {
    let coverage = try temporaryFolder() + "/coverage.json"
    let r = runCLI([
      "test", packagePath("EpisodeDefinitions/tests"), "--definitions",
      packagePath("EpisodeDefinitions"), "--coverage", coverage,
    ])
    #expect(r.code == .success, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.hasSuffix(" passed, 0 failed\n"))
    #expect(!r.stdout.contains("FAIL"))
    // The CMS-based definitions have 8 inclusion, 7 exclusion and 5 cancellation rules and a
    // trigger (21), all exercised: the primary-payer exclusion by C16 of the services cases and
    // the primary-payer cancellation by M5 of the cancellation cases (21/21). Their code-set
    // entries exercised: each entry of
    // the trigger's sets (trigger-codes cases), plus excluded_readmissions 082-090 (C10,
    // MS-DRG 083), excluded_mdcs 02 (C12, MS-DRG 124), excluded_part_b_drugs 0041A,
    // cardiac_rehab 93798 and oncology_pbpm G9678 (services cases): 5 more. Trigger entries:
    // AMI 280-282, TEAM_CABG 231-236, TEAM_MAJOR_BOWEL 329-334, TEAM_SHFFT 480-482: 1 each;
    // LEJR 4 MS-DRGs + 2 HCPCS = 6; TEAM_LEJR 4 + 3 = 7; PCI 4 + 10 = 14; TEAM_SPINAL_FUSION
    // 402, 426-430, 447, 448, 450, 451, 471-473 and 5 HCPCS = 12.
    // PERINATAL: trigger + 4 + 2 = 7 rules; 4 delivery_drgs + 8 pregnancy_dx entries, of which
    // 805-807 (C1) and O* (C2-C4): 2/12 = 16%. DIABETES: trigger + 2 + 2 = 5 rules; 2 trigger
    // entries + 1 diabetes_dx (E08-E13) + 15 diabetes_services = 18, of which E11* (C1),
    // E08-E13 (C1, C2) and 83036 (C3): 3/18 = 16%.
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let cms = "21/21; code-set entries"
    let triggerEntries = [
      "AMI": 1, "LEJR": 6, "PCI": 14, "TEAM_CABG": 1, "TEAM_LEJR": 7, "TEAM_MAJOR_BOWEL": 1,
      "TEAM_SHFFT": 1, "TEAM_SPINAL_FUSION": 12,
    ]
    for (id, n) in triggerEntries {
      #expect(lines.contains { $0.hasPrefix("  \(id) \(cms) \(n + 5)/") }, "\(id)")
    }
    #expect(lines.contains("  DIABETES 5/5; code-set entries 3/18 (16%)"))
    #expect(lines.contains("  PERINATAL 7/7; code-set entries 2/12 (16%)"))
    #expect(
      contents(coverage).contains(
        """
            "DIABETES": {
              "covered": 5,
              "total": 5,
              "uncovered": [],
              "code_set_entries": {
                "covered": 3,
                "total": 18,
        """))
  }

  @Test("a failing case shows its row diff, exits 1, and --update rewrites it so it passes")
  func failingCaseDiffAndUpdate() throws {
    // Actual: T-C1 holds 9000.00 + 500.00 = 9500.00 over 2 lines; the case expects 9400.00,
    // and an episode T-C9 that no claim triggers.
    let tests = try caseFolder(
      "stay",
      [
        "claims.csv": Self.claims, "case.json": Self.caseJSON,
        "expected_episodes.csv":
          "episode_id,claim_lines,allowed_total\nT-C1,2,9400.00\nT-C9,1,1.00\n",
      ])
    let defs = try definitions()
    let r = runCLI(["test", tests, "--definitions", defs])
    #expect(r.code == .failure)
    #expect(
      r.stdout == """
        FAIL  stay: a stay and a visit
              episodes (- expected only, + actual only, ~ differs):
                ~ T-C1  allowed_total: expected '9400.00', actual '9500.00'
                - T-C9  claim_lines=1, allowed_total=1.00 (expected, not produced)
        rule coverage:
          T 3/4; not exercised: exclude.pharmacy; code-set entries 1/1 (100%)
        0 passed, 1 failed

        """)
    #expect(r.stderr == "")

    let u = runCLI(["test", tests, "--definitions", defs, "--update"])
    #expect(u.code == .failure)
    #expect(u.stdout.contains("      updated \(tests)/stay/expected_episodes.csv\n"))
    #expect(
      contents(tests + "/stay/expected_episodes.csv")
        == "episode_id,claim_lines,allowed_total\nT-C1,2,9500.00\n")

    let again = runCLI(["test", tests, "--definitions", defs])
    #expect(again.code == .success)
    #expect(again.stdout.hasPrefix("ok    stay\n"))
    #expect(again.stdout.hasSuffix("1 passed, 0 failed\n"))
  }

  @Test("an added or differing line shows in the lines diff")
  func linesDiff() throws {
    // C2 counts under rule 'all' in category 'other'; the case expects it as 'anchor' and
    // leaves out C1's line.
    let tests = try caseFolder(
      "lines",
      [
        "claims.csv": Self.claims, "case.json": Self.caseJSON,
        "expected_episodes.csv": "episode_id,status\nT-C1,complete\n",
        "expected_lines.csv": "episode_id,claim_id,line,category\nT-C1,C2,1,anchor\n",
      ])
    let r = runCLI(["test", tests, "--definitions", try definitions()])
    #expect(r.code == .failure)
    #expect(
      r.stdout.contains(
        """
              lines (- expected only, + actual only, ~ differs):
                + T-C1 C1 1  category=anchor
                ~ T-C1 C2 1  category: expected 'anchor', actual 'other'

        """))
  }

  @Test("--junit writes well-formed JUnit XML and --coverage the counts and uncovered ids")
  func junitAndCoverage() throws {
    let tests = try caseFolder(
      "a&b",
      [
        "claims.csv": Self.claims, "case.json": Self.caseJSON,
        "expected_episodes.csv": "episode_id,allowed_total\nT-C1,1.00\n",
      ])
    let out = try temporaryFolder()
    let r = runCLI([
      "test", tests, "--definitions", try definitions(), "--junit", out + "/junit.xml",
      "--coverage", out + "/coverage.json",
    ])
    #expect(r.code == .failure)
    let xml = contents(out + "/junit.xml")
    #expect(XMLParser(data: Data(xml.utf8)).parse())
    #expect(xml.contains(#"<testcase classname="rules" name="a&amp;b">"#))
    #expect(
      xml.contains("~ T-C1  allowed_total: expected &apos;1.00&apos;, actual &apos;9500.00&apos;"))
    #expect(xml.contains(#"<testsuites tests="1" failures="1">"#))
    // Covered: the trigger, include.anchor (C1), include.all (C2); never: exclude.pharmacy. The
    // trigger's one code-set entry, 470, is C1's MS-DRG.
    #expect(
      contents(out + "/coverage.json") == """
        {
          "definitions": {
            "T": {
              "covered": 3,
              "total": 4,
              "uncovered": [
                "exclude.pharmacy"
              ],
              "code_set_entries": {
                "covered": 1,
                "total": 1,
                "uncovered": []
              }
            }
          }
        }

        """)
  }

  @Test("a case expecting an error passes when the run raises it, and fails when it does not")
  func expectedError() throws {
    let bad = Self.claims.replacingOccurrences(
      of: "2024-02-01,2024-02-01", with: "2024-02-31,2024-02-31")
    let tests = try caseFolder(
      "bad-date",
      [
        "claims.csv": bad,
        "case.json":
          #"{"description": "an impossible date", "expected_error": {"kind": "badInput", "contains": "not a real date"}}"#,
      ])
    let r = runCLI(["test", tests, "--definitions", try definitions()])
    #expect(r.code == .success, "\(r.stdout)")
    let good = try caseFolder(
      "no-error",
      [
        "claims.csv": Self.claims,
        "case.json": #"{"description": "no error here", "expected_error": {"kind": "badInput"}}"#,
      ])
    let g = runCLI(["test", good, "--definitions", try definitions()])
    #expect(g.code == .failure)
    #expect(
      g.stdout.hasPrefix(
        """
        FAIL  no-error: no error here
              expected a badInput error containing '', but the case grouped

        """))
  }

  @Test("a malformed case is an error at its place: an unknown column, a bad key, no folder")
  func malformedCase() throws {
    let tests = try caseFolder(
      "x",
      [
        "claims.csv": Self.claims, "case.json": Self.caseJSON,
        "expected_episodes.csv": "episode_id,allowed\nT-C1,1.00\n",
      ])
    let r = runCLI(["test", tests, "--definitions", try definitions()])
    #expect(r.code == .dataError)
    #expect(
      r.stderr.hasPrefix("\(tests)/x/expected_episodes.csv:1:2: error: unknown column 'allowed';"))

    // `{"description": "d", "colour": 1}`: the key's quote is character 22 (`{` 1, the key and
    // colon 2–15, a space, `"d"` 17–19, `,` 20, a space 21).
    let keyless = try caseFolder(
      "y",
      [
        "claims.csv": Self.claims, "case.json": #"{"description": "d", "colour": 1}"#,
      ])
    let k = runCLI(["test", keyless, "--definitions", try definitions()])
    #expect(k.code == .dataError)
    #expect(k.stderr.hasPrefix("\(keyless)/y/case.json:1:22: error: $.colour: "))

    let missing = runCLI(["test", "/nonexistent/tests", "--definitions", try definitions()])
    #expect(missing.code == .noInput)
    #expect(missing.stderr == "/nonexistent/tests: error: no such folder of rule cases\n")
  }
}
