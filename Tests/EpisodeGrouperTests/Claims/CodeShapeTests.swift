import Testing

@testable import GrouperCore
@testable import GrouperSupport

/// Each code system's shape check on normalised codes: valid, kept with a warning, or malformed.
@Suite("Code shapes per system")
struct CodeShapeTests {
  func shape(_ code: String, _ system: CodeSystem) -> CodeShape {
    var text = code
    return text.withUTF8 { system.shape(of: $0) }
  }

  static let cm = "not an ICD-10-CM code (a letter, a digit, then 1 to 5 letters or digits)"
  static let pcs = "not an ICD-10-PCS code (7 characters of 0-9 and A-Z without O and I)"

  @Test(
    "malformed codes are refused with the system's shape",
    arguments: [
      ("O039!", CodeSystem.icd10CM, "not an ICD-10-CM code: only letters and digits are allowed"),
      ("E1", .icd10CM, cm), ("E11965432", .icd10CM, cm), ("1E11", .icd10CM, cm),
      ("EE11", .icd10CM, cm), ("V1", .icd10CM, cm),
      ("0SRC0JO", .icd10PCS, pcs), ("0SRI0J9", .icd10PCS, pcs), ("0SRC0J", .icd10PCS, pcs),
      ("9", .icd10PCS, pcs),
      ("274470", .hcpcs, "not a HCPCS/CPT code (5 letters or digits)"),
      ("2744.", .hcpcs, "not a HCPCS/CPT code: only letters and digits are allowed"),
      ("RTLTX5", .modifier, "not a modifier (2 letters or digits)"),
      ("10 01", .provider, "not a provider id (printable ASCII without spaces)"),
      ("100\u{E9}01", .provider, "not a provider id (printable ASCII without spaces)"),
    ])
  func malformed(_ code: String, _ system: CodeSystem, _ reason: String) {
    #expect(shape(code, system) == .malformed(Diagnostic.Message(reason)))
  }

  @Test(
    "valid codes of each system",
    arguments: [
      ("E119", CodeSystem.icd10CM), ("M1711", .icd10CM), ("Z3A39", .icd10CM), ("U071", .icd10CM),
      ("S72001A", .icd10CM),
      // ICD-9-CM's V and E codes have the ICD-10-CM shape: they pass as such.
      ("V5789", .icd10CM), ("E8889", .icd10CM), ("0SRC0J9", .icd10PCS), ("10E0XZZ", .icd10PCS),
      ("27447", .hcpcs),
      ("G0283", .hcpcs), ("0001F", .hcpcs), ("0223T", .hcpcs), ("0001U", .hcpcs), ("0001A", .hcpcs),
      ("RT", .modifier), ("59", .modifier), ("470", .msDRG), ("0450", .revenueCode),
      ("21", .placeOfService), ("20", .dischargeStatus), ("1234567893", .provider),
      ("100001", .provider), ("05T001", .provider),
    ])
  func valid(_ code: String, _ system: CodeSystem) {
    #expect(shape(code, system) == .valid)
  }

  @Test(
    "codes real extracts hold are kept with a warning of their kind",
    arguments: [
      ("53081", CodeSystem.icd10CM, CodeWarning.icd9Diagnosis), ("3736", .icd10CM, .icd9Diagnosis),
      ("25000", .icd10CM, .icd9Diagnosis),
      ("9214", .icd10PCS, .icd9Procedure), ("M99", .hcpcs, .hcpcsShape),
      ("2GGGG", .hcpcs, .hcpcsShape), ("345", .hcpcs, .hcpcsShape),
      ("Q9999", .modifier, .modifierShape), ("1234567890", .provider, .npiCheckDigit),
      ("0000000001", .provider, .npiCheckDigit), ("12345", .provider, .providerShape),
      ("PCP257488", .provider, .providerShape), ("AB1234", .provider, .providerShape),
    ])
  func warned(_ code: String, _ system: CodeSystem, _ kind: CodeWarning) {
    #expect(shape(code, system) == .warning(kind))
  }

  @Test("the NPI check digit is the Luhn digit over 80840 and the first nine digits")
  func npiCheckDigit() {
    // 1234567893, from the check digit leftwards: 3 + (9·2 → 9) + 8 + (7·2 → 5) + 6 + (5·2 → 1)
    // + 4 + (3·2) + 2 + (1·2) = 46; the prefix 80840 adds 24: 70, a multiple of 10.
    for (npi, holds) in [("1234567893", true), ("1234567890", false), ("1234567894", false)] {
      var text = npi
      #expect(text.withUTF8 { CodeSystem.npiCheckDigitHolds($0) } == holds)
    }
  }
}
