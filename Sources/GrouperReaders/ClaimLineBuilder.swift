import GrouperCore

/// Fills a ``ClaimStore`` with lines read from any layout: interns ids and codes with the same
/// normalisation as the native reader, and builds the multi-valued code lists.
///
/// A reader calls ``beginLine()`` before a line's codes and ``abandonLine()`` when the line turns
/// out to be rejected, so a rejected line leaves nothing in the code pool.
struct ClaimLineBuilder {
  private(set) var store = ClaimStore()
  /// The payer of lines whose source names none.
  let defaultPayer: UInt32
  private var scratch: [UInt8] = []
  private var lineMark = 0

  /// A builder whose lines default to `defaultPayer`.
  init(defaultPayer: String) {
    var store = ClaimStore()
    self.defaultPayer = store.payers.intern(defaultPayer)
    self.store = store
    scratch.reserveCapacity(64)
  }

  /// The finished store.
  func finish() -> ClaimStore { store }

  /// Marks the start of a line's codes.
  mutating func beginLine() { lineMark = store.codePool.count }

  /// Drops the codes added since ``beginLine()``.
  mutating func abandonLine() { store.codePool.removeSubrange(lineMark...) }

  /// Adds a finished line.
  mutating func append(_ line: ClaimLine) { store.lines.append(line) }

  /// Replaces the lines (after the claim-level checks).
  mutating func setLines(_ lines: [ClaimLine]) { store.lines = lines }

  /// The bytes without leading and trailing spaces.
  static func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = raw.count
    while start < end && (raw[start] == 32 || raw[start] == 9) { start += 1 }
    while end > start && (raw[end - 1] == 32 || raw[end - 1] == 9 || raw[end - 1] == 13) {
      end -= 1
    }
    return UnsafeBufferPointer(rebasing: raw[start..<end])
  }

  /// Whether the bytes hold nothing but spaces.
  static func isBlank(_ raw: UnsafeBufferPointer<UInt8>) -> Bool { trimmed(raw).isEmpty }

  /// The id of a claim id (trimmed).
  mutating func claim(_ raw: UnsafeBufferPointer<UInt8>) -> UInt32 {
    store.claims.intern(Self.trimmed(raw))
  }

  /// The id of a claim id given as text.
  mutating func claim(_ text: String) -> UInt32 { store.claims.intern(text) }

  /// The id of a member id given as text.
  mutating func member(_ text: String) -> UInt32 { store.members.intern(text) }

  /// The id of a member id (trimmed).
  mutating func member(_ raw: UnsafeBufferPointer<UInt8>) -> UInt32 {
    store.members.intern(Self.trimmed(raw))
  }

  /// The id of a payer id (trimmed), or the default payer for a blank one.
  mutating func payer(_ raw: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let bytes = Self.trimmed(raw)
    return bytes.isEmpty ? defaultPayer : store.payers.intern(bytes)
  }

  /// A normalised code of `system`, 0 for a blank value; throws the reason a value is not a code.
  mutating func code(_ raw: UnsafeBufferPointer<UInt8>, _ system: CodeSystem) throws(RowError<Void>)
    -> UInt32
  {
    try codeResult(raw, system).get()
  }

  /// A code given as text; see ``code(_:_:)``.
  mutating func code(_ text: String, _ system: CodeSystem) throws(RowError<Void>) -> UInt32 {
    var text = text
    return try text.withUTF8 { codeResult($0, system) }.get()
  }

  private mutating func codeResult(_ raw: UnsafeBufferPointer<UInt8>, _ system: CodeSystem)
    -> Result<UInt32, RowError<Void>>
  {
    let bytes = Self.trimmed(raw)
    if bytes.isEmpty { return .success(0) }
    if system.isNormalized(bytes) { return .success(store.intern(bytes, system)) }
    if let reason = system.normalize(bytes, into: &scratch) {
      return .failure(RowError(.notAClaimCode(reason)))
    }
    return .success(scratch.withUnsafeBufferPointer { store.intern($0, system) })
  }

  /// Where the next code list starts in the pool.
  var listStart: Int { store.codePool.count }

  /// Adds a code id to the list begun at `start`, unless it is 0 or already in the list.
  mutating func add(_ id: UInt32, toListFrom start: Int) {
    guard id != 0, !store.codePool[start...].contains(id) else { return }
    store.codePool.append(id)
  }

  /// The list begun at `start`.
  func list(from start: Int) -> CodeList {
    CodeList(start: UInt32(start), count: UInt32(store.codePool.count - start))
  }
}
