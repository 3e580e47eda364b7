import GrouperCore
import GrouperSupport

/// The reasons an ExplanationOfBenefit, or a FHIR file as a whole, is refused.
extension Diagnostic.Message {
  /// A resource that is not a JSON object; `found` names what it is.
  static func fhirNotAResource(found: String) -> Self {
    Self("expected a FHIR resource (a JSON object), found \(found)")
  }
  /// A resource without `resourceType`.
  static let fhirNoResourceType = Self("a FHIR resource needs a resourceType")
  /// A resource of another type.
  static let fhirNotAnEOB = Self("not an ExplanationOfBenefit resource")
  /// A value a JSON reader refused with an error that is not a diagnostic.
  static func fhirUnreadable(_ error: any Error) -> Self { Self("\(error)") }
  /// A date without a day, or not a date.
  static let fhirNotAFullDate = Self("not a full date in the form YYYY-MM-DD")
  /// A Money object without `value`.
  static let fhirAmountWithoutValue = Self("an amount needs a value")
  /// An EOB without items whose amounts are the items' own.
  static func fhirNeedsItems(_ type: ClaimType) -> Self {
    Self("an EOB of a \(type) claim needs items: its amounts are the items' own")
  }
  /// An item without `sequence`.
  static let fhirItemWithoutSequence = Self("an item needs a sequence")
  /// An EOB whose status is not `active`.
  static let fhirNotActive = Self(
    "only active claims are read, and cancelled or entered-in-error ones set aside (a draft EOB would count dollars that were not paid)"
  )
  /// An EOB whose use is not `claim`.
  static let fhirNotAClaim = Self("not a claim: only EOBs whose use is 'claim' are read")
  /// An EOB without an element it must have; `what` names it (`a patient`).
  static func fhirNeeds(_ what: String) -> Self { Self("an EOB needs \(what)") }
  /// A period without `start`; `name` is the element (`billablePeriod`).
  static func fhirPeriodWithoutStart(_ name: String) -> Self {
    Self("the \(name) needs a start")
  }
  /// A period whose end is before its start.
  static func fhirPeriodReversed(_ name: String, start: Day) -> Self {
    Self("the \(name) ends before it starts (\(start))")
  }
  /// An admission period whose end is before its start.
  static func fhirAdmissionReversed(admit: Day, discharge: Day) -> Self {
    Self("the admission period ends (\(discharge)) before it starts (\(admit))")
  }
  /// A diagnosis given by reference instead of a codeable concept.
  static func fhirDiagnosisWithoutConcept(_ index: Int) -> Self {
    Self(
      "diagnosis[\(index)] needs a diagnosisCodeableConcept (references to Conditions are not read)"
    )
  }
  /// A procedure without a codeable concept.
  static func fhirProcedureWithoutConcept(_ index: Int) -> Self {
    Self("procedure[\(index)] needs a procedureCodeableConcept")
  }
  /// A diagnosis or procedure with no coding of a system the grouper reads; `system` is the
  /// ICD-10 system read beside ICD-9-CM.
  static func fhirNoCoding(_ element: String, _ index: Int, _ system: String) -> Self {
    Self("\(element)[\(index)] has no \(system) or ICD-9-CM coding")
  }
  /// A patient reference with nothing after `Patient/`.
  static let fhirEmptyPatientReference = Self("the patient reference names no patient")
  /// A patient with neither a reference nor an identifier.
  static let fhirPatientWithoutID = Self(
    "the patient needs a reference (Patient/ID) or an identifier")
  /// A Blue Button eob-type code that is not one of its claim types.
  static let fhirNotABlueButtonType = Self(
    "not a Blue Button claim type (CARRIER, DME, HHA, HOSPICE, INPATIENT, OUTPATIENT, PDE, SNF)")
  /// An NCH claim type code of no fee-for-service claim.
  static let fhirNotAnNCHTypeCode = Self("not a fee-for-service NCH claim type code")
  /// An institutional claim that is neither inpatient nor outpatient.
  static let fhirInstitutionalWithoutSubType = Self(
    "an institutional claim needs a subType of inpatient or outpatient")
  /// An HL7 claim type other than institutional, professional and pharmacy.
  static let fhirUnreadClaimType = Self(
    "not a claim type the grouper reads (institutional, professional or pharmacy)")
  /// A type with no coding of a system the grouper knows.
  static let fhirNoKnownClaimType = Self(
    "no claim type the grouper knows (Blue Button eob-type, NCH claim type code, or HL7 claim-type)"
  )
  /// A provider reference that names no contained resource.
  static let fhirProviderNotContained = Self(
    "the provider reference names no contained resource")
  /// More than one eligible adjudication, so the allowed amount is ambiguous.
  static func fhirSeveralEligible(_ count: Int) -> Self {
    Self(
      "\(count) adjudications of category 'eligible': cannot tell which is the allowed amount")
  }
  /// An item without an eligible adjudication.
  static let fhirItemWithoutAllowed = Self(
    "the item has no allowed amount (an adjudication of category 'eligible')")
  /// An EOB without the total that gives its allowed amount; `categories` names the categories.
  static func fhirNoAllowedTotal(_ categories: String) -> Self {
    Self("no allowed amount: a total of category \(categories) is needed")
  }
  /// A line whose service ends before the admission.
  static func fhirLineBeforeAdmission(admit: Day, ends: Day) -> Self {
    Self("the line ends (\(ends)) before the admission (\(admit))")
  }
  /// A Bundle entry without `resource`.
  static let fhirEntryWithoutResource = Self("a Bundle entry needs a resource")
  /// A FHIR input with no bytes but white space.
  static let fhirEmptyFile = Self("the file is empty: FHIR JSON or NDJSON is required")
  /// A FHIR input with no ExplanationOfBenefit.
  static let fhirNoEOBs = Self("the file holds no ExplanationOfBenefit resources")
}
