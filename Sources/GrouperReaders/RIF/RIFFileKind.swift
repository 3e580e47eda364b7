import GrouperCore
import GrouperSupport

/// A file of a CMS Research Identifiable File (RIF) extract, as the Chronic Conditions Warehouse
/// lays it out: pipe-delimited, one header row of CCW column names, one claim line per row.
///
/// A file's kind is recognised from its header, not its name, so renamed files still read; the
/// claim type of each row then comes from its `NCH_CLM_TYPE_CD`, which must belong to the kind.
package enum RIFFileKind: String, CaseIterable, Sendable, CustomStringConvertible {
  /// Part A inpatient hospital claims (`NCH_CLM_TYPE_CD` 60, 61).
  case inpatient
  /// Part B hospital outpatient claims (40).
  case outpatient
  /// Part B professional claims processed by carriers (71, and 72 for DMEPOS).
  case carrier
  /// Skilled nursing facility claims (20, 30).
  case snf
  /// Home health agency claims (10).
  case hha
  /// Hospice claims (50).
  case hospice
  /// Durable medical equipment claims processed by DME MACs (81, 82).
  case dme
  /// Part D prescription drug events.
  case pde
  /// Annual beneficiary summary rows: demographics and the monthly entitlement indicators.
  case beneficiary
  /// Beneficiary history rows: earlier values of demographic fields, without coverage months.
  case beneficiaryHistory = "beneficiary_history"

  /// The kind's name, as messages write it.
  package var description: String { rawValue }

  /// Whether rows of this kind are claim lines.
  package var holdsClaims: Bool { self != .beneficiary && self != .beneficiaryHistory }

  /// Whether claim-level amounts carry the claim's dollars (institutional claims paid per stay,
  /// per period or per day), rather than each line's own amounts.
  var paysAtClaimLevel: Bool {
    switch self {
    case .inpatient, .snf, .hha, .hospice, .pde: return true
    case .outpatient, .carrier, .dme, .beneficiary, .beneficiaryHistory: return false
    }
  }

  /// The kind of the RIF file at `path`, recognised from its header row, or nil when it is not a
  /// RIF file (missing, not pipe-delimited, or a header of no RIF layout).
  package static func of(file path: String) -> RIFFileKind? {
    RIFHeader.peek(path: path).flatMap { RIFHeader($0).kind }
  }

  /// Recognises a file from the column names of its header row, or nil when it is not a RIF file.
  static func recognise(_ columns: Set<String>) -> RIFFileKind? {
    if columns.contains("PDE_ID") { return .pde }
    if !columns.contains("CLM_ID") {
      guard columns.contains("BENE_ID"), columns.contains("BENE_BIRTH_DT") else { return nil }
      return columns.contains("RFRNC_YR") || columns.contains("MDCR_ENTLMT_BUYIN_1_IND")
        ? .beneficiary : .beneficiaryHistory
    }
    guard columns.contains("BENE_ID"), columns.contains("NCH_CLM_TYPE_CD") else { return nil }
    if columns.contains("LINE_ALOWD_CHRG_AMT") {
      return columns.contains("DMERC_LINE_SUPPLR_TYPE_CD") || columns.contains("PRVDR_NPI")
        ? .dme : .carrier
    }
    guard columns.contains("REV_CNTR") else { return nil }
    if columns.contains("NCH_BENE_PTB_DDCTBL_AMT") { return .outpatient }
    if columns.contains("CLM_HOSPC_START_DT_ID") { return .hospice }
    if columns.contains("CLM_HHA_TOT_VISIT_CNT") { return .hha }
    if columns.contains("CLM_PASS_THRU_PER_DIEM_AMT") { return .inpatient }
    if columns.contains("CLM_DRG_CD") { return .snf }
    return nil
  }

  /// The claim type of a row with this `NCH_CLM_TYPE_CD` in a file of this kind, or why the code
  /// does not belong here.
  func claimType(typeCode code: String) -> Result<ClaimType, RowError<Void>> {
    let types: [String: ClaimType]
    switch self {
    case .inpatient: types = ["60": .inpatient, "61": .inpatient]
    case .outpatient: types = ["40": .outpatient]
    case .carrier: types = ["71": .professional, "72": .dme]
    case .snf: types = ["20": .snf, "30": .snf]
    case .hha: types = ["10": .homeHealth]
    case .hospice: types = ["50": .hospice]
    case .dme: types = ["81": .dme, "82": .dme]
    case .pde, .beneficiary, .beneficiaryHistory: types = [:]
    }
    if let t = types[code] { return .success(t) }
    if ["62", "63", "64"].contains(code) {
      return .failure(RowError(.medicareAdvantageClaim))
    }
    let known = types.keys.sorted().joined(separator: ", ")
    if let other = RIFFileKind.kind(ofTypeCode: code) {
      return .failure(RowError(.claimTypeOfOtherFile(other, self, expected: known)))
    }
    return .failure(RowError(.notATypeCode(of: self, expected: known)))
  }

  private static func kind(ofTypeCode code: String) -> RIFFileKind? {
    switch code {
    case "60", "61": return .inpatient
    case "40": return .outpatient
    case "71", "72": return .carrier
    case "20", "30": return .snf
    case "10": return .hha
    case "50": return .hospice
    case "81", "82": return .dme
    default: return nil
    }
  }
}

extension Diagnostic.Message {
  /// An `NCH_CLM_TYPE_CD` of a Medicare Advantage claim.
  static let medicareAdvantageClaim = Self(
    "a Medicare Advantage claim (IME/GME, no-pay or encounter), not a fee-for-service claim")
  /// An `NCH_CLM_TYPE_CD` that belongs in another kind of RIF file; `known` lists this file's.
  static func claimTypeOfOtherFile(
    _ other: RIFFileKind, _ kind: RIFFileKind, expected known: String
  )
    -> Self
  {
    Self("a claim type of the \(other) file, not of the \(kind) file (expected \(known))")
  }
  /// An `NCH_CLM_TYPE_CD` no RIF file has; `known` lists this file's.
  static func notATypeCode(of kind: RIFFileKind, expected known: String) -> Self {
    Self("not an NCH claim type code of the \(kind) file (expected \(known))")
  }
}
