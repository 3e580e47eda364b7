import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperSupport

/// What a run tells: `summary.json` names its inputs by absolute path with their format, so
/// `grouper price --run` works from any folder and after any format; the no-members warning; and
/// progress on a terminal only.
@Suite("Run summary inputs, warnings and progress")
struct RunReportTests {
  /// Runs the built executable in `folder`; returns its status, stdout and stderr.
  static func binary(_ arguments: [String], in folder: String) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: BinaryTests.executable!)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: folder)
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (
      p.terminationStatus, String(decoding: stdout, as: UTF8.self),
      String(decoding: stderr, as: UTF8.self)
    )
  }

  /// The summary's top-level members.
  static func summary(_ folder: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contents(folder + "/summary.json").utf8))
      as! [String: Any]
  }

  static let prices = packagePath("EpisodeDefinitions/prices/sample_prices.json")

  @Test(
    "relative inputs are recorded absolute, and price --run works from another folder",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func priceFromAnotherFolder() throws {
    let work = try temporaryFolder()
    let run = work + "/run"
    let grouped = try Self.binary(
      [
        "group", "--definitions", "EpisodeDefinitions", "--claims", "SampleClaims/claims.csv",
        "--members", "SampleClaims/members.csv", "--out", run, "--quiet",
      ], in: packageRoot)
    #expect(grouped.0 == 0, "\(grouped.2)")
    let summary = try Self.summary(run)
    #expect(summary["claims_file"] as? String == packagePath("SampleClaims/claims.csv"))
    #expect(summary["members_file"] as? String == packagePath("SampleClaims/members.csv"))
    #expect(summary["claims_format"] as? String == "native")
    #expect(summary["definitions_path"] as? String == packagePath("EpisodeDefinitions"))
    #expect(summary["default_payer"] as? String == "default")

    // The sample prices adjust for age, sex and diagnoses: price reads the run's claims and
    // members by the summary's absolute paths, from a folder where the relative ones are not.
    let priced = try Self.binary(["price", "--run", "run", "--prices", Self.prices], in: work)
    #expect(priced.0 == 0, "\(priced.2)")
    let direct = try temporaryFolder() + "/direct"
    let r = runCLI(OutputFolderTests.sample(direct, ["--prices", Self.prices]))
    #expect(r.code == .success)
    for name in ["pricing.csv", "providers.csv", "payers.csv"] {
      #expect(contents(run + "/" + name) == contents(direct + "/" + name), "\(name)")
    }
    let pricing = try Self.summary(run)["pricing"] as? [String: Any]
    #expect(pricing?["prices_file"] as? String == Self.prices)
    // The priced folder is a whole set: the episodes it priced stayed.
    try OutputFolderTests.expectConsistent(run)
  }

  @Test("after a RIF run, price --run reads the RIF folder and its beneficiaries again")
  func priceAfterRIF() throws {
    let rif = packagePath("Tests/EpisodeGrouperTests/Fixtures/rif-lejr")
    let run = try temporaryFolder() + "/run"
    let base = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", rif, "--format",
      "rif", "--quiet",
    ]
    #expect(runCLI(base + ["--out", run]).code == .success)
    let summary = try Self.summary(run)
    #expect(summary["claims_format"] as? String == "rif")
    #expect(summary["claims_file"] as? String == rif)
    let priced = runCLI(["price", "--run", run, "--prices", Self.prices])
    #expect(priced.code == .success, "\(priced.stderr)")
    let direct = try temporaryFolder() + "/direct"
    #expect(runCLI(base + ["--out", direct, "--prices", Self.prices]).code == .success)
    for name in ["pricing.csv", "providers.csv", "payers.csv"] {
      #expect(!contents(run + "/" + name).isEmpty)
      #expect(contents(run + "/" + name) == contents(direct + "/" + name), "\(name)")
    }
  }

  @Test("a mapped run records the mapping file by absolute path in claims_format")
  func mappingFormatRecorded() throws {
    let run = try temporaryFolder() + "/run"
    let mapping = packagePath("SampleClaims/mapping-example.json")
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/extract-example.psv"), "--format", "mapping:\(mapping)",
      "--out", run, "--quiet",
    ])
    #expect(r.code == .success, "\(r.stderr)")
    #expect(try Self.summary(run)["claims_format"] as? String == "mapping:\(mapping)")
  }

  @Test("an older summary with a relative claims path that is not found is a clear error")
  func olderSummary() throws {
    let run = try temporaryFolder()
    try
      "episode_id,definition_id,member_id,payer_id,accountable_provider,anchor_start,anchor_end,status,reason,allowed_total,trigger_code\n"
      .write(toFile: run + "/episodes.csv", atomically: false, encoding: .utf8)
    let summary = """
      {"claims_file": "no/such/claims.csv", "members_file": "no/such/members.csv",
       "definitions": [{"id": "LEJR"}, {"id": "AMI"}, {"id": "PCI"}, {"id": "PERINATAL"}, {"id": "DIABETES"}]}
      """
    try summary.write(toFile: run + "/summary.json", atomically: false, encoding: .utf8)
    let r = runCLI(["price", "--run", run, "--prices", Self.prices])
    #expect(r.code == .noInput)
    #expect(
      r.stderr
        == "\(run)/summary.json: error: claims_file: the run's input 'no/such/claims.csv' is not "
        + "found (this summary predates absolute paths: run from the folder the run was started "
        + "in); give --claims\n")
  }

  @Test("without a members file the run warns that coverage was not checked, unless --quiet")
  func noMembersWarning() throws {
    let arguments = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--out", try temporaryFolder(),
    ]
    let warning =
      "grouper: warning: no members file: coverage and the members' death dates were not "
      + "checked (give --members FILE)\n"
    #expect(runCLI(arguments).stderr.contains(warning))
    #expect(runCLI(arguments + ["--quiet"]).stderr == "")
    let withMembers = runCLI(
      arguments + ["--members", packagePath("SampleClaims/members.csv")])
    #expect(!withMembers.stderr.contains("no members file"))
  }

  /// Runs the CLI with stderr standing for a terminal or not.
  static func run(_ arguments: [String], terminal: Bool) -> (ExitCode, String) {
    let err = TextBuffer(terminal: terminal)
    let code = GrouperCLI.run(arguments, stdout: TextBuffer(), stderr: err)
    return (code, err.text)
  }

  @Test("group shows the percent read, then its stages, on a terminal only")
  func groupProgress() throws {
    let out = try temporaryFolder()
    let claims = packagePath("SampleClaims/claims.csv")
    let members = packagePath("SampleClaims/members.csv")
    let arguments = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims,
      "--members", members, "--out", out,
    ]
    let (code, text) = Self.run(arguments, terminal: true)
    #expect(code == .success)
    // Each reading ends at 100% on its line; the stages follow in order.
    let clear = "\r\u{1B}[K"
    let claimsDone = text.range(of: "\(clear)grouper: reading \(claims) 100%\n")
    let membersDone = text.range(of: "\(clear)grouper: reading \(members) 100%\n")
    let grouping = text.range(of: "grouper: grouping\n")
    let writing = text.range(of: "grouper: writing \(out)\n")
    #expect(claimsDone != nil && membersDone != nil && grouping != nil && writing != nil)
    if let claimsDone, let membersDone, let grouping, let writing {
      #expect(claimsDone.lowerBound < membersDone.lowerBound)
      #expect(membersDone.lowerBound < grouping.lowerBound)
      #expect(grouping.lowerBound < writing.lowerBound)
    }
    #expect(text.contains("\(clear)grouper: reading \(claims) 0%"))
    // Not a terminal: none of it. --quiet on a terminal: none of it either.
    #expect(!Self.run(arguments, terminal: false).1.contains("%"))
    #expect(Self.run(arguments + ["--quiet"], terminal: true).1 == "")
  }

  @Test("convert, synth, import and price show progress on a terminal")
  func otherCommandsProgress() throws {
    let folder = try temporaryFolder()
    let claims = packagePath("SampleClaims/claims.csv")
    let converted = Self.run(
      ["convert", "--claims", claims, "--out", folder + "/c.csv"], terminal: true)
    #expect(converted.0 == .success)
    #expect(converted.1.contains("grouper: reading \(claims) 100%\n"))
    #expect(converted.1.contains("grouper: writing \(folder)/c.csv\n"))

    // 10 members: one step per member (max(1, 10 / 100)), the last at 100% with a newline.
    let synth = Self.run(
      ["synth", "--members", "10", "--out", folder + "/s.csv"], terminal: true)
    #expect(synth.0 == .success)
    #expect(synth.1.contains("grouper: writing members 10%"))
    #expect(synth.1.hasSuffix("grouper: writing members 100%\n"))
    #expect(
      Self.run(["synth", "--members", "10", "--out", folder + "/q.csv", "--quiet"], terminal: true)
        .1 == "")

    let run = folder + "/run"
    #expect(runCLI(OutputFolderTests.sample(run)).code == .success)
    let priced = Self.run(["price", "--run", run, "--prices", Self.prices], terminal: true)
    #expect(priced.0 == .success)
    #expect(priced.1.contains("grouper: reading \(run)/episodes.csv 100%\n"))
    #expect(priced.1.contains("grouper: pricing\n"))
  }
}
