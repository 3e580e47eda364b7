import Testing

@testable import GrouperCore
@testable import GrouperSupport

/// Transfers chain into one anchor (BPCI Advanced `c3_resolve_transfer_stays`).
@Suite("CMS method: transfers")
struct TransferTests {
  /// LEJR-like: inpatient MS-DRG 470 triggers; transfers merge when `merge` is true.
  func lejr(merge: Bool, legs: String? = nil) throws -> EpisodeDefinition {
    var transfers = #"{"merge": \#(merge)"#
    if let legs { transfers += #", "legs": \#(legs)"# }
    transfers += "}"
    return try simpleDefinition(id: "LEJR", ["transfers": transfers])
  }

  /// A hip-fracture stay at hospital 010001 (MS-DRG 481, 9,000.00, 2024-03-01..03-04), a
  /// professional claim during it, and a transfer the day of discharge to 010002 for a joint
  /// replacement (MS-DRG 470, 20,000.00, 2024-03-04..03-08).
  func rows(secondAdmission: String = "2024-03-04", secondProvider: String = "010002") -> [Row] {
    [
      Row(
        claim: "A", from: "2024-03-01", thru: "2024-03-04", billing: "010001", drg: "481",
        allowed: "9000.00"),
      Row(claim: "P", type: "professional", from: "2024-03-02", allowed: "500.00"),
      Row(
        claim: "B", from: secondAdmission, thru: "2024-03-08", billing: secondProvider, drg: "470",
        allowed: "20000.00"),
    ]
  }

  @Test("a transfer is one anchor: first admission to last discharge, first hospital, all legs")
  func merged() throws {
    let r = try group(rows(), [try lejr(merge: true)])
    #expect(r.episodeIDs == ["LEJR-B"])
    let e = try #require(r.episode("LEJR-B"))
    // The chain runs from A's admission (03-01) to B's discharge (03-08); the discharge day is
    // day 1 of 90, so the window ends 2024-03-08 + 89 = 2024-06-05.
    #expect(e.anchor == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-03-08")!))
    #expect(e.window.last == Day(iso: "2024-06-05")!)
    #expect(r.store.code(e.accountableProvider, .provider) == "010001")
    // Every leg belongs to the anchor: 9,000.00 + 500.00 + 20,000.00 = 29,500.00.
    #expect(e.allowedTotal == Cents(2_950_000))
    #expect(r.categories(of: "LEJR-B") == ["A": "anchor", "B": "anchor", "P": "other"])
  }

  @Test("without merging, the first leg and the professional claim fall outside the episode")
  func notMerged() throws {
    let r = try group(rows(), [try lejr(merge: false)])
    let e = try #require(r.episode("LEJR-B"))
    #expect(e.anchor.first == Day(iso: "2024-03-04")!)
    #expect(e.allowedTotal == Cents(2_000_000))
    #expect(r.accounting.dollarsUnassigned == Cents(950_000))
  }

  @Test("stays chain only on the same day, at another hospital")
  func chainRule() throws {
    // Admitted the day after the first discharge: two stays, the episode starts 03-05.
    let later = try group(rows(secondAdmission: "2024-03-05"), [try lejr(merge: true)])
    #expect(later.episode("LEJR-B")?.anchor.first == Day(iso: "2024-03-05")!)
    // The same hospital on the same day: not a transfer.
    let same = try group(rows(secondProvider: "010001"), [try lejr(merge: true)])
    #expect(same.episode("LEJR-B")?.anchor.first == Day(iso: "2024-03-04")!)
  }

  @Test("the last leg's MS-DRG decides: an earlier leg never triggers")
  func lastLegDecides() throws {
    // LEJR stay at 010001, then the same day to 010002 with MS-DRG 945 (rehabilitation): the chain
    // groups to 945, so no LEJR episode starts.
    let chained = [
      Row(
        claim: "A", from: "2024-03-01", thru: "2024-03-04", billing: "010001", drg: "470",
        allowed: "20000.00"),
      Row(
        claim: "R", from: "2024-03-04", thru: "2024-03-15", billing: "010002", drg: "945",
        allowed: "15000.00"),
    ]
    #expect(try group(chained, [try lejr(merge: true)]).episodes.isEmpty)
    // Legs limited to acute hospitals, as CMS chains only IPPS, CAH, emergency and VA stays: an
    // inpatient rehabilitation facility (CCN 013025) does not chain, so the LEJR stay stands.
    var irf = chained
    irf[1].billing = "013025"
    let legs =
      #"{"all": [{"claim_type": "inpatient"}, {"provider_type": ["short_term_acute", "critical_access", "emergency_or_veterans"]}]}"#
    let r = try group(irf, [try lejr(merge: true, legs: legs)])
    #expect(r.episodeIDs == ["LEJR-A"])
    // 20,000.00 + the rehabilitation stay, admitted inside the window: 35,000.00.
    #expect(r.episode("LEJR-A")?.allowedTotal == Cents(3_500_000))
  }

  @Test("a chain of three legs")
  func threeLegs() throws {
    let r = try group(
      [
        Row(
          claim: "A", from: "2024-03-01", thru: "2024-03-04", billing: "010001", drg: "481",
          allowed: "1000.00"),
        Row(
          claim: "B", from: "2024-03-04", thru: "2024-03-10", billing: "010002", drg: "481",
          allowed: "2000.00"),
        Row(
          claim: "C", from: "2024-03-10", thru: "2024-03-12", billing: "010001", drg: "470",
          allowed: "4000.00"),
      ], [try lejr(merge: true)])
    #expect(r.episodeIDs == ["LEJR-C"])
    let e = try #require(r.episode("LEJR-C"))
    #expect(e.anchor == DayRange(Day(iso: "2024-03-01")!, Day(iso: "2024-03-12")!))
    #expect(e.allowedTotal == Cents(700_000))
    #expect(r.store.code(e.accountableProvider, .provider) == "010001")
  }
}

@Suite("CMS method: provider types from the CCN")
struct ProviderTypeTests {
  @Test(
    "CCN ranges of the State Operations Manual",
    arguments: [
      ("010001", ProviderType.shortTermAcute), ("450879", .shortTermAcute),
      ("011300", .criticalAccess), ("012000", .longTermCare), ("013025", .rehabilitation),
      ("01T001", .rehabilitation), ("01S001", .psychiatric), ("014000", .psychiatric),
      ("013300", .childrens), ("01000E", .emergencyOrVeterans), ("0100V1", .emergencyOrVeterans),
      ("015000", .other), ("1234567893", .unknown), ("ABC", .unknown),
    ])
  func ranges(ccn: String, type: ProviderType) {
    #expect(ProviderType(provider: Array(ccn.utf8)) == type)
  }
}
