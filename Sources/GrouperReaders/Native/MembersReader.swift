import GrouperCore
import GrouperSupport

/// The members file read: each member by id, and the rows that could not be used.
package struct MembersFile: Sendable {
  /// Members by member id.
  package var members: [String: Member]
  /// The first day the enrolment data covers, when it starts later than any coverage check may
  /// look (RIF beneficiary files cover only the years read); nil for a members file, which states
  /// all the coverage there is.
  package var coverageKnownFrom: Day? = nil
  /// Rows that could not be used, in file order.
  package var rejections: [Rejection]
  /// Data rows read.
  package var rowsRead: Int
}

/// Reads the optional members file: `member_id, birth_date, sex, death_date, coverage_start,
/// coverage_end, payer_id`, one row per coverage span (an empty coverage_end means coverage
/// continues). A span whose optional `payer_id` is given covers that payer's claims only
/// (``Member/coverageByPayer``); a span without one covers every payer.
package struct MembersReader {
  /// The file's name in diagnostics.
  package let path: String
  /// The plausible range of dates (birth, death and coverage); a date outside it rejects its row.
  package var dates = DateBounds.standard

  /// A reader of the file at `path`.
  package init(path: String) {
    self.path = path
  }

  private static let columns = [
    "member_id", "birth_date", "sex", "death_date", "coverage_start", "coverage_end", "payer_id",
  ]

  /// Reads the file; throws a located diagnostic when the file as a whole is unusable.
  package func read() throws -> MembersFile {
    var reader = try CSVReader(path: path)
    return try read(&reader)
  }

  /// Reads from any byte source.
  ///
  /// Member ids are interned as bytes, and each member's facts kept in arrays by that id, so a
  /// row costs one hash of its id; the dictionary by id is built once at the end.
  package func read<S: ByteSource>(_ reader: inout CSVReader<S>) throws -> MembersFile {
    var map: [Int]?
    var width = 0
    var ids = Interner()
    // By interned id (0, the empty id, is never used): the member and the line of its first
    // row. Coverage spans without a payer are kept in one flat list (no array per member), and
    // the rarer spans that name a payer by member.
    var members: [Member?] = [nil]
    var firstLine: [Int] = [0]
    var spans: [(id: UInt32, span: DayRange)] = []
    var payerSpans: [Int: [String: [DayRange]]] = [:]
    var rejections: [Rejection] = []
    var rows = 0
    try reader.forEachRecord { record in
      guard let columns = map else {
        let names = record.strings.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        width = names.count
        var m = [Int](repeating: -1, count: Self.columns.count)
        for (i, name) in names.enumerated() {
          if let k = Self.columns.firstIndex(of: name) {
            guard m[k] < 0 else {
              throw Diagnostic(
                at: SourceLocation(file: path, line: record.line, column: i + 1),
                .duplicateColumn(name))
            }
            m[k] = i
          }
        }
        guard m[0] >= 0 else {
          throw Diagnostic(
            at: SourceLocation(file: path, line: record.line), .missingColumn("member_id"))
        }
        map = m
        return
      }
      rows += 1
      func reject(_ k: Int?, _ reason: Diagnostic.Message) {
        let index = k.map { columns[$0] } ?? -1
        rejections.append(
          Rejection(
            file: path, line: record.line, column: index >= 0 ? index + 1 : nil,
            field: k.map { Self.columns[$0] },
            value: index >= 0 ? Rejection.shown(record[index]) : "", reason: reason.text,
            allowed: nil))
      }
      guard record.count == width else {
        rejections.append(
          .fieldCount(file: path, line: record.line, expected: width, found: record.count))
        return
      }
      // Fields are trimmed of spaces and tabs as bytes, as claim fields are; only the sex and a
      // payer become strings.
      func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
        guard columns[k] >= 0 else { return nil }
        let field = ClaimLineBuilder.trimmed(record[columns[k]])
        return field.isEmpty ? nil : field
      }
      func date(_ k: Int) -> Day?? {
        guard let field = bytes(k) else { return .some(nil) }
        guard let d = Day.parseISO(field) else {
          reject(k, .notAnISODate)
          return nil
        }
        if let reason = dates.check(d) {
          reject(k, reason)
          return nil
        }
        return .some(d)
      }
      let idBytes: UnsafeBufferPointer<UInt8>
      do throws(RowError<Void>) {
        guard let found = try ClaimLineBuilder.idBytes(record[columns[0]]) else {
          return reject(0, .memberIDRequired)
        }
        idBytes = found
      } catch {
        return reject(0, error.reason)
      }
      guard let birth = date(1), let death = date(3), let start = date(4), let end = date(5) else {
        return
      }
      var sex: String?
      if let raw = bytes(2) {
        guard let known = Self.sex(raw) else { return reject(2, .notASex) }
        sex = known
      }
      if let b = birth, let d = death, d < b {
        return reject(3, .deathBeforeBirth(b))
      }
      if end != nil && start == nil {
        return reject(4, .coverageEndWithoutStart)
      }
      if let s = start, let e = end, e < s {
        return reject(5, .coverageReversed(s))
      }
      var payer: String?
      if let raw = bytes(6) {
        do throws(RowError<Void>) {
          payer = try ClaimLineBuilder.idBytes(raw).map { String(decoding: $0, as: UTF8.self) }
        } catch {
          return reject(6, error.reason)
        }
        if start == nil { return reject(6, .payerWithoutCoverage) }
      }
      let id = Int(ids.intern(idBytes))
      if id == members.count {
        members.append(Member(birth: birth, sex: sex, death: death))
        firstLine.append(record.line)
      } else if let member = members[id] {
        let seenAt = firstLine[id]
        if member.birth != birth {
          return reject(1, .memberDiffers("birth date", line: seenAt))
        }
        if member.sex != sex {
          return reject(2, .memberDiffers("sex", line: seenAt))
        }
        if member.death != death {
          return reject(3, .memberDiffers("death date", line: seenAt))
        }
      }
      if let s = start {
        let span = DayRange(s, end ?? .distantFuture)
        if let payer {
          payerSpans[id, default: [:]][payer, default: []].append(span)
        } else {
          spans.append((UInt32(id), span))
        }
      }
    }
    try Diagnostic.requireRows(file: path, sawHeader: map != nil, rows: rows, of: "member")
    // Each member's spans side by side (sorted by id; merging orders them by day), merged once.
    spans.sort { $0.id < $1.id }
    var next = 0
    var byID: [String: Member] = [:]
    byID.reserveCapacity(members.count)
    for id in 1..<members.count {
      var end = next
      while end < spans.count && spans[end].id == UInt32(id) { end += 1 }
      guard var member = members[id] else { continue }
      members[id] = nil
      if end - next == 1 {
        member.coverage = [spans[next].span]
      } else if end > next {
        member.coverage = Member.merged(spans[next..<end].map(\.span))
      }
      next = end
      if let byPayer = payerSpans[id] { member.coverageByPayer = byPayer.mapValues(Member.merged) }
      byID[ids.string(UInt32(id))] = member
    }
    return MembersFile(members: byID, rejections: rejections, rowsRead: rows)
  }

  /// `M`, `F` or `U` from a sex field, any case, `male` and `female` included; nil otherwise.
  static func sex(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
    /// Whether the field is `word` (upper-case ASCII) in any case.
    func spells(_ word: StaticString) -> Bool {
      guard raw.count == word.utf8CodeUnitCount else { return false }
      return (0..<raw.count).allSatisfy { i in
        let c = raw[i]
        return (c >= 97 && c <= 122 ? c - 32 : c) == word.utf8Start[i]
      }
    }
    if spells("M") || spells("MALE") { return "M" }
    if spells("F") || spells("FEMALE") { return "F" }
    return spells("U") ? "U" : nil
  }
}

extension Diagnostic.Message {
  /// A `payer_id` on a row that gives no coverage span.
  static let payerWithoutCoverage = Self("payer_id is given without a coverage_start")
  /// A sex that is not M, F or U (or male, female).
  static let notASex = Self("sex must be M, F or U")
  /// A `coverage_end` with no `coverage_start`.
  static let coverageEndWithoutStart = Self("coverage_end is given without a coverage_start")
  /// A coverage span that ends before its start.
  static func coverageReversed(_ start: Day) -> Self {
    Self("coverage ends before it starts (\(start))")
  }
  /// A member's later row that disagrees with the first on `what` (`birth date`, `sex`).
  static func memberDiffers(_ what: String, line: Int) -> Self {
    Self("\(what) differs from the member's row on line \(line)")
  }
}
