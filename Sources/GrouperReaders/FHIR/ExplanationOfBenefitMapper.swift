import GrouperCore
import GrouperSupport

/// A value of an ExplanationOfBenefit that cannot become a claim field: where it is (file, line,
/// column, JSON path) and its text, with the reason.
typealias FHIRFailure = RowError<FHIRValue>

/// Where a FHIR value at fault stands, and its text.
struct FHIRValue: Sendable {
  /// The file, line, column and JSON path.
  var location: SourceLocation
  /// The value's text, empty for objects and arrays.
  var value: String

  /// The text of a scalar value, empty for objects and arrays.
  static func text(_ cursor: JSONCursor) -> String {
    switch cursor.node.value {
    case .string(let s): return s
    case .number(let n): return n
    case .bool(let b): return b ? "true" : "false"
    default: return ""
    }
  }
}

extension RowError where Place == FHIRValue {
  /// A failure at the value `cursor` points to.
  init(_ cursor: JSONCursor, _ reason: Diagnostic.Message) {
    self.init(
      column: FHIRValue(location: cursor.location, value: FHIRValue.text(cursor)), reason: reason)
  }

  /// A failure from a diagnostic thrown by a ``JSONCursor`` reader.
  init(_ d: Diagnostic, at cursor: JSONCursor) {
    self.init(
      column: FHIRValue(location: d.location, value: FHIRValue.text(cursor)), reason: d.message)
  }
}

/// The state of one FHIR read: the store being filled, rejections, and the rows counted.
struct FHIRReadState {
  var builder: ClaimLineBuilder
  var rejections: [Rejection] = []
  /// Claim lines met: one per item (one for an EOB without items), or one per resource that
  /// could not be read at all.
  var rows = 0

  init(defaultPayer: String, dates: DateBounds = .standard) {
    builder = ClaimLineBuilder(defaultPayer: defaultPayer, dates: dates)
  }

  mutating func reject(_ failure: FHIRFailure, allowed: Cents?) {
    rejections.append(
      Rejection(
        failure, file: failure.column.location.file, line: failure.column.location.line ?? 0,
        column: failure.column.location.column, field: failure.column.location.field,
        value: failure.column.value, allowed: allowed))
  }
}

/// Maps one FHIR R4 ExplanationOfBenefit onto claim lines: one line per `item` (one line for an
/// EOB without items), claim-level fields repeated on each, as the native layout holds them.
///
/// The element-to-field mapping and the amount rules are documented in `SampleClaims/FORMATS.md`;
/// the amounts follow the RIF rules, so a claim read from RIF and from Blue Button gives the same
/// dollars.
struct ExplanationOfBenefitMapper {
  private let root: JSONCursor
  private let eob: JSONObject
  /// The plausible range of dates.
  private let dates: DateBounds

  /// Reads `resource` into `state`: lines, or rejections located at the element at fault.
  static func read(_ resource: JSONCursor, into state: inout FHIRReadState) {
    let mapper: ExplanationOfBenefitMapper
    do {
      mapper = try ExplanationOfBenefitMapper(resource, dates: state.builder.dates)
    } catch {
      state.rows += 1
      state.reject(error, allowed: nil)
      return
    }
    mapper.read(into: &state)
    // Warnings of claim-level codes count with the EOB's first line kept, and not at all when none is.
    state.builder.discardPendingWarnings()
  }

  private init(_ resource: JSONCursor, dates: DateBounds) throws(FHIRFailure) {
    root = resource
    self.dates = dates
    guard case .object = resource.node.value else {
      throw FHIRFailure(resource, .fhirNotAResource(found: "\(resource.node.kind)"))
    }
    eob = try Self.wrap(resource) { try resource.object() }
    guard let typeCursor = eob.optional("resourceType") else {
      throw FHIRFailure(resource, .fhirNoResourceType)
    }
    let type = try Self.string(typeCursor)
    guard type == "ExplanationOfBenefit" else {
      throw FHIRFailure(typeCursor, .fhirNotAnEOB)
    }
  }

  // MARK: Reading JSON

  private static func wrap<T>(_ cursor: JSONCursor, _ body: () throws -> T) throws(FHIRFailure) -> T
  {
    do { return try body() } catch let d as Diagnostic { throw FHIRFailure(d, at: cursor) } catch {
      throw FHIRFailure(cursor, .fhirUnreadable(error))
    }
  }

  private static func string(_ c: JSONCursor) throws(FHIRFailure) -> String {
    try wrap(c) { try c.string() }
  }

  private static func object(_ c: JSONCursor) throws(FHIRFailure) -> JSONObject {
    try wrap(c) { try c.object() }
  }

  /// The elements of an array member, none when absent.
  private static func items(_ o: JSONObject, _ key: String) throws(FHIRFailure) -> [JSONCursor] {
    guard let c = o.optional(key) else { return [] }
    return try wrap(c) { try c.array() }
  }

  /// The codings of a CodeableConcept member: system, code and where the code stands.
  private static func codings(_ o: JSONObject, _ key: String) throws(FHIRFailure) -> [(
    system: String, code: String, at: JSONCursor
  )] {
    guard let concept = o.optional(key) else { return [] }
    return try codings(concept)
  }

  private static func codings(_ concept: JSONCursor) throws(FHIRFailure) -> [(
    system: String, code: String, at: JSONCursor
  )] {
    var result: [(system: String, code: String, at: JSONCursor)] = []
    for coding in try items(try object(concept), "coding") {
      let co = try object(coding)
      guard let codeCursor = co.optional("code") else { continue }
      let system =
        try co.optional("system").map { (c) throws(FHIRFailure) -> String in try string(c) } ?? ""
      result.append((system, try string(codeCursor), codeCursor))
    }
    return result
  }

  /// The first coding whose system is one of `systems`, preferring earlier systems.
  private static func coding(
    _ all: [(system: String, code: String, at: JSONCursor)], in systems: [String]
  ) -> (system: String, code: String, at: JSONCursor)? {
    for system in systems {
      if let c = all.first(where: { $0.system == system }) { return c }
    }
    return nil
  }

  /// Whether any coding's code is `code` or a Blue Button variable URL ending in `/code`.
  private static func has(_ all: [(system: String, code: String, at: JSONCursor)], _ code: String)
    -> Bool
  {
    all.contains { $0.code == code || $0.code.hasSuffix("/" + code) }
  }

  /// A FHIR date or dateTime as a day (`2016-01-15`, `2016-01-15T00:00:00+00:00`), in the
  /// plausible range.
  private func day(_ c: JSONCursor) throws(FHIRFailure) -> Day {
    let text = try Self.string(c)
    let datePart =
      text.count > 10 && text[text.index(text.startIndex, offsetBy: 10)] == "T"
      ? String(text.prefix(10)) : text
    guard let d = Day(iso: datePart) else {
      throw FHIRFailure(c, .fhirNotAFullDate)
    }
    if let reason = dates.check(d) { throw FHIRFailure(c, reason) }
    return d
  }

  /// A Money's value, or a number, as cents.
  private static func money(_ c: JSONCursor) throws(FHIRFailure) -> Cents {
    var valueCursor = c
    if case .object = c.node.value {
      guard let v = try object(c).optional("value") else {
        throw FHIRFailure(c, .fhirAmountWithoutValue)
      }
      valueCursor = v
    }
    let text = try wrap(valueCursor) { try valueCursor.decimalText() }
    switch Cents.parse(text) {
    case .success(let cents): return cents
    case .failure(let e): throw FHIRFailure(valueCursor, .badAmount(e))
    }
  }

  // MARK: The claim

  /// What every line of the EOB shares.
  private struct Claim {
    var claim: UInt32 = 0
    var member: UInt32 = 0
    var type = ClaimType.professional
    var claimLevel = false
    var blueButton = false
    var from = Day(ordinal: 0)
    var thru = Day(ordinal: 0)
    var admit: Day?
    var discharge: Day?
    var drg: UInt32 = 0
    var principal: UInt32 = 0
    var status: UInt32 = 0
    /// The other diagnoses, each once: every line gets its own copy in the pool.
    var dx: [UInt32] = []
    /// The procedures, each once.
    var px: [UInt32] = []
    var billing: UInt32 = 0
    var rendering: UInt32 = 0
    /// Care team members by sequence: roles, provider id (0 when none), whether an NPI.
    var careTeam: [Int: (roles: [String], provider: UInt32, npi: Bool)] = [:]
    var allowed = Cents.zero
    var paid = Cents.zero
    /// What a primary payer paid on the claim (Blue Button `prpayamt`), for claim-level types.
    var primaryPayer = Cents.zero
    /// Set for a cancelled or entered-in-error EOB: a reversal of itself, never grouped.
    var setAside: SetAsideReason?
    /// The claim this EOB replaces (`related` with relationship `prior` or `replaces`), 0 when none.
    var replaces: UInt32 = 0
  }

  /// The EOB statuses that cancel the claim: it is read and set aside as reversed.
  static let cancellingStatuses: Set<String> = ["cancelled", "entered-in-error"]
  /// The `related.relationship` codes that make the EOB a replacement of the claim named.
  static let replacingRelationships: Set<String> = ["prior", "replaces"]

  private func read(into state: inout FHIRReadState) {
    let items: [JSONCursor]
    do { items = try Self.items(eob, "item") } catch {
      state.rows += 1
      state.reject(error, allowed: nil)
      return
    }
    let count = max(items.count, 1)
    state.rows += count
    state.builder.beginLine()
    let claim: Claim
    do {
      claim = try readClaim(&state)
    } catch {
      state.builder.abandonLine()
      for _ in 0..<count { state.reject(error, allowed: nil) }
      return
    }
    if items.isEmpty {
      guard claim.claimLevel else {
        state.reject(
          FHIRFailure(root, .fhirNeedsItems(claim.type)),
          allowed: nil)
        return
      }
      state.builder.beginLine()
      do {
        state.builder.append(try line(nil, number: 1, claim, first: true, &state))
      } catch {
        state.builder.abandonLine()
        state.reject(error, allowed: claim.allowed)
      }
      return
    }
    for (k, item) in items.enumerated() {
      state.builder.beginLine()
      var allowed: Cents? = claim.claimLevel ? (k == 0 ? claim.allowed : .zero) : nil
      do throws(FHIRFailure) {
        let itemObject = try Self.object(item)
        if !claim.claimLevel { allowed = try lineAmounts(itemObject, item, claim).allowed }
        guard let sequence = itemObject.optional("sequence") else {
          throw FHIRFailure(item, .fhirItemWithoutSequence)
        }
        let number = try Self.wrap(sequence) { try sequence.int(atLeast: 1, "an item sequence") }
        state.builder.append(try line(item, number: UInt32(number), claim, first: k == 0, &state))
      } catch {
        state.builder.abandonLine()
        state.reject(error, allowed: allowed)
      }
    }
  }

  private func readClaim(_ state: inout FHIRReadState) throws(FHIRFailure) -> Claim {
    var c = Claim()
    if let status = eob.optional("status") {
      let text = try Self.string(status)
      if Self.cancellingStatuses.contains(text) {
        c.setAside = .reversed
      } else if text != "active" {
        throw FHIRFailure(status, .fhirNotActive)
      }
    }
    if let use = eob.optional("use"), try Self.string(use) != "claim" {
      throw FHIRFailure(use, .fhirNotAClaim)
    }
    let claimCursor = try claimID()
    let claimText = try Self.string(claimCursor)
    do { c.claim = try state.builder.claim(claimText) } catch {
      throw FHIRFailure(claimCursor, error.reason)
    }
    c.member = try member(&state)
    c.replaces = try replacedClaim(c.claim, &state)
    try claimType(&c)
    guard let period = eob.optional("billablePeriod") else {
      throw FHIRFailure(root, .fhirNeeds("a billablePeriod"))
    }
    let po = try Self.object(period)
    guard let start = po.optional("start") else {
      throw FHIRFailure(period, .fhirPeriodWithoutStart("billablePeriod"))
    }
    c.from = try day(start)
    c.thru =
      try po.optional("end").map { (e) throws(FHIRFailure) -> Day in try day(e) } ?? c.from
    if c.thru < c.from {
      throw FHIRFailure(po.optional("end")!, .fhirPeriodReversed("billablePeriod", start: c.from))
    }

    for info in try Self.items(eob, "supportingInfo") {
      let io = try Self.object(info)
      let category = try Self.codings(io, "category")
      if Self.has(category, "admissionperiod"), let timing = io.optional("timingPeriod") {
        let to = try Self.object(timing)
        c.admit = try to.optional("start").map { (s) throws(FHIRFailure) -> Day in try day(s) }
        c.discharge = try to.optional("end").map { (e) throws(FHIRFailure) -> Day in try day(e)
        }
      } else if Self.has(category, "drg") || Self.has(category, "clm_drg_cd") {
        if let coding = try Self.codings(io, "code").first {
          c.drg = try code(coding, .msDRG, &state)
        }
      } else if Self.has(category, "discharge-status") {
        if let coding = try Self.codings(io, "code").first {
          c.status = try code(coding, .dischargeStatus, &state)
        }
      }
    }
    if let admit = c.admit, let discharge = c.discharge, discharge < admit {
      throw FHIRFailure(root, .fhirAdmissionReversed(admit: admit, discharge: discharge))
    }

    var others: [(id: UInt32, at: JSONCursor)] = []
    for (k, diagnosis) in try Self.items(eob, "diagnosis").enumerated() {
      let d = try Self.object(diagnosis)
      var roles: [String] = []
      for type in try Self.items(d, "type") { roles += try Self.codings(type).map(\.code) }
      // Admitting, external-cause and reason-for-visit diagnoses are not the claim's diagnoses
      // proper; the RIF reader leaves their columns unread too.
      if roles.contains(where: {
        ["admitting", "externalcauseofinjury", "patientreasonforvisit"].contains($0)
      }) {
        continue
      }
      guard let codeable = d.optional("diagnosisCodeableConcept") else {
        throw FHIRFailure(diagnosis, .fhirDiagnosisWithoutConcept(k))
      }
      guard let coding = Self.coding(try Self.codings(codeable), in: FHIRSystems.diagnosisSystems)
      else {
        throw FHIRFailure(codeable, .fhirNoCoding("diagnosis", k, "ICD-10-CM"))
      }
      let id = try code(coding, .icd10CM, &state)
      if roles.contains("principal") && c.principal == 0 {
        c.principal = id
      } else {
        others.append((id, diagnosis))
      }
    }
    for other in others where other.id != c.principal {
      do { try ClaimLineBuilder.add(other.id, toList: &c.dx) } catch {
        throw FHIRFailure(other.at, error.reason)
      }
    }
    var procedures: [(id: UInt32, at: JSONCursor)] = []
    for (k, procedure) in try Self.items(eob, "procedure").enumerated() {
      let p = try Self.object(procedure)
      guard let codeable = p.optional("procedureCodeableConcept") else {
        throw FHIRFailure(procedure, .fhirProcedureWithoutConcept(k))
      }
      guard let coding = Self.coding(try Self.codings(codeable), in: FHIRSystems.procedureSystems)
      else {
        throw FHIRFailure(codeable, .fhirNoCoding("procedure", k, "ICD-10-PCS"))
      }
      procedures.append((try code(coding, .icd10PCS, &state), procedure))
    }
    for p in procedures {
      do { try ClaimLineBuilder.add(p.id, toList: &c.px) } catch {
        throw FHIRFailure(p.at, error.reason)
      }
    }

    c.billing = try billingProvider(&state)
    for member in try Self.items(eob, "careTeam") {
      let m = try Self.object(member)
      guard let sequenceCursor = m.optional("sequence") else { continue }
      let sequence = try Self.wrap(sequenceCursor) { try sequenceCursor.int() }
      var roles: [String] = []
      if let role = m.optional("role") { roles = try Self.codings(role).map(\.code) }
      var provider: UInt32 = 0
      var npi = false
      if let p = m.optional("provider"), let identifier = try Self.object(p).optional("identifier")
      {
        let io = try Self.object(identifier)
        if let value = io.optional("value") {
          provider = try code(
            (system: "", code: try Self.string(value), at: value), .provider, &state)
          let types =
            try io.optional("type").map { (t) throws(FHIRFailure) in try Self.codings(t) } ?? []
          let system =
            try io.optional("system").map { (s) throws(FHIRFailure) in try Self.string(s) } ?? ""
          npi =
            types.contains { $0.code.lowercased() == "npi" }
            || system == "http://hl7.org/fhir/sid/us-npi"
        }
      }
      c.careTeam[sequence] = (roles, provider, npi)
    }
    c.rendering = Self.pick(
      Array(c.careTeam.keys).sorted(), c.careTeam, roles: ["performing", "rendering"])
    for role in ["attending", "prescribing"] where c.rendering == 0 {
      c.rendering = Self.pick(Array(c.careTeam.keys).sorted(), c.careTeam, roles: [role])
    }
    if c.claimLevel { (c.allowed, c.paid, c.primaryPayer) = try claimAmounts(c) }
    return c
  }

  /// The provider of the first care team member (in `sequences` order) holding one of `roles`,
  /// preferring one identified by an NPI; 0 when none.
  private static func pick(
    _ sequences: [Int], _ team: [Int: (roles: [String], provider: UInt32, npi: Bool)],
    roles: [String]
  ) -> UInt32 {
    let holders = sequences.compactMap { team[$0] }.filter { m in
      m.provider != 0 && m.roles.contains { roles.contains($0) }
    }
    return (holders.first { $0.npi } ?? holders.first)?.provider ?? 0
  }

  private func code(
    _ coding: (system: String, code: String, at: JSONCursor), _ system: CodeSystem,
    _ state: inout FHIRReadState
  ) throws(FHIRFailure) -> UInt32 {
    do { return try state.builder.code(coding.code, system, at: coding.at.location) } catch {
      throw FHIRFailure(coding.at, error.reason)
    }
  }

  /// The claim id a `related` entry with relationship `prior` or `replaces` names in
  /// `claim.identifier.value`, 0 when none does; throws when it names the EOB's own claim.
  private func replacedClaim(_ own: UInt32, _ state: inout FHIRReadState) throws(FHIRFailure)
    -> UInt32
  {
    for related in try Self.items(eob, "related") {
      let ro = try Self.object(related)
      guard let relationship = ro.optional("relationship"),
        try Self.codings(relationship).contains(where: {
          Self.replacingRelationships.contains($0.code)
        }),
        let claim = ro.optional("claim"),
        let identifier = try Self.object(claim).optional("identifier"),
        let value = try Self.object(identifier).optional("value")
      else { continue }
      let text = try Self.string(value)
      let id: UInt32
      do { id = try state.builder.claim(text) } catch {
        throw FHIRFailure(value, error.reason)
      }
      guard id != own else { throw FHIRFailure(value, .replacesItself) }
      return id
    }
    return 0
  }

  /// Where the claim id stands: the identifier's value, or the resource's id.
  private func claimID() throws(FHIRFailure) -> JSONCursor {
    var unique: JSONCursor?
    for identifier in try Self.items(eob, "identifier") {
      let io = try Self.object(identifier)
      guard let valueCursor = io.optional("value") else { continue }
      let value = valueCursor
      let system =
        try io.optional("system").map { (s) throws(FHIRFailure) in try Self.string(s) } ?? ""
      if FHIRSystems.claimIDSystems.contains(system) { return value }
      let types =
        try io.optional("type").map { (t) throws(FHIRFailure) in try Self.codings(t) } ?? []
      if unique == nil && types.contains(where: { $0.code == "uc" }) { unique = value }
    }
    if let unique { return unique }
    guard let id = eob.optional("id") else {
      throw FHIRFailure(root, .fhirNeeds("a claim identifier (of type 'uc') or an id"))
    }
    return id
  }

  private func member(_ state: inout FHIRReadState) throws(FHIRFailure) -> UInt32 {
    guard let patient = eob.optional("patient") else {
      throw FHIRFailure(root, .fhirNeeds("a patient"))
    }
    let po = try Self.object(patient)
    if let referenceCursor = po.optional("reference") {
      var reference = try Self.string(referenceCursor)
      if let slash = reference.lastIndex(of: "/") {
        reference = String(reference[reference.index(after: slash)...])
      }
      if reference.hasPrefix("urn:uuid:") {
        reference = String(reference.dropFirst("urn:uuid:".count))
      }
      guard !reference.isEmpty else {
        throw FHIRFailure(referenceCursor, .fhirEmptyPatientReference)
      }
      do { return try state.builder.member(reference) } catch {
        throw FHIRFailure(referenceCursor, error.reason)
      }
    }
    if let identifier = po.optional("identifier"),
      let value = try Self.object(identifier).optional("value")
    {
      let text = try Self.string(value)
      do { return try state.builder.member(text) } catch {
        throw FHIRFailure(value, error.reason)
      }
    }
    throw FHIRFailure(patient, .fhirPatientWithoutID)
  }

  private func claimType(_ c: inout Claim) throws(FHIRFailure) {
    guard let typeCursor = eob.optional("type") else {
      throw FHIRFailure(root, .fhirNeeds("a type"))
    }
    let codes = try Self.codings(typeCursor)
    if let bb = Self.coding(codes, in: [FHIRSystems.blueButtonEOBType]) {
      guard let t = FHIRSystems.blueButtonType(bb.code) else {
        throw FHIRFailure(bb.at, .fhirNotABlueButtonType)
      }
      c.type = t
      c.blueButton = true
    } else if let nch = Self.coding(codes, in: [FHIRSystems.blueButtonClaimTypeCode]) {
      guard let t = FHIRSystems.typeOfClaimTypeCode(nch.code) else {
        throw FHIRFailure(nch.at, .fhirNotAnNCHTypeCode)
      }
      c.type = t
      c.blueButton = true
    } else if let hl7 = Self.coding(codes, in: [FHIRSystems.claimType]) {
      switch hl7.code {
      case "professional": c.type = .professional
      case "pharmacy": c.type = .pharmacy
      case "institutional":
        let sub = try Self.codings(eob, "subType").map { $0.code.lowercased() }
        if sub.contains("inpatient") {
          c.type = .inpatient
        } else if sub.contains("outpatient") {
          c.type = .outpatient
        } else {
          throw FHIRFailure(hl7.at, .fhirInstitutionalWithoutSubType)
        }
      default:
        throw FHIRFailure(hl7.at, .fhirUnreadClaimType)
      }
    } else {
      throw FHIRFailure(typeCursor, .fhirNoKnownClaimType)
    }
    c.claimLevel = [.inpatient, .snf, .homeHealth, .hospice, .pharmacy].contains(c.type)
  }

  private func billingProvider(_ state: inout FHIRReadState) throws(FHIRFailure) -> UInt32 {
    guard let provider = eob.optional("provider") else { return 0 }
    let po = try Self.object(provider)
    if let identifier = po.optional("identifier"),
      let value = try Self.object(identifier).optional("value")
    {
      return try code((system: "", code: try Self.string(value), at: value), .provider, &state)
    }
    guard let referenceCursor = po.optional("reference") else { return 0 }
    let reference = try Self.string(referenceCursor)
    guard reference.hasPrefix("#") else { return 0 }
    for contained in try Self.items(eob, "contained") {
      let co = try Self.object(contained)
      guard let id = co.optional("id"), try Self.string(id) == String(reference.dropFirst()) else {
        continue
      }
      var npi: UInt32 = 0
      for identifier in try Self.items(co, "identifier") {
        let io = try Self.object(identifier)
        guard let value = io.optional("value") else { continue }
        let types =
          try io.optional("type").map { (t) throws(FHIRFailure) in try Self.codings(t) } ?? []
        let id = try code((system: "", code: try Self.string(value), at: value), .provider, &state)
        // The CMS Certification Number (PRN) identifies a facility as the RIF's PRVDR_NUM does.
        if types.contains(where: { $0.code == "PRN" }) { return id }
        if npi == 0 && types.contains(where: { $0.code.lowercased() == "npi" }) { npi = id }
      }
      return npi
    }
    throw FHIRFailure(referenceCursor, .fhirProviderNotContained)
  }

  // MARK: Amounts

  /// An adjudication: its category codes (HL7 and Blue Button variable names) and its amount.
  private struct Adjudication {
    var categories: Set<String>
    var amount: JSONCursor?
  }

  private static func adjudications(_ o: JSONObject, _ key: String) throws(FHIRFailure)
    -> [Adjudication]
  {
    var result: [Adjudication] = []
    for a in try items(o, key) {
      let ao = try object(a)
      var categories = Set<String>()
      for coding in try codings(ao, "category") {
        categories.insert(coding.code)
        if coding.code.hasPrefix(FHIRSystems.blueButtonVariables) {
          categories.insert("bb:" + coding.code.dropFirst(FHIRSystems.blueButtonVariables.count))
        }
      }
      result.append(Adjudication(categories: categories, amount: ao.optional("amount")))
    }
    return result
  }

  private static func sum(_ list: [Adjudication], _ category: String) throws(FHIRFailure) -> Cents?
  {
    var total: Cents?
    for a in list where a.categories.contains(category) {
      guard let amount = a.amount else { continue }
      total = (total ?? .zero) + (try money(amount))
    }
    return total
  }

  /// The allowed amount of one adjudication of category `eligible`, or nil when there is none;
  /// throws when several leave the allowed amount unclear.
  private static func eligible(_ list: [Adjudication], at cursor: JSONCursor) throws(FHIRFailure)
    -> Cents?
  {
    let eligible = list.filter { $0.categories.contains("eligible") && $0.amount != nil }
    guard eligible.count <= 1 else {
      throw FHIRFailure(cursor, .fhirSeveralEligible(eligible.count))
    }
    return try eligible.first.map { (a) throws(FHIRFailure) -> Cents in try money(a.amount!) }
  }

  /// An item's own allowed, paid and primary-payer amounts (outpatient, professional and DME).
  private func lineAmounts(_ item: JSONObject, _ cursor: JSONCursor, _ c: Claim) throws(FHIRFailure)
    -> (allowed: Cents, paid: Cents, primary: Cents)
  {
    let list = try Self.adjudications(item, "adjudication")
    var payment = try Self.sum(list, "bb:rev_cntr_prvdr_pmt_amt")
    if payment == nil { payment = try Self.sum(list, "bb:rev_cntr_pmt_amt_amt") }
    if c.type == .outpatient, let payment {
      // As the RIF outpatient rule: Medicare's payment to the provider and the beneficiary's
      // share; what primary payers paid is read apart.
      let allowed = payment + (try Self.sum(list, "bb:rev_cntr_ptnt_rspnsblty_pmt") ?? .zero)
      var primary = Cents.zero
      for part in ["bb:rev_cntr_1st_msp_pd_amt", "bb:rev_cntr_2nd_msp_pd_amt"] {
        primary += try Self.sum(list, part) ?? .zero
      }
      return (allowed, payment, primary)
    }
    if c.type != .outpatient, let allowed = try Self.sum(list, "bb:line_alowd_chrg_amt") {
      return (
        allowed, try Self.sum(list, "bb:line_nch_pmt_amt") ?? .zero,
        try Self.sum(list, "bb:line_bene_prmry_pyr_pd_amt") ?? .zero
      )
    }
    guard let allowed = try Self.eligible(list, at: cursor) else {
      throw FHIRFailure(cursor, .fhirItemWithoutAllowed)
    }
    return (allowed, try Self.sum(list, "benefit") ?? .zero, .zero)
  }

  /// The claim's allowed, paid and primary-payer amounts (inpatient, SNF, home health, hospice
  /// and pharmacy).
  private func claimAmounts(_ c: Claim) throws(FHIRFailure) -> (
    allowed: Cents, paid: Cents, primary: Cents
  ) {
    let totals = try Self.adjudications(eob, "total")
    var paid = Cents.zero
    if c.type == .pharmacy {
      for item in try Self.items(eob, "item") {
        let list = try Self.adjudications(try Self.object(item), "adjudication")
        paid += try Self.sum(list, "benefit") ?? .zero
        paid += try Self.sum(list, "bb:ncvrd_plan_pd_amt") ?? .zero
      }
    } else if let payment = eob.optional("payment"),
      let amount = try Self.object(payment).optional("amount")
    {
      paid = try Self.money(amount)
    }
    if let allowed = try Self.eligible(totals, at: root) { return (allowed, paid, .zero) }
    if c.type == .pharmacy {
      guard let cost = try Self.sum(totals, "drugcost") else {
        throw FHIRFailure(root, .fhirNoAllowedTotal("'eligible' or 'drugcost'"))
      }
      return (cost, paid, .zero)
    }
    guard c.blueButton, let payment = eob.optional("payment"),
      let amount = try Self.object(payment).optional("amount")
    else {
      throw FHIRFailure(root, .fhirNoAllowedTotal("'eligible'"))
    }
    // Blue Button: CLM_PMT_AMT plus what RIF's claim-level rule adds (see RIFAmountRule).
    var allowed = try Self.money(amount)
    var balances: [String: JSONCursor] = [:]
    for balance in try Self.items(eob, "benefitBalance") {
      for financial in try Self.items(try Self.object(balance), "financial") {
        let fo = try Self.object(financial)
        for coding in try Self.codings(fo, "type")
        where coding.code.hasPrefix(FHIRSystems.blueButtonVariables) {
          balances[String(coding.code.dropFirst(FHIRSystems.blueButtonVariables.count))] = financial
        }
      }
    }
    func used(_ name: String) throws(FHIRFailure) -> Cents {
      guard let f = balances[name], let money = try Self.object(f).optional("usedMoney") else {
        return .zero
      }
      return try Self.money(money)
    }
    // What a primary payer paid (prpayamt) is read apart, not added, as in RIF.
    var parts: [String] = []
    if c.type == .inpatient || c.type == .snf {
      parts += [
        "nch_bene_ip_ddctbl_amt", "nch_bene_pta_coinsrnc_lblty_amt",
        "nch_bene_blood_ddctbl_lblty_am",
      ]
    }
    for part in parts { allowed += try used(part) }
    if c.type == .inpatient, let days = balances["clm_utlztn_day_cnt"] {
      let count =
        try Self.object(days).optional("usedUnsignedInt").map { (n) throws(FHIRFailure) in
          try Self.wrap(n) { try n.int(atLeast: 0, "a day count") }
        } ?? 0
      let perDiem = Cents(try used("clm_pass_thru_per_diem_amt").value * Int64(count))
      allowed += perDiem
      paid += perDiem
    }
    return (allowed, paid, try used("prpayamt"))
  }

  // MARK: Lines

  private func line(
    _ item: JSONCursor?, number: UInt32, _ c: Claim, first: Bool, _ state: inout FHIRReadState
  ) throws(FHIRFailure) -> ClaimLine {
    var from = c.from
    var thru = c.thru
    var hcpcs: UInt32 = 0
    var revenue: UInt32 = 0
    var pos: UInt32 = 0
    var rendering = c.rendering
    var allowed = c.claimLevel && first ? c.allowed : .zero
    var paid = c.claimLevel && first ? c.paid : .zero
    // The claim's primary payer amount is on every line, as RIF's (a test of the claim).
    var primary = c.claimLevel ? c.primaryPayer : .zero
    var sourceLine = root.node.line
    state.builder.setCodes(c.dx, of: .dx)
    state.builder.setCodes(c.px, of: .px)
    if let item {
      sourceLine = item.node.line
      let io = try Self.object(item)
      if !c.claimLevel {
        (allowed, paid, primary) = try lineAmounts(io, item, c)
        if let date = io.optional("servicedDate") {
          from = try day(date)
          thru = from
        } else if let period = io.optional("servicedPeriod") {
          let po = try Self.object(period)
          if let start = po.optional("start") {
            from = try day(start)
            thru = try po.optional("end").map { (e) throws(FHIRFailure) in try day(e) } ?? from
            if thru < from {
              throw FHIRFailure(
                po.optional("end")!, .fhirPeriodReversed("servicedPeriod", start: from))
            }
          }
        }
      }
      if let product = Self.coding(
        try Self.codings(io, "productOrService"), in: FHIRSystems.hcpcsSystems)
      {
        hcpcs = try code(product, .hcpcs, &state)
      }
      if let rev = Self.coding(try Self.codings(io, "revenue"), in: FHIRSystems.revenueSystems) {
        revenue = try code(rev, .revenueCode, &state)
      }
      if let place = Self.coding(
        try Self.codings(io, "locationCodeableConcept"), in: FHIRSystems.placeOfServiceSystems)
      {
        pos = try code(place, .placeOfService, &state)
      }
      for modifier in try Self.items(io, "modifier") {
        if let m = Self.coding(try Self.codings(modifier), in: FHIRSystems.hcpcsSystems) {
          let id = try code(m, .modifier, &state)
          do { try state.builder.add(id, to: .modifiers) } catch {
            throw FHIRFailure(modifier, error.reason)
          }
        }
      }
      var sequences: [Int] = []
      for s in try Self.items(io, "careTeamSequence") {
        sequences.append(try Self.wrap(s) { try s.int() })
      }
      let own = Self.pick(sequences, c.careTeam, roles: ["performing", "rendering"])
      if own != 0 { rendering = own }
    }
    let admit = c.admit ?? from
    let discharge = c.discharge ?? thru
    if discharge < admit {
      throw FHIRFailure(item ?? root, .fhirLineBeforeAdmission(admit: admit, ends: discharge))
    }
    var line = ClaimLine(
      claim: c.claim, line: number, member: c.member, payer: state.builder.defaultPayer,
      type: c.type, from: from,
      thru: thru, admit: admit, discharge: discharge, billingProvider: c.billing,
      renderingProvider: rendering,
      drg: c.drg, principalDx: c.principal, hcpcs: hcpcs,
      revenueCode: revenue,
      placeOfService: pos, dischargeStatus: c.status, allowed: allowed, paid: paid,
      sourceLine: sourceLine)
    state.builder.setExtraAmounts(ExtraAmounts(standardized: nil, primaryPayerPaid: primary))
    line.setAside = c.setAside
    line.replaces = c.replaces
    line.version = c.replaces == 0 ? .original : .replacement
    return line
  }
}
