import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The RIF reader on CMS's one-beneficiary RIF samples (`../shared/reference/bfd-rif-static`),
/// each file read on its own: the claim files as claims, the beneficiary files as members. Several
/// samples are malformed on purpose (a four-digit DRG, a row wider than its header, a reference
/// year of 3); those come back as rejections naming the file, line, column and value.
@Suite(
  "RIF reader: CMS static samples",
  // Skipped, and listed as skipped, when ../shared/reference/bfd-rif-static is not beside the
  // package; failed under CI.
  SharedReference.required("bfd-rif-static"))
struct RIFStaticSampleTests {
  static func path(_ name: String) -> String { SharedReference.path("bfd-rif-static/\(name)") }

  static let claimFiles = [
    "sample-a-bcarrier-multiple-lines.txt", "sample-a-bcarrier.txt", "sample-a-dme.txt",
    "sample-a-hha.txt",
    "sample-a-hospice.txt", "sample-a-inpatient-with-four-character-drg-code.txt",
    "sample-a-inpatient.txt",
    "sample-a-outpatient.txt", "sample-a-pde.txt", "sample-a-snf-with-four-character-drg-code.txt",
    "sample-a-snf.txt",
    "sample-u-bcarrier.txt",
  ]
  static let beneficiaryFiles = [
    "sample-a-beneficiaries-with-backslash.txt",
    "sample-a-beneficiaries-without-reference-year.txt",
    "sample-a-beneficiaries.txt", "sample-a-multiple-entries-same-bene.txt",
    "sample-hicn-mult-bene-beneficiaries.txt",
    "sample-u-beneficiaries.txt", "sample-u-unchanged-beneficiaries.txt",
    "sample-u-with-8-months.txt",
    "sample-u-with-9-months.txt",
  ]
  static let historyFiles = [
    "sample-a-beneficiaryhistory.txt", "sample-hicn-mult-bene-beneficiaryhistory.txt",
  ]

  func read(_ name: String) throws -> ClaimReadResult {
    try RIFReader(path: Self.path(name)).read().claims
  }

  /// What a primary payer paid on the file's first line, as text.
  func primary(_ name: String) throws -> String {
    let store = try read(name).store
    return store.extras(try #require(store.lines.first)).primaryPayerPaid.description
  }

  func line(_ name: String) throws -> LineView {
    let result = try read(name)
    #expect(result.rejections.isEmpty)
    #expect(result.rowsRead == 1)
    return try #require(result.store.views.first)
  }

  @Test("the tests name every file of the folder")
  func everyFileIsCovered() {
    let names = SharedReference.files("bfd-rif-static").map { ($0 as NSString).lastPathComponent }
    #expect(names == (Self.claimFiles + Self.beneficiaryFiles + Self.historyFiles).sorted())
  }

  @Test("carrier: one line, and seven")
  func carrier() throws {
    let l = try line("sample-a-bcarrier.txt")
    // Row 2: CLM_ID 9991831999, LINE_NUM 6, BENE_ID 567834, NCH_CLM_TYPE_CD 71, 27-OCT-1999.
    #expect(
      l.claim == "9991831999" && l.line == 6 && l.member == "567834" && l.type == "professional")
    #expect(l.from == "1999-10-27" && l.thru == "1999-10-27")
    #expect(l.hcpcs == "92999" && l.modifiers == ["LT"] && l.placeOfService == "11")
    // PRNCPAL_DGNS_CD A02; ICD_DGNS_CD1-4 A02 (the principal), A06, B04, B05; LINE_ICD_DGNS_CD A52.
    #expect(l.principal == "A02" && l.dx == ["A06", "B04", "B05", "A52"])
    // CARR_CLM_BLG_NPI_NUM, PRF_PHYSN_NPI
    #expect(l.billing == "1234567890" && l.rendering == "1923124")
    #expect(l.allowed == "47.84" && l.paid == "37.50")  // LINE_ALOWD_CHRG_AMT, LINE_NCH_PMT_AMT

    let many = try read("sample-a-bcarrier-multiple-lines.txt")
    #expect(many.rowsRead == 7 && many.rejections.isEmpty)
    // LINE_NUM 1-7 with HCPCS_CD 92999 down to 92993, each LINE_ALOWD_CHRG_AMT 47.84 (7 x 47.84).
    #expect(many.store.views.map(\.line) == Array(1...7))
    #expect(
      many.store.views.map(\.hcpcs) == [
        "92999", "92998", "92997", "92996", "92995", "92994", "92993",
      ])
    #expect(many.store.allowedTotal == dollars("334.88"))
  }

  @Test("a carrier row wider than its header is rejected")
  func widerRow() throws {
    let result = try read("sample-u-bcarrier.txt")
    // The header has 100 columns; row 2 has 101 fields, the last not empty.
    #expect(result.store.lines.isEmpty)
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(Self.path("sample-u-bcarrier.txt")):2:101: error: expected 100 fields as in the header, found 101"
      ])
  }

  @Test("DME, home health and hospice")
  func otherSettings() throws {
    let dme = try line("sample-a-dme.txt")
    // NCH_CLM_TYPE_CD 82, 03-FEB-2014, HCPCS_CD 345 (the sample's own value), LINE_ALOWD_CHRG_AMT
    // 129.45, LINE_NCH_PMT_AMT 123.45, PRVDR_NPI 1244444444.
    #expect(dme.claim == "2188888888" && dme.type == "dme" && dme.from == "2014-02-03")
    #expect(dme.hcpcs == "345" && dme.modifiers == ["YY"] && dme.placeOfService == "12")
    #expect(dme.principal == "B04" && dme.dx == ["A37", "A25"])
    #expect(dme.allowed == "129.45" && dme.paid == "123.45" && dme.billing == "1244444444")

    let hha = try line("sample-a-hha.txt")
    // CLM_PMT_AMT 188.00; NCH_PRMRY_PYR_CLM_PD_AMT 11.00 read apart, not added; REV_CNTR 0023;
    // ICD-9 principal 53081.
    #expect(hha.claim == "2925555555" && hha.type == "home_health" && hha.from == "2015-06-23")
    #expect(hha.allowed == "188.00" && hha.paid == "188.00")
    #expect(try primary("sample-a-hha.txt") == "11.00")
    #expect(
      hha.revenue == "0023" && hha.hcpcs == "2GGGG" && hha.principal == "53081" && hha.dx == ["B01"]
    )
    #expect(hha.billing == "45645" && hha.status == "30")

    let hospice = try line("sample-a-hospice.txt")
    // CLM_FROM_DT 01-JAN-2014, CLM_THRU_DT 30-JAN-2014, CLM_HOSPC_START_DT_ID 06-JUL-2014,
    // NCH_BENE_DSCHRG_DT 29-JUN-2015; CLM_PMT_AMT 130.32; REV_CNTR 651.
    #expect(hospice.claim == "9992223422" && hospice.type == "hospice")
    #expect(hospice.from == "2014-01-01" && hospice.thru == "2014-01-30")
    #expect(hospice.admit == "2014-07-06" && hospice.discharge == "2015-06-29")
    #expect(
      hospice.allowed == "130.32" && hospice.revenue == "0651" && hospice.modifiers == ["Q9999"])
    #expect(hospice.rendering == "345345345")
  }

  @Test("inpatient and SNF stays, and their four-character DRGs")
  func stays() throws {
    let ip = try line("sample-a-inpatient.txt")
    // 15-JAN-2016 to 27-JAN-2016; CLM_DRG_CD 695; CLM_PMT_AMT 7699.48 + 10.00 x 12 days pass-through
    // + deductible 112.00 + coinsurance 5.00 + blood 6.00 = 7942.48; the primary payer's 11.00 is
    // read apart.
    #expect(ip.claim == "333333222222" && ip.type == "inpatient")
    #expect(
      ip.from == "2016-01-15" && ip.thru == "2016-01-27" && ip.admit == "2016-01-15"
        && ip.discharge == "2016-01-27")
    #expect(ip.drg == "695" && ip.principal == "A40" && ip.dx == ["A52", "A06", "A15", "B01"])
    #expect(ip.px == ["BQ0HZZZ", "CD1YYZZ", "2W52X6Z", "BP17ZZZ", "D9YD8ZZ", "F00ZCKZ"])
    #expect(ip.allowed == "7942.48" && ip.paid == "7819.48")
    #expect(try primary("sample-a-inpatient.txt") == "11.00")
    #expect(ip.billing == "777776" && ip.rendering == "345345345" && ip.status == "51")

    let snf = try line("sample-a-snf.txt")
    // 01-DEC-2013 to 18-DEC-2013, admitted 05-NOV-2013; CLM_DRG_CD 645; CLM_PMT_AMT 3333.33 +
    // 112.00 + 5.00 + 6.00 = 3456.33 (the primary payer's 11.00 apart).
    #expect(
      snf.claim == "777777777" && snf.type == "snf" && snf.from == "2013-12-01"
        && snf.admit == "2013-11-05")
    #expect(
      snf.drg == "645" && snf.principal == "3736" && snf.dx == ["V0182"] && snf.px == ["9214"])
    #expect(snf.allowed == "3456.33" && snf.paid == "3333.33" && snf.revenue == "0022")

    // The same stays with CLM_DRG_CD 6955 and 6455: not three-digit MS-DRGs, so rejected where
    // they stand (column 64 of the inpatient layout, 61 of the SNF one), their dollars counted.
    for (name, column, value, amount) in [
      ("sample-a-inpatient-with-four-character-drg-code.txt", 64, "6955", "7942.48"),
      ("sample-a-snf-with-four-character-drg-code.txt", 61, "6455", "3456.33"),
    ] {
      let result = try read(name)
      #expect(result.store.lines.isEmpty)
      #expect(
        result.rejections.map(\.diagnostic.description) == [
          "\(Self.path(name)):2:\(column): error: CLM_DRG_CD: not a 3-digit ms_drg code '\(value)'"
        ])
      #expect(result.rejections.map(\.allowed) == [dollars(amount)])
    }
  }

  @Test("outpatient and Part D")
  func outpatientAndPartD() throws {
    let op = try line("sample-a-outpatient.txt")
    // CLM_LINE_NUM 25 on REV_CNTR_DT 03-JAN-1942 (the sample's own date); REV_CNTR 1;
    // the line payment REV_CNTR_PRVDR_PMT_AMT 200 (not REV_CNTR_PMT_AMT_AMT 5000.00) +
    // REV_CNTR_PTNT_RSPNSBLTY_PMT 500 = 700.00; MSP 0 + 0 read apart.
    #expect(op.claim == "1234567890" && op.line == 25 && op.type == "outpatient")
    #expect(
      op.from == "1942-01-03" && op.revenue == "0001" && op.hcpcs == "M99" && op.modifiers == ["XX"]
    )
    #expect(op.allowed == "700.00" && op.paid == "200.00")
    #expect(try primary("sample-a-outpatient.txt") == "0.00")
    #expect(op.principal == "A40" && op.dx == ["A52"] && op.px == ["CD1YYZZ"])
    #expect(op.billing == "999999" && op.rendering == "345345345" && op.status == "01")

    let pde = try line("sample-a-pde.txt")
    // PDE_ID 89, SRVC_DT 12-MAY-2015, TOT_RX_CST_AMT 550.00; CVRD_D_PLAN_PD_AMT 126.99 +
    // NCVRD_PLAN_PD_AMT 17.98.
    #expect(pde.claim == "89" && pde.type == "pharmacy" && pde.from == "2015-05-12")
    #expect(pde.allowed == "550.00" && pde.paid == "144.97")
    #expect(pde.billing == "1023011079" && pde.rendering == "1750384806")
  }

  /// Members expected from one beneficiary file, and the rejected lines with the reason.
  struct BeneficiaryCase: Sendable, CustomTestStringConvertible {
    var file: String
    var members: [String: Member]
    var rejected: [(line: Int, column: Int, value: String, reason: String)]
    var testDescription: String { file }
  }

  static let noYear = "monthly entitlement indicators are given without a reference year"
  static let born = day("1981-03-17")

  /// Buy-in C every month and HMO 1 (Medicare Advantage) in months 1-10, 0 in 11-12: November
  /// and December of the year are covered.
  static func novemberDecember(_ years: Int...) -> Member {
    Member(
      birth: born, sex: "M", death: born,
      coverage: years.map {
        DayRange(Day(year: $0, month: 11, day: 1)!, Day(year: $0, month: 12, day: 31)!)
      })
  }

  static let beneficiaryCases: [BeneficiaryCase] = [
    BeneficiaryCase(
      file: "sample-a-beneficiaries.txt", members: ["567834": novemberDecember(2018)], rejected: []),
    // The same row with a backslash in an address field.
    BeneficiaryCase(
      file: "sample-a-beneficiaries-with-backslash.txt",
      members: ["567834": novemberDecember(2018)], rejected: []),
    // RFRNC_YR (column 21) blank while the monthly indicators are filled.
    BeneficiaryCase(
      file: "sample-a-beneficiaries-without-reference-year.txt", members: [:],
      rejected: [(2, 21, "", noYear)]),
    // Rows for 1990, 2000, 2001, 2003, 2019 and 2022.
    BeneficiaryCase(
      file: "sample-a-multiple-entries-same-bene.txt",
      members: ["567834": novemberDecember(1990, 2000, 2001, 2003, 2019, 2022)], rejected: []),
    // Lines 4 and 6 have no RFRNC_YR, line 5 has RFRNC_YR 0.
    BeneficiaryCase(
      file: "sample-hicn-mult-bene-beneficiaries.txt",
      members: [
        "5678342018": novemberDecember(2018), "5678342019": novemberDecember(2019),
        "98547": novemberDecember(2019),
        "12345": novemberDecember(2019), "55555": novemberDecember(2019),
        "77777": novemberDecember(2017),
        "66666": novemberDecember(2018),
      ],
      rejected: [
        (4, 21, "", noYear), (5, 21, "0", "not a reference year (a four-digit year)"),
        (6, 21, "", noYear),
      ]),
    // HMO C (Medicare Advantage lock-in) every month: a member with no fee-for-service month.
    BeneficiaryCase(
      file: "sample-u-beneficiaries.txt",
      members: ["567834": Member(birth: born, sex: "M", death: born)], rejected: []),
    BeneficiaryCase(
      file: "sample-u-unchanged-beneficiaries.txt", members: [:],
      rejected: [(2, 21, "3", "not a reference year (a four-digit year)")]),
    // Buy-in C in months 1-8, HMO C in months 1-7: August 2019 alone is fee-for-service.
    BeneficiaryCase(
      file: "sample-u-with-8-months.txt",
      members: [
        "567834": Member(
          birth: born, sex: "M", death: born,
          coverage: [DayRange(day("2019-08-01"), day("2019-08-31"))])
      ],
      rejected: []),
    // Buy-in C and HMO C in months 1-8: none.
    BeneficiaryCase(
      file: "sample-u-with-9-months.txt",
      members: ["567834": Member(birth: born, sex: "M", death: born)], rejected: []),
  ]

  @Test("beneficiary files become members with coverage spans", arguments: beneficiaryCases)
  func beneficiaries(_ c: BeneficiaryCase) throws {
    let read = try RIFReader.readMembers(files: [Self.path(c.file)])
    #expect(read.members == c.members)
    #expect(
      read.rejections.map(\.diagnostic.description)
        == c.rejected.map {
          "\(Self.path(c.file)):\($0.line):\($0.column): error: RFRNC_YR: \($0.reason) '\($0.value)'"
        })
  }

  @Test(
    "beneficiary history files are recognised and not read for members", arguments: historyFiles)
  func history(_ name: String) throws {
    #expect(RIFFileKind.of(file: Self.path(name)) == .beneficiaryHistory)
    let error = #expect(throws: Diagnostic.self) {
      try RIFReader.readMembers(files: [Self.path(name)])
    }
    #expect(
      error?.description
        == "\(Self.path(name)):1: error: not a RIF beneficiary file (its header is a beneficiary_history header)"
    )
  }
}
