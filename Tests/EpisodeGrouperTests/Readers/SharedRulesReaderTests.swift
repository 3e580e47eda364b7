import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The rules of the one line builder on the RIF, FHIR and mapped readers: duplicate codes dropped
/// alike, dates in range, bytes that are not UTF-8 located, missing columns named, and the code
/// warnings on the CMS reference samples.
@Suite("Shared input rules on every reader")
struct SharedRulesReaderTests {
  /// A minimal RIF inpatient layout (as RIFErrorTests'), with three diagnosis columns.
  static let rifHeader =
    "BENE_ID|CLM_ID|FINAL_ACTION|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_THRU_DT|CLM_PMT_AMT|NCH_PRMRY_PYR_CLM_PD_AMT|"
    + "CLM_PASS_THRU_PER_DIEM_AMT|NCH_BENE_IP_DDCTBL_AMT|NCH_BENE_PTA_COINSRNC_LBLTY_AM|NCH_BENE_BLOOD_DDCTBL_LBLTY_AM|"
    + "CLM_UTLZTN_DAY_CNT|CLM_DRG_CD|CLM_LINE_NUM|REV_CNTR|ICD_DGNS_CD1|ICD_DGNS_CD2|ICD_DGNS_CD3"

  func rif(_ rows: [String], header: String = Self.rifHeader) throws -> (ClaimReadResult, String) {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "inpatient.csv", ([header] + rows).joined(separator: "\n") + "\n")
    return (try RIFReader(path: file).read().claims, file)
  }

  /// An EOB whose diagnoses are I10, E11.9 and I10 again, with one item allowed 92.00.
  static let eob =
    #"{"resourceType":"ExplanationOfBenefit","id":"e1","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},"use":"claim","patient":{"reference":"Patient/p1"},"billablePeriod":{"start":"2024-01-02"},"#
    + #""diagnosis":[{"sequence":1,"diagnosisCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]}},{"sequence":2,"diagnosisCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"E11.9"}]}},{"sequence":3,"diagnosisCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]}}],"#
    + #""item":[{"sequence":1,"productOrService":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213"}]},"adjudication":[{"category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adjudication","code":"eligible"}]},"amount":{"value":92.00}}]}]}"#

  func fhir(_ bytes: [UInt8]) throws -> ClaimReadResult {
    try FHIRClaimReader(path: "x.ndjson").read(MemoryByteSource(bytes))
  }

  @Test("a repeated diagnosis is dropped alike by the native, RIF, FHIR and mapped readers")
  func duplicatesAlike() throws {
    // The same diagnoses everywhere: I10, E11.9 (E119 once the dot goes), I10 again.
    let native = try store([Row(claim: "C1", from: "2024-01-02", dx: "I10|E11.9|I10")]).views
    let (rifResult, _) = try rif([
      "7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|0|0|0|0|0|3|0470|1|0001|I10|E11.9|I10"
    ])
    let fhirResult = try fhir(Array(Self.eob.utf8))
    let folder = try TemporaryFolder()
    let extract = try folder.write(
      "extract.psv",
      "CLAIM_NO|MEMBER|TYPE|FROM|ALLOWED|DX1|DX2|DX3\nK1|M1|P|2024-01-02|12.00|I10|E11.9|I10\n")
    let mapping = try ClaimMapping.parse(
      Array(
        #"{"version": 1, "delimiter": "|", "fields": {"claim_id": "CLAIM_NO", "member_id": "MEMBER", "claim_type": {"column": "TYPE", "values": {"P": "professional"}}, "from_date": "FROM", "allowed_amount": "ALLOWED", "dx": {"columns": ["DX1", "DX2", "DX3"]}}}"#
          .utf8), file: "mapping.json")
    let mapped = try MappedClaimReader(path: extract, mapping: mapping).read()
    #expect(native.map(\.dx) == [["I10", "E119"]])
    #expect(rifResult.store.views.map(\.dx) == [["I10", "E119"]])
    #expect(fhirResult.store.views.map(\.dx) == [["I10", "E119"]])
    #expect(mapped.store.views.map(\.dx) == [["I10", "E119"]])
  }

  @Test("RIF: a date outside the plausible range rejects the row at its column")
  func rifDates() throws {
    let (result, file) = try rif([
      "7|100|F|60|05-Mar-2024|31-Dec-9999|1000.00|0|0|0|0|0|3|0470|1|0001|||"
    ])
    // CLM_THRU_DT is column 6; the row's allowed amount (1000.00) is still counted.
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):2:6: error: CLM_THRU_DT: date outside the plausible range 1900-01-01 to 2100-12-31 (change it with --date-range) '31-Dec-9999'"
      ])
    #expect(result.rejections.map(\.allowed) == [dollars("1000.00")])
  }

  @Test("RIF: a file without CLM_DRG_CD says so by name to a definition testing drg")
  func rifMissingDRG() throws {
    let header = Self.rifHeader.replacingOccurrences(of: "CLM_DRG_CD|", with: "")
    let (result, file) = try rif(
      ["7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|0|0|0|0|0|3|1|0001|I10||"], header: header)
    #expect(result.rejections.isEmpty && result.store.lines.count == 1)
    #expect(result.absentColumns[.drg] == "CLM_DRG_CD")
    #expect(result.absentColumns[.hcpcs] == "HCPCS_CD")
    #expect(result.absentColumns[.dx] == nil)
    let warnings = ColumnCoverage.warnings(
      file: file, absent: result.absentColumns, definitions: [try simpleDefinition()])
    #expect(
      warnings.map(\.description) == [
        "\(file): warning: no 'CLM_DRG_CD' column, but definition T tests drg (its trigger's tests on drg can never match lines of this file)"
      ])
    // With the column, nothing is said.
    let (full, _) = try rif([
      "7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|0|0|0|0|0|3|0470|1|0001|||"
    ])
    #expect(
      ColumnCoverage.warnings(
        file: file, absent: full.absentColumns, definitions: [try simpleDefinition()]
      ).isEmpty)
    // convert warns only when both DRG and HCPCS are absent, as here.
    #expect(
      ColumnCoverage.convertWarning(file: file, absent: result.absentColumns)?.description
        == "\(file): warning: no 'CLM_DRG_CD' or 'HCPCS_CD' column: no shipped definition's trigger can match a line of this file"
    )
    #expect(ColumnCoverage.convertWarning(file: file, absent: [.hcpcs: "hcpcs"]) == nil)
  }

  @Test("mapped: a field the mapping leaves out is absent, named as not mapped")
  func mappedAbsent() throws {
    let folder = try TemporaryFolder()
    let extract = try folder.write("extract.psv", "C|M|T|F|A\nK1|M1|P|2024-01-02|12.00\n")
    let mapping = try ClaimMapping.parse(
      Array(
        #"{"version": 1, "delimiter": "|", "fields": {"claim_id": "C", "member_id": "M", "claim_type": {"column": "T", "values": {"P": "professional"}}, "from_date": "F", "allowed_amount": "A"}}"#
          .utf8), file: "mapping.json")
    let result = try MappedClaimReader(path: extract, mapping: mapping).read()
    #expect(result.absentColumns[.drg] == "drg (not mapped)")
    #expect(result.absentColumns[.claimID] == nil)
  }

  @Test("mapped: a field of more than 255 codes is rejected at its column; 255 are read")
  func mappedTooManyCodes() throws {
    // Distinct diagnoses A0000, A0001, …, `;`-separated in the DX column (column 6).
    let all = (0..<256).map { "A" + String(String($0 + 10_000).dropFirst()) }
    let folder = try TemporaryFolder()
    let extract = try folder.write(
      "extract.psv",
      "CLAIM_NO|MEMBER|TYPE|FROM|ALLOWED|DX\n"
        + "K1|M1|P|2024-01-02|12.00|\(all.prefix(255).joined(separator: ";"))\n"
        + "K2|M1|P|2024-01-02|13.00|\(all.joined(separator: ";"))\n")
    let mapping = try ClaimMapping.parse(
      Array(
        #"{"version": 1, "delimiter": "|", "fields": {"claim_id": "CLAIM_NO", "member_id": "MEMBER", "claim_type": {"column": "TYPE", "values": {"P": "professional"}}, "from_date": "FROM", "allowed_amount": "ALLOWED", "dx": {"column": "DX", "separator": ";"}}}"#
          .utf8), file: "mapping.json")
    let result = try MappedClaimReader(path: extract, mapping: mapping).read()
    #expect(result.store.views.map(\.claim) == ["K1"])
    #expect(result.store.lines.map(\.dxCount) == [255])
    let r = try #require(result.rejections.first)
    #expect(result.rejections.count == 1)
    #expect(r.line == 3 && r.column == 6 && r.field == "DX")
    #expect(r.reason == "more than 255 codes in one field")
  }

  @Test("FHIR: bytes that are not UTF-8 in a string are a rejection located at the byte")
  func fhirInvalidUTF8() throws {
    // Line 2: `{"resourceType":"ExplanationOfBenefit","id":"e` is 46 characters; the 0xFF byte is
    // the 47th.
    let bad =
      Array(#"{"resourceType":"ExplanationOfBenefit","id":"e"#.utf8) + [0xFF]
      + Array(#"2"}"#.utf8)
    let result = try fhir(Array((Self.eob + "\n").utf8) + bad + [10])
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "x.ndjson:2:47: error: not valid UTF-8 (byte 0xFF in a string)"
      ])
    #expect(result.rowsRead == 2 && result.store.lines.count == 1)
    // The parser itself: a truncated two-byte sequence (0xC3 then a quote) is refused too.
    let error = #expect(throws: Diagnostic.self) {
      try JSONParser.parse(Array(#"{"a":"x"#.utf8) + [0xC3] + Array(#""}"#.utf8), file: "a.json")
    }
    // `{"a":"x` is 7 characters: the byte is the 8th.
    #expect(error?.description == "a.json:1:8: error: not valid UTF-8 (byte 0xC3 in a string)")
    // Valid multi-byte characters pass: é is C3 A9.
    let ok = try JSONParser.parse(Array(#"{"a":"é"}"#.utf8), file: "a.json")
    guard case .object(let members) = ok.value, case .string(let text) = members.first?.value.value
    else {
      Issue.record("not an object with a string")
      return
    }
    #expect(text == "é")
  }

  @Test(
    "the CMS static samples read with their odd codes counted as warnings",
    SharedReference.required("bfd-rif-static"))
  func staticSampleWarnings() throws {
    let path = SharedReference.path("bfd-rif-static/sample-a-hha.txt")
    let result = try RIFReader(path: path).read().claims
    #expect(result.rejections.isEmpty && result.store.lines.count == 1)
    // PRVDR_NUM 45645 (column 12) and RNDRNG_PHYSN_NPI 345345345 (column 132) are neither NPIs
    // nor CCNs; PRNCPAL_DGNS_CD 53081 (column 28) is ICD-9-CM, repeated in ICD_DGNS_CD1 (column
    // 30) and counted once; HCPCS_CD 2GGGG (column 118) is no CPT or Level II code.
    let w = result.warnings
    #expect(w.counts == [.providerShape: 2, .icd9Diagnosis: 1, .hcpcsShape: 1])
    #expect(
      w.places[.providerShape]?.map { "\($0.location) \($0.location.field ?? "") \($0.value)" } == [
        "\(path):2:132 RNDRNG_PHYSN_NPI 345345345", "\(path):2:12 PRVDR_NUM 45645",
      ])
    #expect(w.places[.icd9Diagnosis]?.map(\.location.description) == ["\(path):2:28"])
    #expect(w.places[.hcpcsShape]?.map(\.value) == ["2GGGG"])
  }
}

/// The plausible range on RIF beneficiary files.
@Suite("Shared input rules: RIF beneficiary dates")
struct RIFBeneficiaryDateTests {
  @Test("a birth date before 1900 rejects the beneficiary row at its column")
  func birthDate() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "beneficiary_2024.csv",
      "BENE_ID|BENE_BIRTH_DT|BENE_SEX_IDENT_CD|RFRNC_YR\n1|14-Feb-1950|2|2024\n2|01-Jan-1850|1|2024\n"
    )
    let members = try RIFReader.readMembers(files: [file])
    #expect(members.members.keys.sorted() == ["1"])
    // Line 3, BENE_BIRTH_DT is column 2.
    #expect(
      members.rejections.map(\.diagnostic.description) == [
        "\(file):3:2: error: BENE_BIRTH_DT: date outside the plausible range 1900-01-01 to 2100-12-31 (change it with --date-range) '01-Jan-1850'"
      ])
  }
}
