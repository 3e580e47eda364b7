import GrouperSupport

extension GroupingContext {
  /// Cancels the episodes that lose under chronological overlap resolution (see
  /// ``OverlapResolution/chronological(laterWins:)``; BPCI Advanced `e1_resolve_bpcia_overlap`).
  ///
  /// Per payer and program, the episodes of chronologically resolving definitions are taken in order of anchor
  /// start, stay anchors before service anchors on the same day, then anchor end. Each is compared
  /// with the episode standing before it (the comparator): when its anchor starts inside the
  /// comparator's window, one of the two is cancelled; otherwise it becomes the comparator. Each
  /// cancellation is recorded in `trace` when one is given.
  func resolveChronologically(_ episodes: inout [Episode], trace: GroupingTrace? = nil) {
    let candidates = episodes.indices.filter { e in
      guard episodes[e].status != .cancelled,
        case .chronological = definitions[episodes[e].definition].definition.resolution
      else { return false }
      return true
    }
    guard candidates.count > 1 else { return }
    func isStay(_ e: Episode) -> Bool {
      definitions[e.definition].definition.anchor.kind(for: store.lines[e.triggerLine].type)
        == .stay
    }
    let order = candidates.sorted { i, j in
      let a = episodes[i]
      let b = episodes[j]
      if a.payer != b.payer { return a.payer < b.payer }
      let (pa, pb) = (definitions[a.definition].program, definitions[b.definition].program)
      if pa != pb { return pa < pb }
      if a.anchor.first != b.anchor.first { return a.anchor.first < b.anchor.first }
      let (sa, sb) = (isStay(a), isStay(b))
      if sa != sb { return sa }
      if a.anchor.last != b.anchor.last { return a.anchor.last < b.anchor.last }
      let (da, db) = (
        definitions[a.definition].definition.id, definitions[b.definition].definition.id
      )
      if da != db { return da < db }
      return store.claims.precedes(a.triggerClaim, b.triggerClaim)
    }
    func id(_ e: Episode) -> String {
      definitions[e.definition].definition.id + "-" + store.claims.string(e.triggerClaim)
    }
    var comparator: Int?
    for c in order {
      guard let p = comparator, episodes[p].payer == episodes[c].payer,
        definitions[episodes[p].definition].program == definitions[episodes[c].definition].program
      else {
        comparator = c
        continue
      }
      let earlier = episodes[p]
      let later = episodes[c]
      guard earlier.anchor.first <= later.anchor.first, later.anchor.first <= earlier.window.last
      else {
        comparator = c
        continue
      }
      var laterWins = false
      if case .chronological(let wins) = definitions[earlier.definition].definition.resolution {
        let sameDayOtherSetting =
          earlier.anchor.first == later.anchor.first && isStay(earlier) != isStay(later)
        laterWins =
          wins.contains(definitions[later.definition].definition.id) && !sameDayOtherSetting
      }
      if laterWins {
        episodes[p].status = .cancelled
        trace?.record(.cancelled(EpisodeKey(earlier), by: .chronological(EpisodeKey(later))))
        episodes[p].reason =
          "superseded by episode \(id(later)), whose anchor starts \(later.anchor.first) in this window (overlap resolved chronologically; the later episode wins)"
        comparator = c
      } else {
        episodes[c].status = .cancelled
        trace?.record(.cancelled(EpisodeKey(later), by: .chronological(EpisodeKey(earlier))))
        episodes[c].reason =
          "anchor starts \(later.anchor.first) in the window of episode \(id(earlier)) (overlap resolved chronologically)"
      }
    }
  }

  /// For each episode with exclusion rules that reach further (`extends_to`), the stays those
  /// rules exclude: the rule, the claim and its days from admission to discharge.
  func staysLeavingWithExclusions(_ lines: [Int], episodes: [Episode], order: [Int])
    -> [Int: [(rule: Int, claim: UInt32, days: DayRange)]]
  {
    var result: [Int: [(rule: Int, claim: UInt32, days: DayRange)]] = [:]
    let reaching = order.filter { e in
      definitions[episodes[e].definition].extendsTo.contains { $0 != nil }
    }
    guard !reaching.isEmpty else { return result }
    for index in lines {
      let line = store.lines[index]
      for e in reaching {
        let episode = episodes[e]
        guard episode.payer == line.payer, episode.window.contains(line.from) else { continue }
        let compiled = definitions[episode.definition]
        let context = LineContext(line, in: episode)
        guard
          let x = compiled.exclude.indices.first(where: {
            compiled.extendsTo[$0] != nil && compiled.exclude[$0].test(line, context, store)
          })
        else { continue }
        let days = DayRange(min(line.admit, line.from), max(line.discharge, line.thru))
        result[e, default: []].append((x, line.claim, days))
      }
    }
    return result
  }
}
