import GrouperCore
import GrouperSupport

/// The definition of one shadow-bundle episode group, written in the definition language so that
/// it follows CMS's method (BPCI Advanced shadow-bundle SAS) in every rule the language expresses:
///
/// - triggers (`c4`, `c5`): the inpatient stay grouping to a trigger MS-DRG, or the outpatient
///   line with a trigger HCPCS; TAVR stays also need a TAVR procedure (ICD-9 codes for stays before
///   2015-10-01), upper-extremity joint replacements an MJRUE procedure;
/// - transfers (`c3`): same-day stays at short-term acute, critical access, emergency and
///   veterans' hospitals (and ids that are not CCNs) chain into one anchor;
/// - windows (`c4`, `c6`, `d2`, `d5`): the day before the anchor for emergency and
///   global-surgery services; 90 days with the discharge or procedure day as day 1, ended by death;
/// - exclusions (`d1`–`d8`): Part D, primary-payer lines, readmissions by MS-DRG and MDC (with the
///   professional lines during them), TAVR stays in PCI episodes, Part B drugs, clotting factors and
///   IBD drugs on outpatient, professional and DME lines, cardiac rehabilitation (outpatient lines,
///   and professional lines at the places and from the dates CMS names), OCM and EOM payments;
/// - straddling claims (`d3`, `d7`, `d8`, `d9`): IPPS stays by GMLOS, home health by visits, SNF
///   and hospice by days, line-level claims whole;
/// - cancellations (`c6`): death during the anchor, enrolment from 180 days before, stays of 60
///   days or more, primary payer on the anchor, excluded MDC anchors, anchors (any transfer leg)
///   at a CAH or cancer hospital or at a CCN that is not a short-term acute hospital, and transfer
///   legs with an excluded MS-DRG; stays at the hospitals CMS removes neither trigger nor count;
/// - overlaps (`e1`): chronological, the later MJRLE episode and a TAVR after a PCI winning.
struct ShadowBundleRules {
  /// What every definition shares: the code lists and the sheets' other facts.
  struct Method {
    /// The places of service of excluded professional cardiac rehabilitation, by first day.
    var cardiacRehabPlaces: [(from: Day, places: [String])]
    /// The place-of-service codes of hospital emergency rooms.
    var emergencyPlaces: [String]
    /// The MS-DRGs whose episodes leave out the IBD Part B drugs.
    var ibdDRGs: Set<String>
    /// The definition id of the TAVR group, which wins an overlap with a PCI episode.
    var tavrGroup: String?
    /// The code lists written beside the definitions.
    var lists: [ShadowBundleImporter.CodeListSpec]
  }

  /// The group to define.
  let group: ShadowBundleGroup
  /// The shared method.
  let method: Method
  /// The version written into the definition.
  let version: String

  /// The first day CMS reads ICD-10 procedure codes (`icd9_icd10_date`, `a2_assign_globals`).
  static let icd10Start = "2015-10-01"
  /// The HCPCS ranges standing for global-surgery procedures (no PFS global-days file ships): the
  /// CPT surgery section, and the cardiac catheterisation and PCI codes.
  static let globalSurgery = ["10004-69990", "92920-92944", "93451-93533"]

  /// A JSON value of the definition.
  typealias V = JSONWriter.Value

  /// Whether the group's episodes are IBD episodes, which leave out the IBD Part B drugs.
  var isIBD: Bool {
    !group.drgs.isEmpty && group.hcpcs.isEmpty
      && group.drgs.allSatisfy { method.ibdDRGs.contains($0.code) }
  }

  /// The definition, as a JSON value.
  func definition() -> V {
    let g = group
    return .object(
      [
        ("id", .string(g.definitionID)),
        (
          "name",
          .string(
            "\(g.title) (\(g.setting == .inpatient ? "inpatient" : g.setting == .outpatient ? "outpatient" : "multi-setting"))"
          )
        ),
        ("version", .string(version)),
        ("description", .string(description())),
        ("precedence", .int(50)),
        ("overlap", overlap()),
        ("code_sets", .object(codeSets())),
        ("trigger", trigger()),
        ("anchor", .object([("inpatient", .string("stay")), ("default", .string("service"))])),
      ]
        + (g.drgs.isEmpty ? [] : [("transfers", transfers())])
        + [
          ("windows", windows()),
          ("exclude", .array(exclusions())),
          ("include", .array(inclusions())),
          ("straddle", straddle()),
          ("cancel", .array(cancellations())),
          ("accountable_provider", .string("billing_provider")),
        ])
  }

  // MARK: Building blocks

  /// The test: the field holds a code of the named set.
  private func field(_ name: String, _ set: String) -> V {
    .object([("field", .string(name)), ("in", .string(set))])
  }
  /// The test: the field holds one of these codes.
  private func field(_ name: String, codes: [String]) -> V {
    .object([("field", .string(name)), ("in", .array(codes.map { .string($0) }))])
  }
  /// The test: the line's claim type is one of these.
  private func type(_ names: String...) -> V {
    names.count == 1
      ? .object([("claim_type", .string(names[0]))])
      : .object([("claim_type", .array(names.map { .string($0) }))])
  }
  /// The test: every part holds.
  private func all(_ parts: V...) -> V { .object([("all", .array(parts))]) }
  /// The test: some part holds.
  private func any(_ parts: [V]) -> V { .object([("any", .array(parts))]) }
  /// The test: the line's from date is on or after `day` (YYYY-MM-DD).
  private func onOrAfter(_ day: String) -> V { .object([("on_or_after", .string(day))]) }
  /// The test: the line is not on the trigger claim (nor a transfer stay of the anchor).
  private let notTrigger: V = .object([("trigger_claim", .bool(false))])
  /// The test: a professional line.
  private let professional: V = .object([("claim_type", .string("professional"))])
  /// An exclusion (`key` reason) or inclusion (`key` category) rule.
  private func rule(_ id: String, _ key: String, _ text: String, _ when: V) -> V {
    .object([("id", .string(id)), (key, .string(text)), ("when", when)])
  }
  /// A cancellation rule of one kind (`key`).
  private func cancel(_ reason: String, _ key: String, _ value: V) -> V {
    .object([("reason", .string(reason)), (key, value)])
  }

  /// Not a stay at a hospital CMS removes before grouping (sheet `Excluded_Providers`, `c2`).
  private var notExcludedProvider: V {
    .object([("not", field("billing_provider", "excluded_providers"))])
  }

  /// The TAVR procedure test: an ICD-10-PCS code, or an ICD-9 code on a line before 2015-10-01.
  private var tavrProcedure: V {
    any([
      field("px", "tavr_procedures"),
      all(field("px", "tavr_procedures_icd9"), .object([("not", onOrAfter(Self.icd10Start))])),
    ])
  }

  // MARK: Sections

  /// The code sets: the group's triggers, the shared lists it uses, and inline sets.
  private func codeSets() -> [(String, V)] {
    let g = group
    var sets: [(String, V)] = []
    /// Adds a code set written in the definition.
    func inline(_ name: String, _ system: String, _ codes: [String], _ text: String) {
      sets.append(
        (
          name,
          .object([
            ("system", .string(system)), ("codes", .array(codes.map { .string($0) })),
            ("description", .string(text)),
          ])
        ))
    }
    if !g.drgs.isEmpty {
      inline(
        "trigger_drgs", "ms_drg", g.drgs.map(\.code),
        "Anchor-stay MS-DRGs: "
          + g.drgs.map { "\($0.code) \($0.description)" }.joined(
            separator: "; "))
    }
    if !g.hcpcs.isEmpty {
      inline(
        "trigger_hcpcs", "hcpcs", g.hcpcs.map(\.code),
        "Anchor-procedure HCPCS: "
          + g.hcpcs.map { "\($0.code) \($0.description)" }.joined(
            separator: "; "))
    }
    var used = [
      "excluded_readmissions", "excluded_mdcs", "excluded_part_b_drugs", "clotting_factors",
      "cardiac_rehabilitation", "ocm_payments", "eom_payments", "emergency_department",
      "cancer_hospitals", "excluded_providers",
    ]
    if g.isTAVR || g.isPCI { used += ["tavr_procedures", "tavr_procedures_icd9"] }
    if g.isMJRUE { used.append("mjrue_procedures") }
    if isIBD { used.append("ibd_part_b_drugs") }
    for name in used {
      let l = method.lists.first { $0.name == name }!
      sets.append(
        (
          name,
          .object([("system", .string(l.system.rawValue)), ("file", .string("codesets/\(l.file)"))])
        ))
    }
    if g.isPCI { inline("tavr_drgs", "ms_drg", ["266", "267"], "TAVR MS-DRGs") }
    inline(
      "global_surgery", "hcpcs", Self.globalSurgery,
      "Approximates CMS's global-surgery procedures (PFS global days 000, 010, 090 or YYY) by the CPT surgery range and the cardiac catheterisation and PCI codes"
    )
    inline(
      "emergency_room_places", "place_of_service", method.emergencyPlaces,
      "Places of service of hospital emergency rooms (Place_of_Service_Codes sheet)")
    for (k, entry) in method.cardiacRehabPlaces.enumerated() {
      inline(
        "cardiac_rehabilitation_places_\(k + 1)", "place_of_service", entry.places,
        "Places where professional cardiac rehabilitation is excluded from \(entry.from) (Excluded_PCSRVC_Cardiac_Rehab sheet)"
      )
    }
    return sets
  }

  /// Chronological overlap resolution, with the groups whose later episodes win (`e1`).
  private func overlap() -> V {
    var wins: [String] = []
    if group.isMJRLE { wins.append(group.definitionID) }
    if group.isPCI, let tavr = method.tavrGroup { wins.append(tavr) }
    var members: [(String, V)] = [
      ("lines", .string("exclusive")), ("resolve", .string("chronological")),
    ]
    if !wins.isEmpty { members.append(("later_episode_wins", .array(wins.map { .string($0) }))) }
    return .object(members)
  }

  /// The trigger: an anchor stay, an anchor procedure, or either.
  private func trigger() -> V {
    let g = group
    var stay = [type("inpatient"), notExcludedProvider, field("drg", "trigger_drgs")]
    if g.isTAVR { stay.append(tavrProcedure) }
    if g.isMJRUE { stay.append(field("px", "mjrue_procedures")) }
    let inpatient: V = .object([("all", .array(stay))])
    let outpatient = all(type("outpatient"), field("hcpcs", "trigger_hcpcs"))
    switch (g.drgs.isEmpty, g.hcpcs.isEmpty) {
    case (false, false): return any([inpatient, outpatient])
    case (false, true): return inpatient
    default: return outpatient
    }
  }

  /// Transfer chains of stays at the hospitals CMS chains (`c3`).
  private func transfers() -> V {
    .object([
      ("merge", .bool(true)),
      (
        "legs",
        all(
          type("inpatient"), notExcludedProvider,
          .object([
            (
              "provider_type",
              .array(
                ["short_term_acute", "critical_access", "emergency_or_veterans", "unknown"].map {
                  .string($0)
                })
            )
          ]))
      ),
    ])
  }

  /// The day before the anchor for emergency and surgical lines, and the 90 days after it.
  private func windows() -> V {
    let dayBefore = any([
      all(type("outpatient"), field("revenue_code", "emergency_department")),
      all(
        professional,
        any([field("place_of_service", "emergency_room_places"), field("hcpcs", "global_surgery")])
      ),
    ])
    return .object([
      ("pre_anchor", .object([("days", .int(1)), ("when", dayBefore)])),
      (
        "post_anchor",
        .object([
          ("days", .int(90)), ("day_one", .string("anchor_end")), ("ends_at_death", .bool(true)),
        ])
      ),
    ])
  }

  /// The exclusion rules, in the order they are tested.
  private func exclusions() -> [V] {
    let lineTypes = type("outpatient", "professional", "dme")
    /// An exclusion whose stays take the professional lines dated during them along (`d5`).
    func leaves(_ id: String, _ text: String, _ when: V) -> V {
      .object([
        ("id", .string(id)), ("reason", .string(text)), ("when", when),
        ("extends_to", professional),
      ])
    }
    var rules: [V] = [
      rule("part_d", "reason", "Part D lies outside CMS's episodes", type("pharmacy")),
      rule(
        "primary_payer", "reason", "another payer paid first (CMS groups no such claim)",
        .object([("primary_payer_paid", .bool(true))])),
      rule(
        "excluded_provider", "reason", "stay at a hospital CMS removes before grouping",
        all(type("inpatient"), field("billing_provider", "excluded_providers"))),
      leaves(
        "excluded_readmission", "readmission with an MS-DRG on CMS's excluded-readmission list",
        all(type("inpatient"), notTrigger, field("drg", "excluded_readmissions"))),
      leaves(
        "excluded_mdc_readmission",
        "readmission in an MDC CMS leaves out (eye, pregnancy, newborn, HIV)",
        all(type("inpatient"), notTrigger, field("mdc", "excluded_mdcs"))),
    ]
    if group.isPCI {
      rules.append(
        leaves(
          "tavr_readmission", "TAVR stay during a PCI episode, which CMS leaves out",
          all(type("inpatient"), notTrigger, field("drg", "tavr_drgs"), tavrProcedure)))
    }
    rules += [
      rule(
        "excluded_part_b_drug", "reason", "Part B drug on CMS's excluded list",
        all(lineTypes, field("hcpcs", "excluded_part_b_drugs"))),
      rule(
        "clotting_factor", "reason", "hemophilia clotting factor, which CMS leaves out",
        all(lineTypes, field("hcpcs", "clotting_factors"))),
    ]
    if isIBD {
      rules.append(
        rule(
          "ibd_part_b_drug", "reason", "Part B drug CMS leaves out of IBD episodes",
          all(lineTypes, field("hcpcs", "ibd_part_b_drugs"))))
    }
    let places = method.cardiacRehabPlaces.enumerated().map { k, entry in
      all(
        field("place_of_service", "cardiac_rehabilitation_places_\(k + 1)"),
        onOrAfter(entry.from.description))
    }
    rules += [
      rule(
        "cardiac_rehabilitation", "reason",
        "cardiac rehabilitation, which CMS leaves out (outpatient lines; professional lines at the places and from the dates it names)",
        any([
          all(type("outpatient"), field("hcpcs", "cardiac_rehabilitation")),
          all(professional, field("hcpcs", "cardiac_rehabilitation"), any(places)),
        ])),
      rule(
        "ocm_payment", "reason", "Oncology Care Model monthly payment, which CMS leaves out",
        all(professional, field("hcpcs", "ocm_payments"))),
      rule(
        "eom_payment", "reason", "Enhancing Oncology Model monthly payment, which CMS leaves out",
        all(professional, field("hcpcs", "eom_payments"))),
    ]
    return rules
  }

  /// The inclusion rules: the anchor, the day before it, then each claim type in the window.
  private func inclusions() -> [V] {
    let inWindow: V = .object([("period", .array([.string("anchor"), .string("post")]))])
    return [
      rule("anchor", "category", "anchor", .object([("trigger_claim", .bool(true))])),
      rule("day_before_anchor", "category", "anchor", .object([("period", .string("pre"))])),
      rule("readmission", "category", "readmission", all(inWindow, type("inpatient"))),
      rule("skilled_nursing", "category", "post_acute_snf", all(inWindow, type("snf"))),
      rule("home_health", "category", "home_health", all(inWindow, type("home_health"))),
      rule("hospice", "category", "hospice", all(inWindow, type("hospice"))),
      rule("outpatient", "category", "outpatient", all(inWindow, type("outpatient"))),
      rule("professional", "category", "professional", all(inWindow, professional)),
      rule("dme", "category", "dme", all(inWindow, type("dme"))),
    ]
  }

  /// The straddle policy by claim type.
  private func straddle() -> V {
    let policies = [
      ("inpatient", "prorate_gmlos"), ("home_health", "prorate_visits"), ("snf", "prorate"),
      ("hospice", "prorate"), ("professional", "whole"), ("dme", "whole"),
      ("outpatient", "whole"),
    ]
    return .object([
      ("default", .string("prorate")),
      ("by_claim_type", .object(policies.map { ($0.0, .string($0.1)) })),
    ])
  }

  /// The cancellation rules.
  private func cancellations() -> [V] {
    var rules: [V] = [
      cancel(
        "the beneficiary died during the anchor (CMS drops the episode)", "death",
        .string("anchor")),
      .object([
        (
          "reason",
          .string(
            "not continuously enrolled in Parts A and B (without Medicare Advantage) from 180 days before the anchor through the episode"
          )
        ),
        ("coverage", .string("continuous")), ("lookback_days", .int(180)),
      ]),
      cancel(
        "another payer paid first for the anchor (CMS drops the episode)", "trigger_claim",
        .object([("primary_payer_paid", .bool(true))])),
    ]
    if !group.drgs.isEmpty {
      rules += [
        cancel(
          "the anchor stay lasts 60 days or more (CMS drops the episode)", "anchor_longer_than",
          .int(59)),
        cancel(
          "a stay of the anchor is in an MDC CMS leaves out (eye, pregnancy, newborn, HIV)",
          "trigger_claim", all(type("inpatient"), field("mdc", "excluded_mdcs"))),
        cancel(
          "a transfer stay of the anchor has an MS-DRG on CMS's excluded-readmission list",
          "trigger_claim", all(type("inpatient"), field("drg", "excluded_readmissions"))),
      ]
    }
    let notIPPS = ["long_term_care", "rehabilitation", "psychiatric", "childrens", "other"]
    rules += [
      cancel(
        "the anchor is at a critical access or cancer hospital (CMS drops the episode)",
        "trigger_claim",
        any([
          .object([("provider_type", .string("critical_access"))]),
          field("billing_provider", "cancer_hospitals"),
        ])),
      cancel(
        "the anchor hospital is not a short-term acute hospital (CMS drops the episode)",
        "trigger_claim", .object([("provider_type", .array(notIPPS.map { .string($0) }))])),
    ]
    return rules
  }

  /// The definition's description: what of CMS's method it follows.
  private func description() -> String {
    let g = group
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
    var text =
      "Imported from CMS's shadow-bundle workbooks: episode group \(g.groupID) '\(g.name)' (\(g.kind)"
      + (g.serviceLine.map { "; service line \($0)" } ?? "")
      + "), following CMS's BPCI Advanced shadow-bundle method. Triggered by \(settingText)"
    if g.isTAVR {
      text +=
        " with a TAVR procedure (the TAVR_Procedure_Codes sheet: ICD-10-PCS, or ICD-9 for lines before \(Self.icd10Start))"
    }
    if g.isMJRUE {
      text += " (the stay with a procedure of the MJRUE_Trigger_Procedure_Codes sheet)"
    }
    text += "."
    if !g.drgs.isEmpty {
      text +=
        " Same-day transfers between short-term acute, critical access, emergency and veterans' hospitals chain into one anchor (c3)."
    }
    text +=
      " The anchor is the stay or the procedure day; the day before it counts outpatient emergency department lines and professional emergency-room or surgical lines (global surgery approximated by HCPCS 10004-69990, 92920-92944, 93451-93533); the post-anchor period runs 90 days with the discharge or procedure day as day 1 and ends at a death."
      + " Left out: Part D; lines another payer paid first; readmissions with an excluded MS-DRG or MDC and the professional lines during them"
      + (g.isPCI ? "; TAVR stays" : "")
      + "; excluded Part B drugs and clotting factors"
      + (isIBD ? " and IBD Part B drugs" : "")
      + " on outpatient, professional and DME lines; cardiac rehabilitation (outpatient lines, and professional lines at the places and from the dates CMS names); OCM and EOM monthly payments."
      + " Straddling claims: inpatient stays by GMLOS, home health by visits, SNF and hospice by days, other lines whole."
      + " Cancelled: death during the anchor; no continuous Parts A and B enrolment from 180 days before the anchor; another payer paid for the anchor"
      + "; an anchor at a critical access or cancer hospital, or at a CCN of another kind than a short-term acute hospital"
      + (g.drgs.isEmpty
        ? ""
        : "; an anchor of 60 days or more; an anchor stay in an excluded MDC, or a transfer stay with an excluded MS-DRG")
      + ". Overlaps are resolved chronologically (e1): an episode starting inside an earlier one's window is cancelled"
    if g.isMJRLE {
      text += ", except that a later lower-extremity joint replacement replaces this one"
    }
    if g.isPCI {
      text += ", except that a later TAVR episode replaces this one"
    }
    return text + "."
  }
}
