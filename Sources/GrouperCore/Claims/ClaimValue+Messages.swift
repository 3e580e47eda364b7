import GrouperSupport

/// The reasons the core's value checks give for a claim field (a code that breaks its system's
/// shape, a date outside the plausible range), and the warnings for codes kept all the same.
extension Diagnostic.Message {
  /// A provider id with spaces or bytes outside printable ASCII.
  package static let notAProviderID = Self("not a provider id (printable ASCII without spaces)")
  /// A code of `system` with something other than letters and digits.
  package static func notLettersAndDigits(_ system: CodeSystem) -> Self {
    let article = system == .icd10CM || system == .icd10PCS ? "an" : "a"
    return Self("not \(article) \(system.title) code: only letters and digits are allowed")
  }
  /// A diagnosis without the ICD-10-CM shape.
  package static let notAnICD10CMCode = Self(
    "not an ICD-10-CM code (a letter, a digit, then 1 to 5 letters or digits)")
  /// A procedure without the ICD-10-PCS shape.
  package static let notAnICD10PCSCode = Self(
    "not an ICD-10-PCS code (7 characters of 0-9 and A-Z without O and I)")
  /// A HCPCS field longer than five characters.
  package static let notAHCPCSCode = Self("not a HCPCS/CPT code (5 letters or digits)")
  /// A modifier longer than five characters.
  package static let notAModifier = Self("not a modifier (2 letters or digits)")
  /// A date outside the plausible range `bounds`.
  package static func dateOutOfRange(_ bounds: DateBounds) -> Self {
    Self(
      "date outside the plausible range \(bounds.first) to \(bounds.last) (change it with --date-range)"
    )
  }
  /// Codes of `kind` kept though they break their system's shape: how many, and the first few
  /// places (`claims.csv:2:10 '1234567890'`).
  package static func codeWarnings(_ kind: CodeWarning, count: Int, examples: [String]) -> Self {
    Self(
      "\(count) \(kind.rawValue): \(kind.meaning) (e.g. " + examples.joined(separator: ", ") + ")")
  }
}
