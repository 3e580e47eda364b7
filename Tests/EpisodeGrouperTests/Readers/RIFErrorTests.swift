import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// Bad RIF input: each problem is a rejection (or, for the file as a whole, a thrown diagnostic)
/// with the exact file, line, column, field, value and reason.
@Suite("RIF reader: bad input")
struct RIFErrorTests {
  /// A minimal inpatient layout: 16 columns, BENE_ID first; CLM_FROM_DT is column 5, CLM_PMT_AMT 7.
  static let header =
    "BENE_ID|CLM_ID|FINAL_ACTION|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_THRU_DT|CLM_PMT_AMT|NCH_PRMRY_PYR_CLM_PD_AMT|"
    + "CLM_PASS_THRU_PER_DIEM_AMT|NCH_BENE_IP_DDCTBL_AMT|NCH_BENE_PTA_COINSRNC_LBLTY_AM|NCH_BENE_BLOOD_DDCTBL_LBLTY_AM|"
    + "CLM_UTLZTN_DAY_CNT|CLM_DRG_CD|CLM_LINE_NUM|REV_CNTR"
  /// A good row of claim 100: 1000.00 paid, nothing else.
  static let good = "7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|0|0|0|0|0|3|0470|1|0001"

  func read(_ rows: [String], header: String = Self.header) throws -> (ClaimReadResult, String) {
    let folder = try TemporaryFolder()
    let file = try folder.write("inpatient.csv", ([header] + rows).joined(separator: "\n") + "\n")
    return (try RIFReader(path: file).read().claims, file)
  }

  func messages(_ rows: [String]) throws -> [String] {
    let (result, file) = try read(rows)
    return result.rejections.map {
      $0.diagnostic.description.replacingOccurrences(of: file, with: "inpatient.csv")
    }
  }

  @Test("a truncated line is rejected at its last field")
  func truncatedLine() throws {
    let (result, file) = try read([Self.good, "7|101|F|60|05-Mar-2024|08-Mar"])
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):3:7: error: expected 16 fields as in the header, found 6"
      ])
    #expect(result.rowsRead == 2)
    #expect(result.store.lines.count == 1)
    // The same row cut short at the end of the file, without its line end.
    let folder = try TemporaryFolder()
    let cut = try folder.write(
      "inpatient.csv",
      [Self.header, Self.good, "7|101|F|60|05-Mar-2024|08-Mar"].joined(separator: "\n"))
    let reread = try RIFReader(path: cut).read().claims
    #expect(
      reread.rejections.map(\.diagnostic.description) == [
        "\(cut):3:7: error: expected 16 fields as in the header, found 6"
      ])
  }

  @Test("a comma-delimited file is not read as RIF")
  func wrongDelimiter() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "inpatient.csv",
      Self.header.replacingOccurrences(of: "|", with: ",") + "\n"
        + Self.good.replacingOccurrences(of: "|", with: ",") + "\n")
    let error = #expect(throws: Diagnostic.self) { try RIFReader(path: file).read() }
    #expect(
      error?.description
        == "\(file):1: error: not a RIF file: the first line holds no '|' (RIF files are pipe-delimited with a header row)"
    )
    // A pipe-delimited header over comma-delimited rows: each row is one field.
    #expect(
      try messages([Self.good.replacingOccurrences(of: "|", with: ",")]) == [
        "inpatient.csv:2:2: error: expected 16 fields as in the header, found 1 (is the file pipe-delimited?)"
      ])
  }

  @Test("a bad date names its column and value, and keeps the row's dollars")
  func badDate() throws {
    let (result, file) = try read([
      Self.good.replacingOccurrences(of: "05-Mar-2024", with: "2024-13-05")
    ])
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):2:5: error: CLM_FROM_DT: not a real date in the form DD-Mon-YYYY (19-Mar-2017), YYYYMMDD or YYYY-MM-DD '2024-13-05'"
      ])
    #expect(result.rejections.map(\.allowed) == [dollars("1000.00")])
    #expect(
      try messages([Self.good.replacingOccurrences(of: "08-Mar-2024", with: "31-Feb-2024")]) == [
        "inpatient.csv:2:6: error: CLM_THRU_DT: not a real date in the form DD-Mon-YYYY (19-Mar-2017), YYYYMMDD or YYYY-MM-DD '31-Feb-2024'"
      ])
  }

  @Test("claim type codes must belong to the file")
  func typeAndFinalAction() throws {
    #expect(
      try messages([Self.good.replacingOccurrences(of: "|F|60|", with: "|F|40|")]) == [
        "inpatient.csv:2:4: error: NCH_CLM_TYPE_CD: a claim type of the outpatient file, not of the inpatient file (expected 60, 61) '40'"
      ])
    #expect(
      try messages([Self.good.replacingOccurrences(of: "|F|60|", with: "|F|63|")]) == [
        "inpatient.csv:2:4: error: NCH_CLM_TYPE_CD: a Medicare Advantage claim (IME/GME, no-pay or encounter), not a fee-for-service claim '63'"
      ])
  }

  @Test("a row that is not final action is read, then set aside as superseded, never rejected")
  func notFinalAction() throws {
    // Claim 100 final (1000.00), claim 101 not final (N, 250.00).
    let other = "7|101|N|60|05-Mar-2024|08-Mar-2024|250.00|0|0|0|0|0|3|0470|1|0001"
    let (result, _) = try read([Self.good, other])
    #expect(result.rejections.isEmpty && result.store.lines.count == 2)
    let (kept, report) = ClaimVersions.resolve(result.store)
    #expect(kept.lines.map { kept.claims.string($0.claim) } == ["100"])
    #expect(report.setAside.lines == [.notFinalAction: 1])
    #expect(report.setAside.dollars == [.notFinalAction: dollars("250.00")])
  }

  @Test("rows of one claim must agree on its claim-level amounts")
  func claimLevelAmountsDisagree() throws {
    let second = "7|100|F|60|05-Mar-2024|08-Mar-2024|900.00|0|0|0|0|0|3|0470|2|0001"
    let (result, file) = try read([Self.good, second])
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):3:7: error: CLM_PMT_AMT: claim-level amounts give an allowed amount of 900.00 here but 1000.00 on the "
          + "claim's first row (\(file) line 2) '900.00'"
      ])
    // The claim's 1000.00 stays on its first row; the rejected row carries none.
    #expect(result.store.allowedTotal == dollars("1000.00"))
    #expect(result.rejections.map(\.allowed) == [.zero])
  }

  @Test("a claim line given twice is rejected on both rows")
  func duplicateLine() throws {
    let (result, file) = try read([Self.good, Self.good])
    let reason = "CLM_ID: duplicate claim_id+line (claim '100' line 1 is on line 2, line 3) '100'"
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):2:2: error: \(reason)", "\(file):3:2: error: \(reason)",
      ])
    #expect(result.store.lines.isEmpty)
  }

  @Test("a claim id in two files of different kinds is rejected in both")
  func claimAcrossFiles() throws {
    let folder = try TemporaryFolder()
    try folder.write("inpatient.csv", Self.header + "\n" + Self.good + "\n")
    try folder.write(
      "outpatient.csv",
      "BENE_ID|CLM_ID|NCH_CLM_TYPE_CD|CLM_FROM_DT|NCH_BENE_PTB_DDCTBL_AMT|CLM_LINE_NUM|REV_CNTR|REV_CNTR_DT|"
        + "REV_CNTR_PMT_AMT_AMT|REV_CNTR_PTNT_RSPNSBLTY_PMT|REV_CNTR_1ST_MSP_PD_AMT|REV_CNTR_2ND_MSP_PD_AMT\n"
        + "7|100|40|09-Mar-2024|0|2|0510|09-Mar-2024|80.00|20.00|0|0\n")
    let result = try RIFReader(path: folder.path).read().claims
    let reason =
      "claim '100' has lines that disagree on claim_type: 'inpatient' on inpatient.csv line 2, 'outpatient' on outpatient.csv line 2"
    // Line 1 in one file and line 2 in the other, so not a duplicate line: the claim's lines disagree.
    // NCH_CLM_TYPE_CD is column 4 of the inpatient file and column 3 of the outpatient one.
    #expect(
      result.rejections.map {
        $0.diagnostic.description.replacingOccurrences(of: folder.path + "/", with: "")
      } == [
        "inpatient.csv:2:4: error: NCH_CLM_TYPE_CD: \(reason) 'inpatient'",
        "outpatient.csv:2:3: error: NCH_CLM_TYPE_CD: \(reason) 'outpatient'",
      ])
    // The rejected rows keep their dollars: 1000.00 and 80.00 + 20.00.
    #expect(result.rejections.map(\.allowed) == [dollars("1000.00"), dollars("100.00")])
  }

  @Test("a header lacking a column the file kind needs stops the read")
  func missingColumn() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "inpatient.csv",
      Self.header.replacingOccurrences(of: "|CLM_PMT_AMT|", with: "|") + "\n" + Self.good + "\n")
    let error = #expect(throws: Diagnostic.self) { try RIFReader(path: file).read() }
    #expect(
      error?.description
        == "\(file):1: error: a RIF inpatient file needs column CLM_PMT_AMT, which the header lacks"
    )
  }

  @Test("a file that is no RIF layout, and a folder without claim files")
  func notRIF() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("claims.txt", "A|B|C\n1|2|3\n")
    let error = #expect(throws: Diagnostic.self) { try RIFReader(path: file).read() }
    #expect(
      error?.description
        == "\(file):1: error: not a RIF file: the header names no CLM_ID with NCH_CLM_TYPE_CD, PDE_ID, or BENE_ID with BENE_BIRTH_DT"
    )
    let folderError = #expect(throws: Diagnostic.self) { try RIFReader(path: folder.path).read() }
    #expect(
      folderError?.description
        == "\(folder.path): error: the folder holds no RIF claim files (pipe-delimited inpatient, outpatient, carrier, snf, hha, hospice, dme or pde files with a header row)"
    )
  }
}
