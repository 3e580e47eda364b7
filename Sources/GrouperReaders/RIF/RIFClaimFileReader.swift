import GrouperCore
import GrouperSupport

/// The state shared by the files of one RIF read: the store being filled, the rejections, and
/// which file each line came from (for the claim-level checks' messages).
struct RIFReadState {
  var builder: ClaimLineBuilder
  var rejections: [Rejection] = []
  /// Files read, in order: path, and the field of each native column checked across a claim.
  var files: [(path: String, columns: [ClaimField: (index: Int, name: String)])] = []
  /// The index in ``files`` of the file each store line came from.
  var lineFile: [UInt16] = []
  /// Per claim id: whether its claim-level amounts were counted, their value and where.
  var claimAmounts: [ClaimAmount?] = []
  /// Per claim of a per-line file with a claim total: the total, the sum of its lines' paid
  /// amounts, and where the total was first read.
  var lineSums: [UInt32: LineSum] = [:]

  /// A claim total and the sum of its lines, for the line-sum warning.
  struct LineSum {
    /// The claim's `CLM_PMT_AMT`, from its first row.
    var total: Cents
    /// The sum of its lines' paid amounts.
    var lines: Cents
    /// Where the total was first read.
    var location: SourceLocation
  }

  /// The claim-level amounts of a claim, counted on the row they came from.
  struct ClaimAmount {
    var allowed: Cents
    var file: Int
    var line: Int
  }

  init(defaultPayer: String, dates: DateBounds = .standard) {
    builder = ClaimLineBuilder(defaultPayer: defaultPayer, dates: dates)
  }
}

/// Reads the rows of one RIF claim file (inpatient, outpatient, carrier, SNF, home health,
/// hospice, DME or Part D events) into a shared ``RIFReadState``.
///
/// The field mapping and the amount rules are documented in `SampleClaims/FORMATS.md`. A row
/// that breaks a rule becomes a ``Rejection`` naming the file, line, column and value.
struct RIFClaimFileReader {
  /// The file's name in diagnostics.
  let path: String
  /// The file's kind.
  let kind: RIFFileKind
  /// The header's column names.
  let names: [String]
  private let c: Columns
  private let rule: RIFAmountRule
  /// The plausible range of dates.
  let dates: DateBounds

  /// Where the columns the reader uses stand (nil or empty when the file has none).
  private struct Columns {
    var claimID = 0
    var member = 0
    var typeCode: Int?
    var finalAction: Int?
    var line: Int?
    var from = 0
    var thru: Int?
    var lineFrom: Int?
    var lineThru: Int?
    var admit: Int?
    var discharge: Int?
    var drg: Int?
    var principal: Int?
    var dx: [Int] = []
    var px: [Int] = []
    var hcpcs: Int?
    var modifiers: [Int] = []
    var revenue: Int?
    var placeOfService: Int?
    var status: Int?
    var billing: [Int] = []
    var rendering: [Int] = []
    var allowed: [Int] = []
    var paid: [Int] = []
    var perDiem: (amount: Int, days: Int)?
    var primaryPayer: [Int] = []
    var claimTotal: Int?
    var revenueDate: Int?
  }

  /// A reader of a claim file whose header is `header`; throws a located diagnostic when a column
  /// the kind needs is missing.
  init(
    path: String, header: RIFHeader, kind: RIFFileKind, headerLine: Int,
    dates: DateBounds = .standard
  ) throws {
    self.path = path
    self.dates = dates
    self.kind = kind
    names = header.names
    rule = RIFAmountRule.of(kind).resolved(in: header)
    let institutional: Bool = [.inpatient, .outpatient, .snf, .hha, .hospice].contains(kind)
    let lineItems = kind == .carrier || kind == .dme
    var required = [
      kind == .pde ? "PDE_ID" : "CLM_ID", "BENE_ID", kind == .pde ? "SRVC_DT" : "CLM_FROM_DT",
    ]
    if kind != .pde {
      required += ["NCH_CLM_TYPE_CD", lineItems ? "LINE_NUM" : "CLM_LINE_NUM"]
    }
    required += rule.columns
    let missing = required.filter { header[$0] == nil }
    guard missing.isEmpty else {
      throw Diagnostic(
        at: SourceLocation(file: path, line: headerLine), .missingRIFColumns(kind, missing))
    }
    var c = Columns()
    c.claimID = header[required[0]]!
    c.member = header["BENE_ID"]!
    c.from = header[required[2]]!
    c.finalAction = header["FINAL_ACTION"]
    if kind != .pde {
      c.typeCode = header["NCH_CLM_TYPE_CD"]
      c.line = header[lineItems ? "LINE_NUM" : "CLM_LINE_NUM"]
      c.thru = header["CLM_THRU_DT"]
    }
    if lineItems {
      // CMS dates a carrier or DME line by its first expense date alone (`expnsdt1`).
      c.lineFrom = header["LINE_1ST_EXPNS_DT"]
      c.lineThru = header["LINE_1ST_EXPNS_DT"]
    }
    if kind == .outpatient {
      c.lineFrom = header["REV_CNTR_DT"]
      c.lineThru = header["REV_CNTR_DT"]
      c.revenueDate = header["REV_CNTR_DT"]
    }
    c.primaryPayer = rule.primaryPayer.compactMap { header[$0] }
    c.claimTotal = rule.claimTotal.flatMap { header[$0] }
    switch kind {
    case .inpatient, .snf, .hha: c.admit = header["CLM_ADMSN_DT"]
    case .hospice: c.admit = header["CLM_HOSPC_START_DT_ID"]
    default: break
    }
    if [.inpatient, .snf, .hospice].contains(kind) { c.discharge = header["NCH_BENE_DSCHRG_DT"] }
    c.drg = header["CLM_DRG_CD"]
    c.principal = header["PRNCPAL_DGNS_CD"]
    c.dx = header.numbered("ICD_DGNS_CD", upTo: 25) + [header["LINE_ICD_DGNS_CD"]].compactMap { $0 }
    c.px = header.numbered("ICD_PRCDR_CD", upTo: 25)
    c.hcpcs = header["HCPCS_CD"]
    c.modifiers = [
      "HCPCS_1ST_MDFR_CD", "HCPCS_2ND_MDFR_CD", "HCPCS_3RD_MDFR_CD", "HCPCS_4TH_MDFR_CD",
    ].compactMap { header[$0] }
    c.revenue = header["REV_CNTR"]
    c.placeOfService = header["LINE_PLACE_OF_SRVC_CD"]
    c.status = header["PTNT_DSCHRG_STUS_CD"]
    let billing: [String]
    let rendering: [String]
    switch kind {
    case .carrier:
      billing = ["CARR_CLM_BLG_NPI_NUM", "ORG_NPI_NUM"]
      rendering = ["PRF_PHYSN_NPI"]
    case .dme:
      billing = ["PRVDR_NPI"]
      rendering = ["PRVDR_NPI"]
    case .pde:
      billing = ["SRVC_PRVDR_ID"]
      rendering = ["PRSCRBR_ID"]
    default:
      billing = institutional ? ["PRVDR_NUM"] : []
      rendering = institutional ? ["RNDRNG_PHYSN_NPI", "AT_PHYSN_NPI"] : []
    }
    c.billing = billing.compactMap { header[$0] }
    c.rendering = rendering.compactMap { header[$0] }
    c.allowed = rule.allowed.map { header[$0]! }
    c.paid = rule.paid.map { header[$0]! }
    if let perDiem = rule.perDiem { c.perDiem = (header[perDiem.amount]!, header[perDiem.days]!) }
    self.c = c
  }

  /// The code fields this file has a column for; the others hold nothing on its lines.
  var presentCodeFields: Set<ClaimField> {
    var present: Set<ClaimField> = []
    let fields: [(ClaimField, Bool)] = [
      (.drg, c.drg != nil), (.principalDx, c.principal != nil), (.dx, !c.dx.isEmpty),
      (.px, !c.px.isEmpty), (.hcpcs, c.hcpcs != nil), (.modifiers, !c.modifiers.isEmpty),
      (.revenueCode, c.revenue != nil), (.placeOfService, c.placeOfService != nil),
      (.dischargeStatus, c.status != nil), (.billingProvider, !c.billing.isEmpty),
      (.renderingProvider, !c.rendering.isEmpty),
    ]
    for (field, has) in fields where has { present.insert(field) }
    return present
  }

  /// The RIF column (or columns) that hold a native code field, for messages.
  static let columnNames: [ClaimField: String] = [
    .drg: "CLM_DRG_CD", .principalDx: "PRNCPAL_DGNS_CD", .dx: "ICD_DGNS_CD1…25",
    .px: "ICD_PRCDR_CD1…25", .hcpcs: "HCPCS_CD", .modifiers: "HCPCS_1ST_MDFR_CD…",
    .revenueCode: "REV_CNTR", .placeOfService: "LINE_PLACE_OF_SRVC_CD",
    .dischargeStatus: "PTNT_DSCHRG_STUS_CD", .billingProvider: "PRVDR_NUM or a billing NPI",
    .renderingProvider: "a rendering NPI",
  ]

  /// The field of each native column checked across a claim's lines, for the claim-level checks.
  var checkedColumns: [ClaimField: (index: Int, name: String)] {
    var map: [ClaimField: (index: Int, name: String)] = [
      .claimID: (c.claimID, names[c.claimID]), .memberID: (c.member, names[c.member]),
    ]
    if let t = c.typeCode { map[.claimType] = (t, names[t]) }
    return map
  }

  /// A failed field: the field index at fault (nil for the row as a whole) and why.
  private typealias Failure = RowError<Int?>

  /// Reads one data row into `state`: a line, or a rejection naming the field at fault.
  func readRow(_ record: CSVRecord, fileIndex: Int, state: inout RIFReadState) {
    let width = names.count
    let trailingDelimiter = record.count == width + 1 && record[width].isEmpty
    guard record.count == width || trailingDelimiter else {
      state.rejections.append(
        .fieldCount(
          file: path, line: record.line, expected: width, found: record.count,
          hint: record.count == 1 ? .isItPipeDelimited : nil))
      return
    }
    var allowed: Cents?
    state.builder.beginLine()
    do {
      let line = try parse(record, fileIndex: fileIndex, state: &state, allowed: &allowed)
      state.builder.append(line)
      state.lineFile.append(UInt16(fileIndex))
    } catch {
      state.builder.abandonLine()
      let index = error.column
      state.rejections.append(
        Rejection(
          error, file: path, line: record.line, column: index.map { $0 + 1 },
          field: index.map { names[$0] },
          value: index.map { Rejection.shown(ClaimLineBuilder.trimmed(record[$0])) } ?? "",
          allowed: allowed))
    }
  }

  private func field(_ record: CSVRecord, _ index: Int?) -> UnsafeBufferPointer<UInt8>? {
    guard let index else { return nil }
    let bytes = ClaimLineBuilder.trimmed(record[index])
    return bytes.isEmpty ? nil : bytes
  }

  private func amount(_ record: CSVRecord, _ index: Int, required: Bool) throws(Failure) -> Cents {
    guard let bytes = field(record, index) else {
      if required { throw Failure(column: index, reason: .amountRequired) }
      return .zero
    }
    switch Cents.parse(bytes) {
    case .success(let cents): return cents
    case .failure(let e): throw Failure(column: index, reason: .badAmount(e))
    }
  }

  private func date(_ record: CSVRecord, _ index: Int?) throws(Failure) -> Day? {
    guard let bytes = field(record, index) else { return nil }
    guard let day = RIFDates.parse(bytes) else {
      throw Failure(column: index, reason: .notARIFDate)
    }
    if let reason = dates.check(day) { throw Failure(column: index, reason: reason) }
    return day
  }

  private func count(_ record: CSVRecord, _ index: Int, what: String) throws(Failure) -> Int64 {
    guard let bytes = field(record, index) else { return 0 }
    var n: Int64 = 0
    for b in bytes {
      guard b &- 48 < 10, n < Int64(Int32.max) else {
        throw Failure(column: index, reason: .notAWholeNumber(what))
      }
      n = n * 10 + Int64(b &- 48)
    }
    return n
  }

  private func code(
    _ record: CSVRecord, _ index: Int?, _ system: CodeSystem, _ state: inout RIFReadState
  ) throws(Failure) -> UInt32 {
    guard let index else { return 0 }
    do {
      return try state.builder.code(
        record[index], system,
        at: SourceLocation(
          file: path, line: record.line, column: index + 1, field: names[index]))
    } catch {
      throw error.at(index)
    }
  }

  private func firstCode(
    _ record: CSVRecord, _ indices: [Int], _ system: CodeSystem, _ state: inout RIFReadState
  ) throws(Failure) -> UInt32 {
    for index in indices where field(record, index) != nil {
      return try code(record, index, system, &state)
    }
    return 0
  }

  /// The codes of numbered columns (`ICD_DGNS_CD1…25`) into a list of the line being built,
  /// each once, but for `skip`.
  private func codeList(
    _ record: CSVRecord, _ indices: [Int], _ list: ClaimLineBuilder.CodeListKind,
    except skip: UInt32, _ state: inout RIFReadState
  ) throws(Failure) {
    for index in indices {
      let id = try code(record, index, list.system, &state)
      guard id != skip else { continue }
      // A RIF row has at most 26 columns of a list, far below a list's limit; placed all the same.
      do { try state.builder.add(id, to: list) } catch { throw error.at(index) }
    }
  }

  /// The row's allowed and paid amounts under the kind's rule, before claim-level sharing.
  private func amounts(_ record: CSVRecord) throws(Failure) -> (allowed: Cents, paid: Cents) {
    var allowed = Cents.zero
    for (k, index) in c.allowed.enumerated() {
      allowed += try amount(record, index, required: k == 0)
    }
    var paid = Cents.zero
    for index in c.paid { paid += try amount(record, index, required: false) }
    if let perDiem = c.perDiem {
      let rate = try amount(record, perDiem.amount, required: false)
      let days = try count(record, perDiem.days, what: "a day count")
      let (product, overflow) = rate.value.multipliedReportingOverflow(by: days)
      guard !overflow else { throw Failure(column: perDiem.amount, reason: .amountTooLarge) }
      allowed += Cents(product)
      paid += Cents(product)
    }
    return (allowed, paid)
  }

  private func parse(
    _ record: CSVRecord, fileIndex: Int, state: inout RIFReadState, allowed rowAllowed: inout Cents?
  ) throws(Failure) -> ClaimLine {
    var (allowed, paid) = try amounts(record)
    rowAllowed = allowed
    guard let claimBytes = field(record, c.claimID) else {
      throw Failure(column: c.claimID, reason: .claimIDRequired)
    }
    let claim: UInt32
    do { claim = try state.builder.claim(claimBytes) } catch {
      throw error.at(c.claimID)
    }
    if rule.claimLevel {
      // The claim's amounts are counted on its first row read; later rows repeat them and carry zero.
      if Int(claim) >= state.claimAmounts.count {
        state.claimAmounts += [RIFReadState.ClaimAmount?](
          repeating: nil, count: Int(claim) + 1 - state.claimAmounts.count)
      }
      if let first = state.claimAmounts[Int(claim)] {
        rowAllowed = .zero
        guard first.allowed == allowed else {
          let origin = state.files[first.file].path
          throw Failure(
            column: c.allowed[0],
            reason: .claimLevelAmountsDiffer(
              allowed, first: first.allowed, file: origin, line: first.line))
        }
        allowed = .zero
        paid = .zero
      } else {
        state.claimAmounts[Int(claim)] = RIFReadState.ClaimAmount(
          allowed: allowed, file: fileIndex, line: record.line)
      }
    }
    guard let memberBytes = field(record, c.member) else {
      throw Failure(column: c.member, reason: .beneficiaryIDRequired)
    }
    var setAside: SetAsideReason?
    if let index = c.finalAction, let flag = field(record, index),
      !(flag.count == 1 && flag[0] == UInt8(ascii: "F"))
    {
      setAside = .notFinalAction
    }
    var type = ClaimType.pharmacy
    if let index = c.typeCode {
      guard let bytes = field(record, index) else {
        throw Failure(column: index, reason: .claimTypeCodeRequired)
      }
      switch kind.claimType(typeCode: String(decoding: bytes, as: UTF8.self)) {
      case .success(let t): type = t
      case .failure(let e): throw e.at(index)
      }
    }
    var lineNumber: UInt32 = 1
    if let index = c.line {
      guard field(record, index) != nil else {
        throw Failure(column: index, reason: .lineNumberRequired)
      }
      let n = try count(record, index, what: "a line number")
      guard n > 0 else {
        throw Failure(column: index, reason: .notALineNumber)
      }
      lineNumber = UInt32(n)
    }
    guard let claimFrom = try date(record, c.from) else {
      throw Failure(column: c.from, reason: .fromDateRequired)
    }
    let claimThru = try date(record, c.thru) ?? claimFrom
    guard claimThru >= claimFrom else {
      throw Failure(column: c.thru, reason: .thruBeforeFrom(claimFrom))
    }
    var from = claimFrom
    var thru = claimThru
    if let lineFrom = try date(record, c.lineFrom) {
      from = lineFrom
      thru = try date(record, c.lineThru) ?? lineFrom
      guard thru >= from else {
        throw Failure(
          column: c.lineThru, reason: .lineDatesReversed(from))
      }
    }
    let admit = try date(record, c.admit) ?? from
    let discharge = try date(record, c.discharge) ?? thru
    guard discharge >= admit else {
      throw Failure(
        column: c.discharge, reason: .dischargeBeforeAdmission(admit))
    }
    let member: UInt32
    do { member = try state.builder.member(memberBytes) } catch {
      throw error.at(c.member)
    }
    let drg = try code(record, c.drg, .msDRG, &state)
    let principal = try code(record, c.principal, .icd10CM, &state)
    try codeList(record, c.dx, .dx, except: principal, &state)
    try codeList(record, c.px, .px, except: 0, &state)
    let hcpcs = try code(record, c.hcpcs, .hcpcs, &state)
    try codeList(record, c.modifiers, .modifiers, except: 0, &state)
    let revenue = try code(record, c.revenue, .revenueCode, &state)
    let pos = try code(record, c.placeOfService, .placeOfService, &state)
    let status = try code(record, c.status, .dischargeStatus, &state)
    let billing = try firstCode(record, c.billing, .provider, &state)
    let rendering = try firstCode(record, c.rendering, .provider, &state)
    // A claim-level primary payer amount stays on every row (a test on it is a test of the claim);
    // it is a flag for definitions, never summed.
    var primary = Cents.zero
    for index in c.primaryPayer { primary += try amount(record, index, required: false) }
    // The line sums leave out lines set aside and rows rejected before this point.
    if setAside == nil, let index = c.revenueDate, field(record, index) == nil {
      setAside = .noRevenueCenterDate
    }
    if setAside == nil, let index = c.claimTotal {
      let total = try amount(record, index, required: false)
      if var sum = state.lineSums[claim] {
        sum.lines += paid
        state.lineSums[claim] = sum
      } else {
        state.lineSums[claim] = RIFReadState.LineSum(
          total: total, lines: paid,
          location: SourceLocation(
            file: path, line: record.line, column: index + 1, field: names[index]))
      }
    }
    var line = ClaimLine(
      claim: claim, line: lineNumber, member: member,
      payer: state.builder.defaultPayer,
      type: type, from: from, thru: thru, admit: admit, discharge: discharge,
      billingProvider: billing,
      renderingProvider: rendering, drg: drg, principalDx: principal, hcpcs: hcpcs,
      revenueCode: revenue, placeOfService: pos, dischargeStatus: status, allowed: allowed,
      paid: paid,
      sourceLine: record.line)
    state.builder.setExtraAmounts(ExtraAmounts(standardized: nil, primaryPayerPaid: primary))
    line.setAside = setAside
    return line
  }
}

extension Diagnostic.Message {
  /// A RIF header without some of the columns its kind of file needs.
  static func missingRIFColumns(_ kind: RIFFileKind, _ missing: [String]) -> Self {
    Self(
      "a RIF \(kind) file needs column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")), which the header lacks"
    )
  }
  /// The hint after the field count of a row with one field.
  static let isItPipeDelimited = Self("is the file pipe-delimited?")
  /// A blank amount where the layout requires one.
  static let amountRequired = Self("an amount is required")
  /// A count that is not a whole number; `what` names it (`a day count`).
  static func notAWholeNumber(_ what: String) -> Self { Self("not \(what) (a whole number)") }
  /// A later row of a claim whose claim-level allowed amount differs from the first row's.
  static func claimLevelAmountsDiffer(_ allowed: Cents, first: Cents, file: String, line: Int)
    -> Self
  {
    Self(
      "claim-level amounts give an allowed amount of \(allowed) here but \(first) on the claim's "
        + "first row (\(file) line \(line))")
  }
  /// A blank `NCH_CLM_TYPE_CD`.
  static let claimTypeCodeRequired = Self("a claim type code is required")
  /// A blank line number.
  static let lineNumberRequired = Self("a line number is required")
  /// A line's last date before its first.
  static func lineDatesReversed(_ from: Day) -> Self {
    Self("the line's last date is before its first date \(from)")
  }
}
