import Foundation
import GrouperCore
import GrouperSupport

/// What reading a claim file produced: the valid lines, the rejected rows, and the counts that
/// account for every row and dollar read.
package struct ClaimReadResult: Sendable {
  /// The valid lines and their interners.
  package var store: ClaimStore
  /// Rows that could not be used, in file order.
  package var rejections: [Rejection]
  /// Data rows read (the header not counted).
  package var rowsRead: Int
  /// Bytes read.
  package var bytesRead: Int
  /// Codes kept though they break their system's shape, by kind.
  package var warnings = ReadWarnings()
  /// The claim fields the input has no column for, with the column's name in the input's own
  /// terms (`drg`, `CLM_DRG_CD`, `drg (not mapped)`): no line of the input can match a test on them.
  package var absentColumns: [ClaimField: String] = [:]

  /// The claim fields the input has a column (or element) for.
  package var presentFields: Set<ClaimField> {
    Set(ClaimField.allCases.filter { absentColumns[$0] == nil })
  }
}

/// Reads the native claim-line CSV (see the README's input schema) into a ``ClaimStore``.
///
/// Bytes are scanned in place: no `String` is made per field, amounts go straight to cents, and
/// ids and codes are interned as they are read, through the ``ClaimLineBuilder`` every reader
/// shares (so trimming, UTF-8, lengths, dates, code shapes and duplicate codes are handled as in
/// the RIF, FHIR and mapped readers). A row that breaks a rule becomes a ``Rejection``
/// naming its line, column and value; the reader never drops a row silently.
package struct NativeClaimReader {
  /// The file's name in diagnostics.
  package let path: String
  /// The payer given to lines whose payer_id is empty.
  package let defaultPayer: String
  /// Called with the number of rows read, every 2^20 rows, for a progress line.
  package var progress: (@Sendable (Int) -> Void)?
  /// The read chunk size (tests vary it to show it never changes the result).
  package var chunkSize = 1 << 22
  /// The plausible range of dates; a date outside it rejects its row.
  package var dates = DateBounds.standard
  /// Worker threads: a file of at least two ``partSize`` parts is read in parts at once.
  package var jobs = 1
  /// The bytes of one part of a file read in parallel (tests make it small).
  package var partSize = 1 << 22

  /// A reader of the file at `path`.
  package init(path: String, defaultPayer: String = "default") {
    self.path = path
    self.defaultPayer = defaultPayer
  }

  /// Reads the file. Throws a located diagnostic when the file as a whole is unusable (missing,
  /// a folder, empty, no data rows, a required column missing, broken quoting); row-level
  /// problems come back as rejections.
  package func read() throws -> ClaimReadResult {
    let file = try FileByteSource(path: path)
    let size = file.size
    if jobs > 1 && size >= 2 * partSize, let result = readInParts(file, size: size) {
      return result
    }
    var reader = CSVReader(source: file, name: path, chunkSize: chunkSize)
    // Reserve room for the rows a file of this size likely holds (claim rows run ~100 bytes).
    return try read(&reader, expectedRows: size / 100)
  }

  /// Reads from any byte source (tests use memory).
  package func read<S: ByteSource>(_ reader: inout CSVReader<S>, expectedRows: Int = 0) throws
    -> ClaimReadResult
  {
    var state = RowState(path: path, defaultPayer: defaultPayer, dates: dates)
    state.builder.reserveLines(expectedRows)
    var header: [Int]?
    var headerNames: [String] = []
    var rows = 0
    try reader.forEachRecord { record in
      guard let map = header else {
        headerNames = record.strings
        header = try columnMap(headerNames, line: record.line)
        state.columns = header!
        return
      }
      rows += 1
      if let progress, rows & 0xFFFFF == 0 { progress(rows) }
      state.parse(record, columns: map, names: headerNames)
    }
    try Diagnostic.requireRows(file: path, sawHeader: header != nil, rows: rows, of: "claim")
    // Every claim id is in: its hash table is freed before the claim checks, which go by id.
    state.builder.dropClaimIndex()
    return finish(
      store: state.builder.finish(), rejections: state.rejections, columns: header!, rows: rows,
      bytes: reader.bytesRead, warnings: state.builder.warnings)
  }

  /// The read's result once every row is read: claims whose lines disagree rejected (see
  /// ``ClaimConsistency``), rejections in file order, and the columns the file lacks.
  func finish(
    store: ClaimStore, rejections: [Rejection], columns: [Int], rows: Int, bytes: Int,
    warnings: ReadWarnings
  ) -> ClaimReadResult {
    var store = store
    var rejections = rejections
    let path = self.path
    let lines = store.lines
    let locator = ClaimConsistency.Locator(
      locate: { _, column in (path, columns[column.rawValue] + 1, column.name) },
      name: { "line \(lines[$0].sourceLine)" },
      names: { "lines " + $0.map { String(lines[$0].sourceLine) }.joined(separator: ", ") })
    ClaimConsistency.check(&store, rejections: &rejections, locator: locator)
    rejections.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
    var absent: [ClaimField: String] = [:]
    for field in ClaimField.allCases where columns[field.rawValue] < 0 {
      absent[field] = field.name
    }
    return ClaimReadResult(
      store: store, rejections: rejections, rowsRead: rows, bytesRead: bytes,
      warnings: warnings, absentColumns: absent)
  }

  /// The field index of each column (−1 when absent), checking the header.
  func columnMap(_ names: [String], line: Int) throws -> [Int] {
    var map = [Int](repeating: -1, count: ClaimField.allCases.count)
    for (i, raw) in names.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
      guard let column = ClaimField(name: name) else { continue }
      let k = column.rawValue
      if map[k] >= 0 {
        throw Diagnostic(
          at: SourceLocation(file: path, line: line, column: i + 1), .duplicateColumn(name))
      }
      map[k] = i
    }
    let missing = ClaimField.allCases.enumerated().filter { $1.isRequired && map[$0] < 0 }.map(
      \.1.name)
    if !missing.isEmpty {
      throw Diagnostic(
        at: SourceLocation(file: path, line: line), .missingClaimColumns(missing, header: names))
    }
    return map
  }
}

/// The mutable state of one read: the lines built so far and the rejections. Fields are
/// converted by the ``ClaimLineBuilder`` every reader shares, straight from the record's bytes.
struct RowState {
  let path: String
  /// The path again, held by reference: the warning places handed to the builder on every code
  /// capture it unretained, so the hot path copies no `String` (see ``place(_:_:_:)``).
  let file: FileName
  var builder: ClaimLineBuilder
  var rejections: [Rejection] = []
  /// The field index of each column, −1 when absent.
  var columns: [Int] = []

  init(path: String, defaultPayer: String, dates: DateBounds) {
    self.path = path
    file = FileName(path)
    builder = ClaimLineBuilder(defaultPayer: defaultPayer, dates: dates)
  }

  /// A failed field: which column, and why.
  typealias Failure = RowError<ClaimField>

  /// Reads one data row: a line, or a rejection naming the field at fault.
  mutating func parse(_ record: CSVRecord, columns: [Int], names: [String]) {
    guard record.count == names.count else {
      rejections.append(
        .fieldCount(file: path, line: record.line, expected: names.count, found: record.count))
      return
    }
    builder.beginLine()
    do {
      let line = try parseFields(record, columns)
      builder.append(line)
    } catch {
      builder.abandonLine()
      let index = columns[error.column.rawValue]
      rejections.append(
        Rejection(
          error, file: path, line: record.line, column: index >= 0 ? index + 1 : nil,
          field: error.column.name,
          value: index >= 0 ? Rejection.shown(record[index]) : "",
          allowed: allowedAmount(record, columns)))
    }
  }

  /// The row's allowed amount when it can be read, so a rejected row's dollars are counted.
  private func allowedAmount(_ record: CSVRecord, _ columns: [Int]) -> Cents? {
    let index = columns[ClaimField.allowedAmount.rawValue]
    guard index >= 0, index < record.count else { return nil }
    return try? ClaimLineBuilder.amount(record[index])
  }

  /// The raw bytes of a column (untrimmed), nil when the file has no such column.
  @inline(__always)
  private func raw(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField)
    -> UnsafeBufferPointer<UInt8>?
  {
    let index = columns[column.rawValue]
    return index >= 0 ? record[index] : nil
  }

  /// The trimmed bytes of a column, nil when absent or blank.
  @inline(__always)
  private func field(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField)
    -> UnsafeBufferPointer<UInt8>?
  {
    guard let bytes = raw(record, columns, column) else { return nil }
    let trimmed = ClaimLineBuilder.trimmed(bytes)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Where a column's value stands, for a warning: the file, unretained, and the line and
  /// column as numbers, so building the place costs nothing unless a warning needs it.
  private func place(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField) -> (
    file: Unmanaged<FileName>, line: Int, column: Int
  ) {
    (Unmanaged.passUnretained(file), record.line, columns[column.rawValue] + 1)
  }

  /// A date column in the plausible range, nil when blank or absent.
  private func date(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField)
    throws(Failure) -> Day?
  {
    guard let bytes = field(record, columns, column) else { return nil }
    guard let day = Day.parseISO(bytes) else {
      throw Failure(column: column, reason: .notAnISODate)
    }
    do { return try builder.date(day) } catch {
      throw error.at(column)
    }
  }

  /// A code column through the shared builder, 0 when blank or absent.
  private mutating func code(
    _ record: CSVRecord, _ columns: [Int], _ column: ClaimField, _ system: CodeSystem
  ) throws(Failure) -> UInt32 {
    guard let bytes = raw(record, columns, column), !bytes.isEmpty else { return 0 }
    let at = place(record, columns, column)
    do {
      return try builder.code(
        bytes, system,
        at: SourceLocation(
          file: at.file.takeUnretainedValue().path, line: at.line, column: at.column,
          field: column.name))
    } catch {
      throw error.at(column)
    }
  }

  /// A `|`-joined code list column through the shared builder, each code once, into the list
  /// of the line being built.
  private mutating func codeList(
    _ record: CSVRecord, _ columns: [Int], _ list: ClaimLineBuilder.CodeListKind
  ) throws(Failure) {
    let column = list.field
    guard let bytes = raw(record, columns, column), !bytes.isEmpty else { return }
    let at = place(record, columns, column)
    do {
      try builder.addCodes(
        bytes, separator: UInt8(ascii: "|"), to: list,
        at: SourceLocation(
          file: at.file.takeUnretainedValue().path, line: at.line, column: at.column,
          field: column.name))
    } catch {
      throw error.at(column)
    }
  }

  /// A claim, member or payer id through the shared builder (a blank payer is the default one).
  private mutating func id(
    _ record: CSVRecord, _ columns: [Int], _ column: ClaimField
  ) throws(Failure) -> UInt32 {
    do {
      let bytes = raw(record, columns, column) ?? UnsafeBufferPointer(start: nil, count: 0)
      switch column {
      case .claimID: return try builder.claim(bytes)
      case .memberID: return try builder.member(bytes)
      default: return try builder.payer(bytes)
      }
    } catch {
      throw error.at(column)
    }
  }

  /// An amount column in cents, nil when blank or absent.
  private func amount(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField)
    throws(Failure) -> Cents?
  {
    guard let bytes = raw(record, columns, column) else { return nil }
    do { return try ClaimLineBuilder.amount(bytes) } catch {
      throw error.at(column)
    }
  }

  /// Converts a row's fields into a line, or throws the first field at fault.
  private mutating func parseFields(_ record: CSVRecord, _ columns: [Int]) throws(Failure)
    -> ClaimLine
  {
    let claim = try id(record, columns, .claimID)
    let member = try id(record, columns, .memberID)
    var lineNumber: UInt32 = 1
    if let bytes = field(record, columns, .line) {
      var n: UInt64 = 0
      for c in bytes {
        let d = UInt64(c &- 48)
        guard d <= 9, n < UInt64(UInt32.max) / 10 else {
          throw Failure(column: .line, reason: .notALineNumber)
        }
        n = n * 10 + d
      }
      guard n > 0 else {
        throw Failure(column: .line, reason: .notALineNumber)
      }
      lineNumber = UInt32(n)
    }
    guard let typeBytes = field(record, columns, .claimType) else {
      throw Failure(column: .claimType, reason: .claimTypeRequired)
    }
    guard let type = ClaimType(bytes: typeBytes) else {
      throw Failure(column: .claimType, reason: .unknownClaimTypeName)
    }
    guard let from = try date(record, columns, .fromDate) else {
      throw Failure(column: .fromDate, reason: .fromDateRequired)
    }
    let thru = try date(record, columns, .thruDate) ?? from
    guard thru >= from else {
      throw Failure(column: .thruDate, reason: .thruBeforeFrom(from))
    }
    let admit = try date(record, columns, .admitDate) ?? from
    let discharge = try date(record, columns, .dischargeDate) ?? thru
    guard discharge >= admit else {
      throw Failure(column: .dischargeDate, reason: .dischargeBeforeAdmission(admit))
    }
    guard let allowed = try amount(record, columns, .allowedAmount) else {
      throw Failure(column: .allowedAmount, reason: .allowedAmountRequired)
    }
    let paid = try amount(record, columns, .paidAmount) ?? .zero
    let drg = try code(record, columns, .drg, .msDRG)
    let principal = try code(record, columns, .principalDx, .icd10CM)
    let hcpcs = try code(record, columns, .hcpcs, .hcpcs)
    let revenue = try code(record, columns, .revenueCode, .revenueCode)
    let pos = try code(record, columns, .placeOfService, .placeOfService)
    let status = try code(record, columns, .dischargeStatus, .dischargeStatus)
    try codeList(record, columns, .dx)
    try codeList(record, columns, .px)
    try codeList(record, columns, .modifiers)
    let payer = try id(record, columns, .payerID)
    let billing = try code(record, columns, .billingProvider, .provider)
    let rendering = try code(record, columns, .renderingProvider, .provider)
    let standardized = try amount(record, columns, .standardizedAmount)
    let primary = try amount(record, columns, .primaryPayerPaid) ?? .zero
    let (version, replaces) = try version(record, columns, claim: claim)
    var line = ClaimLine(
      claim: claim, line: lineNumber, member: member, payer: payer,
      type: type, from: from, thru: thru, admit: admit, discharge: discharge,
      billingProvider: billing,
      renderingProvider: rendering, drg: drg, principalDx: principal, hcpcs: hcpcs,
      revenueCode: revenue, placeOfService: pos, dischargeStatus: status, allowed: allowed,
      paid: paid,
      sourceLine: record.line)
    builder.setExtraAmounts(ExtraAmounts(standardized: standardized, primaryPayerPaid: primary))
    line.version = version
    line.replaces = replaces
    return line
  }

  /// The row's `adjustment_type` (original when blank, replacement when blank but a claim is
  /// named) and the claim id its `replaces_claim_id` names (0 when none).
  private mutating func version(_ record: CSVRecord, _ columns: [Int], claim: UInt32)
    throws(Failure) -> (ClaimVersion, UInt32)
  {
    var replaces: UInt32 = 0
    if let bytes = field(record, columns, .replacesClaimID) {
      do { replaces = try builder.claim(bytes) } catch {
        throw error.at(.replacesClaimID)
      }
      guard replaces != claim else {
        throw Failure(column: .replacesClaimID, reason: .replacesItself)
      }
    }
    guard let bytes = field(record, columns, .adjustmentType) else {
      return (replaces == 0 ? .original : .replacement, replaces)
    }
    guard let version = ClaimVersion(bytes: bytes) else {
      throw Failure(column: .adjustmentType, reason: .unknownAdjustmentType)
    }
    if version == .original && replaces != 0 {
      throw Failure(column: .replacesClaimID, reason: .originalReplaces)
    }
    if version != .original && replaces == 0 {
      throw Failure(column: .replacesClaimID, reason: .versionWithoutTarget(version))
    }
    return (version, replaces)
  }
}

/// A file's path held by reference (see `RowState.file`).
final class FileName {
  let path: String

  init(_ path: String) {
    self.path = path
  }
}
