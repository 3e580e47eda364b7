import Testing

@testable import GrouperImport

@Suite("Tests on a claim line")
struct PredicateTests {
  /// One professional line with a value in every code field.
  let line = Row(
    claim: "C1", type: "outpatient", from: "2024-03-01", billing: "H1", rendering: "N1", drg: "470",
    principal: "M17.11",
    dx: "I10|E11.9", px: "0SRC0J9", hcpcs: "27447", modifiers: "RT|59", revenue: "0360", pos: "22",
    status: "01")

  /// Whether a definition whose trigger is `test` starts an episode on the line.
  func triggers(_ test: String) throws -> Bool {
    try !group([line], [try simpleDefinition(["trigger": test])]).episodes.isEmpty
  }

  @Test(
    "each field against its code system",
    arguments: [
      (#"{"field": "drg", "in": ["469-470"]}"#, true), (#"{"field": "drg", "in": ["469"]}"#, false),
      (#"{"field": "principal_dx", "in": ["M17*"]}"#, true),
      (#"{"field": "principal_dx", "in": ["E11*"]}"#, false),
      (#"{"field": "any_dx", "in": ["E11*"]}"#, true),
      (#"{"field": "any_dx", "in": ["M17.11"]}"#, true),
      (#"{"field": "any_dx", "in": ["E10*"]}"#, false),
      (#"{"field": "px", "in": ["0SR*"]}"#, true), (#"{"field": "px", "in": ["0SRB0J9"]}"#, false),
      (#"{"field": "hcpcs", "in": ["27440-27450"]}"#, true),
      (#"{"field": "hcpcs", "in": ["27130"]}"#, false),
      (#"{"field": "modifier", "in": ["59"]}"#, true),
      (#"{"field": "modifier", "in": ["LT"]}"#, false),
      (#"{"field": "revenue_code", "in": ["0360-0369"]}"#, true),
      (#"{"field": "revenue_code", "in": ["0450"]}"#, false),
      (#"{"field": "place_of_service", "in": ["22"]}"#, true),
      (#"{"field": "place_of_service", "in": ["21"]}"#, false),
      (#"{"field": "discharge_status", "in": ["01"]}"#, true),
      (#"{"field": "discharge_status", "in": ["20"]}"#, false),
      (#"{"field": "billing_provider", "in": ["H1"]}"#, true),
      (#"{"field": "billing_provider", "in": ["N1"]}"#, false),
      (#"{"field": "rendering_provider", "in": ["N1"]}"#, true),
      (#"{"claim_type": ["inpatient", "outpatient"]}"#, true),
      (#"{"claim_type": "professional"}"#, false),
      (#"{"not": {"claim_type": "professional"}}"#, true),
      (#"{"all": [{"claim_type": "outpatient"}, {"field": "hcpcs", "in": ["27447"]}]}"#, true),
      (#"{"all": [{"claim_type": "outpatient"}, {"field": "hcpcs", "in": ["27130"]}]}"#, false),
      (#"{"any": [{"claim_type": "snf"}, {"field": "hcpcs", "in": ["27447"]}]}"#, true),
      (#"{"any": [{"claim_type": "snf"}, {"field": "hcpcs", "in": ["27130"]}]}"#, false),
      (#"{"always": true}"#, true),
    ])
  func fields(_ test: String, _ expected: Bool) throws {
    #expect(try triggers(test) == expected)
  }

  @Test("a line with no value in a field never matches a set on it")
  func emptyFields() throws {
    let bare = Row(claim: "C1", type: "outpatient", from: "2024-03-01")
    let d = try simpleDefinition(["trigger": #"{"not": {"field": "hcpcs", "in": ["27447"]}}"#])
    #expect(try group([bare], [d]).episodes.count == 1)
    let any = try simpleDefinition(["trigger": #"{"field": "any_dx", "in": ["A*", "Z*"]}"#])
    #expect(try group([bare], [any]).episodes.isEmpty)
  }
}
