import Foundation
import Testing

@testable import GrouperCommands

@Suite("grouper group: bad input and outputs")
struct GroupCommandTests {
  let definitions = packagePath("EpisodeDefinitions")

  func write(_ text: String, _ name: String = "claims.csv") throws -> String {
    let path = try temporaryFolder() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let good = """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount
    C1,M1,inpatient,2024-01-08,2024-01-11,470,1000.00
    C2,M1,professional,2024-01-20,,,100.00
    """

  @Test("a bad row stops the run with its place and value, and nothing is written")
  func badRowStops() throws {
    // The file has no diagnosis, HCPCS or place-of-service column: DIABETES triggers on diagnoses
    // (PERINATAL includes by them); LEJR, PCI, TEAM_LEJR and TEAM_SPINAL_FUSION trigger on HCPCS
    // codes (the CMS-based definitions also exclude by them, DIABETES includes by them); the
    // CMS-based definitions test the place of service (the day before the anchor, cardiac
    // rehabilitation). So three warnings come first, one per missing column.
    let claims = try write(
      Self.good + "\nC3,M1,professional,2024-02-31,,,5.00\nC4,M1,lab,2024-02-01,,,5.00\n")
    let out = try temporaryFolder() + "/out"
    let r = runCLI(["group", "--definitions", definitions, "--claims", claims, "--out", out])
    #expect(r.code == .dataError)
    #expect(
      r.stderr == """
        grouper: read \(claims) as native (detected: the header has the native claim_id and member_id columns)
        \(claims): warning: no 'principal_dx' or 'dx' column, but definitions DIABETES, PERINATAL test any_dx (the trigger tests on any_dx of DIABETES can never match lines of this file)
        \(claims): warning: no 'hcpcs' column, but definitions AMI, DIABETES, LEJR, PCI, TEAM_CABG, TEAM_LEJR, TEAM_MAJOR_BOWEL, TEAM_SHFFT, TEAM_SPINAL_FUSION test hcpcs (the trigger tests on hcpcs of LEJR, PCI, TEAM_LEJR, TEAM_SPINAL_FUSION can never match lines of this file)
        \(claims): warning: no 'place_of_service' column, but definitions AMI, LEJR, PCI, TEAM_CABG, TEAM_LEJR, TEAM_MAJOR_BOWEL, TEAM_SHFFT, TEAM_SPINAL_FUSION test place_of_service (those tests can never match lines of this file)
        \(claims):4:4: error: from_date: not a real date in the form YYYY-MM-DD '2024-02-31'
        \(claims):5:3: error: claim_type: unknown claim type (expected one of inpatient, outpatient, professional, snf, home_health, hospice, dme, pharmacy) 'lab'
        grouper: error: 2 rows rejected; nothing was written (fix the input, or run with --skip-invalid to write them to rejected.csv and go on)

        """)
    #expect(!FileManager.default.fileExists(atPath: out + "/episodes.csv"))
  }

  @Test("with --skip-invalid the rows go to rejected.csv and the summary counts them")
  func skipInvalid() throws {
    let claims = try write(
      Self.good + "\nC3,M1,professional,2024-02-31,,,5.00\nC4,M1,professional,2024-02-01,,,x\n")
    let out = try temporaryFolder()
    let r = runCLI([
      "group", "--definitions", definitions, "--claims", claims, "--out", out, "--skip-invalid",
      "--quiet",
    ])
    #expect(r.code == .success)
    #expect(
      contents(out + "/rejected.csv") == """
        file,line,column,field,value,reason,row
        \(claims),4,4,from_date,2024-02-31,not a real date in the form YYYY-MM-DD,"C3,M1,professional,2024-02-31,,,5.00"
        \(claims),5,7,allowed_amount,x,not a decimal amount,"C4,M1,professional,2024-02-01,,,x"

        """)
    let summary = contents(out + "/summary.json")
    // Read: 4 rows, 2 rejected. Dollars read: 1000.00 + 100.00 + 5.00 (C3's amount is readable;
    // C4's is not) = 1105.00 = 5.00 rejected + 1100.00 assigned to LEJR-C1.
    #expect(summary.contains(#""read": 4,"#) && summary.contains(#""rejected": 2,"#))
    #expect(summary.contains(#""read": 1105.00,"#) && summary.contains(#""rejected": 5.00,"#))
    #expect(summary.contains(#""assigned": 1100.00,"#))
    #expect(summary.contains(#""rejected_rows_without_a_readable_amount": 1"#))
  }

  @Test(
    "whole-file problems and bad usage get one clear line and their exit status",
    arguments: [
      (
        ["--claims", "/no/such.csv"], ExitCode.noInput,
        "/no/such.csv: error: claims file or folder not found\n"
      ),
      // A folder is read as CMS RIF files when it holds some; this one holds none.
      (
        ["--claims", "<folder>"], .dataError,
        "<folder>: error: cannot tell the claims format: the folder holds no RIF claim file; give --format native, rif, fhir or mapping:FILE\n"
      ),
      (
        ["--claims", "<folder>", "--format", "native"], .noInput,
        "<folder>: error: claims path is a folder, not a file\n"
      ),
      (
        ["--claims", "<empty>"], .dataError,
        "<empty>: error: the file is empty: a header row is required\n"
      ),
      (
        ["--claims", "<header>"], .dataError,
        "<header>:1: error: the file has a header but no claim rows\n"
      ),
      (
        ["--claims", "<good>", "--jobs", "0"], .usage,
        "grouper group: error: --jobs must be a whole number of at least 1, found '0'\n"
      ),
      (
        ["--claims", "<good>", "--through", "2024-13-01"], .usage,
        "grouper group: error: --through must be a date YYYY-MM-DD, found '2024-13-01'\n"
      ),
      (
        ["--claims", "<good>", "--member", "x"], .usage,
        "grouper group: error: unknown option '--member' (did you mean '--members'?)\n"
      ),
      (
        ["--claims", "<good>", "--members", "/no/m.csv", "--quiet"], .noInput,
        "/no/m.csv: error: members file not found\n"
      ),
      (["--claims"], .usage, "grouper group: error: --claims needs a value <path>\n"),
      (
        ["--claims", "<good>", "stray"], .usage,
        "grouper group: error: unexpected argument 'stray' (see 'grouper group --help')\n"
      ),
    ])
  func failures(_ arguments: [String], _ code: ExitCode, _ message: String) throws {
    let folder = try temporaryFolder()
    let empty = try write("", "empty.csv")
    let header = try write("claim_id,member_id,claim_type,from_date,allowed_amount\n", "header.csv")
    let good = try write(Self.good)
    func fill(_ s: String) -> String {
      s.replacingOccurrences(of: "<folder>", with: folder).replacingOccurrences(
        of: "<empty>", with: empty
      )
      .replacingOccurrences(of: "<header>", with: header).replacingOccurrences(
        of: "<good>", with: good)
    }
    let r = runCLI(
      ["group", "--definitions", definitions, "--out", folder + "/out"] + arguments.map(fill))
    #expect(r.code == code)
    #expect(r.stderr == fill(message))
  }

  @Test("a required option missing is a usage error")
  func missingOption() {
    let r = runCLI(["group", "--claims", "x.csv", "--out", "o"])
    #expect(r.code == .usage)
    #expect(
      r.stderr
        == "grouper group: error: missing --definitions <path> (see 'grouper group --help')\n")
  }

  @Test("a definition that does not load stops the run with its place")
  func badDefinition() throws {
    let folder = try temporaryFolder()
    let json =
      #"{"id": "X", "name": "X", "version": "1", "anchor": "stay", "windows": {}, "include": [{"category": "a"}], "trigger": {"field": "drg", "in": "nope"}}"#
    try json.write(toFile: folder + "/x.json", atomically: true, encoding: .utf8)
    // The error points at the value "nope", on the only line.
    let column =
      json.distance(from: json.startIndex, to: json.range(of: "\"nope\"")!.lowerBound) + 1
    let r = runCLI([
      "group", "--definitions", folder, "--claims", try write(Self.good), "--out", folder + "/out",
    ])
    #expect(r.code == .dataError)
    #expect(
      r.stderr == "\(folder)/x.json:1:\(column): error: $.trigger.in: unknown code set 'nope'\n")
  }

  @Test("a failed run leaves an earlier run's outputs as they were")
  func atomic() throws {
    let out = try temporaryFolder()
    let good = try write(Self.good)
    #expect(
      runCLI(["group", "--definitions", definitions, "--claims", good, "--out", out, "--quiet"])
        .code == .success)
    let before = contents(out + "/episodes.csv")
    #expect(before.contains("LEJR-C1,"))
    let bad = try write(Self.good + "\nC9,M9,inpatient,2024-01-01,,,oops\n")
    #expect(
      runCLI(["group", "--definitions", definitions, "--claims", bad, "--out", out, "--quiet"]).code
        == .dataError)
    #expect(contents(out + "/episodes.csv") == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter {
      $0.hasPrefix(".")
    }
    #expect(leftovers.isEmpty)
  }

  @Test("an output path that is a file is refused")
  func outputNotAFolder() throws {
    let file = try write("x", "taken")
    let r = runCLI([
      "group", "--definitions", definitions, "--claims", try write(Self.good), "--out", file,
      "--quiet",
    ])
    #expect(r.code == .cannotCreate)
    #expect(r.stderr == "\(file): error: output path exists and is not a folder\n")
  }

  @Test("help, version and unknown commands")
  func help() {
    let top = runCLI(["--help"])
    #expect(
      top.code == .success
        && top.stdout.contains("group       Group a claim file into episodes of care."))
    let group = runCLI(["group", "--help"])
    #expect(
      group.code == .success
        && group.stdout.hasPrefix("OVERVIEW: Group a claim file into episodes of care."))
    #expect(group.stdout.contains("--skip-invalid"))
    #expect(runCLI([]).code == .usage)
    let unknown = runCLI(["gruop"])
    #expect(
      unknown.code == .usage
        && unknown.stderr
          == "grouper: error: unknown command 'gruop' (did you mean 'group'?); see 'grouper --help'\n"
    )
    #expect(runCLI(["--version"]).stdout == "grouper \(GrouperCLI.version)\n")
  }

  @Test("validate lists the definitions or their errors")
  func validate() throws {
    let r = runCLI(["validate", "--definitions", definitions])
    #expect(r.code == .success)
    #expect(r.stdout.hasSuffix("10 definitions loaded\n"))
    #expect(r.stdout.contains("LEJR 2026.1: Lower-extremity joint replacement"))
    #expect(r.stdout.contains("TEAM_LEJR 2026.1: TEAM lower extremity joint replacement"))
    #expect(runCLI(["validate", "--definitions", "/no/such"]).code == .noInput)
  }
}
