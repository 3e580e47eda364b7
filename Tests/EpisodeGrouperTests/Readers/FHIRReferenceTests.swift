import Foundation
import Testing

@testable import GrouperReaders

/// The FHIR reader on Blue Button 2.0 responses (`../shared/reference/bfd-fhir-eob`): a Bundle of
/// eight ExplanationOfBenefits of every claim type, and single reads. Values are read off the
/// JSON; Blue Button's amounts follow the RIF columns, so the same claims read from the RIF static
/// samples give the same dollars.
@Suite(
  "FHIR reader: Blue Button 2.0 responses",
  // Skipped, and listed as skipped, when ../shared/reference/bfd-fhir-eob is not beside the
  // package; failed under CI.
  SharedReference.required("bfd-fhir-eob"))
struct FHIRReferenceTests {
  static func path(_ name: String) -> String { SharedReference.path("bfd-fhir-eob/\(name)") }

  func bundle() throws -> ClaimReadResult {
    try FHIRClaimReader(path: Self.path("eobByPatientIdAll.json")).read()
  }

  @Test("the tests name every file of the folder")
  func everyFileIsCovered() {
    let names = SharedReference.files("bfd-fhir-eob").map { ($0 as NSString).lastPathComponent }
    #expect(
      names == [
        "eobByPatientIdAll.json", "eobReadCarrier.json", "eobReadHha.json", "eobReadInpatient.json",
        "eobReadOutpatient.json", "eobReadSnf.json",
      ])
  }

  @Test("the Bundle's eight EOBs become eight lines")
  func bundleCounts() throws {
    let result = try bundle()
    // "total": 8, one item each.
    #expect(result.rowsRead == 8)
    #expect(result.rejections.isEmpty)
    #expect(
      result.store.views.map { "\($0.claim) \($0.type)" } == [
        "1234567890 outpatient", "2188888888 dme", "2925555555 home_health",
        "333333222222 inpatient",
        "777777777 snf", "89 pharmacy", "9991831999 professional", "9992223422 hospice",
      ])
    // patient.reference Patient/567834
    #expect(Set(result.store.views.map(\.member)) == ["567834"])
  }

  @Test("inpatient EOB: Blue Button's claim-level amounts, DRG and diagnoses")
  func inpatient() throws {
    let l = try #require(try bundle().store.views(ofClaim: "333333222222").first)
    #expect(l.from == "2016-01-15" && l.thru == "2016-01-27")  // billablePeriod
    // supportingInfo admissionperiod
    #expect(l.admit == "2016-01-15" && l.discharge == "2016-01-27")
    #expect(l.drg == "695" && l.status == "51")  // supportingInfo clm_drg_cd, discharge-status
    // diagnosis 2 is principal; 3-6 other; 1 (admitting) and 7-8 (external cause) not carried.
    #expect(l.principal == "A40" && l.dx == ["A52", "A06", "A15", "B01"])
    #expect(l.px == ["BQ0HZZZ", "CD1YYZZ", "2W52X6Z", "BP17ZZZ", "D9YD8ZZ", "F00ZCKZ"])
    // Blue Button's rev_cntr coding (its NUBC coding holds 'A'); the unitsofmeasure 'GG' is no modifier.
    #expect(l.revenue == "6767" && l.hcpcs == "M55" && l.modifiers == [])
    #expect(l.billing == "777776")  // the contained Organization's PRN identifier
    #expect(l.rendering == "345345345")  // item careTeamSequence 4, performing
    // payment 7699.48 + clm_pass_thru_per_diem_amt 10.0 x clm_utlztn_day_cnt 12
    // + nch_bene_ip_ddctbl_amt 112.0 + nch_bene_pta_coinsrnc_lblty_amt 5.0 + blood 6.0 = 7942.48;
    // prpayamt 11.0 is what a primary payer paid, read apart.
    #expect(l.allowed == "7942.48" && l.paid == "7819.48")
    let store = try bundle().store
    #expect(
      store.lines.first { $0.allowed == dollars("7942.48") }.map { store.extras($0) }?
        .primaryPayerPaid == dollars("11.00"))
  }

  @Test("outpatient, carrier and DME EOBs: item adjudications")
  func lineLevel() throws {
    let store = try bundle().store
    let op = try #require(store.views(ofClaim: "1234567890").first)
    // item 25, servicedDate 1942-01-03: rev_cntr_prvdr_pmt_amt 200.0 (the line payment, not
    // rev_cntr_pmt_amt_amt 5000.0) + rev_cntr_ptnt_rspnsblty_pmt 500.0 = 700.00; the MSP amounts
    // (0 and 0) are read apart.
    #expect(
      op.line == 25 && op.from == "1942-01-03" && op.allowed == "700.00" && op.paid == "200.00")
    #expect(op.modifiers == ["XX"] && op.principal == "A40" && op.dx == ["A52"])

    let carrier = try #require(store.views(ofClaim: "9991831999").first)
    // item 6: line_alowd_chrg_amt 47.84 (category eligible), line_nch_pmt_amt 37.5 (benefit).
    #expect(carrier.line == 6 && carrier.allowed == "47.84" && carrier.paid == "37.50")
    #expect(
      carrier.hcpcs == "92999" && carrier.modifiers == ["LT"] && carrier.placeOfService == "11")
    // provider.identifier carr_clm_blg_npi_num; careTeam 3 performs (4 is 'primary').
    #expect(carrier.billing == "1234567890" && carrier.rendering == "1923124")

    let dme = try #require(store.views(ofClaim: "2188888888").first)
    // Two 'eligible' adjudications: line_alowd_chrg_amt 129.45 is the allowed amount, not
    // line_prmry_alowd_chrg_amt 20.29.
    #expect(
      dme.type == "dme" && dme.allowed == "129.45" && dme.paid == "123.45"
        && dme.placeOfService == "12")
  }

  @Test("home health, SNF, hospice and Part D EOBs")
  func otherSettings() throws {
    let store = try bundle().store
    let hha = try #require(store.views(ofClaim: "2925555555").first)
    #expect(hha.allowed == "188.00" && hha.paid == "188.00")  // payment 188.0; prpayamt 11.0 apart
    let snf = try #require(store.views(ofClaim: "777777777").first)
    // payment 3333.33 + deductible 112.0 + coinsurance 5.0 + blood 6.0 = 3456.33 (prpayamt apart).
    #expect(snf.allowed == "3456.33" && snf.admit == "2013-11-05" && snf.drg == "645")
    let hospice = try #require(store.views(ofClaim: "9992223422").first)
    #expect(
      hospice.allowed == "130.32" && hospice.admit == "2014-07-06"
        && hospice.discharge == "2015-06-29")
    // careTeam 2 (a UPIN, 0) and 3 (an NPI) both perform: the NPI is taken.
    #expect(hospice.rendering == "345345345")
    let pde = try #require(store.views(ofClaim: "89").first)
    // total drugcost 550.0; item benefit cvrd_d_plan_pd_amt 126.99; prescribing careTeam 1750384806.
    #expect(pde.allowed == "550.00" && pde.paid == "126.99" && pde.from == "2015-05-12")
    #expect(pde.billing == "1023011079" && pde.rendering == "1750384806")
  }

  @Test(
    "a single read gives the same line as the Bundle",
    arguments: [
      ("eobReadCarrier.json", "9991831999"), ("eobReadHha.json", "2925555555"),
      ("eobReadInpatient.json", "333333222222"), ("eobReadOutpatient.json", "1234567890"),
      ("eobReadSnf.json", "777777777"),
    ])
  func singleRead(_ file: String, _ claim: String) throws {
    let single = try FHIRClaimReader(path: Self.path(file)).read()
    #expect(single.rowsRead == 1 && single.rejections.isEmpty)
    #expect(single.store.views == (try bundle().store.views(ofClaim: claim)))
  }

  @Test(
    "the same claim read from RIF and from Blue Button gives the same dollars",
    SharedReference.required("bfd-rif-static"),
    arguments: [
      ("sample-a-bcarrier.txt", "9991831999", "47.84"),
      ("sample-a-dme.txt", "2188888888", "129.45"),
      ("sample-a-hha.txt", "2925555555", "188.00"),
      ("sample-a-hospice.txt", "9992223422", "130.32"),
      // Primary-payer amounts (11.00 on the institutional claims) are read apart, not added; the
      // outpatient line is REV_CNTR_PRVDR_PMT_AMT 200 + REV_CNTR_PTNT_RSPNSBLTY_PMT 500.
      ("sample-a-inpatient.txt", "333333222222", "7942.48"),
      ("sample-a-outpatient.txt", "1234567890", "700.00"),
      ("sample-a-pde.txt", "89", "550.00"), ("sample-a-snf.txt", "777777777", "3456.33"),
    ])
  func sameAsRIF(_ file: String, _ claim: String, _ allowed: String) throws {
    let rif = try #require(
      try RIFReader(path: SharedReference.path("bfd-rif-static/\(file)")).read().claims.store.views
        .first)
    let fhir = try #require(try bundle().store.views(ofClaim: claim).first)
    #expect(rif.allowed == allowed && fhir.allowed == allowed)
    #expect(
      [
        rif.claim, rif.member, rif.type, rif.from, rif.thru, rif.admit, rif.discharge, rif.drg,
        rif.principal, rif.billing,
      ]
        == [
          fhir.claim, fhir.member, fhir.type, fhir.from, fhir.thru, fhir.admit, fhir.discharge,
          fhir.drg, fhir.principal,
          fhir.billing,
        ])
    #expect(rif.line == fhir.line && rif.hcpcs == fhir.hcpcs && rif.revenue == fhir.revenue)
  }
}
