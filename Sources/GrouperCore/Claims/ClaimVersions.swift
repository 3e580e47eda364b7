import GrouperSupport

/// Resolves chains of claim versions before grouping: a replacement supersedes the claim it
/// names, a reversal cancels it (and is never grouped itself), and the last version standing is
/// the claim grouped; a chain that ends in a reversal leaves nothing.
///
/// The outcome of a claim depends only on which claims name it, never on row order: a claim that
/// a reversal names is reversed, else one that a replacement names is superseded, else it stands.
/// A replacement naming a claim not in the input stands (the original may be in an earlier
/// extract). The readers reject what cannot be resolved (a claim naming itself, a cycle, two
/// replacements or reversals of one claim) before this runs.
package enum ClaimVersions {
  /// What resolution did: the lines set aside, and the replacements left standing.
  package struct Report: Sendable, Equatable {
    /// Lines superseded or reversed, with their dollars.
    package var setAside = SetAsideLines()
    /// Lines of replacement claims that stand and are grouped.
    package var standingReplacementLines = 0
    /// Their dollars.
    package var standingReplacementDollars = Cents.zero

    /// Nothing resolved.
    package init() {}
  }

  /// The store without superseded and reversed lines, nor those a reader marked to set aside
  /// (``ClaimLine/setAside``), and what was set aside. The lines kept are moved down in place,
  /// so a store the caller hands over (`consume`) is not copied.
  package static func resolve(_ store: consuming ClaimStore) -> (store: ClaimStore, report: Report)
  {
    var report = Report()
    // Claims named by a reversal, and by a replacement.
    var reversedClaims = Set<UInt32>()
    var replacedClaims = Set<UInt32>()
    for line in store.lines where line.replaces != 0 {
      switch line.version {
      case .reversal: reversedClaims.insert(line.replaces)
      case .replacement: replacedClaims.insert(line.replaces)
      case .original: break
      }
    }
    guard
      !reversedClaims.isEmpty || !replacedClaims.isEmpty
        || store.lines.contains(where: { $0.version == .reversal || $0.setAside != nil })
    else { return (store, report) }
    var kept = store
    var count = 0
    for index in kept.lines.indices {
      let line = kept.lines[index]
      if let reason = line.setAside {
        report.setAside.add(reason, amount: line.allowed)
      } else if line.version == .reversal || reversedClaims.contains(line.claim) {
        report.setAside.add(.reversed, amount: line.allowed)
      } else if replacedClaims.contains(line.claim) {
        report.setAside.add(.superseded, amount: line.allowed)
      } else {
        if line.version == .replacement {
          report.standingReplacementLines += 1
          report.standingReplacementDollars += line.allowed
        }
        kept.lines[count] = line
        count += 1
      }
    }
    kept.lines.removeLast(kept.lines.count - count)
    return (kept, report)
  }
}
