import Foundation
import Testing

@Suite("The built grouper executable")
struct BinaryTests {
  /// The executable beside the test bundle in the build folder.
  static var executable: String? {
    var url = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = url.appendingPathComponent("grouper").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      url.deleteLastPathComponent()
    }
    return nil
  }

  @Test(
    "runs the README's command on the samples and exits 0",
    .enabled(if: executable != nil, "the grouper executable is built beside the tests"))
  func samples() throws {
    let out = try temporaryFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.executable!)
    process.arguments = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"),
      "--members", packagePath("SampleClaims/members.csv"), "--out", out,
    ]
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let text = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    // DERIVATION.md, "Totals": 64 rows = 40 in episodes + 24 not; 262270.49 read = 203765.00
    // assigned + 53505.50 unassigned + 4999.99 prorated away (257270.50 + 4999.99).
    #expect(
      text
        == "episodes      15: 9 complete, 2 open, 4 cancelled\n"
        + "claim lines   64 read = 40 assigned + 24 unassigned + 0 rejected\n"
        + "dollars       262270.49 read = 203765.00 assigned + 53505.50 unassigned + 0.00 rejected"
        + " + 4999.99 prorated away\n"
        + "data through  2024-12-31\n"
        + "wrote         \(out)\n")
    // stderr says what format was read, the code warnings, then the rows and their rate.
    let progress = String(
      decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let lines = progress.split(separator: "\n")
    // The samples' made-up ten-digit NPIs mostly fail the NPI check digit: one warning line.
    #expect(lines.count == 3)
    #expect(lines.dropFirst().first?.hasPrefix("grouper: warning: ") == true)
    #expect(
      lines.first?.hasSuffix(
        "as native (detected: the header has the native claim_id and member_id columns)") == true)
    #expect(lines.last?.hasPrefix("grouper: read 64 rows in ") == true)
    expectGolden(contents(out + "/episodes.csv"), "sample-run/episodes.csv")
  }

  @Test(
    "exits non-zero with one line on a missing file",
    .enabled(if: executable != nil, "the grouper executable is built beside the tests"))
  func failure() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.executable!)
    process.arguments = [
      "group", "--definitions", "EpisodeDefinitions", "--claims", "/no/such.csv", "--out", "/tmp/x",
    ]
    let stderr = Pipe()
    process.standardError = stderr
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 66)
    #expect(
      String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        == "/no/such.csv: error: claims file or folder not found\n")
  }
}
