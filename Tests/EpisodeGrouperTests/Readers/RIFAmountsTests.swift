import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The RIF amount and date rules CMS's method needs: the outpatient line payment column,
/// primary-payer amounts read apart, undated outpatient lines set aside, carrier and DME lines
/// dated by their first expense date, and claims whose lines do not sum to their total.
@Suite("RIF reader: amounts, dates and line sums")
struct RIFAmountsTests {
  /// Reads a RIF file of `lines` written as `name` in a temporary folder.
  func read(_ name: String, _ lines: [String]) throws -> ClaimReadResult {
    let folder = try TemporaryFolder()
    let file = try folder.write(name, lines.joined(separator: "\n") + "\n")
    return try RIFReader(path: file).read().claims
  }

  /// An outpatient layout: REV_CNTR_DT is column 7, CLM_PMT_AMT column 8.
  static let outpatient =
    "BENE_ID|CLM_ID|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_LINE_NUM|REV_CNTR|REV_CNTR_DT|CLM_PMT_AMT|"
    + "NCH_BENE_PTB_DDCTBL_AMT|REV_CNTR_PRVDR_PMT_AMT|REV_CNTR_PTNT_RSPNSBLTY_PMT|REV_CNTR_PMT_AMT_AMT|"
    + "REV_CNTR_1ST_MSP_PD_AMT|REV_CNTR_2ND_MSP_PD_AMT"

  @Test("outpatient: the provider payment column, MSP apart, undated lines set aside, line sums")
  func outpatient() throws {
    let result = try read(
      "outpatient.csv",
      [
        Self.outpatient,
        // C1 line 1: allowed = REV_CNTR_PRVDR_PMT_AMT 80.00 + REV_CNTR_PTNT_RSPNSBLTY_PMT 20.00 =
        // 100.00, paid 80.00 (not REV_CNTR_PMT_AMT_AMT 95.00); primary payers 5.00 + 1.00 = 6.00.
        "7|C1|40|05-Mar-2024|1|0450|05-Mar-2024|140.00|0|80.00|20.00|95.00|5.00|1.00",
        // C1 line 2: 50.00 + 10.00 = 60.00, paid 50.00.
        "7|C1|40|05-Mar-2024|2|0300|06-Mar-2024|140.00|0|50.00|10.00|55.00|0|0",
        // C1 line 3: no REV_CNTR_DT: read, then set aside as CMS drops it (7.00 + 0).
        "7|C1|40|05-Mar-2024|3|0250||140.00|0|7.00|0|7.00|0|0",
        // C2: its one line pays 40.00, its CLM_PMT_AMT: no warning.
        "7|C2|40|05-Mar-2024|1|0450|05-Mar-2024|40.00|0|40.00|0|40.00|0|0",
      ])
    #expect(result.rejections.isEmpty)
    let lines = result.store.lines
    #expect(lines.map(\.allowed) == ["100.00", "60.00", "7.00", "40.00"].map(dollars))
    #expect(lines.map(\.paid) == ["80.00", "50.00", "7.00", "40.00"].map(dollars))
    #expect(
      lines.map { result.store.extras($0).primaryPayerPaid }
        == ["6.00", "0.00", "0.00", "0.00"].map(dollars))
    #expect(lines.map(\.setAside) == [nil, nil, .noRevenueCenterDate, nil])
    let (kept, report) = ClaimVersions.resolve(result.store)
    #expect(kept.lines.count == 3)
    #expect(report.setAside.dollars == [.noRevenueCenterDate: dollars("7.00")])
    // C1: CLM_PMT_AMT 140.00 but its dated lines pay 80.00 + 50.00 = 130.00: one warning, at the
    // claim total of C1's first row (line 2, column 8).
    #expect(result.warnings.counts == [.lineSumDiffers: 1])
    let place = try #require(result.warnings.places[.lineSumDiffers]?.first)
    #expect(place.value == "140.00 vs lines 130.00")
    #expect(place.location.line == 2 && place.location.column == 8)
  }

  @Test("an extract without REV_CNTR_PRVDR_PMT_AMT reads REV_CNTR_PMT_AMT_AMT")
  func outpatientFallback() throws {
    let header = Self.outpatient.replacingOccurrences(of: "REV_CNTR_PRVDR_PMT_AMT|", with: "")
    let result = try read(
      "outpatient.csv",
      [header, "7|C1|40|05-Mar-2024|1|0450|05-Mar-2024|95.00|0|20.00|95.00|0|0"])
    // 95.00 + 20.00 = 115.00 allowed, 95.00 paid, which is the claim's CLM_PMT_AMT: no warning.
    #expect(result.store.lines.map(\.allowed) == [dollars("115.00")])
    #expect(result.store.lines.map(\.paid) == [dollars("95.00")])
    #expect(result.warnings.isEmpty)
  }

  @Test("carrier and DME lines are dated by their first expense date")
  func firstExpenseDate() throws {
    let header =
      "BENE_ID|CLM_ID|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_THRU_DT|LINE_NUM|LINE_1ST_EXPNS_DT|"
      + "LINE_LAST_EXPNS_DT|LINE_ALOWD_CHRG_AMT|LINE_NCH_PMT_AMT|LINE_BENE_PRMRY_PYR_PD_AMT"
    // The claim runs 1-31 March, the line 10-20 March: the line is dated 10 March alone.
    let carrier = try read(
      "carrier.csv",
      [header, "7|C1|71|01-Mar-2024|31-Mar-2024|1|10-Mar-2024|20-Mar-2024|50.00|40.00|3.00"])
    #expect(carrier.rejections.isEmpty)
    let line = try #require(carrier.store.lines.first)
    #expect(line.from == day("2024-03-10") && line.thru == day("2024-03-10"))
    #expect(line.allowed == dollars("50.00"))
    #expect(carrier.store.extras(line).primaryPayerPaid == dollars("3.00"))
    let dme = try read(
      "dme.csv",
      [
        header.replacingOccurrences(of: "LINE_NUM|", with: "LINE_NUM|PRVDR_NPI|"),
        "7|D1|82|01-Mar-2024|31-Mar-2024|1|1234567893|15-Mar-2024|14-Apr-2024|120.00|96.00|0",
      ])
    #expect(dme.rejections.isEmpty)
    let rental = try #require(dme.store.lines.first)
    #expect(rental.type == .dme)
    #expect(rental.from == day("2024-03-15") && rental.thru == day("2024-03-15"))
  }

  @Test("an inpatient claim's primary payer amount is apart from allowed, on every row")
  func inpatientPrimaryPayer() throws {
    let header =
      "BENE_ID|CLM_ID|FINAL_ACTION|NCH_CLM_TYPE_CD|CLM_FROM_DT|CLM_THRU_DT|CLM_PMT_AMT|"
      + "NCH_PRMRY_PYR_CLM_PD_AMT|CLM_PASS_THRU_PER_DIEM_AMT|NCH_BENE_IP_DDCTBL_AMT|"
      + "NCH_BENE_PTA_COINSRNC_LBLTY_AM|NCH_BENE_BLOOD_DDCTBL_LBLTY_AM|CLM_UTLZTN_DAY_CNT|"
      + "CLM_DRG_CD|CLM_LINE_NUM|REV_CNTR"
    let result = try read(
      "inpatient.csv",
      [
        header,
        "7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|250.00|0|100.00|0|0|3|0470|1|0001",
        "7|100|F|60|05-Mar-2024|08-Mar-2024|1000.00|250.00|0|100.00|0|0|3|0470|2|0120",
      ])
    #expect(result.rejections.isEmpty)
    // Allowed: CLM_PMT_AMT 1000.00 + deductible 100.00 = 1100.00 on the first row only; the
    // primary payer's 250.00 is not added, and is on both rows for a test of the claim.
    #expect(result.store.lines.map(\.allowed) == [dollars("1100.00"), .zero])
    #expect(
      result.store.lines.map { result.store.extras($0).primaryPayerPaid }
        == [dollars("250.00"), dollars("250.00")])
  }
}
