/// The setting of a claim, as the native claim file names it.
public enum ClaimType: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
  /// An acute inpatient hospital stay (Part A inpatient, UB-04 type of bill 11x).
  case inpatient
  /// A hospital outpatient claim (UB-04 type of bill 13x).
  case outpatient
  /// A physician or other practitioner claim (CMS-1500, the Part B carrier file).
  case professional
  /// A skilled nursing facility stay.
  case snf
  /// A home health period of care.
  case homeHealth
  /// Hospice care.
  case hospice
  /// Durable medical equipment.
  case dme
  /// A pharmacy (Part D) claim.
  case pharmacy

  /// The name used in claim files and definitions: `inpatient`, `home_health`, …
  public var name: String {
    switch self {
    case .inpatient: return "inpatient"
    case .outpatient: return "outpatient"
    case .professional: return "professional"
    case .snf: return "snf"
    case .homeHealth: return "home_health"
    case .hospice: return "hospice"
    case .dme: return "dme"
    case .pharmacy: return "pharmacy"
    }
  }

  /// The value as text, as outputs and messages write it.
  public var description: String { name }

  /// The claim type with this name (case-insensitive), or nil.
  public init?(name: some StringProtocol) {
    guard let t = ClaimType.allCases.first(where: { $0.name == name.lowercased() }) else {
      return nil
    }
    self = t
  }

  /// The claim type named by these bytes (ASCII, case-insensitive), or nil.
  public init?(bytes: UnsafeBufferPointer<UInt8>) {
    for t in ClaimType.allCases where t.nameBytes.count == bytes.count {
      var same = true
      for (i, c) in t.nameBytes.enumerated() {
        let b =
          bytes[i] >= UInt8(ascii: "A") && bytes[i] <= UInt8(ascii: "Z") ? bytes[i] + 32 : bytes[i]
        if b != c {
          same = false
          break
        }
      }
      if same {
        self = t
        return
      }
    }
    return nil
  }

  private static let names = ClaimType.allCases.map { Array($0.name.utf8) }

  private var nameBytes: [UInt8] { ClaimType.names[Int(rawValue)] }

  /// The list of names, for messages.
  public static var nameList: String { allCases.map(\.name).joined(separator: ", ") }

  /// Whether `lhs` comes before `rhs`.
  public static func < (lhs: ClaimType, rhs: ClaimType) -> Bool { lhs.rawValue < rhs.rawValue }
}
