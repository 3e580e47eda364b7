import GrouperCore
import GrouperSupport

/// The diagnoses on each member's claims, by payer and service date, for the diagnosis flags of
/// risk models: a flag is raised when a line of the member and payer whose from date lies in the
/// lookback (the days before the anchor start) carries one of its codes as principal or other
/// diagnosis. A payer sees only its own claims, as episodes hold only their payer's lines.
package struct DiagnosisHistory: Sendable {
  private let store: ClaimStore
  /// Line indices by member and payer id (member in the high 32 bits), sorted by from date.
  private let linesByMemberPayer: [UInt64: [Int]]

  /// The history of the members and payers named in `wanted` (keys made by ``key(member:payer:)``),
  /// or of everyone when nil.
  package init(store: ClaimStore, wanted: Set<String>? = nil) {
    self.store = store
    var pairs: Set<UInt64>?
    if let wanted {
      var found = Set<UInt64>()
      for key in wanted {
        let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 2, let m = store.members.lookup(String(parts[0])),
          let p = store.payers.lookup(String(parts[1]))
        else { continue }
        found.insert(UInt64(m) << 32 | UInt64(p))
      }
      pairs = found
    }
    var byPair: [UInt64: [Int]] = [:]
    for (index, line) in store.lines.enumerated() {
      let pair = UInt64(line.member) << 32 | UInt64(line.payer)
      if let pairs, !pairs.contains(pair) { continue }
      byPair[pair, default: []].append(index)
    }
    for key in byPair.keys {
      byPair[key]!.sort { (store.lines[$0].from, $0) < (store.lines[$1].from, $1) }
    }
    linesByMemberPayer = byPair
  }

  /// No claims: no flag is ever raised.
  package static let empty = DiagnosisHistory(store: ClaimStore())

  /// The key of a member and payer.
  package static func key(member: String, payer: String) -> String { member + "\u{1F}" + payer }

  /// For each ICD-10-CM code id of the store, whether a flag's code set holds it.
  package func matcher(for flag: DiagnosisFlag) -> [Bool] {
    let codes = store.codes(.icd10CM)
    return (0..<codes.count).map { id in
      id != 0 && codes.withBytes(UInt32(id)) { flag.codes.contains($0) }
    }
  }

  /// For each matcher, whether a line of the member and payer dated (from date) in `range`
  /// carries a matching diagnosis.
  package func flagsRaised(matchers: [[Bool]], member: String, payer: String, in range: DayRange)
    -> [Bool]
  {
    var raised = [Bool](repeating: false, count: matchers.count)
    guard !matchers.isEmpty, let m = store.members.lookup(member),
      let p = store.payers.lookup(payer),
      let lines = linesByMemberPayer[UInt64(m) << 32 | UInt64(p)]
    else { return raised }
    for index in lines {
      let line = store.lines[index]
      if line.from < range.first { continue }
      if line.from > range.last { break }
      for (k, matcher) in matchers.enumerated() where !raised[k] {
        if matcher[Int(line.principalDx)]
          || store.codes(line.dx).contains(where: { matcher[Int($0)] })
        {
          raised[k] = true
        }
      }
    }
    return raised
  }
}
