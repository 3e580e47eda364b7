import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore

/// The definition linter: each planted problem is reported at its file, line, column and JSON
/// path, through `grouper validate`.
@Suite("definition linter")
struct DefinitionLintTests {
  /// Definition A plants: an exclusion rule with contradicting claim types (line 6), an
  /// inclusion rule shadowed by an earlier one (line 8), an inclusion rule an exclusion always
  /// takes (line 9), a zero-day post-anchor period (4:56), an unknown code (2:71) and a range
  /// holding the whole reference list (2:81). B's trigger overlaps A's at precedence 10 (2:13).
  static let a = """
    {"id": "A", "name": "A", "version": "1", "precedence": 10,
     "code_sets": {"dx": {"system": "icd10cm", "codes": ["I21*", "I2199", "Q99999", "A00-Z99"]}},
     "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["280"]}]},
     "anchor": "stay", "windows": {"post_anchor": {"days": 0, "day_one": "anchor_end"}},
     "exclude": [{"id": "drugs", "reason": "r", "when": {"claim_type": "pharmacy"}},
                 {"id": "never", "reason": "r", "when": {"all": [{"claim_type": "snf"}, {"claim_type": "dme"}]}}],
     "include": [{"id": "inpatient", "category": "c", "when": {"claim_type": ["inpatient", "snf"]}},
                 {"id": "shadowed", "category": "c", "when": {"all": [{"claim_type": "snf"}, {"field": "principal_dx", "in": "dx"}]}},
                 {"id": "drug", "category": "c", "when": {"claim_type": "pharmacy"}}]}

    """
  static let b = """
    {"id": "B", "name": "B", "version": "1", "precedence": 10,
     "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["280-282"]}]},
     "anchor": "stay", "windows": {}, "include": [{"id": "all", "category": "c"}]}

    """

  /// A definitions folder holding A and B, and a code-lists folder with a five-code ICD-10-CM list.
  func folders() throws -> (definitions: String, codeLists: String) {
    let defs = try temporaryFolder()
    try Self.a.write(toFile: defs + "/A.json", atomically: true, encoding: .utf8)
    try Self.b.write(toFile: defs + "/B.json", atomically: true, encoding: .utf8)
    let lists = try temporaryFolder()
    try FileManager.default.createDirectory(
      atPath: lists + "/icd10cm-2026", withIntermediateDirectories: true)
    try "A000\nI10\nI2101\nI2199\nZ9989\n".write(
      toFile: lists + "/icd10cm-2026/codes.txt", atomically: true, encoding: .utf8)
    return (defs, lists)
  }

  @Test("validate reports each planted problem at its place")
  func plantedProblems() throws {
    let (defs, lists) = try folders()
    let r = runCLI(["validate", "--definitions", defs, "--code-lists", lists])
    #expect(r.code == .success)
    let a = defs + "/A.json"
    #expect(
      r.stderr == """
        \(a):6:14: warning: $.exclude[1]: exclusion rule 'never' can never fire: its tests contradict each other
        \(a):8:14: warning: $.include[1]: inclusion rule 'shadowed' can never match: every line it matches matches the earlier rule 'inpatient'
        \(a):9:14: warning: $.include[2]: inclusion rule 'drug' can never match: the exclusion rule 'drugs' leaves out every line it matches
        \(a):4:56: warning: $.windows.post_anchor.days: a period of zero days adds nothing to the window
        \(a):2:71: warning: $.code_sets.dx.codes[2]: 'Q99999' is not a code of the icd10cm reference list
        \(a):2:81: warning: $.code_sets.dx.codes[3]: range 'A00-Z99' holds every code of the icd10cm reference list
        \(defs)/B.json:2:13: warning: $.trigger: the triggers of 'B' and 'A' may both match one claim line, at equal precedence 10: which one takes it is left to the order of their ids

        """)
    #expect(r.stdout.hasSuffix("2 definitions loaded, 7 warnings\n"))
  }

  @Test("--strict makes warnings exit 65, and --format json writes them for editors")
  func strictAndJSON() throws {
    let (defs, _) = try folders()
    let s = runCLI(["validate", "--definitions", defs, "--strict"])
    #expect(s.code == .dataError)
    // Without code lists: 3 rule warnings, the zero window and the overlapping triggers.
    #expect(s.stderr.hasSuffix("grouper validate: error: 5 warnings under --strict\n"))
    let j = runCLI(["validate", "--definitions", defs, "--format", "json"])
    #expect(j.code == .success)
    #expect(
      j.stdout.hasPrefix(
        """
        [
          {
            "file": "\(defs)/A.json",
            "line": 6,
            "column": 14,
            "path": "$.exclude[1]",
            "severity": "warning",
            "message": "exclusion rule 'never' can never fire: its tests contradict each other"
          },
        """))
    let bad = runCLI(["validate", "--definitions", defs, "--format", "xml"])
    #expect(bad.code == .usage)
    let missing = runCLI(["validate", "--definitions", defs, "--code-lists", "/nonexistent"])
    #expect(missing.code == .noInput)
    #expect(missing.stderr == "/nonexistent: error: no such folder of code lists\n")
  }

  @Test("the shipped definitions have no rule, window or trigger warnings")
  func shippedDefinitionsClean() {
    let r = runCLI(["validate", "--definitions", packagePath("EpisodeDefinitions"), "--strict"])
    #expect(r.code == .success, "\(r.stderr)")
    #expect(r.stderr == "")
  }
}
