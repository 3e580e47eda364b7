/// A field of a claim line, as the native CSV names its column: every reader fills these
/// fields, and a rejection names the field at fault.
public enum ClaimField: Int, CaseIterable, Sendable {
  case claimID
  case line
  case memberID
  case payerID
  case claimType
  case fromDate
  case thruDate
  case admitDate
  case dischargeDate
  case billingProvider
  case renderingProvider
  case drg
  case principalDx
  case dx
  case px
  case hcpcs
  case modifiers
  case revenueCode
  case placeOfService
  case dischargeStatus
  case allowedAmount
  case paidAmount
  case standardizedAmount
  case primaryPayerPaid
  case adjustmentType
  case replacesClaimID

  /// The column's name in the header.
  public var name: String {
    switch self {
    case .claimID: return "claim_id"
    case .line: return "line"
    case .memberID: return "member_id"
    case .payerID: return "payer_id"
    case .claimType: return "claim_type"
    case .fromDate: return "from_date"
    case .thruDate: return "thru_date"
    case .admitDate: return "admit_date"
    case .dischargeDate: return "discharge_date"
    case .billingProvider: return "billing_provider"
    case .renderingProvider: return "rendering_provider"
    case .drg: return "drg"
    case .principalDx: return "principal_dx"
    case .dx: return "dx"
    case .px: return "px"
    case .hcpcs: return "hcpcs"
    case .modifiers: return "modifiers"
    case .revenueCode: return "revenue_code"
    case .placeOfService: return "place_of_service"
    case .dischargeStatus: return "discharge_status"
    case .allowedAmount: return "allowed_amount"
    case .paidAmount: return "paid_amount"
    case .standardizedAmount: return "standardized_amount"
    case .primaryPayerPaid: return "primary_payer_paid"
    case .adjustmentType: return "adjustment_type"
    case .replacesClaimID: return "replaces_claim_id"
    }
  }

  /// The column with this header name.
  public init?(name: String) {
    guard let c = ClaimField.allCases.first(where: { $0.name == name }) else { return nil }
    self = c
  }

  /// Whether every file must have the column.
  public var isRequired: Bool {
    switch self {
    case .claimID, .memberID, .claimType, .fromDate, .allowedAmount: return true
    default: return false
    }
  }
}
