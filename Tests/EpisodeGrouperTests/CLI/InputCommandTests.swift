import Foundation
import Testing

@testable import GrouperCommands

/// What `group` and `convert` do with input that is partly or wholly bad: every row rejected,
/// more than 1% rejected, columns a definition tests missing, code warnings in summary.json,
/// the date range, and the data's last date taken from the from dates.
@Suite("grouper group and convert: input rules")
struct InputCommandTests {
  /// A folder holding one definition: inpatient DRG 470 triggers, 90 days after discharge.
  func definitions() throws -> String {
    let folder = try temporaryFolder()
    try #"""
    {"id": "T", "name": "Test", "version": "1",
     "trigger": {"all": [{"claim_type": "inpatient"}, {"field": "drg", "in": ["470"]}]},
     "anchor": "stay", "windows": {"post_anchor": {"days": 90, "day_one": "anchor_end"}},
     "include": [{"id": "all", "category": "other"}]}
    """#.write(toFile: folder + "/T.json", atomically: true, encoding: .utf8)
    return folder
  }

  func write(_ text: String, _ name: String = "claims.csv") throws -> String {
    let path = try temporaryFolder() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let header =
    "claim_id,member_id,claim_type,from_date,thru_date,drg,billing_provider,allowed_amount"

  @Test("with --skip-invalid, a file whose every row is rejected fails with exit 65")
  func everyRowRejected() throws {
    let claims = try write(
      Self.header + "\nC1,M1,inpatient,2024-02-31,,470,,5.00\nC2,M1,lab,2024-02-01,,,,5.00\n")
    let out = try temporaryFolder() + "/out"
    let r = runCLI([
      "group", "--definitions", try definitions(), "--claims", claims, "--out", out,
      "--skip-invalid", "--quiet",
    ])
    #expect(r.code == .dataError)
    #expect(
      r.stderr == """
        \(claims):2:4: error: from_date: not a real date in the form YYYY-MM-DD '2024-02-31'
        \(claims):3:3: error: claim_type: unknown claim type (expected one of inpatient, outpatient, professional, snf, home_health, hospice, dme, pharmacy) 'lab'
        grouper: error: every one of the 2 rows was rejected; nothing was written

        """)
    #expect(!FileManager.default.fileExists(atPath: out + "/episodes.csv"))
    // convert fails the same way.
    let c = runCLI([
      "convert", "--claims", claims, "--out", out + ".csv", "--skip-invalid", "--quiet",
    ])
    #expect(c.code == .dataError)
    #expect(
      c.stderr.hasSuffix(
        "grouper: error: every one of the 2 rows was rejected; nothing was written\n"))
    #expect(!FileManager.default.fileExists(atPath: out + ".csv"))
  }

  @Test("with --skip-invalid, more than 1% of rows rejected is a warning; 1% is not")
  func manyRejected() throws {
    let good = (1...99).map { "C\($0),M\($0),professional,2024-02-01,,,,10.00" }
    let bad = "X1,M1,professional,2024-02-30,,,,10.00"
    // 1 of 3 rows is 33.3%, more than 1%.
    let few = try write(([Self.header] + good.prefix(2) + [bad]).joined(separator: "\n") + "\n")
    let r = runCLI([
      "group", "--definitions", try definitions(), "--claims", few, "--out",
      try temporaryFolder(), "--skip-invalid",
    ])
    #expect(r.code == .success)
    #expect(
      r.stderr.contains(
        "grouper: warning: 1 of 3 rows (33.3%) were rejected, more than 1%\n"))
    // 1 of 100 rows is 1%, not more: no warning.
    let many = try write(([Self.header] + good + [bad]).joined(separator: "\n") + "\n")
    let s = runCLI([
      "group", "--definitions", try definitions(), "--claims", many, "--out",
      try temporaryFolder(), "--skip-invalid",
    ])
    #expect(s.code == .success)
    #expect(!s.stderr.contains("were rejected"))
    // --quiet silences the warning.
    let q = runCLI([
      "group", "--definitions", try definitions(), "--claims", few, "--out",
      try temporaryFolder(), "--skip-invalid", "--quiet",
    ])
    #expect(q.code == .success && q.stderr == "")
  }

  @Test("a column a definition tests is named when the claims lack it")
  func missingColumn() throws {
    let claims = try write(
      "claim_id,member_id,claim_type,from_date,allowed_amount\nC1,M1,inpatient,2024-02-01,10.00\n")
    let r = runCLI([
      "group", "--definitions", try definitions(), "--claims", claims, "--out",
      try temporaryFolder(),
    ])
    #expect(r.code == .success)
    #expect(
      r.stderr.contains(
        "\(claims): warning: no 'drg' column, but definition T tests drg (its trigger's tests on drg can never match lines of this file)\n"
      ))
    // convert has no definitions: it warns when neither drg nor hcpcs is there.
    let c = runCLI(["convert", "--claims", claims, "--out", try temporaryFolder() + "/c.csv"])
    #expect(c.code == .success)
    #expect(
      c.stderr.contains(
        "\(claims): warning: no 'drg' or 'hcpcs' column: no shipped definition's trigger can match a line of this file\n"
      ))
  }

  @Test("a RIF file without CLM_DRG_CD converts with a warning by name")
  func rifWithoutDRG() throws {
    let header =
      "BENE_ID|CLM_ID|FINAL_ACTION|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_THRU_DT|CLM_PMT_AMT|NCH_PRMRY_PYR_CLM_PD_AMT|"
      + "CLM_PASS_THRU_PER_DIEM_AMT|NCH_BENE_IP_DDCTBL_AMT|NCH_BENE_PTA_COINSRNC_LBLTY_AM|NCH_BENE_BLOOD_DDCTBL_LBLTY_AM|"
      + "CLM_UTLZTN_DAY_CNT|CLM_LINE_NUM|REV_CNTR"
    let file = try write(
      header + "\n7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|0|0|0|0|0|3|1|0001\n", "inpatient.csv")
    let r = runCLI([
      "group", "--definitions", try definitions(), "--claims", file, "--format", "rif", "--out",
      try temporaryFolder(),
    ])
    #expect(r.code == .success)
    #expect(
      r.stderr.contains(
        "\(file): warning: no 'CLM_DRG_CD' column, but definition T tests drg (its trigger's tests on drg can never match lines of this file)\n"
      ))
    let c = runCLI([
      "convert", "--claims", file, "--format", "rif", "--out", try temporaryFolder() + "/c.csv",
    ])
    #expect(c.code == .success)
    #expect(
      c.stderr.contains(
        "\(file): warning: no 'CLM_DRG_CD' or 'HCPCS_CD' column: no shipped definition's trigger can match a line of this file\n"
      ))
  }

  @Test("a wrong NPI check digit is counted in summary.json with its places")
  func npiWarningInSummary() throws {
    // 1234567890 fails the check (Luhn sum 67 with the 80840 prefix), on lines 2 and 3;
    // 1234567893 (sum 70) passes, on line 4.
    let claims = try write(
      Self.header + "\nC1,M1,inpatient,2024-02-01,2024-02-03,470,1234567890,10.00\n"
        + "C2,M2,professional,2024-02-01,,,1234567890,10.00\n"
        + "C3,M3,professional,2024-02-01,,,1234567893,10.00\n")
    let out = try temporaryFolder()
    let r = runCLI(["group", "--definitions", try definitions(), "--claims", claims, "--out", out])
    #expect(r.code == .success)
    #expect(
      r.stderr.contains(
        "grouper: warning: 2 npi_check_digit: ten-digit provider ids with a wrong NPI check digit "
          + "(e.g. \(claims):2:7 '1234567890', \(claims):3:7 '1234567890')\n"))
    let json =
      try JSONSerialization.jsonObject(with: Data(contents(out + "/summary.json").utf8))
      as! [String: Any]
    let warnings = json["warnings"] as! [String: [String: Any]]
    #expect(warnings.keys.sorted() == ["npi_check_digit"])
    #expect(warnings["npi_check_digit"]?["count"] as? Int == 2)
    let places = warnings["npi_check_digit"]?["places"] as! [[String: String]]
    #expect(
      places == [
        ["at": "\(claims):2:7", "field": "billing_provider", "value": "1234567890"],
        ["at": "\(claims):3:7", "field": "billing_provider", "value": "1234567890"],
      ])
  }

  @Test("--date-range changes the plausible dates, and a malformed one is bad usage")
  func dateRange() throws {
    let claims = try write(Self.header + "\nC1,M1,inpatient,1890-02-01,1890-02-03,470,,10.00\n")
    let refused = runCLI([
      "group", "--definitions", try definitions(), "--claims", claims, "--out",
      try temporaryFolder(), "--quiet",
    ])
    #expect(refused.code == .dataError)
    #expect(
      refused.stderr.hasPrefix(
        "\(claims):2:4: error: from_date: date outside the plausible range 1900-01-01 to 2100-12-31 (change it with --date-range) '1890-02-01'\n"
      ))
    let out = try temporaryFolder()
    let allowed = runCLI([
      "group", "--definitions", try definitions(), "--claims", claims, "--out", out, "--quiet",
      "--date-range", "1850-01-01..2100-12-31",
    ])
    #expect(allowed.code == .success)
    // The stay is the latest service start: it is the data's last date.
    let json =
      try JSONSerialization.jsonObject(with: Data(contents(out + "/summary.json").utf8))
      as! [String: Any]
    #expect(json["data_through"] as? String == "1890-02-01")
    for bad in ["2100-12-31..1900-01-01", "1900-01-01", "1900-01-01..2100-13-01"] {
      let r = runCLI([
        "group", "--definitions", try definitions(), "--claims", claims, "--out",
        try temporaryFolder(), "--date-range", bad,
      ])
      #expect(r.code == .usage)
      #expect(
        r.stderr
          == "grouper group: error: --date-range must be two dates FIRST..LAST in order (1900-01-01..2100-12-31), found '\(bad)'\n"
      )
    }
  }

  @Test("the data's last date is the latest from date: a long rental does not stretch it")
  func dataThroughFromDates() throws {
    // A knee replacement discharged 2024-03-05 (window to 2024-03-05 + 89 = 2024-06-02) and a DME
    // rental from 2024-05-01 billed through 2025-06-30. The latest from date, 2024-05-01, is
    // before the window's end, so the episode is open; the thru date would have closed it.
    let claims = try write(
      Self.header + "\nC1,M1,inpatient,2024-03-01,2024-03-05,470,,100.00\n"
        + "C2,M1,dme,2024-05-01,2025-06-30,,,1000.00\n")
    let out = try temporaryFolder()
    let r = runCLI([
      "group", "--definitions", try definitions(), "--claims", claims, "--out", out, "--quiet",
    ])
    #expect(r.code == .success)
    #expect(r.stdout.hasPrefix("episodes      1: 0 complete, 1 open, 0 cancelled\n"))
    let json =
      try JSONSerialization.jsonObject(with: Data(contents(out + "/summary.json").utf8))
      as! [String: Any]
    #expect(json["data_through"] as? String == "2024-05-01")
  }
}
