/// A kind of code that real extracts often hold though it breaks its system's shape, or a claim
/// whose lines do not add up to its total: the row is kept, and the run counts the warning by kind
/// in `summary.json`.
package enum CodeWarning: String, CaseIterable, Sendable, Comparable {
  /// A diagnosis in ICD-9-CM's numeric form (`53081`): claims before October 2015 carry them.
  case icd9Diagnosis = "icd9_diagnosis"
  /// A procedure in ICD-9-CM form (`9214`).
  case icd9Procedure = "icd9_procedure"
  /// A HCPCS field of letters and digits that is no CPT or Level II code (a local code, `M99`).
  case hcpcsShape = "hcpcs_shape"
  /// A modifier of letters and digits that is not two characters long (`Q9999`).
  case modifierShape = "modifier_shape"
  /// A ten-digit provider id whose NPI check digit (Luhn, with the 80840 prefix) is wrong.
  case npiCheckDigit = "npi_check_digit"
  /// A provider id that is neither an NPI (ten digits) nor a CCN (two digits and four letters or digits).
  case providerShape = "provider_shape"
  /// A claim whose line payments do not sum to its claim-level payment (RIF `CLM_PMT_AMT`).
  case lineSumDiffers = "line_sum_differs"

  /// What the warning means, for the line on stderr.
  package var meaning: String {
    switch self {
    case .icd9Diagnosis: return "diagnoses in ICD-9-CM form (kept as read)"
    case .icd9Procedure: return "procedures in ICD-9-CM form (kept as read)"
    case .hcpcsShape: return "HCPCS codes that are no CPT or Level II code (kept as read)"
    case .modifierShape: return "modifiers that are not two letters or digits (kept as read)"
    case .npiCheckDigit: return "ten-digit provider ids with a wrong NPI check digit"
    case .providerShape: return "provider ids that are neither an NPI nor a CCN"
    case .lineSumDiffers: return "claims whose line payments do not sum to the claim payment"
    }
  }

  /// The kind's position in `allCases`, to index per-kind tables.
  package var index: Int {
    switch self {
    case .icd9Diagnosis: return 0
    case .icd9Procedure: return 1
    case .hcpcsShape: return 2
    case .modifierShape: return 3
    case .npiCheckDigit: return 4
    case .providerShape: return 5
    case .lineSumDiffers: return 6
    }
  }

  /// Ordered by declaration, so reports list kinds in a fixed order.
  package static func < (lhs: CodeWarning, rhs: CodeWarning) -> Bool { lhs.index < rhs.index }
}
