import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The FHIR reader on the project's own fixture (Fixtures/fhir-lejr/eob.ndjson): a payer's
/// CARIN-style bulk export for one member, with an outpatient total knee replacement (CPT 27447),
/// the surgeon's claim, therapy, a follow-up, a visit after the window and a drug fill. Expected
/// values are read off the fixture's JSON.
@Suite("FHIR reader: project fixture")
struct FHIRFixtureTests {
  static let file = TestPaths.fixture("fhir-lejr/eob.ndjson")

  func ndjson() throws -> ClaimReadResult { try FHIRClaimReader(path: Self.file).read() }

  /// The fixture's six resources wrapped in a pretty-printed searchset Bundle.
  static func bundleBytes() throws -> [UInt8] {
    let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
    let entries = lines.map {
      "    {\n      \"fullUrl\": \"urn:x\",\n      \"resource\": \($0)\n    }"
    }
    let text =
      "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"searchset\",\n  \"total\": 6,\n  \"entry\": [\n"
      + entries.joined(separator: ",\n") + "\n  ]\n}\n"
    return Array(text.utf8)
  }

  @Test("each item becomes a line, with CARIN's eligible amounts")
  func lines() throws {
    let result = try ndjson()
    // Items: 2 + 1 + 1 + 2 + 1 + 1.
    #expect(result.rowsRead == 8)
    #expect(result.rejections.isEmpty)
    let store = result.store
    let knee = store.views(ofClaim: "OP1001")
    #expect(knee.map(\.line) == [1, 2])
    #expect(knee.map(\.type) == ["outpatient", "outpatient"])
    // item 1 eligible 11250.00 / benefit 9000.00; item 2 eligible 350.00 / benefit 280.00 (the
    // total eligible 11600.00 is their sum and is not added again).
    #expect(knee.map(\.allowed) == ["11250.00", "350.00"])
    #expect(knee.map(\.paid) == ["9000.00", "280.00"])
    #expect(knee[0].hcpcs == "27447" && knee[0].modifiers == ["RT"] && knee[0].revenue == "0360")
    #expect(knee[0].principal == "M1711" && knee[0].dx == ["I10"])  // M17.11 written with its dot
    #expect(knee[0].billing == "1902000001")  // the contained Organization's NPI
    #expect(knee[0].rendering == "1316000001")  // careTeam 1, performing
    #expect(knee[0].status == "01")
    let surgeon = try #require(store.views(ofClaim: "PR2001").first)
    #expect(
      surgeon.type == "professional" && surgeon.allowed == "1400.00"
        && surgeon.placeOfService == "22")
    let therapy = store.views(ofClaim: "OP1002")
    #expect(therapy.map(\.from) == ["2024-09-20", "2024-09-24"])  // item servicedDate
    #expect(therapy.map(\.allowed) == ["50.00", "50.00"])
    let fill = try #require(store.views(ofClaim: "RX3001").first)
    // A pharmacy claim: the total eligible 25.00; the item's NDC is no HCPCS code.
    #expect(
      fill.type == "pharmacy" && fill.allowed == "25.00" && fill.paid == "20.00" && fill.hcpcs == ""
    )
    // 11250 + 350 + 1400 + 92 + 50 + 50 + 92 + 25
    #expect(store.allowedTotal == dollars("13309.00"))
  }

  @Test(
    "a Bundle of the same resources reads the same, whatever the chunk size",
    arguments: [1, 7, 64, 4096])
  func bundleMatchesNDJSON(_ chunk: Int) throws {
    var reader = FHIRClaimReader(path: "bundle.json")
    reader.chunkSize = max(16, chunk)
    let result = try reader.read(MemoryByteSource(try Self.bundleBytes(), chunk: chunk))
    #expect(result.rowsRead == 8 && result.rejections.isEmpty)
    #expect(result.store.views == (try ndjson().store.views))
  }

  @Test("NDJSON read in small chunks reads the same", arguments: [1, 16, 333])
  func ndjsonChunks(_ chunk: Int) throws {
    var reader = FHIRClaimReader(path: Self.file)
    reader.chunkSize = max(16, chunk)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.file)))
    #expect(
      try reader.read(MemoryByteSource(bytes, chunk: chunk)).store.views
        == (try ndjson().store.views))
  }

  @Test("the outpatient knee replacement groups into the shipped LEJR definition")
  func groups() throws {
    let read = try ndjson()
    let definitions = try DefinitionLoader.load(path: TestPaths.path("EpisodeDefinitions"))
    let result = Grouper(definitions: definitions).run(read.store)
    #expect(result.episodes.count == 1)
    let e = try #require(result.episodes.first)
    #expect(result.definitions[e.definition].id == "LEJR")
    // A service anchor on the 27447 item's day; 90 days with that day as day 1: 2024-09-10 + 89;
    // the window opens the day before (emergency and global-surgery lines only).
    #expect(e.anchor == DayRange(day("2024-09-10"), day("2024-09-10")))
    #expect(e.window == DayRange(day("2024-09-09"), day("2024-12-08")))
    #expect(e.status == .complete)  // the data run to 2024-12-20
    // OP1001 (2 lines) + PR2001 + PR2002 + OP1002 (2): 11250 + 350 + 1400 + 92 + 50 + 50.
    #expect(e.lineCount == 6)
    #expect(e.allowedTotal == dollars("13192.00"))
    // Out: RX3001 (Part D, excluded) and PR2003 on 2024-12-20, after the window: 25.00 + 92.00.
    #expect(result.accounting.dollarsUnassigned == dollars("117.00"))
  }
}
