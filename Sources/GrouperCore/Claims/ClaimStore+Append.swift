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
    func code(_ id: UInt32, _ system: CodeSystem) -> UInt32 { codeIDs[system.index][Int(id)] }
    let extraBase = UInt32(extraAmounts.count)
    extraAmounts += other.extraAmounts
    lines.reserveCapacity(lines.count + other.lines.count)
    codePool.reserveCapacity(codePool.count + other.codePool.count)
    for var line in other.lines {
      line.claim = claimIDs[Int(line.claim)]
      line.member = memberIDs[Int(line.member)]
      line.payer = payerIDs[Int(line.payer)]
      line.replaces = claimIDs[Int(line.replaces)]
      if line.extraAmounts != 0 { line.extraAmounts += extraBase }
      line.billingProvider = code(line.billingProvider, .provider)
      line.renderingProvider = code(line.renderingProvider, .provider)
      line.drg = code(line.drg, .msDRG)
      line.principalDx = code(line.principalDx, .icd10CM)
      line.hcpcs = code(line.hcpcs, .hcpcs)
      line.revenueCode = code(line.revenueCode, .revenueCode)
      line.placeOfService = code(line.placeOfService, .placeOfService)
      line.dischargeStatus = code(line.dischargeStatus, .dischargeStatus)
      line.dx = appendList(other, line.dx, codeIDs[CodeSystem.icd10CM.index])
      line.px = appendList(other, line.px, codeIDs[CodeSystem.icd10PCS.index])
      line.modifiers = appendList(other, line.modifiers, codeIDs[CodeSystem.modifier.index])
      lines.append(line)
    }
  }

  /// Copies a code list of `other` to the end of this store's pool through `ids`.
  private mutating func appendList(_ other: ClaimStore, _ list: CodeList, _ ids: [UInt32])
    -> CodeList
  {
    // An empty list keeps its kind: none (start 0) or an empty field at the pool's end.
    guard list.count > 0 else {
      return list.start == 0 ? .empty : CodeList(start: UInt32(codePool.count), count: 0)
    }
    let start = UInt32(codePool.count)
    for id in other.codes(list) { codePool.append(ids[Int(id)]) }
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
