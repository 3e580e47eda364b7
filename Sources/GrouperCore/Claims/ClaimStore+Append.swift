import GrouperSupport

extension ClaimStore {
  /// Appends the lines of a store read from a later part of the same input, re-interning its ids.
  ///
  /// Strings are interned in the order `other` first saw them, after every string of this store,
  /// so the result is the store a single reader of both parts in order would have built, id for
  /// id: reading a file in parallel parts and appending them in order changes nothing downstream.
  /// Every id field of ``ClaimLine`` is mapped here; a field added to the line must be added too.
  /// The source line numbers of `other`'s lines are moved on by `lineOffset` (the lines of the
  /// input before its part).
  public mutating func append(_ other: ClaimStore, sourceLinesAfter lineOffset: Int = 0) {
    let claimIDs = Self.remap(other.claims, into: &claims)
    let memberIDs = Self.remap(other.members, into: &members)
    let payerIDs = Self.remap(other.payers, into: &payers)
    var codeIDs: [[UInt32]] = []
    for system in CodeSystem.allCases {
      codeIDs.append(Self.remap(other.codeTables[system.index], into: &codeTables[system.index]))
    }
    // Each table read through a local, so the loop below retains nothing per line.
    let providers = codeIDs[CodeSystem.provider.index]
    let drgs = codeIDs[CodeSystem.msDRG.index]
    let diagnoses = codeIDs[CodeSystem.icd10CM.index]
    let procedures = codeIDs[CodeSystem.icd10PCS.index]
    let hcpcsCodes = codeIDs[CodeSystem.hcpcs.index]
    let modifierCodes = codeIDs[CodeSystem.modifier.index]
    let revenueCodes = codeIDs[CodeSystem.revenueCode.index]
    let places = codeIDs[CodeSystem.placeOfService.index]
    let statuses = codeIDs[CodeSystem.dischargeStatus.index]
    let extraBase = UInt32(extraAmounts.count)
    extraAmounts += other.extraAmounts
    lines.reserveGrowing(to: lines.count + other.lines.count)
    codePool.reserveGrowing(to: codePool.count + other.codePool.count)
    let pool = other.codePool
    for var line in other.lines {
      line.claim = claimIDs[Int(line.claim)]
      line.member = memberIDs[Int(line.member)]
      line.payer = payerIDs[Int(line.payer)]
      line.replaces = claimIDs[Int(line.replaces)]
      if line.extraAmounts != 0 { line.extraAmounts += extraBase }
      if lineOffset != 0 {
        line.sourceLine = UInt32(clamping: Int(line.sourceLine) + lineOffset)
      }
      line.billingProvider = providers[Int(line.billingProvider)]
      line.renderingProvider = providers[Int(line.renderingProvider)]
      line.drg = drgs[Int(line.drg)]
      line.principalDx = diagnoses[Int(line.principalDx)]
      line.hcpcs = hcpcsCodes[Int(line.hcpcs)]
      line.revenueCode = revenueCodes[Int(line.revenueCode)]
      line.placeOfService = places[Int(line.placeOfService)]
      line.dischargeStatus = statuses[Int(line.dischargeStatus)]
      // The line's one range of codes, copied to the pool's end list by list, each through its
      // system's ids. One pass puts each line's codes at the pool's end as it appends the line,
      // so the line's `codeStart` comes out as one pass sets it.
      let start = UInt32(codePool.count)
      appendCodes(pool, line.dx, diagnoses)
      appendCodes(pool, line.px, procedures)
      appendCodes(pool, line.modifiers, modifierCodes)
      let dx = CodeList(start: start, count: line.dx.count)
      let px = CodeList(start: dx.start + dx.count, count: line.px.count)
      let modifiers = CodeList(start: px.start + px.count, count: line.modifiers.count)
      line.setCodes(dx: dx, px: px, modifiers: modifiers)
      lines.append(line)
    }
  }

  /// Copies a code list of another store's `pool` to the end of this store's pool through `ids`.
  private mutating func appendCodes(_ pool: [UInt32], _ list: CodeList, _ ids: [UInt32]) {
    for k in Int(list.start)..<Int(list.start + list.count) { codePool.append(ids[Int(pool[k])]) }
  }

  /// For each id of `from`, its id in `into`, interning the strings `into` lacks in id order.
  private static func remap(_ from: Interner, into: inout Interner) -> [UInt32] {
    into.intern(allOf: from)
  }
}
