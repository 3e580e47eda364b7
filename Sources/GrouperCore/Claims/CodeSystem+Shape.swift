import GrouperSupport

/// What a normalised code read from a claim is, against its system's shape.
package enum CodeShape: Equatable, Sendable {
  /// The code has the system's shape.
  case valid
  /// The code breaks the shape in a way real extracts often do: kept, and counted.
  case warning(CodeWarning)
  /// The code is no code of the system: the row is rejected with this reason.
  case malformed(Diagnostic.Message)
}

extension CodeSystem {
  /// The most bytes a claim field of this system may hold (after trimming, before
  /// normalisation): 64 for provider ids, 16 for codes.
  package var maxLength: Int { self == .provider ? 64 : 16 }

  /// Checks a normalised code read from a claim against the system's shape.
  ///
  /// - ICD-10-CM: a letter, a digit, then 1 to 5 letters or digits; ICD-9-CM's numeric codes
  ///   (3–5 digits) are kept with a warning (its V and E codes have the ICD-10-CM shape).
  /// - ICD-10-PCS: 7 characters of 0–9 and A–Z without O and I; ICD-9 forms (2–4 digits) warn.
  /// - HCPCS/CPT: 5 digits, a letter and 4 digits, or 4 digits and a letter (Category II `F`,
  ///   III `T`, PLA `U`, vaccine `A`); other letters and digits up to 5 long warn.
  /// - Modifier: 2 letters or digits; other letters and digits up to 5 long warn.
  /// - MS-DRG, revenue code, place of service, discharge status: digits (checked by
  ///   ``normalize(_:into:)``).
  /// - Provider: printable ASCII without spaces; an NPI (10 digits, Luhn check digit with prefix 80840) or a
  ///   CCN (2 digits and 4 letters or digits); a bad check digit, or another shape, warns.
  package func shape(of code: UnsafeBufferPointer<UInt8>) -> CodeShape {
    if numericWidth != nil { return .valid }
    let n = code.count
    if self == .provider {
      for c in code where c <= 0x20 || c > 0x7E {
        return .malformed(.notAProviderID)
      }
      if n == 10 && code.allSatisfy(Self.isDigit) {
        return Self.npiCheckDigitHolds(code) ? .valid : .warning(.npiCheckDigit)
      }
      if n == 6 && Self.isDigit(code[0]) && Self.isDigit(code[1])
        && code[2...].allSatisfy(Self.isUpperAlnum)
      {
        return .valid
      }
      return .warning(.providerShape)
    }
    guard code.allSatisfy(Self.isUpperAlnum) else {
      return .malformed(.notLettersAndDigits(self))
    }
    switch self {
    case .icd10CM:
      if (3...7).contains(n) && Self.isLetter(code[0]) && Self.isDigit(code[1]) { return .valid }
      // ICD-9-CM's V and E codes have the ICD-10-CM shape already; its numeric codes do not.
      if (3...5).contains(n) && code.allSatisfy(Self.isDigit) { return .warning(.icd9Diagnosis) }
      return .malformed(.notAnICD10CMCode)
    case .icd10PCS:
      if n == 7 && code.allSatisfy({ $0 != UInt8(ascii: "O") && $0 != UInt8(ascii: "I") }) {
        return .valid
      }
      if (2...4).contains(n) && code.allSatisfy(Self.isDigit) { return .warning(.icd9Procedure) }
      return .malformed(.notAnICD10PCSCode)
    case .hcpcs:
      if n == 5 {
        let tail4 = code[1...].allSatisfy(Self.isDigit)
        let head4 = code[..<4].allSatisfy(Self.isDigit)
        if (Self.isDigit(code[0]) || Self.isLetter(code[0])) && tail4 { return .valid }
        if head4 && Self.isLetter(code[4]) { return .valid }
      }
      if n <= 5 { return .warning(.hcpcsShape) }
      return .malformed(.notAHCPCSCode)
    case .modifier:
      if n == 2 { return .valid }
      if n <= 5 { return .warning(.modifierShape) }
      return .malformed(.notAModifier)
    default:
      return .valid
    }
  }

  /// The system's name in messages.
  var title: String {
    switch self {
    case .icd10CM: return "ICD-10-CM"
    case .icd10PCS: return "ICD-10-PCS"
    case .hcpcs: return "HCPCS/CPT"
    case .modifier: return "modifier"
    default: return rawValue
    }
  }

  /// Whether a ten-digit NPI's last digit is its Luhn check digit, computed over `80840` and the
  /// first nine digits (the ISO card-issuer prefix the NPI standard uses).
  static func npiCheckDigitHolds(_ npi: UnsafeBufferPointer<UInt8>) -> Bool {
    // The prefix 80840 adds 24: counted from the check digit, its 8, 8 and 0 stand undoubled and
    // its 0 and 4 doubled (8 + 0 + 8 + 8 + 0).
    var sum = 24
    for (k, c) in npi.enumerated() {
      var d = Int(c - 48)
      // From the right, the check digit (position 0) is not doubled, position 1 is, and so on.
      if (9 - k) % 2 == 1 {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
    }
    return sum % 10 == 0
  }

  /// Whether a byte is an ASCII digit.
  private static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
  /// Whether a byte is an upper-case ASCII letter.
  private static func isLetter(_ c: UInt8) -> Bool { c &- 65 < 26 }
  /// Whether a byte is an ASCII digit or upper-case letter.
  private static func isUpperAlnum(_ c: UInt8) -> Bool { isDigit(c) || isLetter(c) }
}
