import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The members file's optional `payer_id`: a span naming a payer covers that payer's claims only.
@Suite("Members reader: coverage by payer")
struct MembersPayerTests {
  /// Reads a members file from text.
  func read(_ text: String) throws -> MembersFile {
    var reader = CSVReader(source: MemoryByteSource(Array(text.utf8)), name: "members.csv")
    return try MembersReader(path: "members.csv").read(&reader)
  }

  static let header = "member_id,birth_date,sex,death_date,coverage_start,coverage_end,payer_id"

  /// The issue's case: COMMERCIAL coverage ends 15 February; MEDICARE covers from 16 February.
  static let file = """
    \(header)
    M1,1950-01-01,F,,2023-01-01,2024-02-15,COMMERCIAL
    M1,1950-01-01,F,,2024-02-16,,MEDICARE
    """

  @Test("spans naming a payer fill coverage by payer; spans without one cover every payer")
  func byPayer() throws {
    let m = try #require(try read(Self.file + "\n").members["M1"])
    #expect(m.coverage.isEmpty)
    #expect(
      m.coverageByPayer == [
        "COMMERCIAL": [DayRange(day("2023-01-01"), day("2024-02-15"))],
        "MEDICARE": [DayRange(day("2024-02-16"), .distantFuture)],
      ])
    let window = DayRange(day("2024-01-10"), day("2024-04-09"))
    #expect(m.firstUncoveredDay(in: window, payer: "COMMERCIAL") == day("2024-02-16"))
    #expect(m.firstUncoveredDay(in: window, payer: "MEDICARE") == day("2024-01-10"))
    // A span without a payer covers every payer.
    let open = try #require(
      try read(Self.file + "\nM1,1950-01-01,F,,2024-02-16,2024-12-31,\n").members["M1"])
    #expect(open.firstUncoveredDay(in: window, payer: "COMMERCIAL") == nil)
  }

  @Test("a COMMERCIAL episode is cancelled when COMMERCIAL coverage ends within it")
  func commercialEpisode() throws {
    let members = try read(Self.file + "\n").members
    let definitions = [
      try simpleDefinition([
        "cancel": #"[{"reason": "coverage", "coverage": "continuous"}]"#
      ])
    ]
    // The stay 8–11 January; the window runs 90 days from the 11th, past 15 February; the SNF stay
    // in March is billed to MEDICARE.
    let rows = [
      Row(claim: "C1", payer: "COMMERCIAL", from: "2024-01-08", thru: "2024-01-11", drg: "470"),
      Row(claim: "C2", payer: "MEDICARE", type: "snf", from: "2024-03-01", thru: "2024-03-10"),
    ]
    let result = try group(rows, definitions, members: members, through: "2024-12-31")
    let e = try #require(result.episode("T-C1"))
    #expect(e.status == .cancelled)
    #expect(e.reason == "coverage: no coverage on 2024-02-16")
  }

  @Test("a payer_id on a row without coverage is rejected where it stands")
  func payerWithoutCoverage() throws {
    let file = try read("\(Self.header)\nM1,1950-01-01,F,,,,COMMERCIAL\n")
    #expect(
      file.rejections.map(\.diagnostic.description) == [
        "members.csv:2:7: error: payer_id: payer_id is given without a coverage_start 'COMMERCIAL'"
      ])
  }

  @Test("the members writer writes payer_id only when a span names a payer, and it reads back")
  func writer() throws {
    let file = try read(Self.file + "\n")
    let text = String(decoding: NativeMembersWriter.csv(file.members), as: UTF8.self)
    #expect(text.hasPrefix(Self.header + "\n"))
    #expect(try read(text).members == file.members)
    let plain = ["M2": Member(birth: day("1950-01-01"))]
    #expect(
      String(decoding: NativeMembersWriter.csv(plain), as: UTF8.self).hasPrefix(
        "member_id,birth_date,sex,death_date,coverage_start,coverage_end\n"))
  }
}
