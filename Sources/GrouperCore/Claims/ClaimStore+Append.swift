import GrouperSupport

extension ClaimStore {
  /// Appends the lines of a store read from a later part of the same input, re-interning its ids.
  ///
  /// Strings are interned in the order `other` first saw them, after every string of this store,
  /// so the result is the store a single reader of both parts in order would have built, id for
  /// id: reading a file in parallel parts and appending them in order changes nothing downstream.
  /// Every id field of ``ClaimLine`` is mapped here; a field added to the line must be added too.
  public mutating func append(_ other: ClaimStore) {
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
    lines.reserveCapacity(lines.count + other.lines.count)
    codePool.reserveCapacity(codePool.count + other.codePool.count)
    let pool = other.codePool
    for var line in other.lines {
      line.claim = claimIDs[Int(line.claim)]
      line.member = memberIDs[Int(line.member)]
      line.payer = payerIDs[Int(line.payer)]
      line.replaces = claimIDs[Int(line.replaces)]
      if line.extraAmounts != 0 { line.extraAmounts += extraBase }
      line.billingProvider = providers[Int(line.billingProvider)]
      line.renderingProvider = providers[Int(line.renderingProvider)]
      line.drg = drgs[Int(line.drg)]
      line.principalDx = diagnoses[Int(line.principalDx)]
      line.hcpcs = hcpcsCodes[Int(line.hcpcs)]
      line.revenueCode = revenueCodes[Int(line.revenueCode)]
      line.placeOfService = places[Int(line.placeOfService)]
      line.dischargeStatus = statuses[Int(line.dischargeStatus)]
      line.dx = appendList(pool, line.dx, diagnoses)
      line.px = appendList(pool, line.px, procedures)
      line.modifiers = appendList(pool, line.modifiers, modifierCodes)
      lines.append(line)
    }
  }

  /// Copies a code list of another store's `pool` to the end of this store's pool through `ids`.
  private mutating func appendList(_ pool: [UInt32], _ list: CodeList, _ ids: [UInt32])
    -> CodeList
  {
    // An empty list keeps its kind: none (start 0) or an empty field at the pool's end.
    guard list.count > 0 else {
      return list.start == 0 ? .empty : CodeList(start: UInt32(codePool.count), count: 0)
    }
    let start = UInt32(codePool.count)
    for k in Int(list.start)..<Int(list.start + list.count) { codePool.append(ids[Int(pool[k])]) }
    return CodeList(start: start, count: list.count)
  }

  /// For each id of `from`, its id in `into`, interning the strings `into` lacks in id order.
  private static func remap(_ from: Interner, into: inout Interner) -> [UInt32] {
    var ids = [UInt32](repeating: 0, count: from.count)
    for id in 1..<UInt32(from.count) {
      ids[Int(id)] = from.withBytes(id) { into.intern($0) }
    }
    return ids
  }
}
