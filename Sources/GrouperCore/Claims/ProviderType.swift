/// The kind of facility a CMS Certification Number (CCN) names, read from the CCN itself.
///
/// A CCN is six characters: two for the state, then four whose range says the facility type
/// (CMS State Operations Manual, chapter 2, §2779A; the same ranges CMS's shadow-bundle code
/// reads from its `IPPS_Codes`, `CAH_Codes`, `LTCH_Codes` and `IRF_Codes` lists). A third
/// character `T` marks a rehabilitation unit and `S` a psychiatric unit of a hospital; a sixth
/// character `E` or `F` an emergency hospital and a fifth `V` a veterans' hospital. An id that is
/// not a CCN (an NPI) has no type.
public enum ProviderType: String, CaseIterable, Sendable {
  /// A short-term acute-care hospital paid under IPPS (xx0001–xx0879).
  case shortTermAcute = "short_term_acute"
  /// A critical access hospital (xx1300–xx1399).
  case criticalAccess = "critical_access"
  /// A long-term care hospital (xx2000–xx2299).
  case longTermCare = "long_term_care"
  /// An inpatient rehabilitation facility (xx3025–xx3099) or unit (`xxTxxx`).
  case rehabilitation
  /// A psychiatric hospital (xx4000–xx4499) or unit (`xxSxxx`).
  case psychiatric
  /// A children's hospital (xx3300–xx3399).
  case childrens
  /// An emergency hospital (sixth character `E` or `F`) or a veterans' hospital (fifth `V`).
  case emergencyOrVeterans = "emergency_or_veterans"
  /// Any other CCN: a skilled nursing facility, home health agency, hospice, clinic.
  case other
  /// Not a CCN (an NPI, or an id of another shape).
  case unknown

  /// The type of the facility a provider id names.
  public init(provider: some Collection<UInt8>) {
    // Most provider ids are ten-digit NPIs: told apart by length before any copy is made.
    guard provider.count == 6 else {
      self = .unknown
      return
    }
    let bytes = Array(provider)
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    guard isDigit(bytes[0]), isDigit(bytes[1]) else {
      self = .unknown
      return
    }
    if bytes[5] == UInt8(ascii: "E") || bytes[5] == UInt8(ascii: "F")
      || bytes[4] == UInt8(ascii: "V")
    {
      self = .emergencyOrVeterans
      return
    }
    if bytes[2] == UInt8(ascii: "T") || bytes[2] == UInt8(ascii: "R") {
      self = .rehabilitation
      return
    }
    if bytes[2] == UInt8(ascii: "S") || bytes[2] == UInt8(ascii: "M") {
      self = .psychiatric
      return
    }
    guard bytes[2...5].allSatisfy(isDigit) else {
      self = .other
      return
    }
    let n = bytes[2...5].reduce(0) { $0 * 10 + Int($1 - 48) }
    switch n {
    case 1...879: self = .shortTermAcute
    case 1300...1399: self = .criticalAccess
    case 2000...2299: self = .longTermCare
    case 3025...3099: self = .rehabilitation
    case 3300...3399: self = .childrens
    case 4000...4499: self = .psychiatric
    default: self = .other
    }
  }

  /// The list of names, for messages.
  public static var nameList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
