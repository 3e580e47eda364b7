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
}
