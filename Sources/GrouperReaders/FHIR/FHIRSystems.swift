import GrouperCore

/// The code systems and codes the FHIR reader recognises, as Blue Button 2.0 (CMS) and the CARIN
/// Blue Button implementation guide (payers) write them.
enum FHIRSystems {
  /// Blue Button's claim type (`INPATIENT`, `CARRIER`, `PDE`, …).
  static let blueButtonEOBType = "https://bluebutton.cms.gov/resources/codesystem/eob-type"
  /// Blue Button's copy of the RIF `NCH_CLM_TYPE_CD`.
  static let blueButtonClaimTypeCode =
    "https://bluebutton.cms.gov/resources/variables/nch_clm_type_cd"
  /// The HL7 claim type (`institutional`, `professional`, `pharmacy`, …).
  static let claimType = "http://terminology.hl7.org/CodeSystem/claim-type"
  /// Blue Button's adjudication codes, each a RIF variable's URL.
  static let blueButtonAdjudication = "https://bluebutton.cms.gov/resources/codesystem/adjudication"
  /// Blue Button's variables, prefix of its adjudication, benefit-balance and information codes.
  static let blueButtonVariables = "https://bluebutton.cms.gov/resources/variables/"
  /// The HL7 adjudication categories (`eligible`, `benefit`, `submitted`, …).
  static let adjudication = "http://terminology.hl7.org/CodeSystem/adjudication"

  /// Claim-id identifier systems, in order of preference (Blue Button's CLM_ID and PDE_ID).
  static let claimIDSystems = [blueButtonVariables + "clm_id", blueButtonVariables + "pde_id"]

  /// ICD-10-CM (and ICD-9-CM) diagnosis coding systems, in order of preference.
  static let diagnosisSystems = [
    "http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10",
    "http://hl7.org/fhir/sid/icd-9-cm",
  ]
  /// ICD-10-PCS (and ICD-9-CM volume 3) procedure coding systems, in order of preference.
  static let procedureSystems = [
    "http://www.cms.gov/Medicare/Coding/ICD10", "http://hl7.org/fhir/sid/icd-10-pcs",
    "http://hl7.org/fhir/sid/icd-10",
    "http://hl7.org/fhir/sid/icd-9-cm", "http://www.cms.gov/Medicare/Coding/ICD9",
  ]
  /// HCPCS and CPT coding systems, for `productOrService` and `modifier`.
  static let hcpcsSystems = [
    "https://bluebutton.cms.gov/resources/codesystem/hcpcs", blueButtonVariables + "hcpcs_cd",
    "http://www.ama-assn.org/go/cpt", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
    "urn:oid:2.16.840.1.113883.6.285", "urn:oid:2.16.840.1.113883.6.12",
  ]
  /// Revenue code systems, in order of preference (Blue Button's own REV_CNTR first: its NUBC
  /// coding may carry another field's value).
  static let revenueSystems = [
    blueButtonVariables + "rev_cntr", "https://www.nubc.org/CodeSystem/RevenueCodes",
    "http://terminology.hl7.org/CodeSystem/ex-revenue-center",
  ]
  /// Place-of-service code systems.
  static let placeOfServiceSystems = [
    blueButtonVariables + "line_place_of_srvc_cd",
    "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
  ]

  /// The claim type a Blue Button `eob-type` code names.
  static func blueButtonType(_ code: String) -> ClaimType? {
    switch code.uppercased() {
    case "INPATIENT": return .inpatient
    case "OUTPATIENT": return .outpatient
    case "CARRIER": return .professional
    case "DME": return .dme
    case "HHA": return .homeHealth
    case "HOSPICE": return .hospice
    case "SNF": return .snf
    case "PDE": return .pharmacy
    default: return nil
    }
  }

  /// The claim type an `NCH_CLM_TYPE_CD` names.
  static func typeOfClaimTypeCode(_ code: String) -> ClaimType? {
    switch code {
    case "60", "61": return .inpatient
    case "40": return .outpatient
    case "71": return .professional
    case "72", "81", "82": return .dme
    case "20", "30": return .snf
    case "10": return .homeHealth
    case "50": return .hospice
    default: return nil
    }
  }
}
