import GrouperCore
import GrouperSupport

/// Writes members in the native members CSV that ``MembersReader`` reads: one row per coverage
/// span (one row with empty coverage for a member without any), members in id order. The
/// `payer_id` column is written only when some member has spans that name a payer.
package enum NativeMembersWriter {
  /// The header row.
  package static let header = [
    "member_id", "birth_date", "sex", "death_date", "coverage_start", "coverage_end",
  ]

  /// The file's bytes.
  package static func csv(_ members: [String: Member]) -> [UInt8] {
    let payers = members.values.contains { !$0.coverageByPayer.isEmpty }
    var w = CSVWriter(header: header + (payers ? ["payer_id"] : []))
    for id in members.keys.sorted() {
      let member = members[id]!
      func row(_ span: DayRange?, payer: String = "") {
        w.field(id)
        w.field(member.birth?.description ?? "")
        w.field(member.sex ?? "")
        w.field(member.death?.description ?? "")
        w.field(span?.first.description ?? "")
        w.field(span.map { $0.last == .distantFuture ? "" : $0.last.description } ?? "")
        if payers { w.field(payer) }
        w.endRow()
      }
      if member.coverage.isEmpty && member.coverageByPayer.isEmpty { row(nil) }
      for span in member.coverage { row(span) }
      for payer in member.coverageByPayer.keys.sorted() {
        for span in member.coverageByPayer[payer]! { row(span, payer: payer) }
      }
    }
    return w.bytes
  }
}
