import GrouperSupport

extension GroupingContext {
  /// Keeps one episode per trigger claim and definition id when the id has several versions.
  ///
  /// Each version tests its own triggers, and a version keeps only the triggers whose anchor
  /// starts in its effective dates, which do not overlap; but two versions whose anchor or
  /// transfer rules differ may each anchor one claim inside their own dates. The earlier version
  /// keeps such a claim, so episode ids (`<id>-<trigger claim>`) stay unique.
  func keepOneVersionPerTrigger(_ episodes: inout [Episode], trace: GroupingTrace?) {
    var kept: [EpisodeKey: Int] = [:]  // (first version, trigger claim) → definition keeping it
    episodes.removeAll { e in
      let key = EpisodeKey(definition: firstVersion[e.definition], triggerClaim: e.triggerClaim)
      if let holder = kept[key] {
        trace?.record(
          .earlierVersion(definition: e.definition, claim: e.triggerClaim, kept: holder))
        return true
      }
      kept[key] = e.definition
      return false
    }
  }
}
