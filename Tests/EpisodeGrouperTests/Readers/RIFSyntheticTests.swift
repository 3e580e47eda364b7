import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The RIF reader on CMS's synthetic RIF extract (`../shared/reference/bfd-rif-synthetic`): three
/// beneficiaries, every claim file and eleven beneficiary files. Expected values are read off the
/// named rows; the comments say which.
@Suite(
  "RIF reader: CMS synthetic extract",
  // Skipped, and listed as skipped, when ../shared/reference/bfd-rif-synthetic is not beside the
  // package; failed under CI.
  SharedReference.required("bfd-rif-synthetic"))
struct RIFSyntheticTests {
  static let folder = SharedReference.path("bfd-rif-synthetic")

  func read() throws -> RIFReadResult { try RIFReader(path: Self.folder).read() }

  @Test("every file of the folder is read or named as not read, with its rows")
  func files() throws {
    let result = try read()
    let names = result.files.map {
      "\(($0.path as NSString).lastPathComponent) \($0.kind.rawValue) \($0.rows)"
    }
    // Rows are each file's lines less its header (wc -l); the eleven beneficiary files hold 3 each.
    let beneficiaries = (2011...2021).map { "beneficiary_\($0).csv beneficiary 3" }
    #expect(
      names
        == beneficiaries + [
          "carrier.csv carrier 221", "dme.csv dme 1", "hha.csv hha 15", "hospice.csv hospice 8",
          "inpatient.csv inpatient 16", "outpatient.csv outpatient 19", "pde.csv pde 18",
          "snf.csv snf 67",
        ])
    #expect(
      result.ignored.map { ($0.path as NSString).lastPathComponent + ": " + $0.reason } == [
        "beneficiary_history.csv: beneficiary history: earlier demographics, no coverage months",
        "export_summary.csv: not pipe-delimited",
      ])
    // 221 + 1 + 15 + 8 + 16 + 19 + 18 + 67
    #expect(result.claims.rowsRead == 365)
    #expect(result.claims.rejections.isEmpty)
    #expect(result.claims.store.lines.count == 365)
    // beneficiary_2018.csv holds RFRNC_YR 2019 rows, so no file speaks for 2018.
    #expect(result.beneficiaryYears == Array(2011...2017) + [2019, 2020, 2021])
  }

  @Test("claims per setting and per member match the extract's export summary")
  func claimCounts() throws {
    let store = try read().claims.store
    var byType: [String: Set<String>] = [:]
    var byMember: [String: Set<String>] = [:]
    for v in store.views {
      byType[v.type, default: []].insert(v.claim)
      byMember[v.member, default: []].insert(v.claim)
    }
    // export_summary.csv, columns summed over its three rows: carrier 6 + 8 + 23, DME 1, HHA 14,
    // hospice 1, inpatient 1 + 15, outpatient 3 + 16, PDE 16 + 2, SNF 1.
    #expect(
      byType.mapValues(\.count) == [
        "professional": 37, "dme": 1, "home_health": 14, "hospice": 1, "inpatient": 16,
        "outpatient": 19,
        "pharmacy": 18, "snf": 1,
      ])
    // Its rows: -1000006 6 + 3 + 1; -1000014 8 + 14 + 1 + 1 + 16 + 16; -1000018 23 + 1 + 15 + 2.
    #expect(byMember.mapValues(\.count) == ["-1000006": 10, "-1000014": 56, "-1000018": 41])
  }

  @Test("inpatient claim -100001674")
  func inpatient() throws {
    let lines = try read().claims.store.views(ofClaim: "-100001674")
    // inpatient.csv line 2, its only row.
    #expect(lines.count == 1)
    let l = try #require(lines.first)
    #expect(l.member == "-1000014" && l.type == "inpatient")
    // CLM_FROM_DT 19-Mar-2017, CLM_THRU_DT 20-Mar-2017
    #expect(l.from == "2017-03-19" && l.thru == "2017-03-20")
    // CLM_ADMSN_DT, NCH_BENE_DSCHRG_DT
    #expect(l.admit == "2017-03-19" && l.discharge == "2017-03-20")
    #expect(l.drg == "375" && l.principal == "C188")
    // ICD_DGNS_CD1-6: I4891, K635, E669, C188 (the principal, not repeated), K621, D649.
    #expect(l.dx == ["I4891", "K635", "E669", "K621", "D649"])
    #expect(l.hcpcs == "99221" && l.revenue == "0001" && l.status == "01")
    #expect(l.billing == "220135" && l.rendering == "9999994996")  // PRVDR_NUM, RNDRNG_PHYSN_NPI
    // CLM_PMT_AMT 33248.67 + CLM_PASS_THRU_PER_DIEM_AMT 10 x CLM_UTLZTN_DAY_CNT 1
    // + NCH_BENE_PTA_COINSRNC_LBLTY_AM 6641.73 (primary payer, deductible, blood 0).
    #expect(l.allowed == "39900.40")
    #expect(l.paid == "33258.67")
  }

  @Test("a SNF claim of 67 rows counts its amounts once")
  func snf() throws {
    let store = try read().claims.store
    let lines = store.views(ofClaim: "-100000508")
    // snf.csv lines 2-68 (CLM_LINE_NUM 1-67) are one claim: CLM_PMT_AMT 32052.84 + NCH_BENE_PTA_COINSRNC_LBLTY_AM
    // 8013.18 on every row, counted on the first only.
    #expect(lines.count == 67)
    #expect(lines[0].allowed == "40066.02")
    #expect(lines.dropFirst().allSatisfy { $0.allowed == "0.00" && $0.paid == "0.00" })
    #expect(store.allowed(ofClaim: "-100000508") == dollars("40066.02"))
    #expect(
      lines[0].from == "2017-01-21" && lines[0].admit == "2017-01-21"
        && lines[0].discharge == "2017-01-26")
    #expect(lines.map(\.line) == Array(1...67))
  }

  @Test("hospice, home health, outpatient, DME and Part D claims")
  func otherSettings() throws {
    let store = try read().claims.store
    // hospice.csv lines 2-9: one claim, CLM_PMT_AMT 5314.33 (primary payer 0); the hospice start
    // CLM_HOSPC_START_DT_ID 22-Nov-2020 and NCH_BENE_DSCHRG_DT 04-Dec-2020.
    let hospice = store.views(ofClaim: "-100001753")
    #expect(hospice.count == 8)
    #expect(store.allowed(ofClaim: "-100001753") == dollars("5314.33"))
    #expect(hospice[0].from == "2020-11-22" && hospice[0].thru == "2020-11-29")
    #expect(hospice[0].admit == "2020-11-22" && hospice[0].discharge == "2020-12-04")
    // hha.csv lines 2-3: CLM_PMT_AMT 1451.30 on the first.
    #expect(store.views(ofClaim: "-100001739").map(\.allowed) == ["1451.30", "0.00"])
    // outpatient.csv line 2: REV_CNTR_PMT_AMT_AMT 85.55 + REV_CNTR_PTNT_RSPNSBLTY_PMT 9.11.
    let visit = try #require(store.views(ofClaim: "-100000480").first)
    #expect(
      visit.allowed == "94.66" && visit.paid == "85.55" && visit.from == "2015-11-26"
        && visit.hcpcs == "99241")
    // dme.csv line 2: LINE_ALOWD_CHRG_AMT 54.79, LINE_NCH_PMT_AMT 0.00, supplier PRVDR_NPI.
    let dme = try #require(store.views(ofClaim: "-100001900").first)
    #expect(
      dme.type == "dme" && dme.allowed == "54.79" && dme.paid == "0.00" && dme.hcpcs == "E0110")
    #expect(dme.billing == "8886688802")
    // pde.csv line 2: TOT_RX_CST_AMT 35.74; CVRD_D_PLAN_PD_AMT 0.00 + NCVRD_PLAN_PD_AMT 40.00.
    let fill = try #require(store.views(ofClaim: "-100000806").first)
    #expect(
      fill.type == "pharmacy" && fill.from == "2015-03-01" && fill.allowed == "35.74"
        && fill.paid == "40.00")
  }

  @Test("carrier claim -100000486: line amounts, line by line")
  func carrier() throws {
    let lines = try read().claims.store.views(ofClaim: "-100000486")
    // carrier.csv lines 2-11: LINE_ALOWD_CHRG_AMT 136.80, 136.00, 431.40, then seven 0.00;
    // LINE_NCH_PMT_AMT 109.44, 108.80, 345.12, then 0.00.
    #expect(lines.map(\.line) == Array(1...10))
    #expect(
      lines.map(\.allowed) == ["136.80", "136.00", "431.40"] + Array(repeating: "0.00", count: 7))
    #expect(
      lines.map(\.paid) == ["109.44", "108.80", "345.12"] + Array(repeating: "0.00", count: 7))
    #expect(lines[7].hcpcs == "G0444")  // line 9
    let first = lines[0]
    #expect(first.from == "2015-05-30" && first.placeOfService == "11")
    // CARR_CLM_BLG_NPI_NUM is blank: the line's ORG_NPI_NUM bills; PRF_PHYSN_NPI renders.
    #expect(first.billing == "8888819926" && first.rendering == "9999310391")
  }

  @Test("three members, covered 2011-2017 and January-May 2019-2021")
  func members() throws {
    let members = try #require(try read().members)
    // 11 files x 3 rows.
    #expect(members.rowsRead == 33)
    #expect(members.rejections.isEmpty)
    // Every month of 2011-2017 and 2019-2020 has buy-in C or 3 (HMO blank); 2021 months 1-5 do.
    let coverage = [
      DayRange(day("2011-01-01"), day("2017-12-31")),
      DayRange(day("2019-01-01"), day("2021-05-31")),
    ]
    // BENE_BIRTH_DT and BENE_SEX_IDENT_CD of beneficiary_2021.csv, the latest year.
    #expect(
      members.members["-1000006"] == Member(birth: day("1942-01-17"), sex: "F", coverage: coverage))
    #expect(
      members.members["-1000014"] == Member(birth: day("1945-11-11"), sex: "M", coverage: coverage))
    #expect(
      members.members["-1000018"] == Member(birth: day("1945-11-23"), sex: "M", coverage: coverage))
  }

  @Test("grouping with the shipped definitions accounts for every dollar")
  func groupsWithShippedDefinitions() throws {
    let read = try read()
    let definitions = try DefinitionLoader.load(path: TestPaths.path("EpisodeDefinitions"))
    let result = Grouper(definitions: definitions, members: read.members?.members).run(
      read.claims.store)
    let a = result.accounting
    #expect(a.linesAssigned + a.linesUnassigned == 365)
    #expect(
      a.dollarsAssigned + a.dollarsUnassigned + a.dollarsProratedAway
        == read.claims.store.allowedTotal)
    // Only -1000018 has two diabetes claims 30 days apart (E1121 and its kin on ICD_DGNS_CD);
    // no stay has an LEJR, AMI, PCI or delivery DRG (inpatient.csv's only DRG is 375).
    #expect(Set(result.episodes.map { result.definitions[$0.definition].id }) == ["DIABETES"])
    #expect(Set(result.episodes.map { result.store.members.string($0.member) }) == ["-1000018"])
    // No beneficiary file covers 2018, so an episode whose window reaches into 2018 is cancelled.
    let year2018 = DayRange(day("2018-01-01"), day("2018-12-31"))
    for e in result.episodes
    where e.window.first <= year2018.last && e.window.last >= year2018.first {
      #expect(e.status == .cancelled)
      #expect(e.reason.contains("no coverage on 2018-"))
    }
    #expect(result.episodes.contains { $0.status != .cancelled })
  }
}
