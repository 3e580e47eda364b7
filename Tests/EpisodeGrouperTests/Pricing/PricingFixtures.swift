import Foundation

@testable import GrouperCore
@testable import GrouperPricing
@testable import GrouperSupport

/// Builders shared by the pricing tests: schedules from JSON text, episodes from a few fields.
enum Fixture {
  /// A schedule parsed from JSON text, named `prices.json` in diagnostics.
  static func schedule(_ json: String) throws -> PriceSchedule {
    try PriceScheduleLoader.parse(Array(json.utf8), file: "prices.json")
  }

  /// The diagnostic a price file raises (nil when it loads).
  static func scheduleError(_ json: String) -> String? {
    do {
      _ = try schedule(json)
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// A complete episode.
  static func episode(
    _ id: String, definition: String = "LEJR", payer: String = "P", provider: String = "H1",
    member: String = "M1",
    anchor: String = "2023-06-01", actual: String, code: String = "470",
    status: EpisodeStatus = .complete
  ) -> PricingEpisode {
    let day = Day(iso: anchor)!
    return PricingEpisode(
      id: id, definition: definition, member: member, payer: payer, provider: provider,
      anchor: DayRange(day, day),
      status: status, reason: status == .complete ? "" : "the member died during the episode",
      allowedTotal: money(actual), triggerCode: code)
  }

  /// Dollars as cents.
  static func money(_ text: String) -> Cents {
    guard case .success(let c) = Cents.parse(text) else { fatalError("bad amount \(text)") }
    return c
  }

  /// An exact decimal.
  static func decimal(_ text: String) -> ExactDecimal {
    guard case .success(let d) = ExactDecimal.parse(text) else { fatalError("bad decimal \(text)") }
    return d
  }

  /// A one-program schedule: `design` and `terms` (JSON members, may be empty) and the
  /// definitions block (JSON object text).
  static func program(
    design: String, terms: String = "", quality: String = "", definitions: String,
    regions: String = "{}"
  ) -> String {
    var members = ["\"id\": \"prog\"", "\"payer\": \"P\"", "\"design\": \"\(design)\""]
    if !terms.isEmpty { members.append("\"terms\": \(terms)") }
    if !quality.isEmpty { members.append("\"quality\": \(quality)") }
    members.append("\"definitions\": \(definitions)")
    return """
      { "version": 1, "provider_regions": \(regions), "programs": [ { \(members.joined(separator: ", ")) } ] }
      """
  }
}
