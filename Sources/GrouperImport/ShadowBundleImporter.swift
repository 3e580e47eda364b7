import Foundation
import GrouperCore
import GrouperSupport

/// What an import produced: the episode groups read, and the files that express them in the
/// definition language (one definition per group, and the code lists they share).
package struct ShadowBundleImport: Sendable {
  /// The episode groups, in definition-id order.
  package var groups: [ShadowBundleGroup]
  /// The files to write, by path relative to the output folder (`IP_A0001.json`,
  /// `codesets/excluded_readmission_drgs.txt`), in a fixed order.
  package var files: [(path: String, bytes: [UInt8])]
  /// Findings worth telling the user that do not stop the import.
  package var notes: [String]

  /// Writes every file into `folder` (created when missing), replacing an earlier import there as
  /// a whole (see ``OutputFolder``); returns the paths written.
  package func write(to folder: String) throws -> [String] {
    let out = try OutputFolder(path: folder, owns: Self.owns(_:), ownedFolders: Self.ownedFolders)
    let written = try stage(into: out)
    try out.commit()
    return written.map { (folder as NSString).appendingPathComponent($0) }
  }

  /// Stages every file into `out`, which the caller commits; returns the paths relative to it.
  package func stage(into out: OutputFolder) throws -> [String] {
    for (path, bytes) in files { try out.stage(path, bytes) }
    return files.map(\.path)
  }

  /// The subfolders an import writes.
  package static let ownedFolders: Set<String> = ["codesets"]

  /// Whether a path relative to the output folder is an import's own: a definition named after
  /// its episode group (`IP_A0001.json`, `OP_P0023.json`, `MS_P0020.json`) or a code list in
  /// `codesets/`. A re-import removes those it no longer writes and keeps every other file.
  package static func owns(_ path: String) -> Bool {
    if path.hasPrefix("codesets/") {
      return path.hasSuffix(".txt") && !path.dropFirst("codesets/".count).contains("/")
    }
    let name = Array(path.utf8)
    guard name.count > 9, path.hasSuffix(".json") else { return false }
    let upper = UInt8(ascii: "A")...UInt8(ascii: "Z")
    let digit = UInt8(ascii: "0")...UInt8(ascii: "9")
    return upper.contains(name[0]) && upper.contains(name[1]) && name[2] == UInt8(ascii: "_")
      && upper.contains(name[3]) && name[4..<(name.count - 5)].allSatisfy { digit.contains($0) }
  }
}

/// Imports the episode definitions CMS publishes for its shadow bundles (the BPCI Advanced-style
/// clinical episodes of the CMMI-shadow-bundles workbooks, saved one CSV per sheet) into the
/// definition language, following CMS's method (the SAS programs `c3`–`c6`, `d1`–`d9` and `e1`)
/// in every rule the language expresses; ``ShadowBundleRules`` writes each definition, and
/// `SampleClaims/FORMATS.md` lists what of the method is not imported.
package struct ShadowBundleImporter {
  /// The folder holding the sheets.
  package let folder: String
  /// The version written into every definition.
  package var version: String

  /// An importer of the sheets in `folder`.
  package init(folder: String, version: String = "cms-shadow-bundles") {
    self.folder = folder
    self.version = version
  }

  /// A code list written beside the definitions.
  struct CodeListSpec {
    /// The code-set name the definitions use.
    var name: String
    /// The file name under `codesets/`.
    var file: String
    /// The code system of the list.
    var system: CodeSystem
    /// The first line of the file.
    var title: String
    /// Where the codes come from.
    var source: String
    /// The codes, as written (an ICD-9 procedure as a prefix wildcard, `3505*`).
    var codes: [ShadowBundleGroup.Code]
    /// Codes the sheet lists more than once (kept once).
    var repeated: [String]
    /// A note written in the file's header, when there is one.
    var note: String? = nil
  }

  /// Reads the sheets and builds the definitions; throws a located diagnostic for a missing sheet
  /// or column, or a malformed or inconsistent cell.
  package func run() throws -> ShadowBundleImport {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw Diagnostic(at: SourceLocation(file: folder), .noSuchSheetFolder)
    }
    var notes: [String] = []
    var groups: [String: ShadowBundleGroup] = [:]
    try readTriggers(
      sheet: "IP_Anchor_Episode_List", codeColumn: "MS-DRG", system: .msDRG, into: &groups)
    try readTriggers(
      sheet: "OP_Anchor_Episode_List", codeColumn: "HCPCS", system: .hcpcs, into: &groups)
    notes += try readServiceLines(into: &groups)

    var lists = [
      try codeList(
        "excluded_readmissions", file: "excluded_readmission_drgs.txt", .msDRG,
        title: "MS-DRGs of readmissions CMS leaves out of its episodes",
        workbook: "medical_code_lists",
        sheet: "Excluded_Readmissions", code: "DRG Code", description: "DRG Code Description"),
      try codeList(
        "excluded_mdcs", file: "excluded_mdcs.txt", .mdc,
        title: "MDCs whose stays CMS leaves out of its episodes, as anchors and as readmissions",
        workbook: "medical_code_lists", sheet: "Excluded_MDC", code: "MDC",
        description: "MDC Description"),
      try codeList(
        "excluded_part_b_drugs", file: "excluded_part_b_drugs.txt", .hcpcs,
        title: "Part B drugs CMS leaves out of its episodes", workbook: "medical_code_lists",
        sheet: "Excluded_Part_B_Drugs", code: "HCPCS", description: "HCPCS Description"),
      try codeList(
        "clotting_factors", file: "hemophilia_clotting_factors.txt", .hcpcs,
        title: "Hemophilia clotting factors, left out of episodes", workbook: "medical_code_lists",
        sheet: "Hemophilia_Codes", code: "Code", description: "Code Description"),
      try codeList(
        "cardiac_rehabilitation", file: "cardiac_rehabilitation_hcpcs.txt", .hcpcs,
        title: "Cardiac rehabilitation services, left out of episodes",
        workbook: "medical_code_lists",
        sheet: "Excluded_HCPCS_Cardiac_Rehab", code: "HCPCS", description: "HCPCS Description"),
      try codeList(
        "ocm_payments", file: "ocm_monthly_payments.txt", .hcpcs,
        title: "Oncology Care Model monthly payments, left out of episodes",
        workbook: "medical_code_lists", sheet: "Excluded_OCM_PBPM", code: "Code",
        description: "Code Description"),
      try codeList(
        "eom_payments", file: "eom_monthly_payments.txt", .hcpcs,
        title: "Enhancing Oncology Model monthly payments, left out of episodes",
        workbook: "medical_code_lists", sheet: "Excluded_EOM_PBPM", code: "Code",
        description: "Code Description"),
      try codeList(
        "emergency_department", file: "emergency_department_revenue_codes.txt", .revenueCode,
        title:
          "Emergency department revenue codes: such services the day before the anchor count in it",
        workbook: "medical_code_lists", sheet: "Emerg_Depart_Codes", code: "Code",
        description: "Code Description"),
      try codeList(
        "cancer_hospitals", file: "cancer_hospitals.txt", .provider,
        title: "Cancer hospitals (CCN): a stay there in an anchor cancels the episode",
        workbook: "medical_code_lists", sheet: "Cancer_Hospital_Codes", code: "Code",
        description: "Code Description"),
      try codeList(
        "excluded_providers", file: "excluded_providers.txt", .provider,
        title: "Hospitals (CCN) whose stays CMS removes before grouping",
        workbook: "medical_code_lists", sheet: "Excluded_Providers", code: "Provider ID",
        description: "Exclusion Reason"),
      try codeList(
        "tavr_procedures", file: "tavr_procedures.txt", .icd10PCS,
        title: "ICD-10-PCS procedures a TAVR anchor stay must have", workbook: "trigger_list",
        sheet: "TAVR_Procedure_Codes", code: "Procedure Codes", description: "Description",
        only: ("ICD9/ICD10", "ICD-10")),
      try codeList(
        "tavr_procedures_icd9", file: "tavr_procedures_icd9.txt", .icd10PCS,
        title: "ICD-9-CM procedures a TAVR anchor stay before 2015-10-01 must have",
        workbook: "trigger_list", sheet: "TAVR_Procedure_Codes", code: "Procedure Codes",
        description: "Description", only: ("ICD9/ICD10", "ICD-9"), icd9Procedures: true),
      try codeList(
        "mjrue_procedures", file: "mjrue_trigger_procedures.txt", .icd10PCS,
        title: "ICD-10-PCS procedures an upper-extremity joint replacement anchor stay must have",
        workbook: "trigger_list", sheet: "MJRUE_Trigger_Procedure_Codes", code: "Procedure Codes",
        description: "Description"),
    ]
    let ibd = try readIBDDrugs()
    lists.append(ibd.list)
    let method = ShadowBundleRules.Method(
      cardiacRehabPlaces: try readCardiacRehabPlaces(),
      emergencyPlaces: try readEmergencyPlaces(),
      ibdDRGs: ibd.drgs,
      tavrGroup: groups.values.first(where: \.isTAVR)?.definitionID,
      lists: lists)
    var files: [(path: String, bytes: [UInt8])] = []
    let ordered = groups.values.sorted { $0.definitionID < $1.definitionID }
    for group in ordered {
      let rules = ShadowBundleRules(group: group, method: method, version: version)
      files.append(
        ("\(group.definitionID).json", Array(JSONWriter.render(rules.definition()).utf8)))
    }
    for list in lists { files.append(("codesets/\(list.file)", codeListFile(list))) }
    return ShadowBundleImport(groups: ordered, files: files, notes: notes)
  }

  // MARK: Reading the sheets

  /// Reads one trigger-list sheet (MS-DRG or HCPCS rows) into the groups, by definition id.
  private func readTriggers(
    sheet name: String, codeColumn: String, system: CodeSystem,
    into groups: inout [String: ShadowBundleGroup]
  ) throws {
    let sheet = try WorkbookSheet(folder: folder, workbook: "trigger_list", sheet: name)
    let nameColumn = try sheet.column("Episode Group Name")
    let idColumn = try sheet.column("Episode Group ID")
    let codeCol = try sheet.column(codeColumn)
    let descriptionColumn = try sheet.column("Code Description")
    let multisetting = try sheet.column("Multisetting")
    let kindColumn = try sheet.column("Medical/Surgical")
    for row in sheet.rows {
      let groupName = row[nameColumn]
      let id = row[idColumn]
      guard !groupName.isEmpty, !id.isEmpty else {
        throw Diagnostic(
          at: sheet.location(row, groupName.isEmpty ? nameColumn : idColumn),
          .groupWithoutNameOrID)
      }
      let flag = row[multisetting].uppercased()
      guard flag == "Y" || flag == "N" else {
        throw Diagnostic(
          at: sheet.location(row, multisetting), .notAMultisettingFlag(row[multisetting]))
      }
      let setting: ShadowBundleGroup.Setting
      if flag == "Y" {
        setting = .multiSetting
      } else if groupName.hasPrefix("IP-") && system == .msDRG {
        setting = .inpatient
      } else if groupName.hasPrefix("OP-") && system == .hcpcs {
        setting = .outpatient
      } else {
        throw Diagnostic(
          at: sheet.location(row, nameColumn),
          .misnamedGroup(groupName, prefix: system == .msDRG ? "IP-" : "OP-"))
      }
      let raw = row[codeCol]
      guard case .success(.exact(let code)) = CodePattern.parse(raw, system: system) else {
        throw Diagnostic(at: sheet.location(row, codeCol), .notASheetCode(raw, system))
      }
      let trigger = ShadowBundleGroup.Code(code: code, description: row[descriptionColumn])
      let key = "\(setting.rawValue)_\(id)"
      var group =
        groups[key]
        ?? ShadowBundleGroup(
          name: groupName, groupID: id, setting: setting, kind: row[kindColumn], serviceLine: nil,
          drgs: [], hcpcs: [])
      guard group.name.lowercased() == groupName.lowercased() else {
        throw Diagnostic(
          at: sheet.location(row, nameColumn), .groupNamedElsewhere(id, name: group.name))
      }
      if system == .msDRG {
        if !group.drgs.contains(where: { $0.code == code }) { group.drgs.append(trigger) }
      } else if !group.hcpcs.contains(where: { $0.code == code }) {
        group.hcpcs.append(trigger)
      }
      groups[key] = group
    }
  }

  /// Names each group's service line from the `Service_Line` sheet; returns notes for rows and
  /// groups that do not match.
  private func readServiceLines(into groups: inout [String: ShadowBundleGroup]) throws -> [String] {
    let sheet = try WorkbookSheet(folder: folder, workbook: "trigger_list", sheet: "Service_Line")
    let lineColumn = try sheet.column("Service Line Grouping")
    let nameColumn = try sheet.column("Episode Group Name")
    let idColumn = try sheet.column("Episode ID group")
    var notes: [String] = []
    for row in sheet.rows {
      let name = row[nameColumn]
      let prefix = String(name.prefix(2)).uppercased()
      let key = "\(prefix)_\(row[idColumn])"
      guard groups[key] != nil else {
        notes.append(
          "\(sheet.location(row, nameColumn)): service line '\(row[lineColumn])' names '\(name)', which the trigger lists do not define"
        )
        continue
      }
      groups[key]!.serviceLine = row[lineColumn]
    }
    for group in groups.values where group.serviceLine == nil {
      notes.append(
        "episode group \(group.definitionID) '\(group.name)' has no service line on the Service_Line sheet"
      )
    }
    return notes.sorted()
  }

  /// The places of service at which CMS excludes professional cardiac rehabilitation, each with
  /// the first day it applies (sheet `Excluded_PCSRVC_Cardiac_Rehab`), grouped by that day in
  /// date order.
  private func readCardiacRehabPlaces() throws -> [(from: Day, places: [String])] {
    let sheet = try WorkbookSheet(
      folder: folder, workbook: "medical_code_lists", sheet: "Excluded_PCSRVC_Cardiac_Rehab")
    let codeColumn = try sheet.column("Code")
    let dateColumn = try sheet.column(
      "Date Restriction: Codes Valid for Exclusion if found on or after:")
    var byDay: [Day: [String]] = [:]
    for row in sheet.rows {
      let raw = row[codeColumn]
      guard case .success(.exact(let place)) = CodePattern.parse(raw, system: .placeOfService)
      else {
        throw Diagnostic(
          at: sheet.location(row, codeColumn), .notASheetCode(raw, .placeOfService))
      }
      // Dates are written 2013-01-01 00:00:00; the day is what counts.
      let text = row[dateColumn]
      guard let day = Day(iso: text.prefix(10)) else {
        throw Diagnostic(
          at: sheet.location(row, dateColumn), .notASheetDate(text))
      }
      byDay[day, default: []].append(place)
    }
    guard !byDay.isEmpty else {
      throw Diagnostic(at: SourceLocation(file: sheet.path), .sheetWithoutCodes(.placeOfService))
    }
    return byDay.keys.sorted().map { ($0, byDay[$0]!) }
  }

  /// The place-of-service codes of hospital emergency rooms (sheet `Place_of_Service_Codes`, the
  /// rows described as an emergency room), for professional lines the day before the anchor.
  private func readEmergencyPlaces() throws -> [String] {
    let sheet = try WorkbookSheet(
      folder: folder, workbook: "medical_code_lists", sheet: "Place_of_Service_Codes")
    let codeColumn = try sheet.column("Code")
    let descriptionColumn = try sheet.column("Code Description")
    var places: [String] = []
    for row in sheet.rows where row[descriptionColumn].lowercased().hasPrefix("emergency room") {
      let raw = row[codeColumn]
      guard case .success(.exact(let place)) = CodePattern.parse(raw, system: .placeOfService)
      else {
        throw Diagnostic(
          at: sheet.location(row, codeColumn), .notASheetCode(raw, .placeOfService))
      }
      places.append(place)
    }
    guard !places.isEmpty else {
      throw Diagnostic(
        at: SourceLocation(file: sheet.path), .noEmergencyRoomRow)
    }
    return places
  }

  /// The Part B drugs CMS leaves out of inflammatory bowel disease episodes (sheet
  /// `Excluded_IBD_PartB`: MS-DRG and HCPCS pairs) and the MS-DRGs they go with; throws when the
  /// DRGs list different drugs, which one list per definition cannot express.
  private func readIBDDrugs() throws -> (list: CodeListSpec, drgs: Set<String>) {
    let sheet = try WorkbookSheet(
      folder: folder, workbook: "medical_code_lists", sheet: "Excluded_IBD_PartB")
    let drgColumn = try sheet.column("MS-DRG")
    let codeColumn = try sheet.column("HCPCS")
    let descriptionColumn = try sheet.column("HCPCS Description")
    var byDRG: [String: [ShadowBundleGroup.Code]] = [:]
    var order: [String] = []
    for row in sheet.rows {
      let rawDRG = row[drgColumn]
      guard case .success(.exact(let drg)) = CodePattern.parse(rawDRG, system: .msDRG) else {
        throw Diagnostic(at: sheet.location(row, drgColumn), .notASheetCode(rawDRG, .msDRG))
      }
      let raw = row[codeColumn]
      guard case .success(.exact(let code)) = CodePattern.parse(raw, system: .hcpcs) else {
        throw Diagnostic(at: sheet.location(row, codeColumn), .notASheetCode(raw, .hcpcs))
      }
      if byDRG[drg] == nil { order.append(drg) }
      if !(byDRG[drg] ?? []).contains(where: { $0.code == code }) {
        byDRG[drg, default: []].append(
          ShadowBundleGroup.Code(code: code, description: row[descriptionColumn]))
      }
    }
    guard let first = order.first else {
      throw Diagnostic(at: SourceLocation(file: sheet.path), .sheetWithoutCodes(.hcpcs))
    }
    let codes = byDRG[first]!
    for drg in order where Set(byDRG[drg]!.map(\.code)) != Set(codes.map(\.code)) {
      throw Diagnostic(
        at: SourceLocation(file: sheet.path),
        .drugListsDiffer(drg, first: first))
    }
    let list = CodeListSpec(
      name: "ibd_part_b_drugs", file: "ibd_part_b_drugs.txt", system: .hcpcs,
      title: "Part B drugs CMS leaves out of inflammatory bowel disease episodes",
      source:
        "CMS shadow bundles, medical_code_lists workbook, sheet Excluded_IBD_PartB (the same drugs for MS-DRGs \(order.joined(separator: ", ")))",
      codes: codes, repeated: [])
    return (list, Set(order))
  }

  /// Reads one code list from a sheet: its code and description columns, optionally only the
  /// rows whose `filter` column holds a value; ICD-9 procedures become prefix wildcards.
  private func codeList(
    _ name: String, file: String, _ system: CodeSystem, title: String, workbook: String,
    sheet sheetName: String,
    code: String, description: String, only filter: (column: String, value: String)? = nil,
    icd9Procedures: Bool = false
  ) throws -> CodeListSpec {
    let sheet = try WorkbookSheet(folder: folder, workbook: workbook, sheet: sheetName)
    let codeColumn = try sheet.column(code)
    let descriptionColumn = try sheet.column(description)
    let filterColumn = try filter.map { try sheet.column($0.column) }
    var codes: [ShadowBundleGroup.Code] = []
    var seen = Set<String>()
    var repeated: [String] = []
    for row in sheet.rows {
      if let filter, let k = filterColumn, row[k].uppercased() != filter.value.uppercased() {
        continue
      }
      let raw = row[codeColumn]
      let normal: String
      if icd9Procedures {
        guard let code = Self.icd9Procedure(raw) else {
          throw Diagnostic(
            at: sheet.location(row, codeColumn), .notAnICD9Procedure(raw))
        }
        normal = code + "*"
      } else {
        guard case .success(.exact(let code)) = CodePattern.parse(raw, system: system) else {
          throw Diagnostic(
            at: sheet.location(row, codeColumn), .notASheetCode(raw, system))
        }
        normal = code
      }
      if !seen.insert(normal).inserted {
        repeated.append(normal)
      } else {
        let text = row[descriptionColumn].replacingOccurrences(of: "\n", with: " ")
          .replacingOccurrences(of: "\r", with: " ")
        codes.append(ShadowBundleGroup.Code(code: normal, description: text))
      }
    }
    guard !codes.isEmpty else {
      throw Diagnostic(
        at: SourceLocation(file: sheet.path), .sheetWithoutCodes(system))
    }
    var source = "CMS shadow bundles, \(workbook) workbook, sheet \(sheetName)"
    if let filter { source += " (rows whose \(filter.column) is \(filter.value))" }
    var spec = CodeListSpec(
      name: name, file: file, system: system, title: title, source: source, codes: codes,
      repeated: repeated)
    if icd9Procedures {
      spec.note =
        "The px field holds ICD-10-PCS codes (seven characters), so each four-digit ICD-9 code is "
        + "written as a prefix wildcard; no ICD-10-PCS code begins with these digits."
    }
    return spec
  }

  /// An ICD-9-CM volume 3 procedure code (`35.05` or `3505`: two digits, then one or two) without
  /// its dot, or nil.
  static func icd9Procedure(_ raw: String) -> String? {
    let code = raw.replacingOccurrences(of: ".", with: "")
    guard (3...4).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return nil
    }
    return code
  }

  /// The text of a code-list file: a header of comments, then one code and description a line.
  private func codeListFile(_ list: CodeListSpec) -> [UInt8] {
    var text = "# \(list.title) (\(list.system.rawValue), \(list.codes.count) codes"
    if !list.repeated.isEmpty {
      text += "; the sheet lists \(list.repeated.joined(separator: ", ")) twice"
    }
    text += ").\n# Source: \(list.source).\n"
    if let note = list.note { text += "# \(note)\n" }
    text +=
      "# Written by grouper import cms-shadow-bundles; one code per line, then its description.\n"
    let width = (list.codes.map(\.code.count).max() ?? 0) + 2
    for c in list.codes {
      text += c.code + String(repeating: " ", count: width - c.code.count) + c.description + "\n"
    }
    return Array(text.utf8)
  }
}

extension Diagnostic.Message {
  /// A source folder that does not exist.
  static let noSuchSheetFolder = Self("no such folder", kind: .missingInput)
  /// A trigger row without a group name or id.
  static let groupWithoutNameOrID = Self("an episode group needs a name and an id")
  /// A Multisetting cell other than Y and N.
  static func notAMultisettingFlag(_ text: String) -> Self {
    Self("Multisetting must be Y or N, found '\(text)'")
  }
  /// A single-setting group whose name lacks the sheet's prefix.
  static func misnamedGroup(_ name: String, prefix: String) -> Self {
    Self(
      "a group that is not multi-setting must be named \(prefix)… on this sheet, found '\(name)'")
  }
  /// A cell that is not a code of the sheet's system.
  static func notASheetCode(_ text: String, _ system: CodeSystem) -> Self {
    Self("not a \(system.rawValue) code '\(text)'")
  }
  /// A group id named differently on another row.
  static func groupNamedElsewhere(_ id: String, name: String) -> Self {
    Self("group \(id) is named '\(name)' elsewhere in the trigger lists")
  }
  /// A code-list sheet without a code.
  static func sheetWithoutCodes(_ system: CodeSystem) -> Self {
    Self("the sheet lists no \(system.rawValue) codes")
  }
  /// A cell that is not a date in the form YYYY-MM-DD.
  static func notASheetDate(_ text: String) -> Self { Self("not a date (YYYY-MM-DD) '\(text)'") }
  /// A cell that is not an ICD-9-CM procedure code.
  static func notAnICD9Procedure(_ text: String) -> Self {
    Self("not an ICD-9-CM procedure code '\(text)'")
  }
  /// A place-of-service sheet with no emergency-room row.
  static let noEmergencyRoomRow = Self("no row is described as an emergency room")
  /// MS-DRGs of one group whose drug lists differ.
  static func drugListsDiffer(_ drg: String, first: String) -> Self {
    Self(
      "MS-DRG \(drg) lists other drugs than MS-DRG \(first); one list per episode group cannot express that"
    )
  }
}
