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
/// definition language, following CMS's method:
///
/// - the anchor is the inpatient stay grouping to a trigger MS-DRG (from admission to discharge),
///   or the outpatient line with a trigger HCPCS (its service day); multi-setting groups are
///   triggered by either; TAVR and upper-extremity joint replacement stays also need one of their
///   trigger ICD-10-PCS procedures;
/// - the post-anchor period runs 90 days with the discharge or procedure day as day 1; emergency
///   department services on the day before the anchor count in the anchor;
/// - readmissions with an MS-DRG on the excluded-readmission list, Part B drugs on the excluded
///   list, clotting factors, cardiac rehabilitation and Part D are left out;
/// - an episode whose anchor starts inside an earlier episode is not started (the earlier one
///   keeps its lines), except that a new lower-extremity joint replacement replaces the open one
///   and a TAVR cancels an open PCI episode, as CMS resolves overlaps.
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
  private struct CodeListSpec {
    var name: String
    var file: String
    var system: CodeSystem
    var title: String
    var source: String
    var codes: [ShadowBundleGroup.Code]
    /// Codes the sheet lists more than once (kept once).
    var repeated: [String]
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

    let lists = [
      try codeList(
        "excluded_readmissions", file: "excluded_readmission_drgs.txt", .msDRG,
        title: "MS-DRGs of readmissions CMS leaves out of its episodes",
        workbook: "medical_code_lists",
        sheet: "Excluded_Readmissions", code: "DRG Code", description: "DRG Code Description"),
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
        "emergency_department", file: "emergency_department_revenue_codes.txt", .revenueCode,
        title:
          "Emergency department revenue codes: such services the day before the anchor count in it",
        workbook: "medical_code_lists", sheet: "Emerg_Depart_Codes", code: "Code",
        description: "Code Description"),
      try codeList(
        "tavr_procedures", file: "tavr_procedures.txt", .icd10PCS,
        title: "ICD-10-PCS procedures a TAVR anchor stay must have", workbook: "trigger_list",
        sheet: "TAVR_Procedure_Codes", code: "Procedure Codes", description: "Description",
        only: ("ICD9/ICD10", "ICD-10")),
      try codeList(
        "mjrue_procedures", file: "mjrue_trigger_procedures.txt", .icd10PCS,
        title: "ICD-10-PCS procedures an upper-extremity joint replacement anchor stay must have",
        workbook: "trigger_list", sheet: "MJRUE_Trigger_Procedure_Codes", code: "Procedure Codes",
        description: "Description"),
    ]
    var files: [(path: String, bytes: [UInt8])] = []
    let ordered = groups.values.sorted { $0.definitionID < $1.definitionID }
    for group in ordered {
      files.append(
        ("\(group.definitionID).json", Array(JSONWriter.render(definition(group, lists)).utf8)))
    }
    for list in lists { files.append(("codesets/\(list.file)", codeListFile(list))) }
    return ShadowBundleImport(groups: ordered, files: files, notes: notes)
  }

  // MARK: Reading the sheets

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

  private func codeList(
    _ name: String, file: String, _ system: CodeSystem, title: String, workbook: String,
    sheet sheetName: String,
    code: String, description: String, only filter: (column: String, value: String)? = nil
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
      guard case .success(.exact(let normal)) = CodePattern.parse(raw, system: system) else {
        throw Diagnostic(
          at: sheet.location(row, codeColumn), .notASheetCode(raw, system))
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
    return CodeListSpec(
      name: name, file: file, system: system, title: title, source: source, codes: codes,
      repeated: repeated)
  }

  private func codeListFile(_ list: CodeListSpec) -> [UInt8] {
    var text = "# \(list.title) (\(list.system.rawValue), \(list.codes.count) codes"
    if !list.repeated.isEmpty {
      text += "; the sheet lists \(list.repeated.joined(separator: ", ")) twice"
    }
    text += ").\n# Source: \(list.source).\n"
    text +=
      "# Written by grouper import cms-shadow-bundles; one code per line, then its description.\n"
    let width = (list.codes.map(\.code.count).max() ?? 0) + 2
    for c in list.codes {
      text += c.code + String(repeating: " ", count: width - c.code.count) + c.description + "\n"
    }
    return Array(text.utf8)
  }

  // MARK: Writing a definition

  private func definition(_ g: ShadowBundleGroup, _ lists: [CodeListSpec]) -> JSONWriter.Value {
    typealias V = JSONWriter.Value
    func list(_ name: String) -> CodeListSpec { lists.first { $0.name == name }! }
    let isTAVR =
      g.setting == .inpatient && g.title.lowercased().contains("transcatheter aortic valve")
    let isMJRUE = g.setting == .multiSetting && g.title.lowercased().contains("upper extremity")
    let isMJRLE = g.setting == .multiSetting && g.title.lowercased().contains("lower extremity")
    let isPCI = g.title.lowercased().contains("percutaneous coronary intervention")

    var codeSets: [(String, V)] = []
    if !g.drgs.isEmpty {
      codeSets.append(
        (
          "trigger_drgs",
          .object([
            ("system", .string("ms_drg")), ("codes", .array(g.drgs.map { .string($0.code) })),
            (
              "description",
              .string(
                "Anchor-stay MS-DRGs: "
                  + g.drgs.map { "\($0.code) \($0.description)" }.joined(separator: "; "))
            ),
          ])
        ))
    }
    if !g.hcpcs.isEmpty {
      codeSets.append(
        (
          "trigger_hcpcs",
          .object([
            ("system", .string("hcpcs")), ("codes", .array(g.hcpcs.map { .string($0.code) })),
            (
              "description",
              .string(
                "Anchor-procedure HCPCS: "
                  + g.hcpcs.map { "\($0.code) \($0.description)" }.joined(separator: "; "))
            ),
          ])
        ))
    }
    var used = [
      "excluded_readmissions", "excluded_part_b_drugs", "clotting_factors",
      "cardiac_rehabilitation", "emergency_department",
    ]
    if isTAVR { used.append("tavr_procedures") }
    if isMJRUE { used.append("mjrue_procedures") }
    if isPCI { used.append("tavr_procedures") }
    for name in used {
      let l = list(name)
      codeSets.append(
        (
          name,
          .object([("system", .string(l.system.rawValue)), ("file", .string("codesets/\(l.file)"))])
        ))
    }
    if isPCI {
      codeSets.append(
        (
          "tavr_drgs",
          .object([
            ("system", .string("ms_drg")), ("codes", .array([.string("266"), .string("267")])),
          ])
        ))
    }

    let inpatientTrigger: V = .object([
      (
        "all",
        .array(
          [
            .object([("claim_type", .string("inpatient"))]),
            .object([("field", .string("drg")), ("in", .string("trigger_drgs"))]),
          ]
            + (isTAVR
              ? [.object([("field", .string("px")), ("in", .string("tavr_procedures"))])] : [])
            + (isMJRUE
              ? [.object([("field", .string("px")), ("in", .string("mjrue_procedures"))])] : []))
      )
    ])
    let outpatientTrigger: V = .object([
      (
        "all",
        .array([
          .object([("claim_type", .string("outpatient"))]),
          .object([("field", .string("hcpcs")), ("in", .string("trigger_hcpcs"))]),
        ])
      )
    ])
    let trigger: V
    switch (g.drgs.isEmpty, g.hcpcs.isEmpty) {
    case (false, false):
      trigger = .object([("any", .array([inpatientTrigger, outpatientTrigger]))])
    case (false, true): trigger = inpatientTrigger
    default: trigger = outpatientTrigger
    }

    func rule(_ id: String, _ key: String, _ text: String, _ when: V) -> V {
      .object([("id", .string(id)), (key, .string(text)), ("when", when)])
    }
    func field(_ name: String, _ set: String) -> V {
      .object([("field", .string(name)), ("in", .string(set))])
    }
    func type(_ names: String...) -> V {
      names.count == 1
        ? .object([("claim_type", .string(names[0]))])
        : .object([("claim_type", .array(names.map { .string($0) }))])
    }
    let inWindow: V = .object([("period", .array([.string("anchor"), .string("post")]))])
    func all(_ parts: V...) -> V { .object([("all", .array(parts))]) }
    let exclude: [V] = [
      rule("part_d", "reason", "Part D lies outside CMS's episodes", type("pharmacy")),
      rule(
        "excluded_readmission", "reason",
        "readmission with an MS-DRG on CMS's excluded-readmission list",
        all(
          type("inpatient"), .object([("trigger_claim", .bool(false))]),
          field("drg", "excluded_readmissions"))),
      rule(
        "excluded_part_b_drug", "reason", "Part B drug on CMS's excluded list",
        field("hcpcs", "excluded_part_b_drugs")),
      rule(
        "clotting_factor", "reason", "hemophilia clotting factor, which CMS leaves out",
        field("hcpcs", "clotting_factors")),
      rule(
        "cardiac_rehabilitation", "reason", "cardiac rehabilitation, which CMS leaves out",
        field("hcpcs", "cardiac_rehabilitation")),
    ]
    let include: [V] = [
      rule("anchor", "category", "anchor", .object([("trigger_claim", .bool(true))])),
      rule(
        "emergency_before_anchor", "category", "anchor",
        all(
          .object([("period", .string("pre"))]), type("outpatient"),
          field("revenue_code", "emergency_department"))),
      rule("readmission", "category", "readmission", all(inWindow, type("inpatient"))),
      rule("skilled_nursing", "category", "post_acute_snf", all(inWindow, type("snf"))),
      rule("home_health", "category", "home_health", all(inWindow, type("home_health"))),
      rule("hospice", "category", "hospice", all(inWindow, type("hospice"))),
      rule("outpatient", "category", "outpatient", all(inWindow, type("outpatient"))),
      rule("professional", "category", "professional", all(inWindow, type("professional"))),
      rule("dme", "category", "dme", all(inWindow, type("dme"))),
    ]
    var cancel: [V] = [
      .object([
        ("reason", .string("the beneficiary died during the anchor (CMS drops the episode)")),
        ("death", .string("anchor")),
      ]),
      .object([
        (
          "reason",
          .string(
            "not continuously enrolled in Parts A and B (without Medicare Advantage) over the episode"
          )
        ),
        ("coverage", .string("continuous")),
      ]),
    ]
    if isPCI {
      cancel.append(
        .object([
          (
            "reason",
            .string(
              "a TAVR stay starts during the episode (CMS keeps the TAVR episode and drops the PCI one)"
            )
          ),
          (
            "any_line",
            all(type("inpatient"), field("drg", "tavr_drgs"), field("px", "tavr_procedures"))
          ),
        ]))
    }

    let settingText: String
    switch g.setting {
    case .inpatient:
      settingText =
        "an inpatient stay grouping to MS-DRG " + g.drgs.map(\.code).joined(separator: ", ")
    case .outpatient:
      settingText =
        "an outpatient procedure with HCPCS " + g.hcpcs.map(\.code).joined(separator: ", ")
    case .multiSetting:
      settingText =
        "either an inpatient stay grouping to MS-DRG " + g.drgs.map(\.code).joined(separator: ", ")
        + " or an outpatient procedure with HCPCS " + g.hcpcs.map(\.code).joined(separator: ", ")
    }
    var description =
      "Imported from CMS's shadow-bundle trigger lists: episode group \(g.groupID) '\(g.name)' (\(g.kind)"
      + (g.serviceLine.map { "; service line \($0)" } ?? "") + "). Triggered by \(settingText)"
    if isTAVR {
      description += " with a TAVR procedure (ICD-10-PCS list of the TAVR_Procedure_Codes sheet)"
    }
    if isMJRUE {
      description +=
        " (the stay with an ICD-10-PCS code of the MJRUE_Trigger_Procedure_Codes sheet)"
    }
    description +=
      ". The anchor is the stay or the procedure day; the post-anchor period runs 90 days with the discharge or procedure day as day 1; emergency department services the day before count in the anchor. Part D, readmissions on the excluded-readmission list, excluded Part B drugs, clotting factors and cardiac rehabilitation are left out. A trigger inside an open episode starts no new one"
    if isMJRLE { description += ", except that a new joint replacement replaces the open episode" }
    description += "."

    let windows: V = .object([
      ("pre_anchor_days", .int(1)),
      ("post_anchor", .object([("days", .int(90)), ("day_one", .string("anchor_end"))])),
    ])
    return .object([
      ("id", .string(g.definitionID)),
      (
        "name",
        .string(
          "\(g.title) (\(g.setting == .inpatient ? "inpatient" : g.setting == .outpatient ? "outpatient" : "multi-setting"))"
        )
      ),
      ("version", .string(version)),
      ("description", .string(description)),
      ("precedence", .int(50)),
      ("code_sets", .object(codeSets)),
      ("trigger", trigger),
      ("anchor", .object([("inpatient", .string("stay")), ("default", .string("service"))])),
      ("windows", windows),
      ("exclude", .array(exclude)),
      ("include", .array(include)),
      ("straddle", .object([("default", .string("prorate"))])),
      ("repeat_trigger", .string(isMJRLE ? "cancel_open" : "absorb")),
      ("cancel", .array(cancel)),
      ("accountable_provider", .string("billing_provider")),
    ])
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
}
