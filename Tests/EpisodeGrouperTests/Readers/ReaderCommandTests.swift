import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperReaders

/// `grouper convert` and `grouper group --format`, driven in process.
@Suite("Reader commands: convert and group --format")
struct ReaderCommandTests {
  func run(_ arguments: [String]) -> (code: ExitCode, out: String, err: String) {
    let out = TextBuffer()
    let err = TextBuffer()
    let code = GrouperCLI.run(arguments, stdout: out, stderr: err)
    return (code, out.text, err.text)
  }

  @Test("convert writes what the RIF reader read, and the native reader reads it back the same")
  func convertRIF() throws {
    let folder = try TemporaryFolder()
    let input = TestPaths.fixture("rif-lejr")
    let out = folder.file("claims.csv")
    let members = folder.file("members.csv")
    let r = run(["convert", "--claims", input, "--out", out, "--members-out", members])
    #expect(r.code == .success)
    #expect(r.out == "wrote 18 claim lines from 18 rows read, to \(out); 1 members to \(members)\n")
    // stderr says what was detected, then what the RIF read used.
    #expect(
      r.err.hasPrefix(
        "grouper: read \(input) as rif (detected: a folder whose carrier.csv has a CCW RIF carrier header)\n"
      ))
    #expect(run(["convert", "--claims", input, "--out", out, "--quiet"]).err == "")
    let back = try NativeClaimReader(path: out).read()
    #expect(back.rejections.isEmpty)
    #expect(back.store.views == (try RIFReader(path: input).read().claims.store.views))
    let header = ClaimField.allCases.map(\.name).joined(separator: ",")
    #expect(
      try String(contentsOfFile: out, encoding: .utf8).hasPrefix(
        header + "\n9301,1,100001,default,professional,"))
    // beneficiary_2024.csv: born 14-Feb-1950, sex 2, covered all of 2024.
    #expect(
      try String(contentsOfFile: members, encoding: .utf8)
        == "member_id,birth_date,sex,death_date,coverage_start,coverage_end\n100001,1950-02-14,F,,2024-01-01,2024-12-31\n"
    )
    #expect(
      try MembersReader(path: members).read().members
        == (try RIFReader(path: input).read().members?.members))
  }

  @Test("convert round-trips FHIR too")
  func convertFHIR() throws {
    let folder = try TemporaryFolder()
    let input = TestPaths.fixture("fhir-lejr/eob.ndjson")
    let out = folder.file("claims.csv")
    let r = run(["convert", "--claims", input, "--format", "fhir", "--out", out])
    #expect(r.code == .success)
    // The fixture's NPIs are made up: 1902000001 (org-1, lines 1 and 4) and 1316000001 (the
    // performing careTeam member of lines 1, 2 twice, 3 and 5) fail the Luhn check over 80840 and
    // their first nine digits (for 1316000001: 24 + 2+3+2+6+0+0+0+0+0+1 = 38, not a multiple of
    // 10). A warning counts once per line and value, so line 2's two count once: 6 in all. The
    // five places kept are the smallest values, then the earliest: 1316000001 on lines 1, 2, 3
    // and 5, then 1902000001 on line 1. A value's column is where its string opens: on line 1,
    // `"value":"` at 981 (0-based) puts the quote at character 990, and at 862 at 871.
    let at = [
      (1, 990, "1316000001"), (2, 509, "1316000001"), (3, 509, "1316000001"),
      (5, 509, "1316000001"), (1, 871, "1902000001"),
    ].map { "\(input):\($0):\($1) '\($2)'" }
    #expect(
      r.err == "grouper: read \(input) as fhir (given)\n"
        + "grouper: warning: 6 npi_check_digit: ten-digit provider ids with a wrong NPI check digit (e.g. "
        + at.joined(separator: ", ") + ")\n")
    #expect(
      try NativeClaimReader(path: out).read().store.views
        == (try FHIRClaimReader(path: input).read().store.views))
  }

  @Test("convert writes nothing when a row is rejected, unless told to skip it")
  func convertRejections() throws {
    let folder = try TemporaryFolder()
    let input = try folder.write(
      "inpatient.csv",
      RIFErrorTests.header + "\n" + RIFErrorTests.good + "\n"
        + RIFErrorTests.good.replacingOccurrences(of: "|100|", with: "|101|").replacingOccurrences(
          of: "05-Mar-2024", with: "5/3/24")
        + "\n")
    let out = folder.file("claims.csv")
    let refused = run(["convert", "--claims", input, "--out", out, "--quiet"])
    #expect(refused.code == .dataError)
    #expect(!FileManager.default.fileExists(atPath: out))
    let diagnostic =
      "\(input):3:5: error: CLM_FROM_DT: not a real date in the form DD-Mon-YYYY (19-Mar-2017), YYYYMMDD or YYYY-MM-DD '5/3/24'"
    #expect(refused.err.contains(diagnostic + "\n"))
    let skipped = run(["convert", "--claims", input, "--out", out, "--quiet", "--skip-invalid"])
    #expect(skipped.code == .success)
    #expect(skipped.out == "wrote 1 claim lines from 2 rows read, 1 rows rejected, to \(out)\n")
    #expect(skipped.err.hasSuffix(diagnostic + "\n"))
  }

  @Test("group reads RIF with its beneficiaries and groups the knee replacement")
  func groupRIF() throws {
    let folder = try TemporaryFolder()
    let r = run([
      "group", "--definitions", TestPaths.path("EpisodeDefinitions"), "--claims",
      TestPaths.fixture("rif-lejr"),
      "--format", "rif", "--out", folder.path, "--quiet",
    ])
    #expect(r.code == .success)
    // The report block: one complete episode from the fixture's 18 claim lines (the summary's
    // dollars are checked below), ending with the folder written. The beneficiary file covers
    // 2024 only, so LEJR's 180-day enrolment look-back reaches before the data and, as CMS does,
    // no enrolment check is made.
    let block = r.out.split(separator: "\n").map(String.init)
    #expect(block.count == 5)
    #expect(block.first == "episodes      1: 1 complete, 0 open, 0 cancelled")
    #expect(block.dropFirst().first?.hasPrefix("claim lines   18 read = ") == true)
    #expect(block.dropFirst(2).first?.hasPrefix("dollars       39131.50 read = ") == true)
    #expect(block.last == "wrote         \(folder.path)")
    let summary = try String(contentsOfFile: folder.file("summary.json"), encoding: .utf8)
    #expect(summary.contains("\"coverage_checked\": true"))
    #expect(summary.contains("\"read\": 39131.50"))
  }

  @Test("group refuses an unknown format and a missing input")
  func groupUsage() throws {
    let folder = try TemporaryFolder()
    let definitions = TestPaths.path("EpisodeDefinitions")
    let bad = run([
      "group", "--definitions", definitions, "--claims", "x", "--format", "xml", "--out",
      folder.path,
    ])
    #expect(bad.code == .usage)
    #expect(
      bad.err
        == "grouper group: error: --format must be native, rif, fhir or mapping:FILE, found 'xml'\n"
    )
    let missing = run([
      "group", "--definitions", definitions, "--claims", folder.file("none"), "--out", folder.path,
    ])
    #expect(missing.code == .noInput)
    #expect(missing.err == "\(folder.file("none")): error: claims file or folder not found\n")
    // A folder given as a native claim file is missing input, as before the other readers came.
    let notAFile = run([
      "group", "--definitions", definitions, "--claims", folder.path, "--format", "native", "--out",
      folder.path,
    ])
    #expect(notAFile.code == .noInput)
    #expect(notAFile.err == "\(folder.path): error: claims path is a folder, not a file\n")
    let noMapping = run([
      "group", "--definitions", definitions, "--claims",
      TestPaths.path("SampleClaims/extract-example.psv"),
      "--format", "mapping:\(folder.file("m.json"))", "--out", folder.path,
    ])
    #expect(noMapping.code == .noInput)
    #expect(noMapping.err == "\(folder.file("m.json")): error: mapping file not found\n")
  }
}
