import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperSupport

/// `grouper targets` end to end on small baseline run folders written by hand: two runs read
/// together, standardisation by age from the run's members file, the two files written, and
/// the exit status of each bad input.
@Suite struct TargetsCommandTests {
  /// A run folder holding `rows` (episode_id, member, provider, anchor day, allowed, code) of
  /// MEDICARE LEJR episodes and a summary naming `members`.
  func run(
    _ folder: String, _ rows: [(String, String, String, String, String, String)], members: String
  )
    throws -> String
  {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var text =
      "episode_id,definition_id,member_id,payer_id,accountable_provider,anchor_start,anchor_end,status,reason,allowed_total,trigger_code\n"
    for r in rows {
      text += "\(r.0),LEJR,\(r.1),MEDICARE,\(r.2),\(r.3),\(r.3),complete,,\(r.4),\(r.5)\n"
    }
    try text.write(toFile: folder + "/episodes.csv", atomically: true, encoding: .utf8)
    let summary = """
      { "claims_file": "/nonexistent/claims.csv", "claims_format": "native", "members_file": "\(members)",
        "default_payer": "default", "definitions": [ { "id": "LEJR" } ] }
      """
    try summary.write(toFile: folder + "/summary.json", atomically: true, encoding: .utf8)
    return folder
  }

  /// A method: one baseline year per run (2021 and 2022, weights 1/4 and 3/4), regional cells,
  /// standardised by age (under 65: 0.8; 65 and over: 1), a 2% discount.
  let method = """
    { "version": 1,
      "program": { "id": "bundles", "payer": "MEDICARE", "design": "retrospective", "target_date": "anchor_end" },
      "baseline": { "years": [ { "year": 2021, "weight": "1/4" }, { "year": 2022, "weight": "3/4" } ] },
      "effective": { "from": "2023-01-01" },
      "definitions": { "LEJR": {
        "standardize": true, "discount": "0.02",
        "price_file": { "risk_adjustment": { "age_bands": [ { "from": 0, "through": 64, "factor": "0.8" }, { "from": 65, "factor": "1" } ] } } } } }
    """

  func setUp() throws -> (folder: String, a: String, b: String) {
    let folder = try temporaryFolder()
    let members = folder + "/members.csv"
    try "member_id,birth_date,sex\nYOUNG,1980-01-01,F\nOLD,1940-01-01,M\n".write(
      toFile: members, atomically: true, encoding: .utf8)
    try "provider,region\nH1,east\nH2,east\n".write(
      toFile: folder + "/providers.csv", atomically: true, encoding: .utf8)
    try method.write(toFile: folder + "/method.json", atomically: true, encoding: .utf8)
    let a = try run(
      folder + "/y2021",
      [
        ("A1", "OLD", "H1", "2021-03-01", "10000.00", "470"),
        ("A2", "YOUNG", "H2", "2021-04-01", "8000.00", "470"),
      ],
      members: members)
    let b = try run(
      folder + "/y2022", [("B1", "OLD", "H1", "2022-03-01", "12000.00", "470")], members: members)
    return (folder, a, b)
  }

  @Test func setsTargetsFromTwoRuns() throws {
    let (folder, a, b) = try setUp()
    let out = folder + "/out/prices.json"
    try FileManager.default.createDirectory(
      atPath: folder + "/out", withIntermediateDirectories: true)
    let r = runCLI([
      "targets", "--baseline", a, b, "--method", folder + "/method.json", "--providers",
      folder + "/providers.csv", "--out", out, "--quiet",
    ])
    #expect(r.code == .success, "\(r.stderr)")
    // 2021: OLD 10000.00 ÷ 1 and YOUNG 8000.00 ÷ 0.8 = 10000.00: mean 10000.00. 2022: 12000.00.
    // 1/4 × 10000 + 3/4 × 12000 = 2500 + 9000 = 11500.00.
    #expect(
      r.stdout
        == "set 1 target from 3 baseline episodes; wrote \(out) and \(folder)/out/targets.csv\n")
    let rows = try csvTable(folder + "/out/targets.csv")
    #expect(rows.count == 1)
    #expect(rows[0]["target"] == "11500.00")
    #expect(rows[0]["years"] == "2021:2 2022:1")
    #expect(rows[0]["weights"] == "2021:0.25 2022:0.75")
    #expect(rows[0]["discounted_target"] == "11270.00")
    #expect(contents(out).contains(#""amount": 11500.00"#))
    // The price file prices a run as written.
    let priced = runCLI([
      "price", "--run", b, "--prices", out, "--out", folder + "/priced", "--quiet",
    ])
    #expect(priced.code == .success, "\(priced.stderr)")
  }

  @Test func badInputsAndTheirStatus() throws {
    let (folder, a, _) = try setUp()
    let base = ["targets", "--baseline", a, "--method", folder + "/method.json"]
    let out = ["--out", folder + "/p.json"]
    #expect(runCLI(base + out).code == .usage)
    #expect(
      runCLI(base + out).stderr
        == "grouper targets: error: the method prices by region: give --providers (CSV: provider, region)\n"
    )
    #expect(
      runCLI(
        [
          "targets", "--baseline", folder + "/none", "--method", folder + "/method.json",
          "--providers",
          folder + "/providers.csv",
        ] + out
      ).code == .noInput)
    try "provider,region\nH1,east\nH1,west\n".write(
      toFile: folder + "/twice.csv", atomically: true, encoding: .utf8)
    let twice = runCLI(base + ["--providers", folder + "/twice.csv"] + out)
    #expect(twice.code == .dataError)
    #expect(
      twice.stderr
        == "\(folder)/twice.csv:3:1: error: provider: provider 'H1' is already listed on line 2\n")
    #expect(!FileManager.default.fileExists(atPath: folder + "/p.json"))
  }
}
