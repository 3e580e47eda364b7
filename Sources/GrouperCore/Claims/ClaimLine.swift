import GrouperSupport

/// A slice of a ``ClaimStore``'s shared code pool: the several diagnoses, procedures or modifiers of a line.
public struct CodeList: Hashable, Sendable {
  /// The first index in the pool.
  public var start: UInt32
  /// How many codes.
  public var count: UInt32

  /// No codes.
  public static let empty = CodeList(start: 0, count: 0)

  /// A value from each of its fields.
  public init(start: UInt32, count: UInt32) {
    self.start = start
    self.count = count
  }
}

/// One claim line, as a few integers: strings and codes are ids in the ``ClaimStore``'s interners.
///
/// A line carries its claim's fields (type, stay dates, DRG, diagnoses) as the native file repeats
/// them on every line, so every rule is evaluated on a line and a claim is the set of its lines.
///
/// Every line of a run is kept in memory, so its fields are laid out without padding: the two
/// 8-byte amounts, then the 4-byte fields, the 2-byte ids of the numeric code systems, then the
/// 1-byte fields (95 bytes, a stride of 96).
/// Amounts few lines carry (standardized, primary payer) live in ``ClaimStore/extraAmounts``.
public struct ClaimLine: Sendable {
  /// The allowed amount.
  public var allowed: Cents
  /// The paid amount (zero when not given).
  public var paid: Cents
  /// The claim id (``ClaimStore/claims``).
  public var claim: UInt32
  /// The line number within the claim.
  public var line: UInt32
  /// The member id (``ClaimStore/members``).
  public var member: UInt32
  /// The payer id (``ClaimStore/payers``).
  public var payer: UInt32
  /// The first day of service.
  public var from: Day
  /// The last day of service.
  public var thru: Day
  /// The admission day (the from date when not given).
  public var admit: Day
  /// The discharge day (the thru date when not given).
  public var discharge: Day
  /// The billing provider (``ClaimStore/codes(_:)`` of `provider`), 0 when none.
  public var billingProvider: UInt32
  /// The rendering provider (``ClaimStore/codes(_:)`` of `provider`), 0 when none.
  public var renderingProvider: UInt32
  /// The principal diagnosis, 0 when none.
  public var principalDx: UInt32
  /// The CPT/HCPCS code, 0 when none.
  public var hcpcs: UInt32
  /// The claim this version replaces or reverses (``ClaimStore/claims``), 0 when none.
  public var replaces: UInt32 = 0
  /// The line of the source file the row came from (lines past 4,294,967,295 keep that number).
  public var sourceLine: UInt32
  /// The line's entry in ``ClaimStore/extraAmounts`` plus one, 0 when it has none.
  public var extraAmounts: UInt32 = 0
  /// Where the line's codes start in ``ClaimStore/codePool``: its other diagnoses, then its
  /// procedures, then its modifiers, one after another (set by ``setCodes(dx:px:modifiers:)``).
  public private(set) var codeStart: UInt32 = 0
  // The codes of the four numeric systems are 2 to 4 digits, normalised to their width
  // (``CodeSystem/normalize(_:into:)``), so a run holds at most 10,000 of each: their ids fit
  // in 16 bits. They are read and set as 32-bit ids like every other code.
  private var drgID: UInt16
  private var revenueCodeID: UInt16
  private var placeOfServiceID: UInt16
  private var dischargeStatusID: UInt16
  /// The claim's setting.
  public var type: ClaimType
  /// Whether the claim is an original, a replacement or a reversal.
  public var version: ClaimVersion = .original
  /// Whether a primary payer other than the line's payer paid something (the amount is in the
  /// store's ``ClaimStore/extraAmounts``); what `primary_payer_paid` rules test.
  public var hasPrimaryPayerPayment = false
  /// Why the reader read the line but it must never be grouped (a RIF row that is not final
  /// action), nil for a line to group; ``ClaimVersions/resolve(_:)`` takes such lines out.
  public var setAside: SetAsideReason?
  /// How many other diagnoses the line has, from ``codeStart``.
  public private(set) var dxCount: UInt8 = 0
  /// How many procedures the line has, after its diagnoses.
  public private(set) var pxCount: UInt8 = 0
  /// How many modifiers the line has, after its procedures.
  public private(set) var modifierCount: UInt8 = 0

  /// The most codes one list of a line holds (a count is one byte). No claim format comes near
  /// it: the 837I, the 837P and the RIF carry at most 25 diagnoses, 25 procedures and 4
  /// modifiers a line; readers reject a field with more.
  public static let maxCodesPerList = Int(UInt8.max)

  /// The MS-DRG, 0 when none.
  public var drg: UInt32 {
    get { UInt32(drgID) }
    set { drgID = UInt16(newValue) }
  }

  /// The revenue code, 0 when none.
  public var revenueCode: UInt32 {
    get { UInt32(revenueCodeID) }
    set { revenueCodeID = UInt16(newValue) }
  }

  /// The place of service, 0 when none.
  public var placeOfService: UInt32 {
    get { UInt32(placeOfServiceID) }
    set { placeOfServiceID = UInt16(newValue) }
  }

  /// The patient discharge status, 0 when none.
  public var dischargeStatus: UInt32 {
    get { UInt32(dischargeStatusID) }
    set { dischargeStatusID = UInt16(newValue) }
  }

  /// The other diagnoses.
  @inline(__always)
  public var dx: CodeList { CodeList(start: codeStart, count: UInt32(dxCount)) }

  /// The ICD-10-PCS procedures.
  @inline(__always)
  public var px: CodeList {
    CodeList(start: codeStart + UInt32(dxCount), count: UInt32(pxCount))
  }

  /// The modifiers.
  @inline(__always)
  public var modifiers: CodeList {
    CodeList(
      start: codeStart + UInt32(dxCount) + UInt32(pxCount), count: UInt32(modifierCount))
  }

  /// A line of no diagnoses, procedures or modifiers (see ``setCodes(dx:px:modifiers:)``), with
  /// a value for each other field.
  public init(
    claim: UInt32, line: UInt32, member: UInt32, payer: UInt32, type: ClaimType, from: Day,
    thru: Day, admit: Day, discharge: Day, billingProvider: UInt32, renderingProvider: UInt32,
    drg: UInt32, principalDx: UInt32, hcpcs: UInt32, revenueCode: UInt32, placeOfService: UInt32,
    dischargeStatus: UInt32, allowed: Cents, paid: Cents, sourceLine: Int
  ) {
    self.allowed = allowed
    self.paid = paid
    self.claim = claim
    self.line = line
    self.member = member
    self.payer = payer
    self.from = from
    self.thru = thru
    self.admit = admit
    self.discharge = discharge
    self.billingProvider = billingProvider
    self.renderingProvider = renderingProvider
    self.drgID = UInt16(drg)
    self.principalDx = principalDx
    self.hcpcs = hcpcs
    self.revenueCodeID = UInt16(revenueCode)
    self.placeOfServiceID = UInt16(placeOfService)
    self.dischargeStatusID = UInt16(dischargeStatus)
    self.sourceLine = UInt32(clamping: sourceLine)
    self.type = type
  }

  /// Sets the line's diagnoses, procedures and modifiers: three lists of the pool placed one
  /// after another in that order, each of at most ``maxCodesPerList`` codes. Anything else is a
  /// programming error (readers reject a field with too many codes before they get here).
  public mutating func setCodes(dx: CodeList, px: CodeList, modifiers: CodeList) {
    precondition(
      px.start == dx.start + dx.count && modifiers.start == px.start + px.count,
      "a line's code lists must be contiguous in the pool: dx, then px, then modifiers")
    precondition(
      max(dx.count, px.count, modifiers.count) <= UInt32(Self.maxCodesPerList),
      "a line's code list holds at most \(Self.maxCodesPerList) codes")
    codeStart = dx.start
    dxCount = UInt8(dx.count)
    pxCount = UInt8(px.count)
    modifierCount = UInt8(modifiers.count)
  }

  /// How many codes the line holds in the pool: its diagnoses, procedures and modifiers.
  public var codeCount: Int { Int(dxCount) + Int(pxCount) + Int(modifierCount) }
}

/// The amounts of a line that few lines carry, kept beside the lines rather than in each.
public struct ExtraAmounts: Sendable, Equatable {
  /// The standardized allowed amount, when the source gave one.
  public var standardized: Cents?
  /// What a primary payer other than the line's payer paid (zero when none did or not given); for
  /// claims paid per stay (RIF, FHIR) the claim's amount on each of its lines, tested, not summed.
  public var primaryPayerPaid: Cents

  /// No standardized amount, nothing paid by a primary payer.
  public static let none = ExtraAmounts(standardized: nil, primaryPayerPaid: .zero)

  /// A value from each of its fields.
  public init(standardized: Cents?, primaryPayerPaid: Cents) {
    self.standardized = standardized
    self.primaryPayerPaid = primaryPayerPaid
  }
}
