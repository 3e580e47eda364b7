import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// Claim versions: the native `adjustment_type` and `replaces_claim_id` columns, the chains they
/// make, and the lines and dollars each outcome sets aside before grouping.
@Suite("Claim versions")
struct ClaimVersionsTests {
  /// A header with the version columns: adjustment_type is column 7, replaces_claim_id column 8.
  static let header =
    "claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount,adjustment_type,replaces_claim_id"

  /// Reads rows under ``header``.
  func read(_ rows: [String]) throws -> ClaimReadResult {
    try readClaims(([Self.header] + rows).joined(separator: "\n") + "\n")
  }

  /// The claim id of each line of a store, in order.
  func claims(_ store: ClaimStore) -> [String] {
    store.lines.map { store.claims.string($0.claim) }
  }

  /// The example: an LEJR stay (DRG 470, +10,000), its reversal (−10,000) and a rebill to
  /// DRG 481, both naming the original.
  static let reversedAndRebilled = [
    "A,M1,inpatient,2024-01-08,2024-01-11,470,10000.00,original,",
    "R,M1,inpatient,2024-01-08,2024-01-11,470,-10000.00,reversal,A",
    "B,M1,inpatient,2024-01-08,2024-01-11,481,9000.00,replacement,A",
  ]

  @Test("a reversed and rebilled stay triggers nothing, and the rebill is no readmission")
  func reversedAndRebilled() throws {
    let read = try read(Self.reversedAndRebilled)
    #expect(read.rejections.isEmpty)
    let definitions = [try simpleDefinition(id: "LEJR")]
    // Unresolved, the original triggers, and the rebill falls in its window: what the issue saw.
    let naive = Grouper(definitions: definitions).run(read.store)
    #expect(naive.episodes.count == 1)
    #expect(naive.lines(of: "LEJR-A").map(\.0).contains("B"))
    // Resolved: A is reversed (R names it), R is a reversal, B stands; DRG 481 triggers nothing.
    let (store, report) = ClaimVersions.resolve(read.store)
    #expect(claims(store) == ["B"])
    let result = Grouper(definitions: definitions).run(store)
    #expect(result.episodes.isEmpty)
    #expect(result.accounting.linesAssigned == 0 && result.accounting.linesUnassigned == 1)
    // Reversed: A's 10,000.00 + R's −10,000.00 = 0.00, two lines; B's 9,000.00 stands.
    #expect(report.setAside.lines == [.reversed: 2])
    #expect(report.setAside.dollars == [.reversed: .zero])
    #expect(report.standingReplacementLines == 1)
    #expect(report.standingReplacementDollars == dollars("9000.00"))
    // Whatever the row order, the same outcome.
    for order in [[2, 1, 0], [1, 2, 0], [2, 0, 1]] {
      let shuffled = try self.read(order.map { Self.reversedAndRebilled[$0] })
      let again = ClaimVersions.resolve(shuffled.store)
      #expect(claims(again.store) == ["B"] && again.report == report)
    }
  }

  @Test("in a chain of three the last version stands")
  func chainOfThree() throws {
    let read = try read([
      "C,M1,professional,2024-01-08,,,130.00,replacement,B",
      "A,M1,professional,2024-01-08,,,100.00,,",
      "B,M1,professional,2024-01-08,,,120.00,replacement,A",
    ])
    #expect(read.rejections.isEmpty)
    let (store, report) = ClaimVersions.resolve(read.store)
    #expect(claims(store) == ["C"])
    // Superseded: A 100.00 + B 120.00 = 220.00, two lines; C's 130.00 stands.
    #expect(report.setAside.lines == [.superseded: 2])
    #expect(report.setAside.dollars == [.superseded: dollars("220.00")])
    #expect(report.standingReplacementLines == 1)
    #expect(report.standingReplacementDollars == dollars("130.00"))
  }

  @Test("a chain that ends in a reversal leaves nothing")
  func chainEndingInReversal() throws {
    let read = try read([
      "A,M1,professional,2024-01-08,,,100.00,original,",
      "B,M1,professional,2024-01-08,,,120.00,replacement,A",
      "R,M1,professional,2024-01-08,,,-120.00,reversal,B",
    ])
    let (store, report) = ClaimVersions.resolve(read.store)
    #expect(store.lines.isEmpty)
    // A superseded (100.00); B reversed with R: 120.00 − 120.00 = 0.00.
    #expect(report.setAside.lines == [.superseded: 1, .reversed: 2])
    #expect(report.setAside.dollars == [.superseded: dollars("100.00"), .reversed: .zero])
    #expect(report.standingReplacementLines == 0)
  }

  @Test("a replacement of a claim not in the file stands")
  func replacementOfAnEarlierExtract() throws {
    let read = try read(["B,M1,professional,2024-01-08,,,120.00,replacement,OLD"])
    #expect(read.rejections.isEmpty)
    let (store, report) = ClaimVersions.resolve(read.store)
    #expect(claims(store) == ["B"] && report.setAside.lineCount == 0)
  }

  @Test(
    "each row-level version error names its place",
    arguments: [
      (
        "C1,M1,professional,2024-01-08,,,1.00,replacement,C1",
        "claims.csv:2:9: error: replaces_claim_id: a claim cannot replace or reverse itself 'C1'"
      ),
      (
        "C1,M1,professional,2024-01-08,,,1.00,void,C0",
        "claims.csv:2:8: error: adjustment_type: unknown adjustment type (expected one of original, replacement, reversal) 'void'"
      ),
      (
        "C1,M1,professional,2024-01-08,,,-1.00,reversal,",
        "claims.csv:2:9: error: replaces_claim_id: a reversal must name the claim it replaces in replaces_claim_id ''"
      ),
      (
        "C1,M1,professional,2024-01-08,,,1.00,original,C0",
        "claims.csv:2:9: error: replaces_claim_id: an original claim replaces nothing (give adjustment_type replacement or reversal) 'C0'"
      ),
    ])
  func rowErrors(_ row: String, _ message: String) throws {
    let result = try read([row])
    #expect(result.rejections.map(\.diagnostic.description) == [message])
    #expect(result.store.lines.isEmpty)
  }

  @Test("a cycle, and two replacements of one claim, reject every claim involved")
  func claimErrors() throws {
    let cycle = try read([
      "C2,M1,professional,2024-01-08,,,2.00,replacement,C1",
      "C1,M1,professional,2024-01-08,,,1.00,replacement,C2",
      "C3,M1,professional,2024-01-08,,,3.00,,",
    ])
    let text = "claims replace one another in a cycle ('C1' → 'C2' → 'C1')"
    #expect(
      cycle.rejections.map(\.diagnostic.description) == [
        "claims.csv:2:9: error: replaces_claim_id: \(text) 'C1'",
        "claims.csv:3:9: error: replaces_claim_id: \(text) 'C2'",
      ])
    // The rejected rows' dollars are counted: 2.00 + 1.00.
    #expect(cycle.rejections.compactMap(\.allowed).reduce(.zero, +) == dollars("3.00"))
    #expect(claims(cycle.store) == ["C3"])

    let twice = try read([
      "A,M1,professional,2024-01-08,,,1.00,,",
      "B2,M1,professional,2024-01-08,,,3.00,replacement,A",
      "B1,M1,professional,2024-01-08,,,2.00,replacement,A",
    ])
    let reason = "claim 'A' has more than one replacement ('B1', 'B2'): which stands is ambiguous"
    #expect(
      twice.rejections.map(\.diagnostic.description) == [
        "claims.csv:3:9: error: replaces_claim_id: \(reason) 'A'",
        "claims.csv:4:9: error: replaces_claim_id: \(reason) 'A'",
      ])
    #expect(claims(twice.store) == ["A"])

    let disagree = try read([
      "A,M1,professional,2024-01-08,,,1.00,,",
      "B,M1,professional,2024-01-08,,,3.00,replacement,A",
      "B,M1,professional,2024-01-08,,,2.00,reversal,A",
    ])
    // Claim B's two rows are both line 1: the duplicate check speaks first.
    #expect(disagree.rejections.count == 2)
    #expect(claims(disagree.store) == ["A"])
  }

  @Test("convert writes the new columns, and they read back the same")
  func roundTrip() throws {
    let text =
      "claim_id,line,member_id,claim_type,from_date,allowed_amount,paid_amount,standardized_amount,primary_payer_paid,adjustment_type,replaces_claim_id\n"
      + "A,1,M1,professional,2024-01-08,100.00,80.00,95.50,,,\n"
      + "B,1,M1,professional,2024-01-08,90.00,70.00,,12.00,replacement,A\n"
    let first = try readClaims(text)
    #expect(first.rejections.isEmpty)
    let folder = try TemporaryFolder()
    let path = folder.file("out.csv")
    let staged = try StagedFile(path: path)
    try NativeClaimWriter.write(first.store, to: staged)
    try staged.commit()
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      written.split(separator: "\n").first?.hasSuffix(
        "allowed_amount,paid_amount,standardized_amount,primary_payer_paid,adjustment_type,replaces_claim_id"
      )
        == true)
    let again = try NativeClaimReader(path: path).read()
    for store in [first.store, again.store] {
      let a = store.lines[0]
      let b = store.lines[1]
      #expect(store.extras(a).standardized == dollars("95.50") && a.version == .original)
      #expect(store.extras(b).standardized == nil)
      #expect(store.extras(b).primaryPayerPaid == dollars("12.00") && b.hasPrimaryPayerPayment)
      #expect(!a.hasPrimaryPayerPayment)
      #expect(b.version == .replacement && store.claims.string(b.replaces) == "A")
    }
  }

  @Test("the amount basis puts paid or standardized amounts where grouping sums")
  func amountBasis() throws {
    let text =
      "claim_id,member_id,claim_type,from_date,allowed_amount,paid_amount,standardized_amount\n"
      + "A,M1,professional,2024-01-08,100.00,80.00,95.50\n"
      + "B,M1,professional,2024-01-08,90.00,70.00,\n"
    let store = try readClaims(text).store
    var paid = store
    #expect(paid.useAmounts(.paid) == 0)
    #expect(paid.lines.map(\.allowed) == [dollars("80.00"), dollars("70.00")])
    // B has no standardized amount: it keeps its allowed 90.00, and is counted.
    var standardized = store
    #expect(standardized.useAmounts(.standardized) == 1)
    #expect(standardized.lines.map(\.allowed) == [dollars("95.50"), dollars("90.00")])
  }
}
