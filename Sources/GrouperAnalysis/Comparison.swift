import GrouperCore
import GrouperSupport

/// The episodes of two groupings of the same claims set side by side: each episode only in the
/// baseline (removed), only in the candidate (added), or in both with a different status,
/// window, line count or dollars (changed). Episodes match by member, definition id and trigger
/// claim.
///
/// Dollars moved are the candidate's allowed total less the baseline's, so over all episodes
/// they sum to the candidate's total less the baseline's: the comparison balances.
package struct Comparison: Sendable {
  /// How an episode differs.
  package enum Change: String, Sendable {
    /// Only in the candidate.
    case added
    /// Only in the baseline.
    case removed
    /// In both, with a different status, window, line count or dollars.
    case changed
  }

  /// One episode that differs.
  package struct Row: Sendable {
    /// Member, definition and trigger claim.
    package var key: EpisodeKey
    /// How it differs.
    package var change: Change
    /// The baseline's episode, when it has one.
    package var baseline: AnalysisEpisode?
    /// The candidate's episode, when it has one.
    package var candidate: AnalysisEpisode?
    /// What differs for a changed episode: `status`, `window`, `lines`, `dollars`.
    package var what: [String]
    /// The candidate's dollars less the baseline's.
    package var moved: Cents
  }

  /// The baseline grouping.
  package var baseline: RunEpisodes
  /// The candidate grouping.
  package var candidate: RunEpisodes
  /// The episodes that differ, by member, definition, trigger claim.
  package var rows: [Row]

  /// Compares two groupings.
  package init(baseline: RunEpisodes, candidate: RunEpisodes) {
    self.baseline = baseline
    self.candidate = candidate
    var a: [EpisodeKey: AnalysisEpisode] = [:]
    for e in baseline.episodes { a[e.key] = e }
    var b: [EpisodeKey: AnalysisEpisode] = [:]
    for e in candidate.episodes { b[e.key] = e }
    var rows: [Row] = []
    for key in Set(a.keys).union(b.keys).sorted() {
      switch (a[key], b[key]) {
      case (let x?, nil):
        rows.append(
          Row(
            key: key, change: .removed, baseline: x, candidate: nil, what: [],
            moved: .zero - x.allowed))
      case (nil, let y?):
        rows.append(
          Row(key: key, change: .added, baseline: nil, candidate: y, what: [], moved: y.allowed))
      case (let x?, let y?):
        var what: [String] = []
        if x.status != y.status { what.append("status") }
        if x.window != y.window { what.append("window") }
        if x.lines != y.lines { what.append("lines") }
        if x.allowed != y.allowed { what.append("dollars") }
        if !what.isEmpty {
          rows.append(
            Row(
              key: key, change: .changed, baseline: x, candidate: y, what: what,
              moved: y.allowed - x.allowed))
        }
      case (nil, nil):
        break
      }
    }
    self.rows = rows
  }

  /// The baseline's total allowed dollars over all its episodes.
  package var baselineTotal: Cents { baseline.episodes.reduce(.zero) { $0 + $1.allowed } }
  /// The candidate's total allowed dollars over all its episodes.
  package var candidateTotal: Cents { candidate.episodes.reduce(.zero) { $0 + $1.allowed } }
  /// The dollars moved over every episode that differs.
  package var moved: Cents { rows.reduce(.zero) { $0 + $1.moved } }

  /// The changes of one definition.
  package struct DefinitionChange: Sendable, Equatable {
    /// The definition id.
    package var definition: String
    /// Episodes in the baseline and the candidate.
    package var episodesA = 0, episodesB = 0
    /// Episodes added, removed and changed.
    package var added = 0, removed = 0, changed = 0
    /// Dollars in the baseline and the candidate.
    package var dollarsA = Cents.zero, dollarsB = Cents.zero
    /// Dollars moved: candidate less baseline.
    package var moved = Cents.zero
  }

  /// The changes by definition, in id order.
  package var byDefinition: [DefinitionChange] {
    var table: [String: DefinitionChange] = [:]
    for d in Set(baseline.definitions + candidate.definitions) {
      table[d] = DefinitionChange(definition: d)
    }
    for e in baseline.episodes {
      table[e.definition, default: DefinitionChange(definition: e.definition)].episodesA += 1
      table[e.definition]!.dollarsA += e.allowed
    }
    for e in candidate.episodes {
      table[e.definition, default: DefinitionChange(definition: e.definition)].episodesB += 1
      table[e.definition]!.dollarsB += e.allowed
    }
    for r in rows {
      switch r.change {
      case .added: table[r.key.definition]!.added += 1
      case .removed: table[r.key.definition]!.removed += 1
      case .changed: table[r.key.definition]!.changed += 1
      }
      table[r.key.definition]!.moved += r.moved
    }
    return table.values.sorted { $0.definition < $1.definition }
  }

  /// The dollars that moved in and out of one service category.
  package struct CategoryChange: Sendable, Equatable {
    /// The category.
    package var category: String
    /// Dollars in the baseline and the candidate.
    package var dollarsA = Cents.zero, dollarsB = Cents.zero
    /// Dollars that came into the category (episodes whose category dollars rose).
    package var movedIn = Cents.zero
    /// Dollars that went out of it (episodes whose category dollars fell), as a positive amount.
    package var movedOut = Cents.zero
    /// In less out: the candidate's dollars less the baseline's.
    package var net: Cents { movedIn - movedOut }
  }

  /// The changes by service category, in name order.
  package var byCategory: [CategoryChange] {
    var table: [String: CategoryChange] = [:]
    for e in baseline.episodes {
      for (c, amount) in e.categories {
        table[c, default: CategoryChange(category: c)].dollarsA += amount
      }
    }
    for e in candidate.episodes {
      for (c, amount) in e.categories {
        table[c, default: CategoryChange(category: c)].dollarsB += amount
      }
    }
    for r in rows {
      let before = r.baseline?.categories ?? [:]
      let after = r.candidate?.categories ?? [:]
      for c in Set(before.keys).union(after.keys) {
        let delta = (after[c] ?? .zero) - (before[c] ?? .zero)
        if delta > .zero { table[c]!.movedIn += delta } else { table[c]!.movedOut -= delta }
      }
    }
    return table.values.sorted { $0.category < $1.category }
  }

  /// The changes of one accountable provider under one definition.
  package struct ProviderChange: Sendable, Equatable {
    /// The definition id.
    package var definition: String
    /// The accountable provider.
    package var provider: String
    /// Episodes in the baseline and the candidate.
    package var episodesA = 0, episodesB = 0
    /// Dollars in the baseline and the candidate.
    package var dollarsA = Cents.zero, dollarsB = Cents.zero
    /// Dollars moved: candidate less baseline.
    package var moved: Cents { dollarsB - dollarsA }
  }

  /// The changes by definition and accountable provider, in that order.
  package var byProvider: [ProviderChange] {
    struct Key: Hashable { var d: String, p: String }
    var table: [Key: ProviderChange] = [:]
    for e in baseline.episodes {
      let k = Key(d: e.definition, p: e.provider)
      table[k, default: ProviderChange(definition: k.d, provider: k.p)].episodesA += 1
      table[k]!.dollarsA += e.allowed
    }
    for e in candidate.episodes {
      let k = Key(d: e.definition, p: e.provider)
      table[k, default: ProviderChange(definition: k.d, provider: k.p)].episodesB += 1
      table[k]!.dollarsB += e.allowed
    }
    return table.values.sorted { ($0.definition, $0.provider) < ($1.definition, $1.provider) }
  }
}
