import Foundation
import Testing

@testable import GrouperCommands

/// `group` with claim versions and an amount basis: what summary.json says of them.
@Suite("grouper group: claim versions and the amount basis")
struct VersionsRunTests {
  /// A definition: inpatient DRG 470 triggers, 90 days from the discharge, everything counted.
  static let definition = """
    {"id": "T", "name": "Test", "version": "1",
     "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["470"]}]},
     "anchor": "stay",
     "windows": {"post_anchor": {"days": 90, "day_one": "anchor_end"}},
     "include": [{"id": "anchor", "category": "anchor", "when": {"trigger_claim": true}},
                 {"id": "all", "category": "other"}]}
    """

  /// The reversed and rebilled stay, a stay of DRG 470 with a superseded first version,
  /// and a professional line: allowed and paid amounts differ.
  static let claims = """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount,paid_amount,adjustment_type,replaces_claim_id
    A,M1,inpatient,2024-01-08,2024-01-11,470,10000.00,9000.00,original,
    R,M1,inpatient,2024-01-08,2024-01-11,470,-10000.00,-9000.00,reversal,A
    B,M1,inpatient,2024-01-08,2024-01-11,481,9500.00,8500.00,replacement,A
    S1,M2,inpatient,2024-03-01,2024-03-04,470,7000.00,6000.00,,
    S2,M2,inpatient,2024-03-01,2024-03-04,470,7200.00,6200.00,replacement,S1
    P1,M2,professional,2024-03-10,,,300.00,250.00,,
    """

  /// Runs `group` on the claims with `extra` options; the summary as JSON, or stderr on failure.
  func run(_ extra: [String]) throws -> (code: ExitCode, summary: [String: Any], stdout: String) {
    let folder = try temporaryFolder()
    try Self.definition.write(toFile: folder + "/T.json", atomically: true, encoding: .utf8)
    try (Self.claims + "\n").write(
      toFile: folder + "/claims.csv", atomically: true, encoding: .utf8)
    let r = runCLI(
      [
        "group", "--definitions", folder + "/T.json", "--claims", folder + "/claims.csv",
        "--out", folder + "/out", "--quiet",
      ] + extra)
    guard r.code == .success else { return (r.code, [:], r.stderr) }
    let json = try JSONSerialization.jsonObject(
      with: Data(contents(folder + "/out/summary.json").utf8))
    return (r.code, json as? [String: Any] ?? [:], r.stdout)
  }

  /// A set-aside entry's lines and dollars.
  func part(_ object: [String: Any], _ key: String) -> [Double] {
    let entry = object[key] as? [String: Any] ?? [:]
    return [
      Double(entry["lines"] as? Int ?? -1), entry["dollars"] as? Double ?? -1,
    ]
  }

  @Test("versions are set aside before grouping, and every line and dollar is accounted for")
  func versionsInSummary() throws {
    let (code, summary, stdout) = try run([])
    #expect(code == .success)
    #expect(summary["amount_basis"] as? String == "allowed")
    let lines = try #require(summary["lines"] as? [String: Int])
    // Six lines: A and R reversed, S1 superseded (3 set aside, unassigned); B groups into nothing
    // (unassigned); S2 triggers T and P1 falls in its window (2 assigned).
    #expect(lines == ["read": 6, "rejected": 0, "assigned": 2, "unassigned": 4])
    let dollars = try #require(summary["dollars"] as? [String: Any])
    // Assigned: S2 7200.00 + P1 300.00 = 7500.00. Unassigned: B 9500.00 + set aside
    // (10000.00 − 10000.00 + 7000.00 = 7000.00) = 16500.00. Read: 7500.00 + 16500.00 = 24000.00.
    #expect(dollars["assigned"] as? Double == 7500.00)
    #expect(dollars["unassigned"] as? Double == 16500.00)
    #expect(dollars["read"] as? Double == 24000.00)
    let setAside = try #require(summary["set_aside_before_grouping"] as? [String: Any])
    #expect(setAside["lines"] as? Int == 3 && setAside["dollars"] as? Double == 7000.00)
    #expect(part(setAside, "reversed") == [2, 0.00])
    #expect(part(setAside, "superseded") == [1, 7000.00])
    // B and S2 stand: 9500.00 + 7200.00 = 16700.00.
    #expect(part(setAside, "replacements_standing") == [2, 16700.00])
    #expect(stdout.contains("claim lines   6 read = 2 assigned + 4 unassigned + 0 rejected"))
    // No line left after resolution has an amount of zero or less (the reversal was set aside).
    #expect(part(summary, "not_positive") == [0, 0.00])
  }

  @Test("lines of zero or negative amount are counted under not_positive")
  func notPositive() throws {
    let folder = try temporaryFolder()
    try Self.definition.write(toFile: folder + "/T.json", atomically: true, encoding: .utf8)
    try """
    claim_id,member_id,claim_type,from_date,allowed_amount
    Z1,M3,professional,2024-03-10,0.00
    Z2,M3,professional,2024-03-11,-5.00
    Z3,M3,professional,2024-03-12,20.00

    """.write(toFile: folder + "/claims.csv", atomically: true, encoding: .utf8)
    let r = runCLI([
      "group", "--definitions", folder + "/T.json", "--claims", folder + "/claims.csv", "--out",
      folder + "/out", "--quiet",
    ])
    #expect(r.code == .success)
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contents(folder + "/out/summary.json").utf8))
        as? [String: Any])
    // Z1 0.00 and Z2 −5.00: two lines, −5.00; Z3 is unassigned too (no trigger) but positive.
    #expect(part(summary, "not_positive") == [2, -5.00])
    #expect((summary["lines"] as? [String: Int])?["unassigned"] == 3)
  }

  @Test("--amount paid sums paid amounts, and summary.json says so")
  func paidBasis() throws {
    let (code, summary, _) = try run(["--amount", "paid"])
    #expect(code == .success)
    #expect(summary["amount_basis"] as? String == "paid")
    #expect(summary["lines_without_standardized_amount"] as? Int == 0)
    let dollars = try #require(summary["dollars"] as? [String: Any])
    // Assigned: S2 6200.00 + P1 250.00 = 6450.00; unassigned: B 8500.00 + (9000.00 − 9000.00 +
    // S1 6000.00) = 14500.00.
    #expect(dollars["assigned"] as? Double == 6450.00)
    #expect(dollars["unassigned"] as? Double == 14500.00)
    // No standardized column: every line keeps its allowed amount under --amount standardized.
    let (_, standardized, _) = try run(["--amount", "standardized"])
    #expect(standardized["amount_basis"] as? String == "standardized")
    #expect(standardized["lines_without_standardized_amount"] as? Int == 6)
  }

  @Test("an unknown --amount is a usage error")
  func unknownBasis() throws {
    let (code, _, stderr) = try run(["--amount", "billed"])
    #expect(code == .usage)
    #expect(
      stderr.contains("--amount must be one of allowed, paid, standardized, found 'billed'"))
  }

  @Test("convert leaves out the lines a reader set aside, and says how many")
  func convertLeavesOutSetAside() throws {
    let folder = try temporaryFolder()
    let header =
      "BENE_ID|CLM_ID|FINAL_ACTION|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_THRU_DT|CLM_PMT_AMT|"
      + "NCH_PRMRY_PYR_CLM_PD_AMT|CLM_PASS_THRU_PER_DIEM_AMT|NCH_BENE_IP_DDCTBL_AMT|"
      + "NCH_BENE_PTA_COINSRNC_LBLTY_AM|NCH_BENE_BLOOD_DDCTBL_LBLTY_AM|CLM_UTLZTN_DAY_CNT|"
      + "CLM_DRG_CD|CLM_LINE_NUM|REV_CNTR"
    // Claim 100 is final; claim 101 is not (N): read, set aside, not written.
    let rows = [
      "7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|0|0|0|0|0|3|0470|1|0001",
      "7|101|N|60|05-Mar-2024|08-Mar-2024|900.00|0|0|0|0|0|3|0470|1|0001",
    ]
    try ([header] + rows).joined(separator: "\n").appending("\n").write(
      toFile: folder + "/inpatient.csv", atomically: true, encoding: .utf8)
    let out = folder + "/claims.csv"
    let r = runCLI(
      [
        "convert", "--claims", folder + "/inpatient.csv", "--format", "rif", "--out", out,
        "--quiet",
      ])
    #expect(r.code == .success)
    #expect(
      r.stdout == "wrote 1 claim lines from 2 rows read, 1 set aside (never grouped), to \(out)\n")
    #expect(contents(out).split(separator: "\n").dropFirst().map { $0.prefix(4) } == ["100,"])
  }
}
