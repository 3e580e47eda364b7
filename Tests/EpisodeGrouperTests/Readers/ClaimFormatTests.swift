import Foundation
import Testing

@testable import GrouperReaders
@testable import GrouperSupport

/// `--format` values, and the detection of a format from what the input holds.
@Suite("Claim formats and their detection")
struct ClaimFormatTests {
  @Test("--format names")
  func names() {
    #expect(ClaimFormat(argument: "native") == .native)
    #expect(ClaimFormat(argument: "RIF") == .rif)
    #expect(ClaimFormat(argument: "fhir") == .fhir)
    #expect(ClaimFormat(argument: "mapping:maps/payer.json") == .mapping("maps/payer.json"))
    #expect(ClaimFormat(argument: "mapping:") == nil)
    #expect(ClaimFormat(argument: "csv") == nil)
    #expect(ClaimFormat.mapping("m.json").description == "mapping:m.json")
  }

  @Test("detection says what it saw")
  func detection() throws {
    let folder = try TemporaryFolder()
    let native = try folder.write(
      "claims.csv",
      "claim_id,member_id,claim_type,from_date,allowed_amount\nC1,M1,professional,2024-01-02,10.00\n"
    )
    #expect(
      try ClaimFormat.detect(path: native) == (
        .native, "the header has the native claim_id and member_id columns"
      ))
    #expect(
      try ClaimFormat.detect(path: TestPaths.fixture("rif-lejr"))
        == (.rif, "a folder whose carrier.csv has a CCW RIF carrier header"))
    #expect(
      try ClaimFormat.detect(path: TestPaths.fixture("rif-lejr/inpatient.csv"))
        == (.rif, "the header is a CCW RIF inpatient header"))
    #expect(
      try ClaimFormat.detect(path: TestPaths.fixture("fhir-lejr/eob.ndjson")) == (
        .fhir, "the file holds JSON"
      ))
    let other = try folder.write("other.txt", "a;b;c\n1;2;3\n")
    let error = #expect(throws: Diagnostic.self) { try ClaimFormat.detect(path: other) }
    #expect(
      error?.description
        == "\(other):1: error: cannot tell the claims format: the first line is not a native header, a RIF header or JSON; give --format native, rif, fhir or mapping:FILE"
    )
    let empty = try TemporaryFolder()
    let folderError = #expect(throws: Diagnostic.self) { try ClaimFormat.detect(path: empty.path) }
    #expect(
      folderError?.description
        == "\(empty.path): error: cannot tell the claims format: the folder holds no RIF claim file; give --format native, rif, fhir or mapping:FILE"
    )
  }

  @Test("reading through ClaimInput gives what each reader gives")
  func claimInput() throws {
    let rif = try ClaimInput.read(path: TestPaths.fixture("rif-lejr"), format: nil)
    #expect(rif.format == .rif)
    #expect(rif.formatSource == "detected: a folder whose carrier.csv has a CCW RIF carrier header")
    #expect(rif.claims.rowsRead == 18 && rif.members?.members.count == 1)
    let fhir = try ClaimInput.read(path: TestPaths.fixture("fhir-lejr/eob.ndjson"), format: .fhir)
    #expect(fhir.formatSource == "given" && fhir.claims.rowsRead == 8 && fhir.members == nil)
  }

  @Test("dates in the layouts the readers accept")
  func datePatterns() throws {
    #expect(DatePattern.rif.parse("19-Mar-2017") == day("2017-03-19"))
    #expect(DatePattern.rif.parse("27-OCT-1999") == day("1999-10-27"))
    #expect(DatePattern.rif.parse("31-Feb-2024") == nil)
    #expect(DatePattern.compact.parse("20240229") == day("2024-02-29"))
    #expect(try DatePattern("M/d/yyyy").parse("6/3/2024") == day("2024-06-03"))
    #expect(
      try DatePattern("yyyy-MM-dd'T'HH:mm:ss").parse("2024-06-03T10:20:30") == day("2024-06-03"))
    #expect(throws: DatePatternError.self) { try DatePattern("dd/MM/yy") }
    #expect(throws: DatePatternError.self) { try DatePattern("yyyyMd") }
    #expect(throws: DatePatternError.self) { try DatePattern("yyyy-MM") }
  }
}
