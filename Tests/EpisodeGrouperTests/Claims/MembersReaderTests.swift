import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

@Suite("Members reader")
struct MembersReaderTests {
  func read(_ text: String) throws -> MembersFile {
    var reader = CSVReader(source: MemoryByteSource(Array(text.utf8)), name: "members.csv")
    return try MembersReader(path: "members.csv").read(&reader)
  }

  static let header = "member_id,birth_date,sex,death_date,coverage_start,coverage_end"

  @Test("coverage spans merge when they overlap or touch; an open end continues")
  func coverage() throws {
    let file = try read(
      "\(Self.header)\nM1,1950-01-01,F,,2024-03-01,2024-06-30\nM1,1950-01-01,F,,2024-01-01,2024-02-29\nM1,1950-01-01,F,,2024-08-01,\n"
    )
    let m = try #require(file.members["M1"])
    // Jan 1–Feb 29 and Mar 1–Jun 30 touch (Feb 29 + 1 = Mar 1): one span; Aug 1 onwards is another.
    #expect(
      m.coverage == [
        DayRange(Day(iso: "2024-01-01")!, Day(iso: "2024-06-30")!),
        DayRange(Day(iso: "2024-08-01")!, .distantFuture),
      ])
    #expect(
      m.firstUncoveredDay(in: DayRange(Day(iso: "2024-02-01")!, Day(iso: "2024-06-30")!)) == nil)
    #expect(
      m.firstUncoveredDay(in: DayRange(Day(iso: "2024-06-01")!, Day(iso: "2024-09-30")!))
        == Day(iso: "2024-07-01"))
    #expect(
      m.firstUncoveredDay(in: DayRange(Day(iso: "2023-12-15")!, Day(iso: "2024-01-31")!))
        == Day(iso: "2023-12-15"))
    #expect(m.birth == Day(iso: "1950-01-01") && m.sex == "F")
  }

  @Test(
    "bad rows are rejected with their place",
    arguments: [
      (
        "M1,1950-02-30,F,,,", 2, "birth_date", "1950-02-30",
        "not a real date in the form YYYY-MM-DD"
      ),
      ("M1,1950-01-01,X,,,", 3, "sex", "X", "sex must be M, F or U"),
      (
        "M1,1950-01-01,F,1949-01-01,,", 4, "death_date", "1949-01-01",
        "death date is before the birth date 1950-01-01"
      ),
      (
        "M1,1950-01-01,F,,2024-05-01,2024-04-01", 6, "coverage_end", "2024-04-01",
        "coverage ends before it starts (2024-05-01)"
      ),
      (
        "M1,1950-01-01,F,,,2024-04-01", 5, "coverage_start", "",
        "coverage_end is given without a coverage_start"
      ),
      (",1950-01-01,F,,,", 1, "member_id", "", "a member id is required"),
    ])
  func badRows(_ row: String, _ column: Int, _ field: String, _ value: String, _ reason: String)
    throws
  {
    let file = try read("\(Self.header)\n\(row)\n")
    #expect(
      file.rejections == [
        Rejection(
          file: "members.csv", line: 2, column: column, field: field, value: value, reason: reason,
          allowed: nil)
      ])
  }

  @Test("sex is read in any case, male and female spelt out; anything else is rejected")
  func sexSpellings() throws {
    let file = try read(
      "\(Self.header)\nM1,,m,,,\nM2,,Female,,,\nM3,,MALE,,,\nM4,,u,,,\nM5,, f ,,,\nM6,,fem,,,\nM7,,,,,\n"
    )
    #expect(file.members["M1"]?.sex == "M")
    #expect(file.members["M2"]?.sex == "F")
    #expect(file.members["M3"]?.sex == "M")
    #expect(file.members["M4"]?.sex == "U")
    // Trimmed of spaces as every field is.
    #expect(file.members["M5"]?.sex == "F")
    #expect(file.members["M6"] == nil)
    #expect(file.rejections.map(\.line) == [7])
    // An empty sex is unknown, not an error.
    #expect(file.members["M7"] != nil && file.members["M7"]?.sex == nil)
  }

  @Test("a row rejected for its payer is not the member's first row")
  func rejectedFirstRow() throws {
    // Line 2 names a payer without coverage and is rejected; line 3 is then the member's first
    // row, so line 4's other birth date is said to differ from line 3.
    let text =
      "\(Self.header),payer_id\nM1,1950-01-01,F,,,,P1\nM1,1950-01-01,F,,2024-01-01,,\n"
      + "M1,1950-01-02,F,,2025-01-01,,\n"
    let file = try read(text)
    #expect(
      file.rejections.map(\.reason) == [
        "payer_id is given without a coverage_start",
        "birth date differs from the member's row on line 3",
      ])
    #expect(file.members["M1"]?.coverage == [DayRange(Day(iso: "2024-01-01")!, .distantFuture)])
  }

  @Test("rows of one member must agree on birth, sex and death")
  func conflicting() throws {
    let file = try read(
      "\(Self.header)\nM1,1950-01-01,F,,2024-01-01,\nM1,1950-01-02,F,,2025-01-01,\n")
    #expect(file.rejections.map(\.reason) == ["birth date differs from the member's row on line 2"])
  }

  @Test("a members file without member_id is refused")
  func missingColumn() {
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "members.csv", line: 1), .init("missing required column member_id")
      )
    ) {
      try read("id,birth_date\nM1,1950-01-01\n")
    }
  }
}
