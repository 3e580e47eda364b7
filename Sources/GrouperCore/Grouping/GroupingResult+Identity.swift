extension GroupingResult {
  /// An episode's id: the definition id and the trigger claim id (`LEJR-C1001`). A claim triggers
  /// at most one episode of a definition, and definition ids hold no `-`, so ids are unique, and
  /// the same claims always give the same ids.
  package func episodeID(_ e: Episode) -> String {
    definitions[e.definition].id + "-" + store.claims.string(e.triggerClaim)
  }

  /// The code that identifies the trigger for pricing: the trigger line's MS-DRG, else its
  /// HCPCS code, else its principal diagnosis.
  package func triggerCode(_ e: Episode) -> String {
    let line = store.lines[e.triggerLine]
    if line.drg != 0 { return store.code(line.drg, .msDRG) }
    if line.hcpcs != 0 { return store.code(line.hcpcs, .hcpcs) }
    return store.code(line.principalDx, .icd10CM)
  }
}
