import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperReports

/// `grouper price` on a small hand-made run folder: what it reads, and what it refuses.
@Suite struct PriceCommandTests {
  let header = EpisodeReports.episodeColumns.joined(separator: ",")

  /// A run folder with `rows` of episodes.csv and a summary naming no members file.
  func runFolder(_ rows: [String]) throws -> String {
    let dir = NSTemporaryDirectory() + "price-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try ([header] + rows).joined(separator: "\n").appending("\n")
      .write(toFile: dir + "/episodes.csv", atomically: true, encoding: .utf8)
    let summary = #"""
      {
        "claims_file": "claims.csv",
        "members_file": null,
        "definitions": [
          { "id": "LEJR", "version": "1", "file": "LEJR.json" }
        ]
      }
      """#
    try summary.write(toFile: dir + "/summary.json", atomically: true, encoding: .utf8)
    return dir
  }

  func write(_ text: String, _ path: String) throws -> String {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func run(_ arguments: [String]) -> (ExitCode, String, String) {
    let out = TextBuffer()
    let err = TextBuffer()
    return (GrouperCLI.run(arguments, stdout: out, stderr: err), out.text, err.text)
  }

  let episode =
    "LEJR-C1,LEJR,1,M1,P,H1,C1,2023-06-01,2023-06-03,2023-06-01,2023-08-31,complete,,12,9200.00,470,0"

  @Test func pricesTheRunWithoutClaimsOrMembersWhenNoRiskModelNeedsThem() throws {
    let dir = try runFolder([episode])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let prices = try write(
      Fixture.program(
        design: "retrospective",
        definitions: #"{ "LEJR": { "discount": "0.03", "targets": [ { "amount": "10000.00" } ] } }"#
      ),
      dir + "/prices.json")
    let (code, stdout, stderr) = run(["price", "--run", dir, "--prices", prices])
    #expect(code == .success, "\(stderr)")
    // 10000.00 × 0.97 = 9700.00; variance 9700.00 − 9200.00 = 500.00; one provider, net 500.00.
    #expect(
      stdout
        == "priced 1 episode (0 unpriced, 0 outliers excluded, 0 left out) for 1 provider reconciliation; "
        + "net reconciliation 500.00, payer savings 300.00; wrote \(dir)\n")
    let pricing = try String(contentsOfFile: dir + "/pricing.csv", encoding: .utf8).split(
      separator: "\n")
    #expect(
      pricing[1]
        == "LEJR-C1,prog,retrospective,LEJR,P,H1,,M1,2023-06-01,470,complete,priced,,programs[0].definitions.LEJR.targets[0],"
        + "10000.00,,1,10000.00,0.03,9700.00,9200.00,,,,false,9200.00,,500.00")
    let summary = try String(contentsOfFile: dir + "/summary.json", encoding: .utf8)
    #expect(summary.hasPrefix("{\n  \"claims_file\": \"claims.csv\",\n  \"members_file\": null,\n"))
    #expect(summary.contains("\"pricing\": {\n    \"prices_file\": \"\(prices)\","))
  }

  @Test func ageAdjustmentNeedsAMembersFile() throws {
    let dir = try runFolder([episode])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let prices = try write(
      Fixture.program(
        design: "retrospective",
        definitions: #"""
          { "LEJR": { "targets": [ { "amount": "10000.00" } ],
                      "risk_adjustment": { "age_bands": [ { "from": 0, "factor": "1" } ] } } }
          """#),
      dir + "/prices.json")
    let (code, _, stderr) = run(["price", "--run", dir, "--prices", prices])
    #expect(code == .usage)
    #expect(
      stderr
        == "grouper price: error: the price file adjusts for age or sex, and the run had no members file: give --members\n"
    )
  }

  @Test func aMalformedEpisodesFileIsALocatedError() throws {
    // Row 3 (the second episode) has status `done`, in column 12.
    let dir = try runFolder([episode, episode.replacingOccurrences(of: "complete", with: "done")])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let prices = try write(
      Fixture.program(
        design: "retrospective",
        definitions: #"{ "LEJR": { "targets": [ { "amount": "1.00" } ] } }"#),
      dir + "/prices.json")
    let (code, _, stderr) = run(["price", "--run", dir, "--prices", prices])
    #expect(code == .dataError)
    #expect(
      stderr
        == "\(dir)/episodes.csv:3:12: error: status: unknown status 'done' (expected complete, open or cancelled)\n"
    )
  }
}
