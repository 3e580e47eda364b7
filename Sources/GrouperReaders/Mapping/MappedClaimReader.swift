import Foundation
import GrouperCore
import GrouperSupport

/// Reads a payer's own delimited extract through a ``ClaimMapping``, into the same
/// ``ClaimReadResult`` the native reader gives, with the same rules and located rejections
/// (naming the extract's own column).
package struct MappedClaimReader {
  /// The extract's name in diagnostics.
  package let path: String
  /// The mapping.
  package let mapping: ClaimMapping
  /// The payer of lines whose mapped payer is blank or not mapped.
  package let defaultPayer: String
  /// The read chunk size (tests vary it to show it never changes the result).
  package var chunkSize = 1 << 22
  /// Called with the number of rows read, every 2^20 rows, for a progress line.
  package var progress: (@Sendable (Int) -> Void)?
  /// The plausible range of dates; a date outside it rejects its row.
  package var dates = DateBounds.standard

  /// A reader of the extract at `path` through `mapping`.
  package init(path: String, mapping: ClaimMapping, defaultPayer: String = "default") {
    self.path = path
    self.mapping = mapping
    self.defaultPayer = defaultPayer
  }

  /// Reads the extract. Throws a located diagnostic when it is unusable as a whole, or when the
  /// mapping names a column its header lacks (located in the mapping file).
  package func read() throws -> ClaimReadResult {
    var reader = try CSVReader(
      path: path, delimiter: mapping.delimiter, quoting: mapping.quoting, chunkSize: chunkSize)
    return try read(&reader)
  }

  /// Where a mapped field's value comes from once the header is known.
  private enum Resolved {
    case column(Int)
    case columns([Int])
    case value([UInt8])
    case none
  }

  /// Reads from any byte source (tests use memory).
  package func read<S: ByteSource>(_ reader: inout CSVReader<S>) throws -> ClaimReadResult {
    var builder = ClaimLineBuilder(defaultPayer: defaultPayer, dates: dates)
    var rejections: [Rejection] = []
    var resolved: [Resolved]?
    var names: [String] = []
    var rows = 0
    try reader.forEachRecord { record in
      guard let map = resolved else {
        names = record.strings.map { $0.trimmingCharacters(in: .whitespaces) }
        resolved = try resolve(names)
        return
      }
      rows += 1
      if let progress, rows & 0xFFFFF == 0 { progress(rows) }
      readRow(record, map, names, &builder, &rejections)
    }
    try Diagnostic.requireRows(file: path, sawHeader: resolved != nil, rows: rows, of: "claim")
    var store = builder.finish()
    let snapshot = store.lines
    let file = path
    let map = resolved!
    let headerNames = names
    let locator = ClaimConsistency.Locator(
      locate: { _, column in
        guard case .column(let index) = map[column.rawValue] else {
          return (file, nil, "mapping: \(column.name)")
        }
        return (file, index + 1, headerNames[index])
      },
      name: { "line \(snapshot[$0].sourceLine)" },
      names: { "lines " + $0.map { String(snapshot[$0].sourceLine) }.joined(separator: ", ") })
    ClaimConsistency.check(&store, rejections: &rejections, locator: locator)
    rejections.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
    var absent: [ClaimField: String] = [:]
    for field in ClaimField.allCases where mapping.fields[field] == nil {
      absent[field] = "\(field.name) (not mapped)"
    }
    return ClaimReadResult(
      store: store, rejections: rejections, rowsRead: rows, bytesRead: reader.bytesRead,
      warnings: builder.warnings, absentColumns: absent)
  }

  /// The field index of each mapped column; throws at the mapping file's mention of a column the
  /// header lacks.
  private func resolve(_ names: [String]) throws -> [Resolved] {
    var index: [String: Int] = [:]
    for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
    func find(_ name: String, _ location: SourceLocation) throws -> Int {
      guard let i = index[name] else {
        let file = (path as NSString).lastPathComponent
        throw Diagnostic(at: location, .columnNotInHeader(name, file: file, columns: names))
      }
      return i
    }
    var result = [Resolved](repeating: .none, count: ClaimField.allCases.count)
    // In the native column order, so the first missing column reported is always the same one.
    for column in ClaimField.allCases {
      guard let field = mapping.fields[column] else { continue }
      switch field.source {
      case .column(let name):
        result[column.rawValue] = .column(try find(name, field.columnLocations[0]))
      case .columns(let list):
        result[column.rawValue] = .columns(
          try zip(list, field.columnLocations).map { try find($0, $1) })
      case .value(let text): result[column.rawValue] = .value(Array(text.utf8))
      }
    }
    return result
  }

  /// A failed field: the claim field and the extract's column at fault, and why.
  private typealias Failure = RowError<MappedColumn>

  private func readRow(
    _ record: CSVRecord, _ map: [Resolved], _ names: [String], _ builder: inout ClaimLineBuilder,
    _ rejections: inout [Rejection]
  ) {
    guard record.count == names.count else {
      rejections.append(
        .fieldCount(file: path, line: record.line, expected: names.count, found: record.count))
      return
    }
    var allowed: Cents?
    builder.beginLine()
    do {
      builder.append(try line(record, map, names, &builder, &allowed))
    } catch {
      builder.abandonLine()
      let value: String
      switch map[error.column.field.rawValue] {
      case .value(let bytes): value = String(decoding: bytes, as: UTF8.self)
      default:
        value =
          error.column.index.map { Rejection.shown(ClaimLineBuilder.trimmed(record[$0])) } ?? ""
      }
      rejections.append(
        Rejection(
          error, file: path, line: record.line, column: error.column.index.map { $0 + 1 },
          field: error.column.index.map { names[$0] } ?? "mapping: \(error.column.field.name)",
          value: value, allowed: allowed))
    }
  }

  /// The field's value bytes (trimmed, after the values map), nil when blank or unmapped.
  private func value(
    _ record: CSVRecord, _ map: [Resolved], _ column: ClaimField
  ) throws(Failure) -> (bytes: [UInt8], index: Int?)? {
    let raw: [UInt8]
    var index: Int?
    switch map[column.rawValue] {
    case .column(let i):
      raw = Array(ClaimLineBuilder.trimmed(record[i]))
      index = i
    case .value(let bytes): raw = bytes
    case .columns, .none: return nil
    }
    guard !raw.isEmpty else { return nil }
    if let values = mapping.fields[column]?.values {
      let text = String(decoding: raw, as: UTF8.self)
      guard let mapped = values[text] else {
        throw Failure(
          column: column, index: index,
          reason: .notAMappedValue(column, values: values.keys.sorted()))
      }
      return mapped.isEmpty ? nil : (Array(mapped.utf8), index)
    }
    return (raw, index)
  }

  private func date(_ record: CSVRecord, _ map: [Resolved], _ column: ClaimField)
    throws(Failure) -> Day?
  {
    guard let v = try value(record, map, column) else { return nil }
    let pattern = mapping.fields[column]!.dateFormat
    guard let day = v.bytes.withUnsafeBufferPointer({ pattern.parse($0) }) else {
      throw Failure(
        column: column, index: v.index, reason: .notADate(pattern))
    }
    if let reason = dates.check(day) {
      throw Failure(column: column, index: v.index, reason: reason)
    }
    return day
  }

  private func amount(_ record: CSVRecord, _ map: [Resolved], _ column: ClaimField)
    throws(Failure) -> Cents?
  {
    guard let v = try value(record, map, column) else { return nil }
    let scale = mapping.fields[column]!.scale
    let result = v.bytes.withUnsafeBufferPointer { Self.cents($0, scale: scale) }
    switch result {
    case .success(let c): return c
    case .failure(let e): throw e.at(MappedColumn(field: column, index: v.index))
    }
  }

  /// Decimal text to cents; with a scale, a whole number of 10^-scale dollars (`123450` at scale 2).
  static func cents(_ bytes: UnsafeBufferPointer<UInt8>, scale: Int) -> Result<
    Cents, RowError<Void>
  > {
    guard scale > 0 else { return Cents.parse(bytes).mapError { RowError(.badAmount($0)) } }
    var i = 0
    var negative = false
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < bytes.count else {
      return .failure(RowError(.notAScaledAmount(scale)))
    }
    var n: Int64 = 0
    while i < bytes.count {
      let d = bytes[i] &- 48
      guard d < 10 else {
        return .failure(RowError(.notAScaledAmount(scale)))
      }
      let (m, o1) = n.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(d))
      guard !o1, !o2, s < Int64.max / 100 else {
        return .failure(RowError(.amountTooLarge))
      }
      n = s
      i += 1
    }
    var cents = n
    if scale < 2 {
      for _ in scale..<2 { cents *= 10 }
    } else {
      var divisor: Int64 = 1
      for _ in 2..<scale { divisor *= 10 }
      guard n % divisor == 0 else { return .failure(RowError(.fractionOfACent)) }
      cents = n / divisor
    }
    return .success(Cents(negative ? -cents : cents))
  }

  private func code(
    _ record: CSVRecord, _ map: [Resolved], _ names: [String], _ column: ClaimField,
    _ system: CodeSystem,
    _ builder: inout ClaimLineBuilder
  ) throws(Failure) -> UInt32 {
    guard let v = try value(record, map, column) else { return 0 }
    do {
      return try v.bytes.withUnsafeBufferPointer { (b) throws(RowError<Void>) -> UInt32 in
        try builder.code(b, system, at: location(record.line, v.index, column, names))
      }
    } catch {
      throw error.at(MappedColumn(field: column, index: v.index))
    }
  }

  /// The codes of the columns (or the constant) mapped to a list field, each once, into the list
  /// of the line being built.
  private func codeList(
    _ record: CSVRecord, _ map: [Resolved], _ names: [String],
    _ list: ClaimLineBuilder.CodeListKind, _ builder: inout ClaimLineBuilder
  ) throws(Failure) {
    let indices: [Int]
    switch map[list.field.rawValue] {
    case .column(let i): indices = [i]
    case .columns(let columns): indices = columns
    case .value(let bytes):
      return try codes(bytes, record.line, names, index: nil, list, &builder)
    case .none: return
    }
    for index in indices {
      try codes(Array(record[index]), record.line, names, index: index, list, &builder)
    }
  }

  /// The codes of one value, joined by the field's separator, into a list of the line being built.
  private func codes(
    _ bytes: [UInt8], _ line: Int, _ names: [String], index: Int?,
    _ list: ClaimLineBuilder.CodeListKind, _ builder: inout ClaimLineBuilder
  ) throws(Failure) {
    let column = list.field
    let separator = mapping.fields[column]!.separator
    do {
      try bytes.withUnsafeBufferPointer { (b) throws(RowError<Void>) in
        try builder.addCodes(
          b, separator: separator, to: list, at: location(line, index, column, names))
      }
    } catch {
      throw error.at(MappedColumn(field: column, index: index))
    }
  }

  private func line(
    _ record: CSVRecord, _ map: [Resolved], _ names: [String], _ builder: inout ClaimLineBuilder,
    _ allowedOut: inout Cents?
  ) throws(Failure) -> ClaimLine {
    let allowed = try amount(record, map, .allowedAmount)
    allowedOut = allowed
    guard let claimValue = try value(record, map, .claimID) else {
      throw Failure(column: .claimID, index: index(map, .claimID), reason: .claimIDRequired)
    }
    guard let memberValue = try value(record, map, .memberID) else {
      throw Failure(
        column: .memberID, index: index(map, .memberID), reason: .memberIDRequired)
    }
    var lineNumber: UInt32 = 1
    if let v = try value(record, map, .line) {
      guard let n = UInt32(String(decoding: v.bytes, as: UTF8.self)), n > 0 else {
        throw Failure(
          column: .line, index: v.index, reason: .notALineNumber)
      }
      lineNumber = n
    }
    guard let typeValue = try value(record, map, .claimType) else {
      throw Failure(
        column: .claimType, index: index(map, .claimType), reason: .claimTypeRequired)
    }
    guard let type = typeValue.bytes.withUnsafeBufferPointer({ ClaimType(bytes: $0) }) else {
      throw Failure(
        column: .claimType, index: typeValue.index,
        reason: .unknownClaimTypeName)
    }
    guard let from = try date(record, map, .fromDate) else {
      throw Failure(
        column: .fromDate, index: index(map, .fromDate), reason: .fromDateRequired)
    }
    let thru = try date(record, map, .thruDate) ?? from
    guard thru >= from else {
      throw Failure(
        column: .thruDate, index: index(map, .thruDate),
        reason: .thruBeforeFrom(from))
    }
    let admit = try date(record, map, .admitDate) ?? from
    let discharge = try date(record, map, .dischargeDate) ?? thru
    guard discharge >= admit else {
      throw Failure(
        column: .dischargeDate, index: index(map, .dischargeDate),
        reason: .dischargeBeforeAdmission(admit))
    }
    guard let allowed else {
      throw Failure(
        column: .allowedAmount, index: index(map, .allowedAmount),
        reason: .allowedAmountRequired)
    }
    let paid = try amount(record, map, .paidAmount) ?? .zero
    let payer = try id(try value(record, map, .payerID), .payerID, &builder)
    let claim = try id(claimValue, .claimID, &builder)
    let member = try id(memberValue, .memberID, &builder)
    let standardized = try amount(record, map, .standardizedAmount)
    let primary = try amount(record, map, .primaryPayerPaid) ?? .zero
    let (version, replaces) = try version(record, map, claim: claim, &builder)
    // The codes in ``ClaimField`` order: a row with several bad codes is rejected for the first.
    let billing = try code(record, map, names, .billingProvider, .provider, &builder)
    let rendering = try code(record, map, names, .renderingProvider, .provider, &builder)
    let drg = try code(record, map, names, .drg, .msDRG, &builder)
    let principal = try code(record, map, names, .principalDx, .icd10CM, &builder)
    try codeList(record, map, names, .dx, &builder)
    try codeList(record, map, names, .px, &builder)
    let hcpcs = try code(record, map, names, .hcpcs, .hcpcs, &builder)
    try codeList(record, map, names, .modifiers, &builder)
    var line = ClaimLine(
      claim: claim, line: lineNumber, member: member, payer: payer,
      type: type, from: from,
      thru: thru, admit: admit, discharge: discharge,
      billingProvider: billing, renderingProvider: rendering, drg: drg, principalDx: principal,
      hcpcs: hcpcs,
      revenueCode: try code(record, map, names, .revenueCode, .revenueCode, &builder),
      placeOfService: try code(record, map, names, .placeOfService, .placeOfService, &builder),
      dischargeStatus: try code(record, map, names, .dischargeStatus, .dischargeStatus, &builder),
      allowed: allowed, paid: paid,
      sourceLine: record.line)
    builder.setExtraAmounts(ExtraAmounts(standardized: standardized, primaryPayerPaid: primary))
    line.version = version
    line.replaces = replaces
    return line
  }

  /// The row's claim version and the claim id it replaces (0 when none), as the native reader
  /// reads `adjustment_type` and `replaces_claim_id`.
  private func version(
    _ record: CSVRecord, _ map: [Resolved], claim: UInt32, _ builder: inout ClaimLineBuilder
  ) throws(Failure) -> (ClaimVersion, UInt32) {
    var replaces: UInt32 = 0
    let target = try value(record, map, .replacesClaimID)
    let targetIndex = target?.index ?? index(map, .replacesClaimID)
    if let target {
      replaces = try id(target, .replacesClaimID, &builder)
      guard replaces != claim else {
        throw Failure(column: .replacesClaimID, index: targetIndex, reason: .replacesItself)
      }
    }
    guard let kind = try value(record, map, .adjustmentType) else {
      return (replaces == 0 ? .original : .replacement, replaces)
    }
    guard let version = kind.bytes.withUnsafeBufferPointer({ ClaimVersion(bytes: $0) }) else {
      throw Failure(
        column: .adjustmentType, index: kind.index, reason: .unknownAdjustmentType)
    }
    if version == .original && replaces != 0 {
      throw Failure(column: .replacesClaimID, index: targetIndex, reason: .originalReplaces)
    }
    if version != .original && replaces == 0 {
      throw Failure(
        column: .replacesClaimID, index: targetIndex, reason: .versionWithoutTarget(version))
    }
    return (version, replaces)
  }

  /// The id of a claim, member or payer value (the default payer when there is none).
  private func id(
    _ v: (bytes: [UInt8], index: Int?)?, _ column: ClaimField, _ builder: inout ClaimLineBuilder
  ) throws(Failure) -> UInt32 {
    guard let v else { return builder.defaultPayer }
    do {
      return try v.bytes.withUnsafeBufferPointer { (b) throws(RowError<Void>) -> UInt32 in
        switch column {
        case .claimID, .replacesClaimID: return try builder.claim(b)
        case .memberID: return try builder.member(b)
        default: return try builder.payer(b)
        }
      }
    } catch {
      throw error.at(MappedColumn(field: column, index: v.index))
    }
  }

  /// Where a mapped field's value stands, for a warning.
  private func location(_ line: Int, _ index: Int?, _ column: ClaimField, _ names: [String])
    -> SourceLocation
  {
    SourceLocation(
      file: path, line: line, column: index.map { $0 + 1 },
      field: index.map { names[$0] } ?? "mapping: \(column.name)")
  }

  private func index(_ map: [Resolved], _ column: ClaimField) -> Int? {
    if case .column(let i) = map[column.rawValue] { return i }
    return nil
  }
}

/// Where a mapped field's fault is: the claim field, and the extract's column (nil for a value
/// the mapping gives as a constant).
struct MappedColumn: Sendable {
  /// The claim field being read.
  var field: ClaimField
  /// The extract's field index, when the value came from a column.
  var index: Int?
}

extension RowError where Place == MappedColumn {
  /// An error at claim field `column`, read from the extract's field `index`.
  init(column: ClaimField, index: Int?, reason: Diagnostic.Message) {
    self.init(column: MappedColumn(field: column, index: index), reason: reason)
  }
}

extension Diagnostic.Message {
  /// A column the mapping names that the extract's header lacks.
  static func columnNotInHeader(_ name: String, file: String, columns: [String]) -> Self {
    Self(
      "column '\(name)' is not in the header of \(file) (columns: \(columns.joined(separator: ", ")))"
    )
  }
  /// A value not among those the mapping's values map lists for the field.
  static func notAMappedValue(_ field: ClaimField, values: [String]) -> Self {
    Self(
      "not one of the values the mapping lists for \(field.name) (\(values.joined(separator: ", ")))"
    )
  }
  /// A date that does not match the mapping's date pattern.
  static func notADate(_ pattern: DatePattern) -> Self {
    Self("not a real date in the form \(pattern)")
  }
  /// An amount with implied decimals that is not a whole number.
  static func notAScaledAmount(_ scale: Int) -> Self {
    Self("not a whole number (the mapping gives the amount \(scale) implied decimals)")
  }
  /// An amount with implied decimals finer than a cent.
  static let fractionOfACent = Self("amount has a fraction of a cent")
}
