import GrouperCore
import GrouperSupport

/// The episodes of one grouping with the ids of its definitions: what compare, sweep, stats and
/// the report read, built from a grouping in memory or read back from a run folder.
package struct RunEpisodes: Sendable {
  /// The definition ids, in id order (a definition with no episodes is listed too).
  package var definitions: [String]
  /// The episodes, in the order `episodes.csv` lists them.
  package var episodes: [AnalysisEpisode]

  /// Episodes with their definition ids.
  package init(definitions: [String], episodes: [AnalysisEpisode]) {
    self.definitions = definitions
    self.episodes = episodes
  }

  /// The episodes of a grouping result, with their category dollars and flags.
  package init(_ result: GroupingResult) {
    let store = result.store
    let providers = store.codes(.provider)
    definitions = result.definitions.map(\.id)
    var built: [AnalysisEpisode] = result.episodes.map { e in
      let d = result.definitions[e.definition]
      return AnalysisEpisode(
        id: result.episodeID(e), definition: d.id, member: store.members.string(e.member),
        payer: store.payers.string(e.payer),
        provider: providers.string(e.accountableProvider),
        triggerClaim: store.claims.string(e.triggerClaim), triggerCode: result.triggerCode(e),
        window: e.window, status: e.status, reason: e.reason, lines: e.lineCount,
        allowed: e.allowedTotal, categories: [:], hasReadmission: false, hasPostAcute: false)
    }
    for a in result.assignments {
      let e = result.episodes[a.episode]
      let line = store.lines[a.line]
      let category = result.definitions[e.definition].include[a.rule].category
      let period = LineContext(line, in: e).period?.rawValue ?? ""
      built[a.episode].categories[category, default: .zero] += a.allocated
      if EpisodeFlags.isReadmission(
        category: category, claimType: line.type.name, period: period,
        onTriggerClaim: line.claim == e.triggerClaim)
      {
        built[a.episode].hasReadmission = true
      }
      if EpisodeFlags.isPostAcute(category: category, claimType: line.type.name, period: period) {
        built[a.episode].hasPostAcute = true
      }
    }
    episodes = built
  }

  /// The episodes of one definition.
  package func episodes(of definition: String) -> [AnalysisEpisode] {
    episodes.filter { $0.definition == definition }
  }
}
