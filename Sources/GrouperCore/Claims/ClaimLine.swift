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
public struct ClaimLine: Sendable {
  /// The claim id (``ClaimStore/claims``).
  public var claim: UInt32
  /// The line number within the claim.
  public var line: UInt32
  /// The member id (``ClaimStore/members``).
  public var member: UInt32
  /// The payer id (``ClaimStore/payers``).
  public var payer: UInt32
  /// The claim's setting.
  public var type: ClaimType
  // The one-byte fields below sit beside `type`, in what would be padding. Amounts few lines
  // carry (standardized, primary payer) live in ``ClaimStore/extraAmounts``: a line is 120 bytes.
  /// Whether the claim is an original, a replacement or a reversal.
  public var version: ClaimVersion = .original
  /// Whether a primary payer other than the line's payer paid something (the amount is in the
  /// store's ``ClaimStore/extraAmounts``); what `primary_payer_paid` rules test.
  public var hasPrimaryPayerPayment = false
  /// Why the reader read the line but it must never be grouped (a RIF row that is not final
  /// action), nil for a line to group; ``ClaimVersions/resolve(_:)`` takes such lines out.
  public var setAside: SetAsideReason?
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
  /// The MS-DRG , 0 when none.
  public var drg: UInt32
  /// The principal diagnosis, 0 when none.
  public var principalDx: UInt32
  /// The other diagnoses.
  public var dx: CodeList
  /// The ICD-10-PCS procedures.
  public var px: CodeList
  /// The CPT/HCPCS code, 0 when none.
  public var hcpcs: UInt32
  /// The modifiers.
  public var modifiers: CodeList
  /// The revenue code, 0 when none.
  public var revenueCode: UInt32
  /// The place of service, 0 when none.
  public var placeOfService: UInt32
  /// The patient discharge status, 0 when none.
  public var dischargeStatus: UInt32
  /// The claim this version replaces or reverses (``ClaimStore/claims``), 0 when none.
  public var replaces: UInt32 = 0
  /// The allowed amount.
  public var allowed: Cents
  /// The paid amount (zero when not given).
  public var paid: Cents
  /// The line of the source file the row came from (lines past 4,294,967,295 keep that number).
  public var sourceLine: UInt32
  /// The line's entry in ``ClaimStore/extraAmounts`` plus one, 0 when it has none.
  public var extraAmounts: UInt32 = 0

  /// A value from each of its fields.
  public init(
    claim: UInt32, line: UInt32, member: UInt32, payer: UInt32, type: ClaimType, from: Day,
    thru: Day, admit: Day, discharge: Day, billingProvider: UInt32, renderingProvider: UInt32,
    drg: UInt32, principalDx: UInt32, dx: CodeList, px: CodeList, hcpcs: UInt32,
    modifiers: CodeList, revenueCode: UInt32, placeOfService: UInt32, dischargeStatus: UInt32,
    allowed: Cents, paid: Cents, sourceLine: Int
  ) {
    self.claim = claim
    self.line = line
    self.member = member
    self.payer = payer
    self.type = type
    self.from = from
    self.thru = thru
    self.admit = admit
    self.discharge = discharge
    self.billingProvider = billingProvider
    self.renderingProvider = renderingProvider
    self.drg = drg
    self.principalDx = principalDx
    self.dx = dx
    self.px = px
    self.hcpcs = hcpcs
    self.modifiers = modifiers
    self.revenueCode = revenueCode
    self.placeOfService = placeOfService
    self.dischargeStatus = dischargeStatus
    self.allowed = allowed
    self.paid = paid
    self.sourceLine = UInt32(clamping: sourceLine)
  }
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
