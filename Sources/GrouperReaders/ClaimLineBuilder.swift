import GrouperCore
import GrouperSupport

/// Fills a ``ClaimStore`` with lines read from any layout. Every reader (native, RIF, FHIR,
/// mapped) converts its fields here, so all of them trim, check, normalise and de-duplicate
/// alike:
///
/// - every field is trimmed of spaces and tabs at both ends;
/// - ids are at most 64 bytes and codes at most 16 (provider ids 64), and must be UTF-8;
/// - codes are normalised (``CodeSystem/normalize(_:into:)``) and checked against their
///   system's shape (``CodeSystem/shape(of:)``): a malformed code is a ``RowError``, a code
///   real extracts often hold though it breaks the shape is kept and counted in ``warnings``
///   (once per line and value);
/// - dates must fall in ``dates``;
/// - a code list holds each code once: a repeated code is dropped, as a code *set* means;
/// - a code list holds at most ``ClaimLine/maxCodesPerList`` codes (a row with more is rejected).
///
/// A reader calls ``beginLine()`` before a line's codes and ``abandonLine()`` when the line turns
/// out to be rejected, so a rejected line leaves nothing in the code pool and no warning. A line's
/// codes wait in scratch lists, whatever order the reader meets its fields in, and go to the pool
/// when the line is appended: its diagnoses, procedures and modifiers, one after another, as
/// ``ClaimLine/setCodes(dx:px:modifiers:)`` holds them.
struct ClaimLineBuilder {
  private(set) var store = ClaimStore()
  /// The payer of lines whose source names none.
  let defaultPayer: UInt32
  /// The plausible range of dates.
  let dates: DateBounds
  /// The warnings of the lines appended so far.
  private(set) var warnings = ReadWarnings()
  /// Warnings of the line being built, counted once it is appended.
  private var pending: [(kind: CodeWarning, location: SourceLocation, value: String)] = []
  private var pendingMark = 0
  /// The extra amounts of the line being built.
  private var pendingExtras = ExtraAmounts.none
  private var scratch: [UInt8] = []
  /// The other diagnoses of the line being built, each once, in the order met.
  private var lineDx: [UInt32] = []
  /// The procedures of the line being built.
  private var linePx: [UInt32] = []
  /// The modifiers of the line being built.
  private var lineModifiers: [UInt32] = []
  /// Per code system, whether each code id is known to have its system's shape, so a code is
  /// checked once however many lines hold it.
  private var knownValid = [[Bool]](repeating: [], count: CodeSystem.allCases.count)

  /// The most bytes an id (claim, member, payer) may hold.
  static let maxIDLength = 64

  /// A builder whose lines default to `defaultPayer` and whose dates must fall in `dates`.
  init(defaultPayer: String, dates: DateBounds = .standard) {
    var store = ClaimStore()
    self.defaultPayer = store.payers.intern(defaultPayer)
    self.store = store
    self.dates = dates
    scratch.reserveCapacity(64)
  }

  /// The finished store.
  func finish() -> ClaimStore { store }

  /// Marks the start of a line's codes.
  mutating func beginLine() {
    clearLineCodes()
    pendingMark = pending.count
    pendingExtras = .none
  }

  /// Drops the codes and warnings added since ``beginLine()``.
  mutating func abandonLine() {
    clearLineCodes()
    pending.removeSubrange(pendingMark...)
  }

  /// Empties the scratch lists of the line's codes, keeping their room for the next line.
  private mutating func clearLineCodes() {
    lineDx.removeAll(keepingCapacity: true)
    linePx.removeAll(keepingCapacity: true)
    lineModifiers.removeAll(keepingCapacity: true)
  }

  /// Drops warnings of codes read for no line that was appended (an EOB whose items all failed).
  mutating func discardPendingWarnings() {
    pending.removeAll()
    pendingMark = 0
  }

  /// Sets the standardized and primary-payer amounts of the line being built.
  mutating func setExtraAmounts(_ amounts: ExtraAmounts) { pendingExtras = amounts }

  /// Adds a finished line with the codes and the amounts given since ``beginLine()``, and counts
  /// the warnings met on it. The line's codes go to the end of the pool: diagnoses, procedures,
  /// then modifiers.
  mutating func append(_ line: ClaimLine) {
    var line = line
    let dx = CodeList(start: UInt32(store.codePool.count), count: UInt32(lineDx.count))
    let px = CodeList(start: dx.start + dx.count, count: UInt32(linePx.count))
    let modifiers = CodeList(start: px.start + px.count, count: UInt32(lineModifiers.count))
    store.codePool += lineDx
    store.codePool += linePx
    store.codePool += lineModifiers
    line.setCodes(dx: dx, px: px, modifiers: modifiers)
    clearLineCodes()
    if pendingExtras != .none {
      store.extraAmounts.append(pendingExtras)
      line.extraAmounts = UInt32(store.extraAmounts.count)
      line.hasPrimaryPayerPayment = pendingExtras.primaryPayerPaid > .zero
      pendingExtras = .none
    }
    store.lines.append(line)
    if !pending.isEmpty {
      for w in pending { warnings.add(w.kind, at: w.location, value: w.value) }
      pending.removeAll(keepingCapacity: true)
    }
    pendingMark = 0
  }

  /// Reserves room for `count` lines.
  mutating func reserveLines(_ count: Int) { store.lines.reserveCapacity(count) }

  /// Frees the claim ids' hash table once every line is read (see ``Interner/dropIndex()``).
  mutating func dropClaimIndex() { store.claims.dropIndex() }

  /// Reserves room for `count` claim ids of about 12 bytes, so a table whose size is known
  /// (a part of a file, whose claims are mostly its own) is not rehashed as it fills.
  mutating func reserveClaimIDs(_ count: Int) {
    store.claims.reserveCapacity(count, bytes: count * 12)
  }

  /// Replaces the lines (after the claim-level checks).
  mutating func setLines(_ lines: [ClaimLine]) { store.lines = lines }

  /// Whether a byte is a space or a tab, the only bytes trimmed from a field.
  @inline(__always)
  static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 }

  /// The bytes without leading and trailing spaces and tabs: how every field of every reader is
  /// trimmed, amounts and dates included.
  static func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = raw.count
    while start < end && isBlank(raw[start]) { start += 1 }
    while end > start && isBlank(raw[end - 1]) { end -= 1 }
    if start == 0 && end == raw.count { return raw }
    return UnsafeBufferPointer(rebasing: raw[start..<end])
  }

  /// Whether the bytes hold nothing but spaces and tabs.
  static func isBlank(_ raw: UnsafeBufferPointer<UInt8>) -> Bool { trimmed(raw).isEmpty }

  /// The trimmed bytes of an id, nil when blank; throws when it is too long or not UTF-8.
  static func idBytes(_ raw: UnsafeBufferPointer<UInt8>) throws(RowError<Void>)
    -> UnsafeBufferPointer<UInt8>?
  {
    let bytes = trimmed(raw)
    if bytes.isEmpty { return nil }
    guard bytes.count <= maxIDLength else {
      throw RowError(.idTooLong(bytes.count, limit: maxIDLength))
    }
    if let bad = UTF8Check.firstInvalid(bytes) {
      throw RowError(.notUTF8(bytes, at: bad))
    }
    return bytes
  }

  /// The id of a claim id; throws when it is blank, too long or not UTF-8.
  mutating func claim(_ raw: UnsafeBufferPointer<UInt8>) throws(RowError<Void>) -> UInt32 {
    guard let bytes = try Self.idBytes(raw) else { throw RowError(.claimIDRequired) }
    return store.claims.intern(bytes)
  }

  /// The id of a claim id given as text.
  mutating func claim(_ text: String) throws(RowError<Void>) -> UInt32 {
    try fromText(text) { (b, raw) throws(RowError<Void>) in try b.claim(raw) }
  }

  /// The id of a member id; throws when it is blank, too long or not UTF-8.
  mutating func member(_ raw: UnsafeBufferPointer<UInt8>) throws(RowError<Void>) -> UInt32 {
    guard let bytes = try Self.idBytes(raw) else { throw RowError(.memberIDRequired) }
    return store.members.intern(bytes)
  }

  /// The id of a member id given as text.
  mutating func member(_ text: String) throws(RowError<Void>) -> UInt32 {
    try fromText(text) { (b, raw) throws(RowError<Void>) in try b.member(raw) }
  }

  /// Runs a byte-level conversion on the UTF-8 of `text` (the readers of JSON and mapped
  /// extracts hold some fields as strings).
  private mutating func fromText(
    _ text: String,
    _ convert: (inout ClaimLineBuilder, UnsafeBufferPointer<UInt8>) throws(RowError<Void>) -> UInt32
  ) throws(RowError<Void>) -> UInt32 {
    var text = text
    var result: Result<UInt32, RowError<Void>> = .success(0)
    text.withUTF8 { raw in
      do throws(RowError<Void>) { result = .success(try convert(&self, raw)) } catch {
        result = .failure(error)
      }
    }
    return try result.get()
  }

  /// The id of a payer id, or the default payer for a blank one.
  mutating func payer(_ raw: UnsafeBufferPointer<UInt8>) throws(RowError<Void>) -> UInt32 {
    guard let bytes = try Self.idBytes(raw) else { return defaultPayer }
    return store.payers.intern(bytes)
  }

  /// A date checked against ``dates``.
  func date(_ day: Day) throws(RowError<Void>) -> Day {
    if let reason = dates.check(day) { throw RowError(reason) }
    return day
  }

  /// An amount in decimal dollars, trimmed; nil when blank.
  static func amount(_ raw: UnsafeBufferPointer<UInt8>) throws(RowError<Void>) -> Cents? {
    let bytes = trimmed(raw)
    if bytes.isEmpty { return nil }
    switch Cents.parse(bytes) {
    case .success(let c): return c
    case .failure(let e): throw RowError(.badAmount(e))
    }
  }

  /// A normalised code of `system`, 0 for a blank value; throws the reason a value is not a
  /// code. A shape warning is counted at `location` once the line is appended.
  mutating func code(
    _ raw: UnsafeBufferPointer<UInt8>, _ system: CodeSystem,
    at location: @autoclosure () -> SourceLocation
  ) throws(RowError<Void>) -> UInt32 {
    let bytes = Self.trimmed(raw)
    if bytes.isEmpty { return 0 }
    guard bytes.count <= system.maxLength else {
      throw RowError(.codeTooLong(bytes.count, system))
    }
    do throws(RowError<Void>) {
      if system.isNormalized(bytes) { return try checked(bytes, system, location) }
      if let reason = system.normalize(bytes, into: &scratch) {
        throw RowError(.notAClaimCode(reason))
      }
      let normal = scratch
      return try normal.withUnsafeBufferPointer { (b) throws(RowError<Void>) -> UInt32 in
        try checked(b, system, location)
      }
    } catch {
      // Every code system accepts ASCII only, so bytes that are not UTF-8 always fail a check:
      // they are looked for on that path alone, and named as what they are.
      if let bad = UTF8Check.firstInvalid(bytes) {
        throw RowError(.notUTF8(bytes, at: bad))
      }
      throw error
    }
  }

  /// A code given as text; see ``code(_:_:at:)``.
  mutating func code(
    _ text: String, _ system: CodeSystem, at location: @autoclosure () -> SourceLocation
  ) throws(RowError<Void>) -> UInt32 {
    try fromText(text) { (b, raw) throws(RowError<Void>) in
      try b.code(raw, system, at: location())
    }
  }

  /// Interns a normalised code once its shape is checked.
  private mutating func checked(
    _ bytes: UnsafeBufferPointer<UInt8>, _ system: CodeSystem, _ location: () -> SourceLocation
  ) throws(RowError<Void>) -> UInt32 {
    let k = system.index
    let id = store.intern(bytes, system)
    if Int(id) < knownValid[k].count && knownValid[k][Int(id)] { return id }
    switch system.shape(of: bytes) {
    case .valid:
      if Int(id) >= knownValid[k].count {
        knownValid[k].append(
          contentsOf: repeatElement(false, count: Int(id) + 1 - knownValid[k].count))
      }
      knownValid[k][Int(id)] = true
    case .warning(let kind):
      // Counted once per line and value: RIF repeats the principal diagnosis in ICD_DGNS_CD1.
      let value = String(decoding: bytes, as: UTF8.self)
      if !pending[pendingMark...].contains(where: { $0.kind == kind && $0.value == value }) {
        pending.append((kind, location(), value))
      }
    case .malformed(let reason): throw RowError(reason)
    }
    return id
  }

  /// The code lists of a line, in the order the pool holds them.
  enum CodeListKind {
    /// The other diagnoses (ICD-10-CM).
    case dx
    /// The procedures (ICD-10-PCS).
    case px
    /// The modifiers.
    case modifiers

    /// The claim field the list fills.
    var field: ClaimField {
      switch self {
      case .dx: return .dx
      case .px: return .px
      case .modifiers: return .modifiers
      }
    }

    /// The code system of the list's codes.
    var system: CodeSystem {
      switch self {
      case .dx: return .icd10CM
      case .px: return .icd10PCS
      case .modifiers: return .modifier
      }
    }
  }

  /// Adds a code id to a list of the line being built, unless it is 0 or already in the list;
  /// throws when the list already holds ``ClaimLine/maxCodesPerList`` codes.
  mutating func add(_ id: UInt32, to list: CodeListKind) throws(RowError<Void>) {
    switch list {
    case .dx: try Self.add(id, toList: &lineDx)
    case .px: try Self.add(id, toList: &linePx)
    case .modifiers: try Self.add(id, toList: &lineModifiers)
    }
  }

  /// Adds a code id to `codes` unless it is 0 or already there; throws when `codes` is full (a
  /// line's list holds at most ``ClaimLine/maxCodesPerList`` codes).
  static func add(_ id: UInt32, toList codes: inout [UInt32]) throws(RowError<Void>) {
    guard id != 0, !codes.contains(id) else { return }
    guard codes.count < ClaimLine.maxCodesPerList else {
      throw RowError(.tooManyCodes(limit: ClaimLine.maxCodesPerList))
    }
    codes.append(id)
  }

  /// Sets a list of the line being built to `ids`: distinct non-zero codes, at most
  /// ``ClaimLine/maxCodesPerList`` of them (built with ``add(_:toList:)``), that several lines
  /// share, such as a FHIR claim's diagnoses.
  mutating func setCodes(_ ids: [UInt32], of list: CodeListKind) {
    precondition(ids.count <= ClaimLine.maxCodesPerList, "too many codes for one list")
    switch list {
    case .dx: lineDx.replaceSubrange(lineDx.indices, with: ids)
    case .px: linePx.replaceSubrange(linePx.indices, with: ids)
    case .modifiers: lineModifiers.replaceSubrange(lineModifiers.indices, with: ids)
    }
  }

  /// Adds the codes of one field, joined by `separator`, to a list of the line being built.
  mutating func addCodes(
    _ raw: UnsafeBufferPointer<UInt8>, separator: UInt8, to list: CodeListKind,
    at location: @autoclosure () -> SourceLocation
  ) throws(RowError<Void>) {
    var pieceStart = 0
    let count = raw.count
    do throws(RowError<Void>) {
      for i in 0...count where i == count || raw[i] == separator {
        if i > pieceStart {
          let id = try code(
            UnsafeBufferPointer(rebasing: raw[pieceStart..<i]), list.system, at: location())
          try add(id, to: list)
        }
        pieceStart = i + 1
      }
    } catch {
      // Place a byte that is not UTF-8 within the whole field, not within its piece.
      if let bad = UTF8Check.firstInvalid(raw) { throw RowError(.notUTF8(raw, at: bad)) }
      throw error
    }
  }
}
