import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperSupport

/// Work on a thread of its own, and `group` reading the members file that way while it reads the
/// claims: results and errors come back where the work is waited for, claims' errors first.
@Suite("Background work and the members file")
struct BackgroundMembersTests {
  /// A thrown value to tell one error from another.
  struct Failure: Error, Equatable {
    var code: Int
  }

  @Test("the value, or the error thrown, comes back to whoever waits, as often as asked")
  func values() throws {
    let sum = BackgroundWork { (1...100).reduce(0, +) }
    // 1 + 2 + … + 100 = 100 × 101 / 2 = 5050.
    #expect(try sum.value() == 5050)
    #expect(try sum.value() == 5050)
    let failing = BackgroundWork { () throws -> Int in throw Failure(code: 7) }
    #expect(throws: Failure(code: 7)) { try failing.value() }
    #expect(throws: Failure(code: 7)) { try failing.value() }
  }

  @Test("a missing members file is its located error; a bad claims file's error comes first")
  func errorOrder() throws {
    let folder = try temporaryFolder()
    let claims = folder + "/claims.csv"
    try
      "claim_id,member_id,claim_type,from_date,allowed_amount\nC1,M1,professional,2024-01-01,1.00\n"
      .write(toFile: claims, atomically: true, encoding: .utf8)
    let members = folder + "/no-members.csv"
    let definitions = packagePath("EpisodeDefinitions")
    let missing = runCLI([
      "group", "--definitions", definitions, "--claims", claims, "--members", members,
      "--out", folder + "/out",
    ])
    #expect(missing.code != .success)
    #expect(missing.stderr.contains("\(members): error: "), "\(missing.stderr)")
    // Both missing: the claims file is named, as when the members file was read after it.
    let both = runCLI([
      "group", "--definitions", definitions, "--claims", folder + "/no-claims.csv",
      "--members", members, "--out", folder + "/out2",
    ])
    #expect(both.code != .success)
    #expect(both.stderr.contains("\(folder)/no-claims.csv: error: "), "\(both.stderr)")
    #expect(!both.stderr.contains(members), "\(both.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }
}
