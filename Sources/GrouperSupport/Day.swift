/// A calendar day, held as the number of days since 1970-01-01 in the proleptic Gregorian calendar.
///
/// Episode windows are whole days: a claim's dates carry no time of day, and every window rule
/// ("90 days after discharge, the discharge day counted as day 1") is arithmetic on `Day`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before it).
  public var ordinal: Int32

  /// A day from its ordinal (days since 1970-01-01).
  public init(ordinal: Int32) {
    self.ordinal = ordinal
  }

  /// The day with this year, month (1–12) and day of month, or nil when the date does not exist
  /// (2023-02-29, 2024-04-31, month 13, day 0).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= Day.daysInMonth(year: year, month: month)
    else { return nil }
    // Howard Hinnant's days_from_civil: exact for every Gregorian date.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    ordinal = Int32(era * 146_097 + doe - 719_468)
  }

  /// Parses `YYYY-MM-DD`, or returns nil when the text is not a real date in that form.
  public init?(iso text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard let day = bytes.withUnsafeBufferPointer({ Day.parseISO($0) }) else { return nil }
    self = day
  }

  /// Parses `YYYY-MM-DD` from raw bytes, or returns nil when they are not a real date in that form.
  public static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    var year = 0
    var month = 0
    var day = 0
    for i in 0..<10 where i != 4 && i != 7 {
      let digit = Int(bytes[i]) &- 48
      guard digit >= 0 && digit <= 9 else { return nil }
      if i < 4 {
        year = year * 10 + digit
      } else if i < 7 {
        month = month * 10 + digit
      } else {
        day = day * 10 + digit
      }
    }
    return Day(year: year, month: month, day: day)
  }

  /// The year, month and day of month of this day.
  public var components: (year: Int, month: Int, day: Int) {
    // Howard Hinnant's civil_from_days.
    let z = Int(ordinal) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The day written as `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
  }

  /// The day `n` days later (earlier when `n` is negative).
  public func adding(days n: Int) -> Day {
    Day(ordinal: ordinal + Int32(n))
  }

  /// The number of days from `self` to `other` (`other − self`).
  public func days(to other: Day) -> Int {
    Int(other.ordinal) - Int(ordinal)
  }

  /// The number of days in a month of a year.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether a Gregorian year has 366 days.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// Whether `lhs` comes before `rhs`.
  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// An inclusive range of days, as episode windows and claim service periods are counted.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
  /// The first day.
  public var first: Day
  /// The last day, counted in the range.
  public var last: Day

  /// A range from `first` through `last`, both counted.
  public init(_ first: Day, _ last: Day) {
    self.first = first
    self.last = last
  }

  /// Whether `day` lies in the range, both ends counted.
  public func contains(_ day: Day) -> Bool { first <= day && day <= last }

  /// The number of days in the range, both ends counted (a one-day range has 1).
  public var dayCount: Int { first.days(to: last) + 1 }

  /// `first` through `last`, as `YYYY-MM-DD..YYYY-MM-DD`.
  public var description: String { "\(first)..\(last)" }
}
