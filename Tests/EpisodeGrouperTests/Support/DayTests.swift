import Testing

@testable import GrouperSupport

@Suite("Day")
struct DayTests {
  @Test("real dates parse, and print back the same")
  func roundTrip() {
    for text in ["1970-01-01", "2024-02-29", "2000-02-29", "1999-12-31", "2025-01-14"] {
      #expect(Day(iso: text)?.description == text)
    }
    // 1970-01-01 is day 0; 1970-02-01 is 31 days later.
    #expect(Day(iso: "1970-01-01")?.ordinal == 0)
    #expect(Day(iso: "1970-02-01")?.ordinal == 31)
    #expect(Day(iso: "1969-12-31")?.ordinal == -1)
  }

  @Test(
    "impossible and malformed dates are refused",
    arguments: [
      "2023-02-29",  // 2023 is not a leap year
      "1900-02-29",  // century not divisible by 400
      "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-05", "24-01-05", "2024/01/05",
      "2024-01-05 ",
      "", "abcd-ef-gh",
    ])
  func refused(_ text: String) {
    #expect(Day(iso: text) == nil)
  }

  @Test("day arithmetic crosses month, leap day and year ends")
  func arithmetic() {
    let discharge = Day(iso: "2024-01-11")!
    // 90 days with the discharge day as day 1: Jan 11 + 89 = Jan 31 (+20), Feb 29 (+29, leap year),
    // Mar 31 (+31), Apr 9 (+9): 20 + 29 + 31 + 9 = 89.
    #expect(discharge.adding(days: 89).description == "2024-04-09")
    // 365-day episode from 2024-01-16: 2024 has 366 days, so +364 lands on 2025-01-14.
    #expect(Day(iso: "2024-01-16")!.adding(days: 364).description == "2025-01-14")
    // 280 days before 2024-06-10 is 2023-09-04 (118 days to the end of 2023, 162 into 2024).
    #expect(Day(iso: "2024-06-10")!.adding(days: -280).description == "2023-09-04")
    #expect(Day(iso: "2024-02-28")!.days(to: Day(iso: "2024-03-01")!) == 2)
    #expect(DayRange(Day(iso: "2024-07-29")!, Day(iso: "2024-08-17")!).dayCount == 20)
  }
}
