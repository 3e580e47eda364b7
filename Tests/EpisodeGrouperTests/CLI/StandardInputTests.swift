import Foundation
import Testing

@Suite("--claims - reads standard input")
struct StandardInputTests {
  /// Runs the built executable with `arguments`, standard input read from `input`; returns the
  /// exit status and stderr.
  static func run(_ arguments: [String], input: String) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BinaryTests.executable!)
    process.arguments = arguments
    process.standardInput = FileHandle(forReadingAtPath: input)!
    process.standardOutput = FileHandle.nullDevice
    let stderr = Pipe()
    process.standardError = stderr
    try process.run()
    let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  /// Groups `claims` once from the file and once piped, with `extra` options; expects the same
  /// CSV outputs byte for byte, and returns both summaries (file run first).
  static func compare(_ claims: String, extra: [String] = []) throws -> (String, String) {
    let root = try temporaryFolder()
    let common = ["group", "--definitions", packagePath("EpisodeDefinitions"), "--quiet"] + extra
    let (fileStatus, _) = try run(
      common + ["--claims", claims, "--out", root + "/file"], input: "/dev/null")
    let (pipeStatus, pipeErrors) = try run(
      common + ["--claims", "-", "--out", root + "/pipe"], input: claims)
    #expect(fileStatus == 0)
    #expect(pipeStatus == 0, "\(pipeErrors)")
    for name in ["episodes.csv", "episode_claims.csv", "excluded_claims.csv", "rejected.csv"] {
      let a = FileManager.default.contents(atPath: root + "/file/" + name)
      #expect(
        a != nil && a == FileManager.default.contents(atPath: root + "/pipe/" + name), "\(name)")
    }
    return (contents(root + "/file/summary.json"), contents(root + "/pipe/summary.json"))
  }

  @Test(
    "the sample claims piped in give a file run's outputs; the summary records the input as -",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func nativeSamples() throws {
    let claims = packagePath("SampleClaims/claims.csv")
    let (file, pipe) = try Self.compare(
      claims, extra: ["--members", packagePath("SampleClaims/members.csv")])
    #expect(pipe.contains("\"claims_file\": \"-\","))
    // Only the input's name differs: claims_file, and the places of the NPI warnings.
    let normalised = pipe.replacingOccurrences(
      of: "\"claims_file\": \"-\"", with: "\"claims_file\": \"\(claims)\""
    ).replacingOccurrences(of: "\"at\": \"-:", with: "\"at\": \"\(claims):")
    #expect(normalised == file)
  }

  @Test(
    "NDJSON FHIR and a mapped extract piped in give a file run's outputs",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func otherFormats() throws {
    _ = try Self.compare(packagePath("Tests/EpisodeGrouperTests/Fixtures/fhir-lejr/eob.ndjson"))
    _ = try Self.compare(
      packagePath("SampleClaims/extract-example.psv"),
      extra: ["--format", "mapping:" + packagePath("SampleClaims/mapping-example.json")])
  }

  @Test(
    "RIF on standard input, given or detected, is a usage error that names -",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func rifRefused() throws {
    let out = try temporaryFolder() + "/out"
    let message =
      "-: error: RIF claims cannot be read from standard input ('-'): they are a folder of files;"
      + " give the folder or file with --claims (standard input takes native CSV, FHIR or a"
      + " mapped extract)\n"
    let given = try Self.run(
      [
        "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", "-", "--format",
        "rif", "--out", out,
      ], input: packagePath("SampleClaims/claims.csv"))
    #expect(given.0 == 64)
    #expect(given.1 == message)
    let rif = try FileManager.default.contentsOfDirectory(
      atPath: packagePath("Tests/EpisodeGrouperTests/Fixtures/rif-lejr")
    ).sorted().first { $0.hasPrefix("inpatient") || $0.hasPrefix("outpatient") }!
    let detected = try Self.run(
      ["group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", "-", "--out", out],
      input: packagePath("Tests/EpisodeGrouperTests/Fixtures/rif-lejr/" + rif))
    #expect(detected.0 == 64)
    #expect(detected.1 == message)
    #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"))
  }

  @Test(
    "a rejected row read from standard input names the file -, its row left empty; empty input fails",
    .enabled(if: BinaryTests.executable != nil, "the grouper executable is built beside the tests"))
  func rejectedAndEmpty() throws {
    let root = try temporaryFolder()
    let claims = root + "/claims.csv"
    // Line 3 has a month 13: rejected at column 4 (from_date).
    try """
    claim_id,member_id,claim_type,from_date,allowed_amount
    C1,M1,professional,2024-01-08,100.00
    C2,M1,professional,2024-13-01,50.00

    """.write(toFile: claims, atomically: true, encoding: .utf8)
    let (status, _) = try Self.run(
      [
        "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", "-",
        "--skip-invalid", "--quiet", "--out", root + "/out",
      ], input: claims)
    #expect(status == 0)
    let rows = contents(root + "/out/rejected.csv").split(separator: "\n")
    #expect(rows.count == 2)
    #expect(rows.last?.hasPrefix("-,3,4,from_date,2024-13-01,") == true)
    #expect(rows.last?.hasSuffix(",") == true)
    let empty = root + "/empty.csv"
    try "".write(toFile: empty, atomically: true, encoding: .utf8)
    let (emptyStatus, message) = try Self.run(
      [
        "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", "-", "--out",
        root + "/none",
      ], input: empty)
    #expect(emptyStatus == 65)
    #expect(message == "-: error: the file is empty: a header row is required\n")
  }
}
