import Foundation
import GrouperSupport

/// The plausible range of dates in input files: a date outside it is a located rejection, so
/// `9999-12-31` cannot become the data's last date and `0001-01-01` no service date.
///
/// The default, 1900-01-01 to 2100-12-31, holds every service date and birth date of living
/// members; `--date-range FIRST..LAST` changes it.
package struct DateBounds: Sendable, Equatable, CustomStringConvertible {
  /// The earliest date read.
  package var first: Day
  /// The latest date read.
  package var last: Day

  /// The default range, 1900-01-01 to 2100-12-31.
  package static let standard = DateBounds(
    first: Day(year: 1900, month: 1, day: 1)!, last: Day(year: 2100, month: 12, day: 31)!)

  /// A range from `first` to `last`, both counted.
  package init(first: Day, last: Day) {
    self.first = first
    self.last = last
  }

  /// Parses `FIRST..LAST` (`1900-01-01..2100-12-31`); nil when it is not two dates in order.
  package init?(parsing text: String) {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, let a = Day(iso: parts[0]), let b = Day(iso: parts[1]), a <= b else {
      return nil
    }
    self.init(first: a, last: b)
  }

  /// `FIRST..LAST`.
  package var description: String { "\(first)..\(last)" }

  /// Nil when `day` is in the range, else the reason it is refused.
  package func check(_ day: Day) -> Diagnostic.Message? {
    guard day < first || last < day else { return nil }
    return .dateOutOfRange(self)
  }
}
