import GrouperCore
import GrouperSupport

/// The claim-level checks of claim versions (see ``ClaimVersions``), after the others: lines of a
/// claim that disagree on `adjustment_type` or `replaces_claim_id`, two replacements (or two
/// reversals) of one claim, and claims that replace one another in a cycle. Every line of every
/// claim involved is rejected, so the outcome does not depend on row order.
extension ClaimConsistency {
  /// Removes the lines of unresolvable versions from `store` and appends a rejection for each.
  static func checkVersions(
    _ store: inout ClaimStore, rejections: inout [Rejection], locator: Locator
  ) {
    let lines = store.lines
    guard lines.contains(where: { $0.replaces != 0 || $0.version != .original }) else { return }
    // Each claim's version and target, from its first line; a claim whose lines disagree is bad.
    var first: [UInt32: Int] = [:]
    var bad: [UInt32: (column: ClaimField, reason: Diagnostic.Message)] = [:]
    for (index, line) in lines.enumerated() {
      guard let f = first[line.claim] else {
        first[line.claim] = index
        continue
      }
      let other = lines[f]
      if bad[line.claim] == nil
        && (other.version != line.version || other.replaces != line.replaces)
      {
        let column: ClaimField = other.version != line.version ? .adjustmentType : .replacesClaimID
        bad[line.claim] = (
          column,
          .claimLinesDisagree(
            store.claims.string(line.claim), on: column,
            [f, index].map { "'\(value(of: lines[$0], column, store))' on \(locator.name($0))" })
        )
      }
    }
    // Two claims of one kind naming the same claim: neither can be chosen.
    var namers: [UInt64: [UInt32]] = [:]
    for (claim, index) in first where lines[index].replaces != 0 {
      let key = UInt64(lines[index].replaces) << 8 | UInt64(lines[index].version.rawValue)
      namers[key, default: []].append(claim)
    }
    for (key, claims) in namers where claims.count > 1 {
      let target = store.claims.string(UInt32(key >> 8))
      let kind = lines[first[claims[0]]!].version
      let names = claims.map { store.claims.string($0) }.sorted()
      for claim in claims where bad[claim] == nil {
        bad[claim] = (.replacesClaimID, .versionNamedTwice(target, kind: kind, by: names))
      }
    }
    // Cycles: follow each claim's target among the claims present, claims in id order, and name
    // a cycle from its smallest id, so the message does not depend on row order.
    let ordered = first.keys.sorted { store.claims.string($0) < store.claims.string($1) }
    for start in ordered where lines[first[start]!].replaces != 0 && bad[start] == nil {
      var path: [UInt32] = [start]
      var next = lines[first[start]!].replaces
      while let i = first[next], lines[i].replaces != 0, !path.contains(next) {
        path.append(next)
        next = lines[i].replaces
      }
      guard next == start else { continue }
      let names = path.map { store.claims.string($0) }
      let smallest = names.indices.min { names[$0] < names[$1] }!
      let named = Array(names[smallest...] + names[..<smallest])
      for claim in path where bad[claim] == nil {
        bad[claim] = (.replacesClaimID, .versionCycle(named))
      }
    }
    guard !bad.isEmpty else { return }
    for (index, line) in lines.enumerated() {
      guard let (column, reason) = bad[line.claim] else { continue }
      let (file, col, field) = locator.locate(index, column)
      rejections.append(
        Rejection(
          file: file, line: Int(line.sourceLine), column: col, field: field,
          value: value(of: line, column, store), reason: reason.text, allowed: line.allowed))
    }
    store.lines = lines.filter { bad[$0.claim] == nil }
  }
}

/// The messages of the version checks.
extension Diagnostic.Message {
  /// Several claims replace (or reverse) the same claim; `claims` names them.
  static func versionNamedTwice(_ target: String, kind: ClaimVersion, by claims: [String]) -> Self {
    Self(
      "claim '\(target)' has more than one \(kind.name) (\(claims.map { "'\($0)'" }.joined(separator: ", "))): which stands is ambiguous"
    )
  }
  /// Claims that replace one another in a cycle, in the order followed.
  static func versionCycle(_ claims: [String]) -> Self {
    Self(
      "claims replace one another in a cycle (\((claims + [claims[0]]).map { "'\($0)'" }.joined(separator: " → ")))"
    )
  }
  /// A `replaces_claim_id` naming the row's own claim.
  static let replacesItself = Self("a claim cannot replace or reverse itself")
  /// An `adjustment_type` that is not one of the version names.
  static let unknownAdjustmentType = Self(
    "unknown adjustment type (expected one of \(ClaimVersion.nameList))")
  /// A replacement or reversal without the claim it replaces.
  static func versionWithoutTarget(_ kind: ClaimVersion) -> Self {
    Self("a \(kind.name) must name the claim it replaces in replaces_claim_id")
  }
  /// An original that names a claim it replaces.
  static let originalReplaces = Self(
    "an original claim replaces nothing (give adjustment_type replacement or reversal)")
}
