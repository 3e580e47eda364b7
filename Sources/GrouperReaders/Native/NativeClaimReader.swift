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
}

/// Reads the native claim-line CSV (see the README's input schema) into a ``ClaimStore``.
///
/// Bytes are scanned in place: no `String` is made per field, amounts go straight to cents, and
/// ids and codes are interned as they are read. A row that breaks a rule becomes a ``Rejection``
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

  /// A reader of the file at `path`.
  package init(path: String, defaultPayer: String = "default") {
    self.path = path
    self.defaultPayer = defaultPayer
  }

  /// Reads the file. Throws a located diagnostic when the file as a whole is unusable (missing,
  /// a folder, empty, no data rows, a required column missing, broken quoting); row-level
  /// problems come back as rejections.
  package func read() throws -> ClaimReadResult {
    var reader = try CSVReader(path: path, chunkSize: chunkSize)
    // Reserve room for the rows a file of this size likely holds (claim rows run ~100 bytes).
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return try read(&reader, expectedRows: size / 100)
  }

  /// Reads from any byte source (tests use memory).
  package func read<S: ByteSource>(_ reader: inout CSVReader<S>, expectedRows: Int = 0) throws
    -> ClaimReadResult
  {
    var state = RowState(path: path)
    state.store.lines.reserveCapacity(expectedRows)
    state.defaultPayer = state.store.payers.intern(defaultPayer)
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
    state.rejectInconsistentClaims()
    state.rejections.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
    return ClaimReadResult(
      store: state.store, rejections: state.rejections, rowsRead: rows, bytesRead: reader.bytesRead)
  }

  /// The field index of each column (−1 when absent), checking the header.
  private func columnMap(_ names: [String], line: Int) throws -> [Int] {
    var map = [Int](repeating: -1, count: ClaimField.allCases.count)
    for (i, raw) in names.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
      guard let column = ClaimField(name: name) else { continue }
      let k = column.rawValue
      if map[k] >= 0 {
        throw Diagnostic(
          at: SourceLocation(file: path, line: line, column: i + 1),
          "column '\(name.escapedForMessage)' appears twice in the header")
      }
      map[k] = i
    }
    let missing = ClaimField.allCases.enumerated().filter { $1.isRequired && map[$0] < 0 }.map(
      \.1.name)
    if !missing.isEmpty {
      throw Diagnostic(
        at: SourceLocation(file: path, line: line),
        "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) (header: \(names.joined(separator: ",").escapedForMessage))"
      )
    }
    return map
  }
}

/// The mutable state of one read: the store being filled and the rejections so far.
private struct RowState {
  let path: String
  var store = ClaimStore()
  var rejections: [Rejection] = []
  var defaultPayer: UInt32 = 0
  /// The field index of each column, −1 when absent.
  var columns: [Int] = []
  var scratch: [UInt8] = []

  init(path: String) {
    self.path = path
    scratch.reserveCapacity(64)
  }

  /// A failed field: which column, and why.
  struct Failure: Error {
    var column: ClaimField
    var reason: String
  }

  mutating func parse(_ record: CSVRecord, columns: [Int], names: [String]) {
    guard record.count == names.count else {
      rejections.append(
        .fieldCount(file: path, line: record.line, expected: names.count, found: record.count))
      return
    }
    do {
      let line = try parseLine(record, columns)
      store.lines.append(line)
    } catch {
      let index = columns[error.column.rawValue]
      rejections.append(
        Rejection(
          file: path, line: record.line, column: index >= 0 ? index + 1 : nil,
          field: error.column.name,
          value: index >= 0 ? record.string(index) : "", reason: error.reason,
          allowed: allowedAmount(record, columns)))
    }
  }

  private func allowedAmount(_ record: CSVRecord, _ columns: [Int]) -> Cents? {
    let index = columns[ClaimField.allowedAmount.rawValue]
    guard index >= 0, index < record.count, case .success(let c) = Cents.parse(record[index]) else {
      return nil
    }
    return c
  }

  private func field(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField)
    -> UnsafeBufferPointer<UInt8>?
  {
    let index = columns[column.rawValue]
    guard index >= 0 else { return nil }
    let bytes = record[index]
    return bytes.isEmpty ? nil : bytes
  }

  private func date(_ record: CSVRecord, _ columns: [Int], _ column: ClaimField)
    throws(Failure) -> Day?
  {
    guard let bytes = field(record, columns, column) else { return nil }
    guard let day = Day.parseISO(bytes) else {
      throw Failure(column: column, reason: "not a real date in the form YYYY-MM-DD")
    }
    return day
  }

  private mutating func code(
    _ record: CSVRecord, _ columns: [Int], _ column: ClaimField, _ system: CodeSystem
  ) throws(Failure) -> UInt32 {
    guard let bytes = field(record, columns, column) else { return 0 }
    return try intern(bytes, column, system)
  }

  private mutating func intern(
    _ bytes: UnsafeBufferPointer<UInt8>, _ column: ClaimField, _ system: CodeSystem
  ) throws(Failure) -> UInt32 {
    if system.isNormalized(bytes) { return store.intern(bytes, system) }
    if let reason = system.normalize(bytes, into: &scratch) {
      throw Failure(column: column, reason: reason)
    }
    return scratch.withUnsafeBufferPointer { store.intern($0, system) }
  }

  private mutating func codeList(
    _ record: CSVRecord, _ columns: [Int], _ column: ClaimField, _ system: CodeSystem
  ) throws(Failure) -> CodeList {
    guard let bytes = field(record, columns, column) else { return .empty }
    let start = store.codePool.count
    var pieceStart = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "|") {
      if i > pieceStart {
        let piece = UnsafeBufferPointer(rebasing: bytes[pieceStart..<i])
        let id = try intern(piece, column, system)
        if id != 0 { store.codePool.append(id) }
      }
      pieceStart = i + 1
    }
    return CodeList(start: UInt32(start), count: UInt32(store.codePool.count - start))
  }

  private mutating func parseLine(_ record: CSVRecord, _ columns: [Int]) throws(Failure)
    -> ClaimLine
  {
    let poolMark = store.codePool.count
    do {
      return try parseFields(record, columns)
    } catch {
      store.codePool.removeSubrange(poolMark...)
      throw error
    }
  }

  private mutating func parseFields(_ record: CSVRecord, _ columns: [Int]) throws(Failure)
    -> ClaimLine
  {
    guard let claimBytes = field(record, columns, .claimID) else {
      throw Failure(column: .claimID, reason: "a claim id is required")
    }
    guard let memberBytes = field(record, columns, .memberID) else {
      throw Failure(column: .memberID, reason: "a member id is required")
    }
    var lineNumber: UInt32 = 1
    if let bytes = field(record, columns, .line) {
      var n: UInt64 = 0
      for c in bytes {
        let d = UInt64(c &- 48)
        guard d <= 9, n < UInt64(UInt32.max) / 10 else {
          throw Failure(column: .line, reason: "not a line number (a positive whole number)")
        }
        n = n * 10 + d
      }
      guard n > 0 else {
        throw Failure(column: .line, reason: "not a line number (a positive whole number)")
      }
      lineNumber = UInt32(n)
    }
    guard let typeBytes = field(record, columns, .claimType) else {
      throw Failure(column: .claimType, reason: "a claim type is required")
    }
    guard let type = ClaimType(bytes: typeBytes) else {
      throw Failure(
        column: .claimType, reason: "unknown claim type (expected one of \(ClaimType.nameList))")
    }
    guard let from = try date(record, columns, .fromDate) else {
      throw Failure(column: .fromDate, reason: "a from date is required")
    }
    let thru = try date(record, columns, .thruDate) ?? from
    guard thru >= from else {
      throw Failure(column: .thruDate, reason: "thru date is before the from date \(from)")
    }
    let admit = try date(record, columns, .admitDate) ?? from
    let discharge = try date(record, columns, .dischargeDate) ?? thru
    guard discharge >= admit else {
      throw Failure(
        column: .dischargeDate, reason: "discharge date is before the admission date \(admit)")
    }
    guard let allowedBytes = field(record, columns, .allowedAmount) else {
      throw Failure(column: .allowedAmount, reason: "an allowed amount is required")
    }
    let allowed: Cents
    switch Cents.parse(allowedBytes) {
    case .success(let c): allowed = c
    case .failure(let e): throw Failure(column: .allowedAmount, reason: e.description)
    }
    var paid = Cents.zero
    if let bytes = field(record, columns, .paidAmount) {
      switch Cents.parse(bytes) {
      case .success(let c): paid = c
      case .failure(let e): throw Failure(column: .paidAmount, reason: e.description)
      }
    }
    let drg = try code(record, columns, .drg, .msDRG)
    let principal = try code(record, columns, .principalDx, .icd10CM)
    let hcpcs = try code(record, columns, .hcpcs, .hcpcs)
    let revenue = try code(record, columns, .revenueCode, .revenueCode)
    let pos = try code(record, columns, .placeOfService, .placeOfService)
    let status = try code(record, columns, .dischargeStatus, .dischargeStatus)
    let dx = try codeList(record, columns, .dx, .icd10CM)
    let px = try codeList(record, columns, .px, .icd10PCS)
    let modifiers = try codeList(record, columns, .modifiers, .modifier)
    let payer = field(record, columns, .payerID).map { store.payers.intern($0) } ?? defaultPayer
    let billing = try code(record, columns, .billingProvider, .provider)
    let rendering = try code(record, columns, .renderingProvider, .provider)
    return ClaimLine(
      claim: store.claims.intern(claimBytes), line: lineNumber,
      member: store.members.intern(memberBytes), payer: payer,
      type: type, from: from, thru: thru, admit: admit, discharge: discharge,
      billingProvider: billing,
      renderingProvider: rendering, drg: drg, principalDx: principal, dx: dx, px: px, hcpcs: hcpcs,
      modifiers: modifiers,
      revenueCode: revenue, placeOfService: pos, dischargeStatus: status, allowed: allowed,
      paid: paid,
      sourceLine: record.line)
  }

  /// Rejects every row of a duplicated (claim_id, line), and every line of a claim whose lines
  /// disagree on member, payer or claim type (see ``ClaimConsistency``).
  mutating func rejectInconsistentClaims() {
    let path = self.path
    let columns = self.columns
    let lines = store.lines
    let locator = ClaimConsistency.Locator(
      locate: { _, column in (path, columns[column.rawValue] + 1, column.name) },
      name: { "line \(lines[$0].sourceLine)" },
      names: { "lines " + $0.map { String(lines[$0].sourceLine) }.joined(separator: ", ") })
    ClaimConsistency.check(&store, rejections: &rejections, locator: locator)
  }
}
