import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The RIF reader on the project's own fixture (Fixtures/rif-lejr): one beneficiary with a knee
/// replacement stay, its SNF stay, home health, therapy, surgeon and follow-up claims, a
/// readmission that counts, one on CMS's excluded list, a walker, a drug fill, an emergency visit
/// the day before, and a visit after the window. Every expected value is read off the fixture's
/// rows, with the arithmetic written out.
@Suite("RIF reader: project fixture")
struct RIFFixtureTests {
  static let folder = TestPaths.fixture("rif-lejr")

  func read(chunkSize: Int = 1 << 22) throws -> RIFReadResult {
    var reader = RIFReader(path: Self.folder)
    reader.chunkSize = chunkSize
    return try reader.read()
  }

  @Test("every file is recognised and every row read")
  func filesAndRows() throws {
    let result = try read()
    let kinds = result.files.map {
      ($0.path as NSString).lastPathComponent + ":" + $0.kind.rawValue + ":\($0.rows)"
    }
    // Data rows per file: wc -l minus the header.
    #expect(
      kinds == [
        "beneficiary_2024.csv:beneficiary:1", "carrier.csv:carrier:4", "dme.csv:dme:1",
        "hha.csv:hha:2",
        "inpatient.csv:inpatient:4", "outpatient.csv:outpatient:4", "pde.csv:pde:1",
        "snf.csv:snf:2",
      ])
    #expect(result.claims.rowsRead == 18)
    #expect(result.claims.rejections.isEmpty)
    #expect(result.claims.store.lines.count == 18)
    #expect(result.ignored.isEmpty)
    #expect(result.beneficiaryYears == [2024])
  }

  @Test("an inpatient claim's amounts are counted once, on its first row")
  func inpatientClaimLevelAmounts() throws {
    let store = try read().claims.store
    let lines = store.views(ofClaim: "9001")
    #expect(lines.count == 2)
    // inpatient.csv line 2: CLM_PMT_AMT 14000.00 + CLM_PASS_THRU_PER_DIEM_AMT 25.00 x
    // CLM_UTLZTN_DAY_CNT 3 + NCH_BENE_IP_DDCTBL_AMT 1632.00 (coinsurance, blood deductible and
    // primary payer 0; NCH_IP_TOT_DDCTN_AMT 1632.00 repeats the deductible and is not added).
    #expect(lines[0].allowed == "15707.00")
    #expect(lines[0].paid == "14075.00")
    // inpatient.csv line 3 repeats the claim's amounts: counted zero.
    #expect(lines[1].allowed == "0.00")
    #expect(lines[1].paid == "0.00")
    let first = lines[0]
    #expect(first.type == "inpatient")
    #expect(first.from == "2024-03-05" && first.thru == "2024-03-08")
    #expect(first.admit == "2024-03-05" && first.discharge == "2024-03-08")
    #expect(first.drg == "470")  // CLM_DRG_CD 0470, four characters
    #expect(first.principal == "M1711")
    #expect(first.dx == ["I10"])  // ICD_DGNS_CD1 repeats the principal diagnosis
    #expect(first.px == ["0SRC0J9"])
    #expect(first.billing == "220071")  // PRVDR_NUM
    #expect(first.rendering == "1234567893")  // RNDRNG_PHYSN_NPI blank: AT_PHYSN_NPI
    #expect(first.status == "03")
    #expect([lines[0].revenue, lines[1].revenue] == ["0360", "0001"])
    // 9002: 6000.00 + 25.00 x 3; 9003: 5000.00 + 25.00 x 2.
    #expect(store.allowed(ofClaim: "9002") == dollars("6075.00"))
    #expect(store.allowed(ofClaim: "9003") == dollars("5050.00"))
  }

  @Test("SNF and home health claims carry their claim amounts on the first row")
  func postAcuteClaimLevelAmounts() throws {
    let store = try read().claims.store
    // snf.csv lines 2-3: CLM_PMT_AMT 7800.00, deductible, coinsurance, blood and primary payer 0.
    #expect(store.views(ofClaim: "9101").map(\.allowed) == ["7800.00", "0.00"])
    #expect(store.views(ofClaim: "9101")[0].type == "snf")
    // hha.csv lines 2-3: CLM_PMT_AMT 2100.00 + NCH_PRMRY_PYR_CLM_PD_AMT 0; REV_CNTR_PMT_AMT_AMT is
    // not an amount of its own for a claim paid per period.
    let hha = store.views(ofClaim: "9201")
    #expect(hha.map(\.allowed) == ["2100.00", "0.00"])
    #expect(hha.map(\.type) == ["home_health", "home_health"])
    // Claim dates on every row, so the period's dollars span the period.
    #expect(hha.allSatisfy { $0.from == "2024-03-21" && $0.thru == "2024-04-19" })
  }

  @Test("outpatient, carrier and DME lines carry their own amounts and dates")
  func lineLevelAmounts() throws {
    let store = try read().claims.store
    // outpatient.csv lines 2-4: REV_CNTR_PMT_AMT_AMT + REV_CNTR_PTNT_RSPNSBLTY_PMT (+ MSP 0 + 0),
    // each on its REV_CNTR_DT: 80.00 + 20.00, 40.00 + 10.00, 40.00 + 10.00.
    let therapy = store.views(ofClaim: "9401")
    #expect(therapy.map(\.allowed) == ["100.00", "50.00", "50.00"])
    #expect(therapy.map(\.paid) == ["80.00", "40.00", "40.00"])
    #expect(therapy.map(\.from) == ["2024-03-25", "2024-03-27", "2024-03-29"])
    #expect(therapy.map(\.hcpcs) == ["97161", "97110", "97110"])
    #expect(therapy.allSatisfy { $0.modifiers == ["GP"] && $0.revenue == "0420" })
    // The claim's own total (CLM_PMT_AMT 160.00 + NCH_BENE_PTB_COINSRNC_AMT 40.00) is the same
    // 200.00: counting the lines does not count it again.
    #expect(store.allowed(ofClaim: "9401") == dollars("200.00"))

    // carrier.csv lines 2-3: LINE_ALOWD_CHRG_AMT 1400.00 and 150.00 (NCH_CARR_CLM_ALOWD_AMT
    // 1550.00 is their sum and is not read).
    let surgeon = store.views(ofClaim: "9301")
    #expect(surgeon.map(\.allowed) == ["1400.00", "150.00"])
    #expect(surgeon.map(\.paid) == ["1120.00", "120.00"])
    #expect(surgeon.map(\.hcpcs) == ["27447", "20985"])
    #expect(surgeon[0].modifiers == ["RT"])
    #expect(surgeon[0].placeOfService == "21")
    #expect(surgeon[0].type == "professional")
    #expect(surgeon[0].billing == "1316000001")  // CARR_CLM_BLG_NPI_NUM
    #expect(surgeon[0].rendering == "1316000001")  // PRF_PHYSN_NPI
    // ICD_DGNS_CD1 and LINE_ICD_DGNS_CD repeat the principal M1711; ICD_DGNS_CD2 is I10.
    #expect(surgeon[0].dx == ["I10"])

    // dme.csv line 2: NCH_CLM_TYPE_CD 82, LINE_ALOWD_CHRG_AMT 110.00, the supplier's PRVDR_NPI.
    let walker = store.views(ofClaim: "9501")
    #expect(walker.map(\.type) == ["dme"])
    #expect(walker.map(\.allowed) == ["110.00"])
    #expect(walker[0].billing == "1669000004")
    #expect(
      walker[0].hcpcs == "E0143" && walker[0].modifiers == ["NU"]
        && walker[0].placeOfService == "12")
  }

  @Test("a Part D event becomes a pharmacy claim")
  func partD() throws {
    let store = try read().claims.store
    // pde.csv line 2: TOT_RX_CST_AMT 45.50; paid CVRD_D_PLAN_PD_AMT 30.00 + NCVRD_PLAN_PD_AMT 0.
    let fill = store.views(ofClaim: "9601")
    #expect(fill.count == 1)
    #expect(fill[0].type == "pharmacy")
    #expect(fill[0].line == 1)
    #expect(fill[0].from == "2024-03-09")
    #expect(fill[0].allowed == "45.50" && fill[0].paid == "30.00")
    #expect(fill[0].billing == "1770000005" && fill[0].rendering == "1316000001")
  }

  @Test("the beneficiary file gives the member and a year of coverage")
  func members() throws {
    let members = try #require(try read().members)
    #expect(members.rowsRead == 1)
    #expect(members.rejections.isEmpty)
    // beneficiary_2024.csv line 2: born 14-Feb-1950, sex 2, buy-in 3 and HMO 0 in all 12 months.
    #expect(
      members.members["100001"]
        == Member(
          birth: day("1950-02-14"), sex: "F", death: nil,
          coverage: [DayRange(day("2024-01-01"), day("2024-12-31"))]))
  }

  @Test("the dollars read are the sum of what each claim is worth")
  func dollarsRead() throws {
    let claims = try read().claims
    // IP 15707.00 + 6075.00 + 5050.00, SNF 7800.00, HHA 2100.00, carrier 1400.00 + 150.00 + 92.00
    // + 92.00, outpatient 100.00 + 50.00 + 50.00 + 310.00, DME 110.00, Part D 45.50.
    #expect(claims.store.allowedTotal == dollars("39131.50"))
  }

  @Test("the chunk size never changes what is read", arguments: [16, 100, 4096])
  func chunkSize(_ size: Int) throws {
    #expect(try read(chunkSize: size).claims.store.views == read().claims.store.views)
  }

  @Test("the knee replacement groups into the shipped LEJR definition")
  func groupsWithShippedDefinitions() throws {
    let result = try read()
    let definitions = try DefinitionLoader.load(path: TestPaths.path("EpisodeDefinitions"))
    var grouper = Grouper(definitions: definitions, members: result.members?.members)
    // The beneficiary file covers 2024 only: the 180-day enrolment look-back (from 2023-09-07)
    // reaches before it, so, as CMS does, no enrolment check is made.
    grouper.coverageKnownFrom = result.members?.coverageKnownFrom
    let grouped = grouper.run(result.claims.store)
    #expect(grouped.episodes.count == 1)
    let episode = try #require(grouped.episodes.first)
    #expect(grouped.definitions[episode.definition].id == "LEJR")
    #expect(grouped.store.claims.string(episode.triggerClaim) == "9001")
    // The stay, admitted 2024-03-05 and discharged 2024-03-08; 90 days with the discharge day as
    // day 1 end on 2024-03-08 + 89 = 2024-06-05; the window opens the day before the anchor for
    // emergency and global-surgery lines (CMS's gsc_ed_lookback_days = 1).
    #expect(episode.anchor == DayRange(day("2024-03-05"), day("2024-03-08")))
    #expect(episode.window == DayRange(day("2024-03-04"), day("2024-06-05")))
    #expect(episode.status == .complete)
    // In: the stay (2 lines), the readmission 9002, SNF (2), home health (2), surgeon (2), the
    // follow-up 9302, therapy (3), the walker, and the emergency visit 9402 on 2024-03-04, the
    // day before the anchor (revenue code 0450: 248.00 paid + 62.00 coinsurance = 310.00): 15
    // lines, 15707.00 + 6075.00 + 7800.00 + 2100.00 + 1550.00 + 92.00 + 200.00 + 110.00 + 310.00
    // = 33944.00. Out: 9003 (excluded readmission DRG 913), the Part D fill and the visit on
    // 2024-06-15.
    #expect(episode.lineCount == 15)
    #expect(episode.allowedTotal == dollars("33944.00"))
    let excluded = grouped.exclusions.map {
      grouped.store.claims.string(grouped.store.lines[$0.line].claim)
    }
    #expect(excluded == ["9003", "9601"])
    #expect(grouped.accounting.dollarsAssigned == dollars("33944.00"))
    // 5050.00 + 45.50 + 92.00
    #expect(grouped.accounting.dollarsUnassigned == dollars("5187.50"))
    #expect(grouped.accounting.linesUnassigned == 3)
  }
}
