import GrouperCore
import GrouperSupport

/// The reasons a claim or member row is rejected that more than one reader gives.
extension Diagnostic.Message {
  /// A native header without some of the required columns; `header` is the whole header.
  static func missingClaimColumns(_ missing: [String], header: [String]) -> Self {
    Self(
      "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) (header: \(header.joined(separator: ",")))"
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
}
