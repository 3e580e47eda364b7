import Testing

@testable import GrouperImport

@Suite("Included and excluded services")
struct InclusionTests {
  @Test("ordered rules: the first that matches gives the category; no match leaves the line out")
  func related() throws {
    let d = try simpleDefinition([
      "anchor": #""stay""#,
      "windows": #"{"pre_anchor_days": 30, "post_anchor": {"days": 30, "day_one": "anchor_end"}}"#,
      "include": """
      [{"id": "anchor", "category": "anchor", "when": {"trigger_claim": true}},
       {"id": "pre", "category": "workup", "when": {"all": [{"period": "pre"}, {"field": "any_dx", "in": ["I20-I25"]}]}},
       {"id": "rx", "category": "drugs", "when": {"claim_type": "pharmacy"}},
       {"id": "post", "category": "follow_up", "when": {"period": ["anchor", "post"]}}]
      """,
      "exclude": #"[{"id": "x", "reason": "no DME", "when": {"claim_type": "dme"}}]"#,
    ])
    let r = try group(
      [
        Row(claim: "C1", from: "2024-03-01", thru: "2024-03-03", drg: "470"),
        Row(claim: "C2", type: "professional", from: "2024-02-10", principal: "I25.10"),
        Row(claim: "C3", type: "professional", from: "2024-02-11", principal: "J069"),
        Row(claim: "C4", type: "pharmacy", from: "2024-02-12"),
        Row(claim: "C5", type: "professional", from: "2024-03-02", dx: "J069|I209"),
        Row(claim: "C6", type: "dme", from: "2024-03-10"),
        Row(claim: "C7", type: "professional", from: "2024-03-20"),
      ], [d])
    #expect(
      r.categories(of: "T-C1") == [
        "C1": "anchor", "C2": "workup", "C4": "drugs", "C5": "follow_up", "C7": "follow_up",
      ])
    #expect(r.exclusions.map { r.store.claims.string(r.store.lines[$0.line].claim) } == ["C6"])
    #expect(r.exclusions.map(\.cause) == [.rule(0)])
  }
}
