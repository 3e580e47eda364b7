/// A date layout such as `yyyy-MM-dd`, `MM/dd/yyyy`, `dd-MMM-yyyy` or `yyyyMMdd`, compiled once and
/// matched against bytes without making a `String`.
///
/// Letters: `yyyy` the year (two-digit years are refused: they are ambiguous), `MM` or `M` the
/// month (two digits, or one or two), `MMM` the English month abbreviation in any case (`Mar`,
/// `MAR`), `dd` or `d` the day, and `HH`, `mm`, `ss` (or `H`) for a time of day that is read and
/// ignored. Any other character stands for itself; text in single quotes is literal (`'T'`).
package struct DatePattern: Sendable, Equatable, CustomStringConvertible {
  enum Token: Sendable, Equatable {
    case year
    case month(fixed: Bool)
    case monthName
    case day(fixed: Bool)
    case ignoredDigits(fixed: Bool)
    case literal(UInt8)

    var isNumeric: Bool {
      switch self {
      case .year, .month, .day, .ignoredDigits: return true
      case .monthName, .literal: return false
      }
    }

    var isVariable: Bool {
      switch self {
      case .month(let fixed), .day(let fixed), .ignoredDigits(let fixed): return !fixed
      default: return false
      }
    }
  }

  /// The pattern as written.
  package let text: String
  let tokens: [Token]

  /// `yyyy-MM-dd`, the native layout's dates.
  package static let iso = DatePattern(checked: "yyyy-MM-dd")
  /// `dd-MMM-yyyy` (`19-Mar-2017`), the dates of the CCW RIF files CMS distributes.
  package static let rif = DatePattern(checked: "dd-MMM-yyyy")
  /// `yyyyMMdd`, the dates of CCW flat files and many payer extracts.
  package static let compact = DatePattern(checked: "yyyyMMdd")

  private init(checked text: String) {
    self.text = text
    tokens = (try? DatePattern.compile(text)) ?? []
  }

  /// Compiles a pattern; throws the reason it is not one (an unknown letter, a two-digit year, a
  /// missing year, month or day, an unterminated quote).
  package init(_ text: String) throws(DatePatternError) {
    self.text = text
    tokens = try DatePattern.compile(text)
  }

  /// The pattern as written.
  package var description: String { text }

  private static func compile(_ text: String) throws(DatePatternError) -> [Token] {
    let chars = Array(text.utf8)
    var tokens: [Token] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == UInt8(ascii: "'") {
        var j = i + 1
        while j < chars.count && chars[j] != UInt8(ascii: "'") {
          tokens.append(.literal(chars[j]))
          j += 1
        }
        guard j < chars.count else { throw DatePatternError(text, "an unterminated quote") }
        i = j + 1
        continue
      }
      let isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
      guard isLetter else {
        tokens.append(.literal(c))
        i += 1
        continue
      }
      var run = 1
      while i + run < chars.count && chars[i + run] == c { run += 1 }
      switch (Character(Unicode.Scalar(c)), run) {
      case ("y", 4): tokens.append(.year)
      case ("y", _):
        throw DatePatternError(
          text, "the year must be written yyyy (two-digit years are ambiguous)")
      case ("M", 1), ("M", 2): tokens.append(.month(fixed: run == 2))
      case ("M", 3): tokens.append(.monthName)
      case ("d", 1), ("d", 2): tokens.append(.day(fixed: run == 2))
      case ("H", 1), ("H", 2), ("h", 1), ("h", 2): tokens.append(.ignoredDigits(fixed: run == 2))
      case ("m", 2), ("s", 2): tokens.append(.ignoredDigits(fixed: true))
      default:
        let letters = String(repeating: Character(Unicode.Scalar(c)), count: run)
        throw DatePatternError(
          text, "unknown pattern letters '\(letters)' (use yyyy, MM, M, MMM, dd, d, HH, mm, ss)")
      }
      i += run
    }
    let years = tokens.filter { $0 == .year }.count
    let months = tokens.filter {
      if case .month = $0 { return true } else { return $0 == .monthName }
    }.count
    let days = tokens.filter { if case .day = $0 { return true } else { return false } }.count
    guard years == 1, months == 1, days == 1 else {
      throw DatePatternError(
        text,
        "a date pattern needs exactly one year (yyyy), one month (MM, M or MMM) and one day (dd or d)"
      )
    }
    for (k, t) in tokens.enumerated()
    where t.isVariable && k + 1 < tokens.count && tokens[k + 1].isNumeric {
      throw DatePatternError(
        text,
        "a one-or-two-digit field (M, d, H) must be followed by a separator, not another number")
    }
    return tokens
  }

  private static let monthNames: [[UInt8]] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
  ].map { Array($0.utf8) }

  /// The day the bytes spell in this layout, or nil when they do not (or the date does not exist).
  package func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    var i = 0
    let n = bytes.count
    var year = 0
    var month = 0
    var day = 0
    func digits(fixed: Int?, max: Int) -> Int? {
      var value = 0
      var count = 0
      let limit = fixed ?? max
      while count < limit, i < n, bytes[i] &- 48 < 10 {
        value = value * 10 + Int(bytes[i] &- 48)
        i += 1
        count += 1
      }
      if let fixed { return count == fixed ? value : nil }
      return count > 0 ? value : nil
    }
    for token in tokens {
      switch token {
      case .year:
        guard let v = digits(fixed: 4, max: 4) else { return nil }
        year = v
      case .month(let fixed):
        guard let v = digits(fixed: fixed ? 2 : nil, max: 2) else { return nil }
        month = v
      case .day(let fixed):
        guard let v = digits(fixed: fixed ? 2 : nil, max: 2) else { return nil }
        day = v
      case .ignoredDigits(let fixed):
        guard digits(fixed: fixed ? 2 : nil, max: 2) != nil else { return nil }
      case .monthName:
        guard i + 3 <= n else { return nil }
        var name: [UInt8] = []
        for k in 0..<3 {
          let c = bytes[i + k]
          name.append(c >= 97 && c <= 122 ? c - 32 : c)
        }
        guard let index = DatePattern.monthNames.firstIndex(of: name) else { return nil }
        month = index + 1
        i += 3
      case .literal(let c):
        guard i < n, bytes[i] == c else { return nil }
        i += 1
      }
    }
    guard i == n else { return nil }
    return Day(year: year, month: month, day: day)
  }

  /// The day the text spells in this layout, or nil.
  package func parse(_ text: some StringProtocol) -> Day? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { parse($0) }
  }
}

/// Why a date pattern was refused.
package struct DatePatternError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The pattern as written.
  package var pattern: String
  /// What is wrong with it.
  package var reason: String

  init(_ pattern: String, _ reason: String) {
    self.pattern = pattern
    self.reason = reason
  }

  /// The error as a message.
  package var description: String { "not a date pattern '\(pattern)': \(reason)" }
}
