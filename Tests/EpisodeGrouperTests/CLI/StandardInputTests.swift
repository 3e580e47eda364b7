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
}
