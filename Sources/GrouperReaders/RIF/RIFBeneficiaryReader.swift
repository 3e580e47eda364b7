import GrouperCore
import GrouperSupport

/// Builds members from RIF beneficiary summary files: one row per beneficiary and reference year,
/// with demographics and twelve monthly entitlement (`MDCR_ENTLMT_BUYIN_n_IND`) and Medicare
/// Advantage (`HMO_n_IND`) indicators.
///
/// A month is covered when the beneficiary has Part A and Part B (buy-in indicator 3 or C) and is
/// not in a Medicare Advantage plan (HMO indicator 0 or 4, or blank), the enrolment CMS's episode
/// models require; covered months become coverage spans, adjacent months merged. Birth, sex and
/// death come from the member's row with the latest reference year, as each year's file restates
/// them. Rows are read from any number of files; see ``finish()``.
struct RIFBeneficiaryReader {
  private struct Entry {
    var birth: Day?
    var sex: String?
    var death: Day?
    /// The reference year of the row the demographics came from (-1 when it had none).
    var year: Int
    /// Covered months by year, as bits 0 (January) … 11, with the row that gave them.
    var months: [Int: (mask: UInt16, file: String, line: Int)] = [:]
  }

  private var entries: [String: Entry] = [:]
  private var rejections: [Rejection] = []
  private var rows = 0
  /// The reference years read, for the summary of what was read.
  private(set) var years = Set<Int>()
  /// The plausible range of birth and death dates; a date outside it rejects its row.
  var dates = DateBounds.standard

  /// The columns of one beneficiary file.
  struct Columns {
    let names: [String]
    let member: Int
    let birth: Int?
    let sex: Int?
    let death: Int?
    let year: Int?
    let buyIn: [Int]
    let hmo: [Int]

    /// The columns of a file whose header is `header`.
    init(_ header: RIFHeader) {
      names = header.names
      member = header["BENE_ID"]!
      birth = header["BENE_BIRTH_DT"]
      sex = header["BENE_SEX_IDENT_CD"]
      death = header["DEATH_DT"] ?? header["BENE_DEATH_DT"]
      year = header["RFRNC_YR"]
      buyIn = (1...12).compactMap { header["MDCR_ENTLMT_BUYIN_\($0)_IND"] }
      hmo = (1...12).compactMap { header["HMO_\($0)_IND"] }
    }
  }

  private typealias Failure = RowError<Int?>

  /// Reads one data row of a beneficiary file.
  mutating func readRow(_ record: CSVRecord, columns: Columns, path: String) {
    rows += 1
    let width = columns.names.count
    guard record.count == width || (record.count == width + 1 && record[width].isEmpty) else {
      rejections.append(
        .fieldCount(file: path, line: record.line, expected: width, found: record.count))
      return
    }
    do {
      try parse(record, columns, path)
    } catch {
      rejections.append(
        Rejection(
          error, file: path, line: record.line, column: error.column.map { $0 + 1 },
          field: error.column.map { columns.names[$0] },
          value: error.column.map { record.string($0).trimmingCharacters(in: .whitespaces) } ?? "",
          allowed: nil))
    }
  }

  private func text(_ record: CSVRecord, _ index: Int?) -> String? {
    guard let index else { return nil }
    let s = String(decoding: ClaimLineBuilder.trimmed(record[index]), as: UTF8.self)
    return s.isEmpty ? nil : s
  }

  private func date(_ record: CSVRecord, _ index: Int?) throws(Failure) -> Day? {
    guard let index, !ClaimLineBuilder.isBlank(record[index]) else { return nil }
    guard let day = RIFDates.parse(ClaimLineBuilder.trimmed(record[index])) else {
      throw Failure(column: index, reason: .notARIFDate)
    }
    if let reason = dates.check(day) { throw Failure(column: index, reason: reason) }
    return day
  }

  private mutating func parse(_ record: CSVRecord, _ c: Columns, _ path: String) throws(Failure) {
    guard let id = text(record, c.member) else {
      throw Failure(column: c.member, reason: .beneficiaryIDRequired)
    }
    let birth = try date(record, c.birth)
    let death = try date(record, c.death)
    if let b = birth, let d = death, d < b {
      throw Failure(column: c.death, reason: .deathBeforeBirth(b))
    }
    var sex: String?
    if let code = text(record, c.sex) {
      switch code {
      case "1": sex = "M"
      case "2": sex = "F"
      case "0": sex = "U"
      default: throw Failure(column: c.sex, reason: .notASexCode)
      }
    }
    var year: Int?
    if let t = text(record, c.year) {
      guard t.count == 4, let y = Int(t), y >= 1900 else {
        throw Failure(column: c.year, reason: .notAReferenceYear)
      }
      year = y
    }
    var mask: UInt16 = 0
    var anyMonth = false
    for month in 0..<12 {
      let buyIn = month < c.buyIn.count ? text(record, c.buyIn[month]) : nil
      let hmo = month < c.hmo.count ? text(record, c.hmo[month]) : nil
      if let b = buyIn, !["0", "1", "2", "3", "A", "B", "C"].contains(b) {
        throw Failure(
          column: c.buyIn[month],
          reason: .notABuyInIndicator)
      }
      if let h = hmo, !["0", "1", "2", "4", "A", "B", "C"].contains(h) {
        throw Failure(column: c.hmo[month], reason: .notAnHMOIndicator)
      }
      anyMonth = anyMonth || buyIn != nil || hmo != nil
      if (buyIn == "3" || buyIn == "C") && (hmo == nil || hmo == "0" || hmo == "4") {
        mask |= 1 << month
      }
    }
    if year == nil && anyMonth {
      throw Failure(
        column: c.year, reason: .monthsWithoutYear)
    }
    var entry = entries[id] ?? Entry(birth: birth, sex: sex, death: death, year: year ?? -1)
    if let year {
      if let earlier = entry.months[year] {
        guard earlier.mask == mask else {
          throw Failure(
            column: c.year,
            reason: .coverageMonthsDiffer(year, file: earlier.file, line: earlier.line))
        }
      } else {
        entry.months[year] = (mask, path, record.line)
      }
      years.insert(year)
    }
    if (year ?? -1) > entry.year {
      entry.birth = birth
      entry.sex = sex
      entry.death = death
      entry.year = year ?? -1
    }
    entries[id] = entry
  }

  /// The members read, their covered months merged into spans, with the rejected rows.
  func finish() -> MembersFile {
    var members: [String: Member] = [:]
    for (id, entry) in entries {
      var spans: [DayRange] = []
      for (year, months) in entry.months {
        for month in 0..<12 where months.mask & (1 << month) != 0 {
          guard let first = Day(year: year, month: month + 1, day: 1) else { continue }
          let last = first.adding(days: Day.daysInMonth(year: year, month: month + 1) - 1)
          spans.append(DayRange(first, last))
        }
      }
      members[id] = Member(
        birth: entry.birth, sex: entry.sex, death: entry.death, coverage: Member.merged(spans))
    }
    let sorted = rejections.sorted {
      ($0.file, $0.line, $0.column ?? 0) < ($1.file, $1.line, $1.column ?? 0)
    }
    var file = MembersFile(members: members, rejections: sorted, rowsRead: rows)
    file.coverageKnownFrom = years.min().flatMap { Day(year: $0, month: 1, day: 1) }
    return file
  }
}

extension Diagnostic.Message {
  /// A `BENE_SEX_IDENT_CD` other than 0, 1 and 2.
  static let notASexCode = Self("not a sex code (0 unknown, 1 male, 2 female)")
  /// A `BENE_ENROLLMT_REF_YR` that is not a four-digit year.
  static let notAReferenceYear = Self("not a reference year (a four-digit year)")
  /// A monthly buy-in indicator that is not one of CMS's codes.
  static let notABuyInIndicator = Self(
    "not an entitlement buy-in indicator (0, 1, 2, 3, A, B or C)")
  /// A monthly HMO indicator that is not one of CMS's codes.
  static let notAnHMOIndicator = Self("not an HMO indicator (0, 1, 2, 4, A, B or C)")
  /// Monthly indicators with no year to place them in.
  static let monthsWithoutYear = Self(
    "monthly entitlement indicators are given without a reference year")
  /// A second row for a member and year whose coverage months differ from the first's.
  static func coverageMonthsDiffer(_ year: Int, file: String, line: Int) -> Self {
    Self("coverage months for \(year) differ from the member's row at \(file) line \(line)")
  }
}
