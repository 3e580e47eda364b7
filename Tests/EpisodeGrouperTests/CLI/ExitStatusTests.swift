import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperSupport

/// The exit statuses: one per diagnostic kind (the BSD `sysexits.h` numbers the help text
/// documents), and the status the command line gives for each class of failure.
@Suite("Exit statuses")
struct ExitStatusTests {
  @Test(
    "each diagnostic kind exits with its documented status",
    arguments: [
      (Diagnostic.Kind.usage, Int32(64)),
      (.badInput, 65),
      (.missingInput, 66),
      (.outputNotWritable, 73),
      (.busy, 75),
    ])
  func kinds(_ kind: Diagnostic.Kind, _ status: Int32) {
    #expect(ExitCode(kind).rawValue == status)
  }

  @Test("every kind is in the table above")
  func everyKind() {
    #expect(Diagnostic.Kind.allCases.count == 5)
  }

  static let claims = """
    claim_id,member_id,claim_type,from_date,allowed_amount
    C1,M1,inpatient,2024-01-08,1000.00

    """

  @Test("a missing definitions folder exits 66, naming it")
  func missingDefinitions() throws {
    let folder = try temporaryFolder()
    let claims = folder + "/claims.csv"
    try Self.claims.write(toFile: claims, atomically: true, encoding: .utf8)
    let r = runCLI([
      "group", "--definitions", folder + "/none", "--claims", claims, "--out", folder + "/out",
    ])
    #expect(r.code.rawValue == 66)
    #expect(r.stderr == "\(folder)/none: error: no such file or folder\n")
  }

  @Test("a definition that does not load exits 65, at its place")
  func badDefinition() throws {
    let folder = try temporaryFolder()
    // `{"id": "X", "name": ` is 20 characters: the value of "name" (a number) is in column 21.
    try #"{"id": "X", "name": 1}"#.write(
      toFile: folder + "/x.json", atomically: true, encoding: .utf8)
    let r = runCLI(["validate", "--definitions", folder])
    #expect(r.code.rawValue == 65)
    #expect(r.stderr == "\(folder)/x.json:1:21: error: $.name: expected a string, found number\n")
  }

  @Test("an unknown option exits 64")
  func unknownOption() {
    let r = runCLI(["validate", "--definition", "x"])
    #expect(r.code.rawValue == 64)
    #expect(
      r.stderr
        == "grouper validate: error: unknown option '--definition' (did you mean '--definitions'?)\n"
    )
  }

  @Test("an output that cannot be written exits 73")
  func unwritableOutput() throws {
    let folder = try temporaryFolder()
    let claims = folder + "/claims.csv"
    try Self.claims.write(toFile: claims, atomically: true, encoding: .utf8)
    // A folder cannot be created inside a file.
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims, "--out",
      claims + "/out", "--quiet",
    ])
    #expect(r.code.rawValue == 73)
    #expect(r.stderr == "\(claims)/out: error: cannot create the output folder\n")
  }
}
