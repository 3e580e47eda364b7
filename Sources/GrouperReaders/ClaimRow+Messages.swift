import GrouperCore
import GrouperSupport

/// The reasons a claim or member row is rejected that more than one reader gives.
extension Diagnostic.Message {
  /// A native header without some of the required columns; `header` is the whole header (control
  /// characters in it escaped, so the message stays on one line).
  static func missingClaimColumns(_ missing: [String], header: [String]) -> Self {
    Self(
      "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) (header: \(header.joined(separator: ",").escapedForMessage))"
    )
  }
  /// A blank claim id.
  static let claimIDRequired = Self("a claim id is required")
  /// A blank member id.
  static let memberIDRequired = Self("a member id is required")
  /// A blank RIF `BENE_ID`.
  static let beneficiaryIDRequired = Self("a member id (BENE_ID) is required")
  /// A line number that is not a positive whole number.
  static let notALineNumber = Self("not a line number (a positive whole number)")
  /// A blank claim type.
  static let claimTypeRequired = Self("a claim type is required")
  /// A claim type that is not one of the claim type names.
  static let unknownClaimTypeName = Self(
    "unknown claim type (expected one of \(ClaimType.nameList))")
  /// A blank from date.
  static let fromDateRequired = Self("a from date is required")
  /// A date that is not a real `YYYY-MM-DD` date.
  static let notAnISODate = Self("not a real date in the form YYYY-MM-DD")
  /// A thru date before the from date.
  static func thruBeforeFrom(_ from: Day) -> Self {
    Self("thru date is before the from date \(from)")
  }
  /// A discharge date before the admission date.
  static func dischargeBeforeAdmission(_ admit: Day) -> Self {
    Self("discharge date is before the admission date \(admit)")
  }
  /// A death date before the birth date.
  static func deathBeforeBirth(_ birth: Day) -> Self {
    Self("death date is before the birth date \(birth)")
  }
  /// A blank allowed amount.
  static let allowedAmountRequired = Self("an allowed amount is required")
  /// An amount that is not a decimal amount of dollars and cents.
  static func badAmount(_ error: Cents.ParseError) -> Self { Self(error.description) }
  /// An amount too large to hold in cents.
  static let amountTooLarge = Self("amount is too large")
  /// A code that is not one of its system; `reason` is what ``CodeSystem/normalize(_:into:)`` said.
  static func notAClaimCode(_ reason: String) -> Self { Self(reason) }
  /// A field longer than an id may be.
  static func idTooLong(_ count: Int, limit: Int) -> Self {
    Self("longer than \(limit) bytes (\(count)): not an id")
  }
  /// A code field longer than its system allows.
  static func codeTooLong(_ count: Int, _ system: CodeSystem) -> Self {
    Self("longer than \(system.maxLength) bytes (\(count)): not a \(system.rawValue) code")
  }
  /// A code list field with more distinct codes than a line holds (``ClaimLine/maxCodesPerList``).
  static func tooManyCodes(limit: Int) -> Self {
    Self("more than \(limit) codes in one field")
  }
}

/// The warnings about a claim input's columns (see ``ColumnCoverage``).
extension Diagnostic.Message {
  /// No column for `field` (its `columns` as the input names them), though the definitions
  /// `testers` test it, `triggers` of them in their trigger.
  static func testedColumnMissing(
    _ field: CodeField, columns: [String], testers ids: [String], triggers: [String]?
  ) -> Self {
    let columns = columns.map { "'\($0)'" }.joined(separator: " or ")
    let who =
      ids.count == 1
      ? "definition \(ids[0]) tests" : "definitions \(ids.joined(separator: ", ")) test"
    let consequence: String
    if let t = triggers {
      consequence =
        t == ids && ids.count == 1
        ? "its trigger's tests on \(field.rawValue) can never match lines of this file"
        : "the trigger tests on \(field.rawValue) of \(t.joined(separator: ", ")) can never match lines of this file"
    } else {
      consequence = "those tests can never match lines of this file"
    }
    return Self("no \(columns) column, but \(who) \(field.rawValue) (\(consequence))")
  }
  /// Neither a DRG nor a HCPCS column (`drg`, `hcpcs` as the input names them).
  static func noTriggerColumn(drg: String, hcpcs: String) -> Self {
    Self(
      "no '\(drg)' or '\(hcpcs)' column: no shipped definition's trigger can match a line of this file"
    )
  }
}
