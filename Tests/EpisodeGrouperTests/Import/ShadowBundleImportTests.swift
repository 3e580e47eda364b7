import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperImport
@testable import GrouperReaders
@testable import GrouperSupport

/// The import of CMS's shadow-bundle workbooks (`../shared/reference/cms-shadow-bundles`) into
/// definitions written to a temporary folder, loaded back, and used to group claims.
@Suite(
  "Import: CMS shadow bundles",
  // Skipped, and listed as skipped, when ../shared/reference/cms-shadow-bundles is not beside the
  // package; failed under CI.
  SharedReference.required("cms-shadow-bundles"))
struct ShadowBundleImportTests {
  static let folder = SharedReference.path("cms-shadow-bundles")

  func imported() throws -> ShadowBundleImport {
    try ShadowBundleImporter(folder: Self.folder).run()
  }

  /// The definitions written into `out` and loaded back.
  func definitions(in out: TemporaryFolder) throws -> [EpisodeDefinition] {
    _ = try imported().write(to: out.path)
    return try DefinitionLoader.load(path: out.path)
  }

  @Test("34 episode groups: 29 inpatient, 3 outpatient, 2 multi-setting")
  func groups() throws {
    let groups = try imported().groups
    // The IP sheet's 31 groups, two of them multi-setting (Multisetting Y), and the OP sheet's
    // three outpatient groups; the Service_Line sheet lists the same 34.
    #expect(groups.count == 34)
    #expect(groups.filter { $0.setting == .inpatient }.count == 29)
    #expect(
      groups.filter { $0.setting == .outpatient }.map(\.definitionID) == [
        "OP_P0002", "OP_P0004", "OP_P0023",
      ])
    #expect(
      groups.filter { $0.setting == .multiSetting }.map(\.definitionID) == ["MS_P0020", "MS_P0021"])
    // 109 MS-DRG rows on the IP sheet, each a trigger of one group.
    #expect(groups.reduce(0) { $0 + $1.drgs.count } == 109)
    let ami = try #require(groups.first { $0.definitionID == "IP_A0001" })
    #expect(
      ami.drgs.map(\.code) == ["280", "281", "282"] && ami.kind == "Medical"
        && ami.serviceLine == "Cardiac Care")
    let lejr = try #require(groups.first { $0.definitionID == "MS_P0020" })
    // IP rows 469, 470, 521, 522; OP rows 27447, 27130.
    #expect(lejr.drgs.map(\.code) == ["469", "470", "521", "522"])
    #expect(lejr.hcpcs.map(\.code) == ["27447", "27130"])
    #expect(lejr.serviceLine == "Orthopedics")
    // OP-Percutaneous coronary intervention: 92920 … C9607, ten codes.
    #expect(try #require(groups.first { $0.definitionID == "OP_P0023" }).hcpcs.count == 10)
    #expect(try imported().notes.isEmpty)
  }

  @Test("the definitions load, with CMS's windows and rules")
  func definitionsLoad() throws {
    let out = try TemporaryFolder()
    let definitions = try definitions(in: out)
    #expect(definitions.count == 34)
    let common = [
      "part_d", "primary_payer", "excluded_provider", "excluded_readmission",
      "excluded_mdc_readmission",
      "excluded_part_b_drug", "clotting_factor", "cardiac_rehabilitation", "ocm_payment",
      "eom_payment",
    ]
    for d in definitions {
      // 90 days after the anchor with its last day as day 1, ended by a death; the day before for
      // emergency and surgical lines only.
      #expect(
        d.postAnchor.days == 90 && d.postAnchor.dayOne == .anchorEnd && d.postAnchor.endsAtDeath
          && d.preAnchorDays == 1 && d.preAnchorTest != nil)
      var exclude = common
      // PCI episodes also leave out TAVR stays (d3); IBD episodes (MS-DRG 385-387) IBD drugs (d2).
      if d.id.hasSuffix("P0023") { exclude.insert("tavr_readmission", at: 5) }
      if d.id == "IP_A0032" { exclude.insert("ibd_part_b_drug", at: 7) }
      #expect(d.exclude.map(\.id) == exclude, "\(d.id)")
      // Professional lines leave with excluded readmissions (d5).
      #expect(d.exclude.filter { $0.extendsTo != nil }.count == (d.id.hasSuffix("P0023") ? 3 : 2))
      #expect(
        d.anchor.kind(for: .inpatient) == .stay && d.anchor.kind(for: .outpatient) == .service)
      // Transfers chain for every group with an inpatient trigger: all but the 3 OP groups.
      #expect((d.transfers != nil) == !d.id.hasPrefix("OP_"), "\(d.id)")
      guard case .chronological(let wins) = d.resolution else {
        Issue.record("\(d.id) does not resolve overlaps chronologically")
        continue
      }
      let expected: Set<String> =
        d.id == "MS_P0020" ? ["MS_P0020"] : d.id.hasSuffix("P0023") ? ["IP_A0031"] : []
      #expect(wins == expected, "\(d.id)")
      #expect(d.straddle.byClaimType[.inpatient] == .prorateGMLOS)
      #expect(d.straddle.byClaimType[.homeHealth] == .prorateVisits)
      #expect(
        d.straddle.byClaimType[.snf] == .prorate && d.straddle.byClaimType[.hospice] == .prorate)
      #expect(
        [ClaimType.professional, .dme, .outpatient].allSatisfy {
          d.straddle.byClaimType[$0] == .whole
        })
      // Death, enrolment, primary payer, a CAH or cancer hospital, a hospital that is not
      // short-term acute for all; with an inpatient trigger also the 60-day limit, the excluded
      // MDC anchor, and transfer legs with an excluded DRG.
      #expect(d.cancel.count == (d.id.hasPrefix("OP_") ? 5 : 8), "\(d.id)")
    }
    // Excluded_Readmissions lists 140 rows, DRG 652 twice: 139 codes.
    let readmissions = try String(
      contentsOfFile: out.file("codesets/excluded_readmission_drgs.txt"), encoding: .utf8)
    #expect(readmissions.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 139)
    #expect(
      readmissions.hasPrefix(
        "# MS-DRGs of readmissions CMS leaves out of its episodes (ms_drg, 139 codes; the sheet lists 652 twice)."
      ))
    // The TAVR sheet's ICD-10 rows: 12 rows less the two ICD-9 ones, which go to a list of
    // their own (the px field's system refuses four-character codes, so they are wildcards).
    let tavr = try String(contentsOfFile: out.file("codesets/tavr_procedures.txt"), encoding: .utf8)
    #expect(tavr.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 10)
    let icd9 = try String(
      contentsOfFile: out.file("codesets/tavr_procedures_icd9.txt"), encoding: .utf8)
    #expect(
      icd9.split(separator: "\n").filter { !$0.hasPrefix("#") } == [
        "3505*  Endovascular replacement of aortic valve",
        "3506*  Transapical replacement of aortic valve",
      ])
    // Excluded_IBD_PartB: 35 drugs, the same for MS-DRGs 385, 386 and 387 (105 rows).
    let ibd = try String(contentsOfFile: out.file("codesets/ibd_part_b_drugs.txt"), encoding: .utf8)
    #expect(ibd.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 35)
  }

  @Test("the RIF fixture's knee replacement groups into the multi-setting joint replacement")
  func groupsTheRIFFixture() throws {
    let out = try TemporaryFolder()
    let read = try RIFReader(path: TestPaths.fixture("rif-lejr")).read()
    let definitions = try definitions(in: out)
    // Without the beneficiary file (no enrolment test).
    let result = Grouper(definitions: definitions).run(read.claims.store)
    let ids = result.episodes.map {
      "\(result.definitions[$0.definition].id) \(result.store.claims.string($0.triggerClaim)) \($0.status)"
    }
    // Stay 9001 (DRG 470) triggers MS_P0020; readmission 9002 (DRG 603, cellulitis) would start
    // IP_A0006 inside its window, and is cancelled, as CMS resolves overlaps (e1).
    #expect(ids == ["MS_P0020 9001 complete", "IP_A0006 9002 cancelled"])
    let e = result.episodes[0]
    // One day before the stay for the emergency department, through 2024-03-08 + 89.
    #expect(e.window == DayRange(day("2024-03-04"), day("2024-06-05")))
    // The LEJR lines (14, 33634.00) and the emergency visit of 2024-03-04 (REV_CNTR 0450, 310.00).
    #expect(e.lineCount == 15)
    #expect(e.allowedTotal == dollars("33944.00"))
    #expect(
      result.episodes[1].reason
        == "anchor starts 2024-05-02 in the window of episode MS_P0020-9001 (overlap resolved chronologically)"
    )
    // CMS asks for Parts A and B from 180 days before the admission: 2024-03-05 − 180 days =
    // 2023-09-07. The beneficiary file covers 2024 only: told so, the grouper makes no check, as
    // CMS's c6 does when the look-back reaches before the enrolment data; given the members
    // alone, 2023-09-07 is not covered.
    var knowing = Grouper(definitions: definitions, members: read.members?.members)
    knowing.coverageKnownFrom = read.members?.coverageKnownFrom
    #expect(knowing.coverageKnownFrom == day("2024-01-01"))
    #expect(knowing.run(read.claims.store).episodes[0].status == .complete)
    let enrolled = Grouper(definitions: definitions, members: read.members?.members).run(
      read.claims.store)
    #expect(
      enrolled.episodes[0].reason
        == "not continuously enrolled in Parts A and B (without Medicare Advantage) from 180 days before the anchor through the episode: no coverage on 2023-09-07"
    )
  }

  @Test("the FHIR fixture's outpatient knee replacement triggers it from the other setting")
  func groupsTheFHIRFixture() throws {
    let out = try TemporaryFolder()
    let store = try FHIRClaimReader(path: TestPaths.fixture("fhir-lejr/eob.ndjson")).read().store
    let result = Grouper(definitions: try definitions(in: out)).run(store)
    #expect(result.episodes.map { result.definitions[$0.definition].id } == ["MS_P0020"])
    // The same six lines as LEJR's: 11250 + 350 + 1400 + 92 + 50 + 50.
    #expect(result.episodes[0].allowedTotal == dollars("13192.00"))
  }

  @Test(
    "the synthetic RIF extract groups end to end: no stay or procedure of the trigger lists",
    SharedReference.required("bfd-rif-synthetic"))
  func groupsTheSyntheticExtract() throws {
    let out = try TemporaryFolder()
    let read = try RIFReader(path: SharedReference.path("bfd-rif-synthetic")).read()
    let result = Grouper(definitions: try definitions(in: out), members: read.members?.members).run(
      read.claims.store)
    // inpatient.csv's only DRG is 375 (no group's trigger); outpatient.csv's HCPCS are 99241,
    // G0107 and G0444 (no OP trigger).
    #expect(result.episodes.isEmpty)
    #expect(result.accounting.linesUnassigned == 365)
    #expect(result.accounting.dollarsUnassigned == read.claims.store.allowedTotal)
  }

  @Test("grouper import writes and validates the definitions")
  func command() throws {
    let out = try TemporaryFolder()
    let stdout = TextBuffer()
    let stderr = TextBuffer()
    let code = GrouperCLI.run(
      ["import", "cms-shadow-bundles", Self.folder, "--out", out.path], stdout: stdout,
      stderr: stderr)
    #expect(code == .success)
    #expect(
      stdout.text
        == "wrote 34 episode definitions (29 IP, 3 OP, 2 MS) to \(out.path); 34 loaded and validated\n"
    )
    #expect(stderr.text == "")
    #expect(FileManager.default.fileExists(atPath: out.file("MS_P0020.json")))
  }
}

/// Import failures, on sheets written for the test (no shared data needed).
@Suite("Import: bad workbooks")
struct ShadowBundleImportErrorTests {
  @Test("a missing sheet, and a malformed trigger code, are located")
  func errors() throws {
    let folder = try TemporaryFolder()
    let missing = #expect(throws: Diagnostic.self) {
      try ShadowBundleImporter(folder: folder.path).run()
    }
    #expect(
      missing?.description
        == "\(folder.file("trigger_list__IP_Anchor_Episode_List.csv")): error: missing sheet IP_Anchor_Episode_List of the trigger_list workbook"
    )
    let sheet = try folder.write(
      "trigger_list__IP_Anchor_Episode_List.csv",
      ",Initial Sort Order,Episode Group Name,Episode Group ID,MS-DRG,,Multisetting,Medical/Surgical\n"
        + ",,,,Code,Code Description,,\n"
        + ",1,IP-Acute myocardial infarction,A0001,47,AMI,N,Medical\n")
    let malformed = #expect(throws: Diagnostic.self) {
      try ShadowBundleImporter(folder: folder.path).run()
    }
    #expect(malformed?.description == "\(sheet):3:5: error: MS-DRG: not a ms_drg code '47'")
  }

  @Test("the command names an unknown source and a missing folder")
  func command() {
    let stdout = TextBuffer()
    let stderr = TextBuffer()
    #expect(
      GrouperCLI.run(["import", "ahrq", "x", "--out", "y"], stdout: stdout, stderr: stderr)
        == .usage)
    #expect(
      stderr.text == "grouper import: error: unknown source 'ahrq' (expected cms-shadow-bundles)\n")
    let err2 = TextBuffer()
    #expect(
      GrouperCLI.run(
        ["import", "cms-shadow-bundles", "/nonexistent", "--out", "y"], stdout: stdout, stderr: err2
      ) == .noInput)
    #expect(err2.text == "/nonexistent: error: no such folder\n")
    let err3 = TextBuffer()
    #expect(
      GrouperCLI.run(["import", "cms-shadow-bundles", "--out", "y"], stdout: stdout, stderr: err3)
        == .usage)
    #expect(err3.text == "grouper import: error: missing <dir> (see 'grouper import --help')\n")
  }
}
