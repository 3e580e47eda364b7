import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperPricing
@testable import GrouperReaders
@testable import GrouperSupport

/// Diagnostics as values: each component's named messages print exactly as written, carry the
/// kind the command line turns into an exit status, and a row error becomes a located rejection.
@Suite("Diagnostics and their messages")
struct DiagnosticTests {
  /// The description of the first error `body` throws, with its kind; an error that is not a
  /// diagnostic fails the test.
  func failure(_ body: () throws -> Void) -> (text: String, kind: Diagnostic.Kind)? {
    do {
      try body()
      return nil
    } catch let d as Diagnostic {
      return (d.description, d.kind)
    } catch let d as Diagnostics {
      return (d.description, d.kind)
    } catch {
      Issue.record("not a diagnostic: \(error)")
      return nil
    }
  }

  @Test("a diagnostic prints file:line:column: severity: field: message")
  func layout() {
    let d = Diagnostic(
      at: SourceLocation(file: "c.csv", line: 4, column: 2, field: "member_id"), .memberIDRequired)
    #expect(d.description == "c.csv:4:2: error: member_id: a member id is required")
    #expect(d.kind == .badInput)
    // Without a line the column is not printed; a warning says so.
    let w = Diagnostic(
      .warning, at: SourceLocation(file: "c.csv", column: 2), .emptyFile)
    #expect(w.description == "c.csv: warning: the file is empty: a header row is required")
    // The command line is a place too.
    let usage = Diagnostic.usage("group", .optionRepeated("out"))
    #expect(usage.description == "grouper group: error: --out is given more than once")
    #expect(usage.kind == .usage)
  }

  @Test("a set of diagnostics has the kind of its first error, one line per finding")
  func diagnosticsKind() {
    let missing = Diagnostic(at: SourceLocation(file: "d"), .noDefinitions)
    let bad = Diagnostic(at: SourceLocation(file: "x.json"), .noInclusionRules)
    let warning = Diagnostic(.warning, at: SourceLocation(file: "y.json"), .cannotOpen)
    #expect(Diagnostics([missing, bad]).kind == .missingInput)
    #expect(Diagnostics([bad, missing]).kind == .badInput)
    // A warning first does not decide the kind; the first error does.
    #expect(Diagnostics([warning, bad]).kind == .badInput)
    #expect(
      Diagnostics([missing, bad]).description
        == "d: error: no such file or folder\nx.json: error: at least one inclusion rule is needed")
  }

  @Test("support: byte CSV, JSON and input files")
  func support() throws {
    var csv = CSVReader(source: MemoryByteSource(Array("a\n\"open\n".utf8)), name: "t.csv")
    #expect(
      failure { try csv.forEachRecord { _ in } }! == (
        "t.csv:2:1: error: unterminated quoted field", .badInput
      ))
    #expect(
      failure { _ = try JSONParser.parse(Array(#"{"a": 1, "a": 2}"#.utf8), file: "f.json") }! == (
        "f.json:1:10: error: duplicate key 'a'", .badInput
      ))
    let cursor = JSONCursor(
      root: try JSONParser.parse(Array("[1]".utf8), file: "f.json"), file: "f.json")
    #expect(
      failure { _ = try cursor.object() }! == (
        "f.json:1:1: error: $: expected an object, found array", .badInput
      ))
    #expect(
      failure { _ = try FileByteSource(path: "/no/such/file.csv") }! == (
        "/no/such/file.csv: error: no such file", .missingInput
      ))
    let folder = try temporaryFolder()
    let file = folder + "/taken"
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    #expect(
      failure { _ = try OutputFolder(path: file, owns: { _ in false }) }! == (
        "\(file): error: output path exists and is not a folder", .outputNotWritable
      ))
  }

  @Test("core: definitions and rejections")
  func core() throws {
    let folder = try temporaryFolder()
    #expect(
      failure { _ = try DefinitionLoader.load(path: folder + "/none") }! == (
        "\(folder)/none: error: no such file or folder", .missingInput
      ))
    #expect(
      failure { _ = try simpleDefinition(["trigger": #"{"field": "drgs", "in": "x"}"#]) }!.text
        .hasSuffix("error: $.trigger.field: unknown field 'drgs' (did you mean 'drg'?)"))
    // A rejection from a row error keeps the reason and quotes the value.
    let error = RowError(column: ClaimField.fromDate, reason: .notAnISODate)
    let rejection = Rejection(
      error, file: "c.csv", line: 3, column: 4, field: "from_date", value: "2024-02-30",
      allowed: nil)
    #expect(
      rejection.diagnostic.description
        == "c.csv:3:4: error: from_date: not a real date in the form YYYY-MM-DD '2024-02-30'")
    #expect(
      Rejection.fieldCount(file: "r.csv", line: 2, expected: 16, found: 1, hint: .isItPipeDelimited)
        .diagnostic.description
        == "r.csv:2:2: error: expected 16 fields as in the header, found 1 (is the file pipe-delimited?)"
    )
  }

  @Test("readers: a row error placed later keeps its reason")
  func rowErrors() throws {
    let unplaced = RowError(.notAClaimCode("not a 3-digit ms_drg code"))
    let placed: RowError<Int?> = unplaced.at(5)
    #expect(placed.column == 5)
    #expect(placed.reason == Diagnostic.Message("not a 3-digit ms_drg code"))
    let result = try readClaims(
      "claim_id,member_id,claim_type,from_date,thru_date,allowed_amount\n"
        + "C1,M1,inpatient,2024-01-05,2024-01-04,10.00\n")
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "claims.csv:2:5: error: thru_date: thru date is before the from date 2024-01-05 '2024-01-04'"
      ])
    #expect(
      failure { _ = try ClaimMapping.parse(Array(#"{"version": 2}"#.utf8), file: "m.json") }! == (
        "m.json:1:13: error: $.version: unknown mapping version (expected 1)", .badInput
      ))
    let fhir = try FHIRClaimReader(path: "x.ndjson").read(
      MemoryByteSource(Array(#"{"resourceType":"ExplanationOfBenefit","status":"draft"}"#.utf8)))
    // `{"resourceType":"ExplanationOfBenefit","status":` is 1 + 14 + 1 + 22 + 1 + 8 + 1 = 48
    // characters: the value starts in column 49.
    #expect(
      fhir.rejections.map(\.diagnostic.description) == [
        "x.ndjson:1:49: error: $.status: only active claims are read, and cancelled or entered-in-error ones set aside (a draft EOB would count dollars that were not paid) 'draft'"
      ])
  }

  @Test("pricing and import")
  func pricingAndImport() throws {
    var episodes = CSVReader(
      source: MemoryByteSource(Array("episode_id\nE1\n".utf8)), name: "episodes.csv")
    #expect(
      failure { _ = try EpisodesFile.read(&episodes, file: "episodes.csv") }! == (
        "episodes.csv:1: error: missing column definition_id: not the episodes.csv of a grouping run",
        .badInput
      ))
    #expect(
      failure { _ = try PriceScheduleLoader.parse(Array(#"{"version": 2}"#.utf8), file: "p.json") }!
        == (
          "p.json:1:13: error: $.version: unsupported version 2 (this program reads version 1)",
          .badInput
        ))
    let folder = try temporaryFolder()
    #expect(
      failure { _ = try ShadowBundleImporter(folder: folder).run() }! == (
        "\(folder)/trigger_list__IP_Anchor_Episode_List.csv: error: missing sheet IP_Anchor_Episode_List of the trigger_list workbook",
        .missingInput
      ))
  }

  @Test("the command line: usage and the summary of rejected rows")
  func commandLine() {
    #expect(
      Diagnostic.usage(nil, .unknownCommand("gruop", nearest: "group")).description
        == "grouper: error: unknown command 'gruop' (did you mean 'group'?); see 'grouper --help'")
    #expect(
      Diagnostic(at: SourceLocation(file: "m.csv"), .inputIsAFolder("members")).description
        == "m.csv: error: members path is a folder, not a file")
    // 25 rejections: the first 20 are listed, then one line for all 25.
    let rows = (1...25).map {
      Rejection(
        file: "c.csv", line: $0 + 1, column: 7, field: "allowed_amount", value: "x",
        reason: "not a decimal amount", allowed: nil)
    }
    let error = GroupCommand.rejected(rows)
    #expect(error.items.count == 21)
    #expect(error.kind == .badInput)
    #expect(
      error.items.last!.description
        == "grouper: error: 25 rows rejected (the first 20 are shown above); nothing was written "
        + "(fix the input, or run with --skip-invalid to write them to rejected.csv and go on)")
  }
}
