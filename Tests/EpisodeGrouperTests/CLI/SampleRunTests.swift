import Foundation
import Testing

@testable import GrouperCommands

/// The README's main command on the shipped samples. Every expected figure is derived by hand in
/// `Golden/sample-run/DERIVATION.md` from the stories in `SampleClaims/README.md`.
@Suite("The sample run")
struct SampleRunTests {
  static func run(jobs: Int = 2) throws -> (
    String, (code: ExitCode, stdout: String, stderr: String)
  ) {
    let out = try temporaryFolder()
    let result = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"),
      "--members", packagePath("SampleClaims/members.csv"), "--out", out, "--jobs", String(jobs),
      "--quiet",
    ])
    return (out, result)
  }

  @Test("episodes, their lines and exclusions are as derived by hand")
  func outputs() throws {
    let (out, result) = try Self.run()
    #expect(result.code == .success)
    #expect(result.stderr == "")
    // DERIVATION.md, "Totals": 64 rows = 40 in episodes + 24 not; 262270.49 read = 203765.00
    // assigned + 53505.50 unassigned + 4999.99 prorated away (257270.50 + 4999.99).
    #expect(
      result.stdout
        == "episodes      15: 9 complete, 2 open, 4 cancelled\n"
        + "claim lines   64 read = 40 assigned + 24 unassigned + 0 rejected\n"
        + "dollars       262270.49 read = 203765.00 assigned + 53505.50 unassigned + 0.00 rejected"
        + " + 4999.99 prorated away\n"
        + "data through  2024-12-31\n"
        + "wrote         \(out)\n")
    expectGolden(contents(out + "/episodes.csv"), "sample-run/episodes.csv")
    expectGolden(contents(out + "/episode_claims.csv"), "sample-run/episode_claims.csv")
    expectGolden(contents(out + "/excluded_claims.csv"), "sample-run/excluded_claims.csv")
    #expect(contents(out + "/rejected.csv") == "file,line,column,field,value,reason,row\n")
  }

  @Test("the summary accounts for every line and dollar")
  func summary() throws {
    let (out, _) = try Self.run()
    let json =
      try JSONSerialization.jsonObject(with: Data(contents(out + "/summary.json").utf8))
      as! [String: Any]
    let lines = json["lines"] as! [String: Int]
    // 64 rows; 40 counted in episodes and 24 not (DERIVATION.md, "Totals").
    #expect(lines == ["read": 64, "rejected": 0, "assigned": 40, "unassigned": 24])
    let text = contents(out + "/summary.json")
    // Dollars: 262270.49 read = 203765.00 assigned + 53505.50 unassigned + 4999.99 prorated away.
    #expect(text.contains("\"read\": 262270.49,"))
    #expect(text.contains("\"assigned\": 203765.00,"))
    #expect(text.contains("\"unassigned\": 53505.50,"))
    #expect(text.contains("\"prorated_away\": 4999.99,"))
    #expect(json["data_through"] as? String == "2024-12-31")
    let byStatus = (json["episodes"] as! [String: Any])["by_status"] as! [String: Int]
    #expect(byStatus == ["complete": 9, "open": 2, "cancelled": 4])
  }

  @Test("the outputs do not depend on the thread count or the order of the rows")
  func determinism() throws {
    let (first, _) = try Self.run(jobs: 1)
    // The same claims, rows reversed and the header kept first.
    let rows = contents(packagePath("SampleClaims/claims.csv")).split(separator: "\n")
    let shuffled = ([rows[0]] + rows.dropFirst().reversed()).joined(separator: "\n") + "\n"
    let folder = try temporaryFolder()
    try shuffled.write(toFile: folder + "/claims.csv", atomically: true, encoding: .utf8)
    let out = folder + "/out"
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      folder + "/claims.csv",
      "--members", packagePath("SampleClaims/members.csv"), "--out", out, "--jobs", "4", "--quiet",
    ])
    #expect(r.code == .success)
    for file in ["episodes.csv", "episode_claims.csv", "excluded_claims.csv"] {
      #expect(contents(out + "/" + file) == contents(first + "/" + file), "\(file)")
    }
  }
}
