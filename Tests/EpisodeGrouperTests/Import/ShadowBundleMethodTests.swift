import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperSupport

/// The imported shadow-bundle definitions applied to hand-made claims: each test checks one rule
/// of CMS's method as the import writes it. Stays bill at short-term acute hospitals (CCN
/// 010001, 010002) unless a test says otherwise.
@Suite(
  "Import: CMS shadow bundles follow CMS's method",
  // Skipped, and listed as skipped, when ../shared/reference/cms-shadow-bundles is not beside the
  // package; failed under CI=true.
  SharedReference.required("cms-shadow-bundles"))
struct ShadowBundleMethodTests {
  /// The 34 imported definitions, written to a temporary folder and loaded back.
  func definitions() throws -> [EpisodeDefinition] {
    let out = try TemporaryFolder()
    _ = try ShadowBundleImporter(folder: SharedReference.path("cms-shadow-bundles")).run().write(
      to: out.path)
    return try DefinitionLoader.load(path: out.path)
  }

  /// A stay of member `member`.
  func stay(
    _ claim: String, _ from: String, _ thru: String, drg: String, billing: String = "010001",
    px: String = "", allowed: String, member: String = "M1"
  ) -> Row {
    Row(
      claim: claim, member: member, from: from, thru: thru, billing: billing, drg: drg, px: px,
      allowed: allowed)
  }

  /// The ids of the rules that excluded lines, by claim id.
  func exclusions(_ r: GroupingResult) -> [String: String] {
    var out: [String: String] = [:]
    for x in r.exclusions {
      guard case .rule(let k) = x.cause else { continue }
      out[r.store.claims.string(r.store.lines[x.line].claim)] =
        r.definitions[r.episodes[x.episode].definition].exclude[k].id
    }
    return out
  }

  @Test(
    "an excluded Part B drug on an inpatient stay leaves the stay in; on line-level claims it is out"
  )
  func partBDrugs() throws {
    // J9015 (aldesleukin) is on Excluded_Part_B_Drugs. The stay's first line carries it with the
    // DRG: it used to exclude that line, leaving a $0 anchor; institutional claims are never
    // tested against the HCPCS lists now.
    var room = stay("S", "2024-03-05", "2024-03-08", drg: "470", allowed: "5000.00")
    room.line = 2
    room.revenue = "0120"
    var first = stay("S", "2024-03-05", "2024-03-08", drg: "470", allowed: "20000.00")
    first.hcpcs = "J9015"
    let rows = [
      first, room,
      Row(
        claim: "P", type: "professional", from: "2024-03-10", hcpcs: "J9015", allowed: "300.00"),
      Row(claim: "O", type: "outpatient", from: "2024-03-11", hcpcs: "J9015", allowed: "400.00"),
      Row(claim: "D", type: "dme", from: "2024-03-12", hcpcs: "J9015", allowed: "500.00"),
    ]
    let r = try group(rows, try definitions(), through: "2024-12-31")
    #expect(r.episodeIDs == ["MS_P0020-S"])
    // The whole stay: 20,000.00 + 5,000.00 = 25,000.00.
    #expect(r.episode("MS_P0020-S")?.allowedTotal == Cents(2_500_000))
    #expect(r.lines(of: "MS_P0020-S").map(\.0) == ["S", "S"])
    #expect(
      exclusions(r)
        == ["P": "excluded_part_b_drug", "O": "excluded_part_b_drug", "D": "excluded_part_b_drug"])
  }

  @Test("cardiac rehabilitation: outpatient lines always; professional lines by place and date")
  func cardiacRehabilitation() throws {
    func rehab(_ claim: String, _ type: String, _ from: String, pos: String, _ allowed: String)
      -> Row
    {
      Row(claim: claim, type: type, from: from, hcpcs: "93797", pos: pos, allowed: allowed)
    }
    let rows = [
      // Window 2012-12-19 (the day before) .. 2012-12-24 + 89 = 2013-03-23.
      stay("S1", "2012-12-20", "2012-12-24", drg: "470", allowed: "10000.00"),
      rehab("O", "outpatient", "2012-12-28", pos: "", "150.00"),
      rehab("R1", "professional", "2012-12-31", pos: "11", "120.00"),
      rehab("R2", "professional", "2013-01-02", pos: "11", "130.00"),
      rehab("R3", "professional", "2013-01-03", pos: "21", "140.00"),
      rehab("R4", "professional", "2013-01-04", pos: "02", "160.00"),
      // Window 2020-01-09 .. 2020-01-14 + 89 = 2020-04-12.
      stay("S2", "2020-01-10", "2020-01-14", drg: "470", allowed: "10000.00"),
      rehab("R5", "professional", "2020-01-26", pos: "02", "170.00"),
      rehab("R6", "professional", "2020-01-27", pos: "02", "180.00"),
    ]
    let r = try group(rows, try definitions(), through: "2020-12-31")
    // POS 11 counts before 2013-01-01 (R1) and not from it (R2); POS 21 is not a named place
    // (R3); telehealth (02) is named only from 2020-01-27 (R4, R5 count, R6 does not). The
    // outpatient line is excluded whatever its place or date.
    #expect(r.lines(of: "MS_P0020-S1").map(\.0) == ["R1", "R3", "R4", "S1"])
    // 10,000.00 + 120.00 + 140.00 + 160.00 = 10,420.00.
    #expect(r.episode("MS_P0020-S1")?.allowedTotal == Cents(1_042_000))
    // 10,000.00 + 170.00 = 10,170.00.
    #expect(r.episode("MS_P0020-S2")?.allowedTotal == Cents(1_017_000))
    #expect(
      exclusions(r)
        == [
          "O": "cardiac_rehabilitation", "R2": "cardiac_rehabilitation",
          "R6": "cardiac_rehabilitation",
        ])
  }

  @Test("OCM and EOM monthly payments on professional lines are left out")
  func oncologyPayments() throws {
    let rows = [
      stay("S", "2024-03-05", "2024-03-08", drg: "470", allowed: "20000.00"),
      Row(
        claim: "OCM", type: "professional", from: "2024-04-01", hcpcs: "G9678", allowed: "160.00"),
      Row(claim: "EOM", type: "professional", from: "2024-04-02", hcpcs: "M0010", allowed: "70.00"),
      Row(claim: "V", type: "professional", from: "2024-04-03", hcpcs: "99213", allowed: "90.00"),
    ]
    let r = try group(rows, try definitions(), through: "2024-12-31")
    // 20,000.00 + 90.00.
    #expect(r.episode("MS_P0020-S")?.allowedTotal == Cents(2_009_000))
    #expect(exclusions(r) == ["OCM": "ocm_payment", "EOM": "eom_payment"])
  }

  @Test("the ICD-9 TAVR procedures trigger the TAVR group for stays before 2015-10-01")
  func icd9TAVR() throws {
    let rows = [
      // 35.05, endovascular replacement of aortic valve, written without its dot as RIF does.
      stay("T9", "2015-06-01", "2015-06-05", drg: "266", px: "3505", allowed: "40000.00"),
      // The same code in 2016 is not ICD-10-PCS: no episode; 02RF37Z is.
      stay(
        "X9", "2016-06-01", "2016-06-05", drg: "266", px: "3505", allowed: "40000.00",
        member: "M2"),
      stay(
        "T10", "2016-06-01", "2016-06-05", drg: "266", px: "02RF37Z", allowed: "40000.00",
        member: "M3"),
      // MS-DRG 266 without a TAVR procedure (a surgical valve, 35.21): no episode.
      stay(
        "S9", "2015-06-01", "2015-06-05", drg: "266", px: "3521", allowed: "40000.00",
        member: "M4"),
    ]
    let r = try group(rows, try definitions(), through: "2016-12-31")
    #expect(r.episodeIDs == ["IP_A0031-T9", "IP_A0031-T10"])
  }

  @Test("a transfer chains stays into one anchor, first admission to last discharge")
  func transfer() throws {
    // A hip procedure at 010001 (MS-DRG 481, group P0017), transferred on the day of discharge to
    // 010002 for a joint replacement (MS-DRG 470): one MS_P0020 anchor, 03-01..03-08, attributed
    // to the first hospital; the first stay starts no P0017 episode of its own.
    let rows = [
      stay("A", "2024-03-01", "2024-03-04", drg: "481", allowed: "9000.00"),
      stay("B", "2024-03-04", "2024-03-08", drg: "470", billing: "010002", allowed: "20000.00"),
    ]
    let r = try group(rows, try definitions(), through: "2024-12-31")
    #expect(r.episodeIDs == ["MS_P0020-B"])
    let e = try #require(r.episode("MS_P0020-B"))
    #expect(e.anchor == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-03-08")!))
    #expect(r.store.code(e.accountableProvider, .provider) == "010001")
    // 9,000.00 + 20,000.00.
    #expect(e.allowedTotal == Cents(2_900_000))

    // An inpatient rehabilitation facility (CCN 013025) is not a leg: the hip stay is its own
    // episode, and counts the rehabilitation stay admitted on its discharge day (9,000.00 +
    // 20,000.00); the joint replacement there is not at a short-term acute hospital, so its own
    // episode is dropped before overlaps are resolved.
    var irf = rows
    irf[1].billing = "013025"
    let r2 = try group(irf, try definitions(), through: "2024-12-31")
    #expect(r2.episode("IP_P0017-A")?.status == .complete)
    #expect(r2.episode("IP_P0017-A")?.allowedTotal == Cents(2_900_000))
    #expect(
      r2.episode("MS_P0020-B")?.reason
        == "the anchor hospital is not a short-term acute hospital (CMS drops the episode)")

    // A leg at a critical access hospital (CCN 011300) chains, and cancels the episode.
    var cah = rows
    cah[0].billing = "011300"
    let r3 = try group(cah, try definitions(), through: "2024-12-31")
    #expect(
      r3.episode("MS_P0020-B")?.reason
        == "the anchor is at a critical access or cancer hospital (CMS drops the episode)")

    // A joint replacement at a long-term care hospital (CCN 012000) is not at a short-term acute
    // hospital; one at 670899, on Excluded_Providers, starts no episode and counts nowhere.
    let ltch = try group(
      [
        stay("L", "2024-03-04", "2024-03-08", drg: "470", billing: "012000", allowed: "20000.00"),
        stay(
          "X", "2024-03-04", "2024-03-08", drg: "470", billing: "670899", allowed: "20000.00",
          member: "M2"),
      ], try definitions(), through: "2024-12-31")
    #expect(ltch.episodeIDs == ["MS_P0020-L"])
    #expect(
      ltch.episode("MS_P0020-L")?.reason
        == "the anchor hospital is not a short-term acute hospital (CMS drops the episode)")
  }

  @Test("overlaps resolve chronologically: the later MJRLE wins, a TAVR replaces a PCI")
  func chronological() throws {
    let rows = [
      stay("J1", "2024-01-10", "2024-01-13", drg: "470", allowed: "20000.00"),
      stay("J2", "2024-03-01", "2024-03-04", drg: "470", allowed: "21000.00"),
      // An AMI stay inside J2's window (03-04 + 89 = 06-01): its episode is cancelled, and the
      // stay counts in J2 as a readmission (MS-DRG 280 is not excluded).
      stay("AMI", "2024-03-20", "2024-03-22", drg: "280", allowed: "8000.00"),
      stay("P", "2024-01-10", "2024-01-12", drg: "250", allowed: "15000.00", member: "M2"),
      stay(
        "T", "2024-02-01", "2024-02-04", drg: "266", px: "02RF37Z", allowed: "40000.00",
        member: "M2"),
    ]
    let r = try group(rows, try definitions(), through: "2024-12-31")
    #expect(
      r.episode("MS_P0020-J1")?.reason
        == "superseded by episode MS_P0020-J2, whose anchor starts 2024-03-01 in this window (overlap resolved chronologically; the later episode wins)"
    )
    #expect(r.episode("MS_P0020-J2")?.status == .complete)
    #expect(r.episode("IP_A0001-AMI")?.status == .cancelled)
    // 21,000.00 + 8,000.00.
    #expect(r.episode("MS_P0020-J2")?.allowedTotal == Cents(2_900_000))
    #expect(r.episode("IP_P0023-P")?.status == .cancelled)
    #expect(r.episode("IP_A0031-T")?.status == .complete)
    #expect(r.episode("IP_A0031-T")?.allowedTotal == Cents(4_000_000))
  }

  @Test("the day before the anchor holds emergency and surgical lines only")
  func dayBefore() throws {
    let rows = [
      stay("S", "2024-03-05", "2024-03-08", drg: "470", allowed: "20000.00"),
      Row(
        claim: "ED", type: "outpatient", from: "2024-03-04", revenue: "0450", allowed: "800.00"),
      Row(
        claim: "LAB", type: "outpatient", from: "2024-03-04", revenue: "0300", allowed: "100.00"),
      Row(
        claim: "ER", type: "professional", from: "2024-03-04", hcpcs: "99284", pos: "23",
        allowed: "250.00"),
      Row(
        claim: "CATH", type: "professional", from: "2024-03-04", hcpcs: "93458", pos: "22",
        allowed: "600.00"),
      Row(
        claim: "OFF", type: "professional", from: "2024-03-04", hcpcs: "99213", pos: "11",
        allowed: "90.00"),
    ]
    let r = try group(rows, try definitions(), through: "2024-12-31")
    // The ED revenue line, the emergency-room visit (POS 23) and the catheterisation (93458, in
    // 93451-93533) count: 20,000.00 + 800.00 + 250.00 + 600.00 = 21,650.00; the lab and the
    // office visit count nowhere (100.00 + 90.00).
    #expect(r.episode("MS_P0020-S")?.allowedTotal == Cents(2_165_000))
    #expect(r.accounting.dollarsUnassigned == Cents(19_000))
  }

  /// A copy of the shared sheets with one sheet's text changed.
  func sheets(changing name: String, _ change: (String) -> String) throws -> TemporaryFolder {
    let source = SharedReference.path("cms-shadow-bundles")
    let copy = try TemporaryFolder()
    for file in try FileManager.default.contentsOfDirectory(atPath: source)
    where file.hasSuffix(".csv") {
      var text = try String(
        contentsOfFile: (source as NSString).appendingPathComponent(file), encoding: .utf8)
      if file == name { text = change(text) }
      _ = try copy.write(file, text)
    }
    return copy
  }

  @Test("a malformed cardiac-rehab date, ICD-9 code or IBD list is located")
  func badSheets() throws {
    let rehab = "medical_code_lists__Excluded_PCSRVC_Cardiac_Rehab.csv"
    let dates = try sheets(changing: rehab) {
      $0.replacingOccurrences(
        of: "Ambulatory Basis. \",2013-01-01 00:00:00", with: "Ambulatory Basis. \",01/01/2013")
    }
    let badDate = #expect(throws: Diagnostic.self) {
      try ShadowBundleImporter(folder: dates.path).run()
    }
    // Row 1 of the sheet is line 2 (one header row); the date is its seventh column.
    #expect(
      badDate?.description
        == "\(dates.file(rehab)):2:7: error: Date Restriction: Codes Valid for Exclusion if found on or after:: not a date (YYYY-MM-DD) '01/01/2013'"
    )
    let tavr = "trigger_list__TAVR_Procedure_Codes.csv"
    let codes = try sheets(changing: tavr) {
      $0.replacingOccurrences(of: ",1,3505,", with: ",1,35.0X,")
    }
    let badCode = #expect(throws: Diagnostic.self) {
      try ShadowBundleImporter(folder: codes.path).run()
    }
    #expect(
      badCode?.description
        == "\(codes.file(tavr)):2:3: error: Procedure Codes: not an ICD-9-CM procedure code '35.0X'"
    )
    let ibd = "medical_code_lists__Excluded_IBD_PartB.csv"
    // Drop MS-DRG 386's first drug (J0135, row 36): 386 then lists 34 drugs, 385 35. (The
    // sheets end their lines with CR LF.)
    let pairs = try sheets(changing: ibd) {
      $0.replacingOccurrences(of: ",36,386,J0135,\"Injection, adalimumab, 20 mg \"\r\n", with: "")
    }
    let badList = #expect(throws: Diagnostic.self) {
      try ShadowBundleImporter(folder: pairs.path).run()
    }
    #expect(
      badList?.description
        == "\(pairs.file(ibd)): error: MS-DRG 386 lists other drugs than MS-DRG 385; one list per episode group cannot express that"
    )
  }
}
