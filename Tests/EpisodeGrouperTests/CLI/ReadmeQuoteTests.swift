import Foundation
import Testing

@testable import GrouperCommands

/// The README quotes what the tool prints; these keep the quotes true.
@Suite("README quotes")
struct ReadmeQuoteTests {
  static let readme = contents(packagePath("README.md"))

  @Test("the quick start's report block is what the sample run prints")
  func quickStartBlock() throws {
    let (out, result) = try SampleRunTests.run()
    #expect(result.code == .success)
    let quoted = result.stdout.replacingOccurrences(of: out, with: "out")
    #expect(Self.readme.contains("```\n" + quoted + "```\n"))
  }

  @Test("the bad-input example is what the tool prints for an impossible date on line 4")
  func badInputExample() throws {
    let folder = try temporaryFolder()
    // Line 4 is C102's professional line; from_date is its sixth column.
    var lines = contents(packagePath("SampleClaims/claims.csv")).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    #expect(lines[3].hasPrefix("C102,1,M001,MEDICARE,professional,2024-01-08,"))
    lines[3] = lines[3].replacingOccurrences(
      of: "professional,2024-01-08", with: "professional,2024-02-30")
    let claims = folder + "/claims.csv"
    try lines.joined(separator: "\n").write(toFile: claims, atomically: false, encoding: .utf8)
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims, "--out",
      folder + "/out", "--quiet",
    ])
    #expect(r.code == .dataError)
    let quoted = r.stderr.replacingOccurrences(of: claims, with: "SampleClaims/claims.csv")
    #expect(quoted.hasPrefix("SampleClaims/claims.csv:4:6: error: from_date:"))
    #expect(Self.readme.contains("```\n" + quoted + "```\n"))
  }
}
