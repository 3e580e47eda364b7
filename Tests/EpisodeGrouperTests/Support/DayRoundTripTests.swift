import Foundation
import Testing

@testable import GrouperSupport

/// `Day` over three centuries, checked against a hand-written calendar and Foundation's.
@Suite("Day round trip, 1900-01-01 through 2199-12-31")
struct DayRoundTripTests {
  /// Days in each month of a common year, written out by hand.
  static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

  /// The Gregorian leap rule, written out here rather than taken from `Day`.
  static func leap(_ year: Int) -> Bool {
    year % 400 == 0 || (year % 4 == 0 && year % 100 != 0)
  }

  @Test("every day: ISO text → Day → ISO text, consecutive ordinals, matching components")
  func everyDay() throws {
    // 1900-01-01 is 70 years before 1970-01-01; 17 of those years are leap (1904, 1908, …, 1968:
    // (1968 − 1904) / 4 + 1 = 17; 1900 is not), so it is day −(70 × 365 + 17) = −25,567.
    var expected: Int32 = -25_567
    var checked = 0
    var failures = 0
    for year in 1900...2199 {
      for month in 1...12 {
        let length = Self.monthLengths[month - 1] + (month == 2 && Self.leap(year) ? 1 : 0)
        for dayOfMonth in 1...length {
          let text =
            String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-"
            + (dayOfMonth < 10 ? "0" : "") + String(dayOfMonth)
          let parsed = Day(iso: text)
          let fromParts = Day(year: year, month: month, day: dayOfMonth)
          var written = CSVWriter()
          if let parsed { written.field(parsed) }
          let good =
            parsed?.ordinal == expected && fromParts == parsed && parsed?.description == text
            && parsed.map { $0.components == (year, month, dayOfMonth) } == true
            && String(decoding: written.bytes, as: UTF8.self) == text
          if !good {
            failures += 1
            // Report the first few only: one broken rule would otherwise flood the log.
            if failures <= 5 {
              Issue.record(
                "\(text): parsed \(parsed.map { "\($0.ordinal) \($0)" } ?? "nil"), expected ordinal \(expected)"
              )
            }
          }
          expected += 1
          checked += 1
        }
      }
    }
    // 300 years of 365 days, plus 73 leap days: 75 years divisible by 4 from 1900 through 2196
    // ((2196 − 1900) / 4 + 1), less 1900 and 2100 (2000 is divisible by 400). 109,500 + 73.
    #expect(checked == 109_573)
    // The day after 2199-12-31 is −25,567 + 109,573 = 84,006.
    #expect(expected == 84_006)
    #expect(failures == 0)
  }

  @Test("every day agrees with Foundation's Gregorian calendar in UTC")
  func agreesWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    var failures = 0
    for ordinal in Int32(-25_567)...Int32(84_005) {
      let date = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
      let parts = calendar.dateComponents([.year, .month, .day], from: date)
      let ours = Day(ordinal: ordinal).components
      if parts.year != ours.year || parts.month != ours.month || parts.day != ours.day {
        failures += 1
        if failures <= 5 { Issue.record("day \(ordinal): Foundation \(parts), Day \(ours)") }
      }
    }
    #expect(failures == 0)
  }

  @Test("the day before and after the range continue it")
  func edges() {
    #expect(Day(iso: "1899-12-31")?.ordinal == -25_568)
    #expect(Day(iso: "2200-01-01")?.ordinal == 84_006)
    // 2100 is not a leap year, 2000 is.
    #expect(Day(iso: "2100-02-29") == nil)
    #expect(Day(iso: "2000-02-29") != nil)
  }
}
