import GrouperCore
import GrouperSupport

/// Writes claim lines in the native claim-line CSV (the columns of ``ClaimField``, in
/// that order), so that what any reader read can be inspected, and read again with the native
/// reader to the same lines.
///
/// Multi-valued fields are written `|`-separated; admission and discharge dates are written even
/// where they only repeat the from and thru dates. Lines are written in the store's order.
package enum NativeClaimWriter {
  /// The header row.
  package static var header: [String] { ClaimField.allCases.map(\.name) }

  /// Writes every line of `store` to `file`, a chunk at a time.
  package static func write(_ store: ClaimStore, to file: StagedFile) throws {
    var w = CSVWriter(header: header)
    var pipe: [UInt8] = []
    for line in store.lines {
      w.field(line.claim, in: store.claims)
      w.field(Int(line.line))
      w.field(line.member, in: store.members)
      w.field(line.payer, in: store.payers)
      w.field(line.type.name)
      w.field(line.from)
      w.field(line.thru)
      w.field(line.admit)
      w.field(line.discharge)
      code(&w, line.billingProvider, .provider, store)
      code(&w, line.renderingProvider, .provider, store)
      code(&w, line.drg, .msDRG, store)
      code(&w, line.principalDx, .icd10CM, store)
      list(&w, line.dx, .icd10CM, store, &pipe)
      list(&w, line.px, .icd10PCS, store, &pipe)
      code(&w, line.hcpcs, .hcpcs, store)
      list(&w, line.modifiers, .modifier, store, &pipe)
      code(&w, line.revenueCode, .revenueCode, store)
      code(&w, line.placeOfService, .placeOfService, store)
      code(&w, line.dischargeStatus, .dischargeStatus, store)
      w.field(line.allowed)
      w.field(line.paid)
      let extras = store.extras(line)
      if let standardized = extras.standardized { w.field(standardized) } else { w.field("") }
      if extras.primaryPayerPaid != .zero { w.field(extras.primaryPayerPaid) } else { w.field("") }
      w.field(line.version == .original ? "" : line.version.name)
      if line.replaces != 0 { w.field(line.replaces, in: store.claims) } else { w.field("") }
      w.endRow()
      if w.bytes.count >= 1 << 20 {
        try file.write(w.bytes)
        w = CSVWriter()
      }
    }
    try file.write(w.bytes)
  }

  private static func code(
    _ w: inout CSVWriter, _ id: UInt32, _ system: CodeSystem, _ store: ClaimStore
  ) {
    w.field(id, in: store.codeTables[system.index])
  }

  private static func list(
    _ w: inout CSVWriter, _ list: CodeList, _ system: CodeSystem, _ store: ClaimStore,
    _ scratch: inout [UInt8]
  ) {
    scratch.removeAll(keepingCapacity: true)
    let table = store.codeTables[system.index]
    for (k, id) in store.codes(list).enumerated() {
      if k > 0 { scratch.append(UInt8(ascii: "|")) }
      table.withBytes(id) { scratch.append(contentsOf: $0) }
    }
    scratch.withUnsafeBufferPointer { w.field(bytes: $0) }
  }
}
