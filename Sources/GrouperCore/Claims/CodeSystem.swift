import Foundation

/// A code system that a claim field holds and a code set is written in.
///
/// Each system says how a code read from a claim is normalised and what a well-formed code in a
/// definition looks like. Normalisation is documented in the README's input schema and never
/// guesses: a value that cannot be normalised is a located error.
public enum CodeSystem: String, CaseIterable, Sendable {
  /// MS-DRG, three digits (`470`).
  case msDRG = "ms_drg"
  /// ICD-10-CM diagnosis codes, stored without the dot (`E119`).
  case icd10CM = "icd10cm"
  /// ICD-10-PCS procedure codes, seven characters (`0SRD0J9`).
  case icd10PCS = "icd10pcs"
  /// HCPCS Level I (CPT) and Level II codes, five characters (`27447`, `G0283`).
  case hcpcs = "hcpcs"
  /// HCPCS modifiers, two characters (`RT`).
  case modifier = "modifier"
  /// UB-04 revenue codes, four digits (`0450`).
  case revenueCode = "revenue_code"
  /// CMS place-of-service codes, two digits (`21`).
  case placeOfService = "place_of_service"
  /// NUBC patient discharge status, two digits (`20` expired).
  case dischargeStatus = "discharge_status"
  /// Provider identifiers (NPI, CCN), matched exactly.
  case provider = "provider"
  /// CMS major diagnostic categories, two digits (`08`) or `PRE`; derived from the MS-DRG by
  /// ``MSDRGTable``, never read from a claim.
  case mdc = "mdc"

  /// The list of names, for messages.
  public static var nameList: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The system's position in `allCases`, to index per-system tables.
  public var index: Int {
    switch self {
    case .msDRG: return 0
    case .icd10CM: return 1
    case .icd10PCS: return 2
    case .hcpcs: return 3
    case .modifier: return 4
    case .revenueCode: return 5
    case .placeOfService: return 6
    case .dischargeStatus: return 7
    case .provider: return 8
    case .mdc: return 9
    }
  }

  /// Whether codes of this system are numbers padded with zeros to a fixed width, and that width.
  var numericWidth: Int? {
    switch self {
    case .msDRG: return 3
    case .revenueCode: return 4
    case .placeOfService, .dischargeStatus: return 2
    default: return nil
    }
  }

  /// Whether a code read from a claim is already in normal form, so it can be interned as it stands.
  public func isNormalized(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
    if let width = numericWidth {
      guard raw.count == width else { return false }
      for c in raw where c &- 48 > 9 { return false }
      return true
    }
    guard let first = raw.first, let last = raw.last, first != 32, last != 32 else { return false }
    if self == .provider { return true }
    for c in raw where c == UInt8(ascii: ".") || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    { return false }
    return true
  }

  /// Normalises a code read from a claim into `out`, or returns a reason it is not one.
  ///
  /// - Letters are upper-cased and spaces trimmed; ICD-10 dots are removed (`E11.9` → `E119`).
  /// - Numeric systems are zero-padded to their width (`1` → `001` for MS-DRG, `450` → `0450` for
  ///   revenue codes); a wider number with leading zeros is narrowed (`0470` → `470`, as CCW RIF
  ///   files write four-character MS-DRGs).
  public func normalize(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> String? {
    out.removeAll(keepingCapacity: true)
    var start = 0
    var end = raw.count
    while start < end && raw[start] == UInt8(ascii: " ") { start += 1 }
    while end > start && raw[end - 1] == UInt8(ascii: " ") { end -= 1 }
    if let width = numericWidth {
      var value = 0
      for i in start..<end {
        let d = Int(raw[i]) &- 48
        guard d >= 0 && d <= 9 else { return "not a \(width)-digit \(rawValue) code" }
        value = value * 10 + d
        if value > 1_000_000 { return "not a \(width)-digit \(rawValue) code" }
      }
      var limit = 1
      for _ in 0..<width { limit *= 10 }
      guard value < limit else { return "not a \(width)-digit \(rawValue) code" }
      var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
      var v = value
      for i in stride(from: width - 1, through: 0, by: -1) {
        digits[i] = UInt8(48 + v % 10)
        v /= 10
      }
      out.append(contentsOf: digits)
      return nil
    }
    let dropsDots = self == .icd10CM || self == .icd10PCS
    for i in start..<end {
      var c = raw[i]
      if dropsDots && c == UInt8(ascii: ".") { continue }
      if self != .provider && c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { c -= 32 }
      out.append(c)
    }
    return nil
  }

  /// Normalises a code written in a definition or code-list file (trim, upper-case, ICD-10 dot
  /// removed; no zero-padding, so `1` is refused where `001` is meant) and checks that it is well
  /// formed for the system, as a whole code or, with `prefix`, as the leading part of one.
  func definitionCode(_ text: String, prefix: Bool = false) -> String? {
    var code = text.trimmingCharacters(in: .whitespaces)
    if self != .provider { code = code.uppercased() }
    if self == .icd10CM || self == .icd10PCS { code.removeAll { $0 == "." } }
    return isWellFormed(code, prefix: prefix) ? code : nil
  }

  /// Whether a normalised code (or, with `prefix`, the leading part of one) has the shape of the system.
  func isWellFormed(_ code: String, prefix: Bool) -> Bool {
    let chars = Array(code.utf8)
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isUpper(c) }
    if chars.isEmpty { return false }
    switch self {
    case .msDRG, .revenueCode, .placeOfService, .dischargeStatus:
      let width = numericWidth!
      return chars.allSatisfy(isDigit) && (prefix ? chars.count < width : chars.count == width)
    case .icd10CM:
      // A letter, a digit, then up to five letters or digits: A00–Z99 categories and their subcodes.
      guard isUpper(chars[0]), chars.allSatisfy(isAlnum) else { return false }
      if chars.count >= 2 && !isDigit(chars[1]) { return false }
      return prefix ? chars.count <= 7 : (3...7).contains(chars.count)
    case .icd10PCS:
      return chars.allSatisfy(isAlnum) && (prefix ? chars.count <= 7 : chars.count == 7)
    case .hcpcs:
      guard chars.allSatisfy(isAlnum), prefix ? chars.count <= 5 : chars.count == 5 else {
        return false
      }
      // CPT: four digits then a digit or letter (0001F, 0223T); Level II: a letter then four digits.
      if isUpper(chars[0]) { return chars.dropFirst().allSatisfy(isDigit) }
      return chars.prefix(4).allSatisfy(isDigit)
    case .modifier:
      return chars.allSatisfy(isAlnum) && (prefix ? chars.count <= 2 : chars.count == 2)
    case .provider:
      return !prefix
    case .mdc:
      if code == "PRE" { return !prefix }
      return chars.allSatisfy(isDigit) && (prefix ? chars.count < 2 : chars.count == 2)
    }
  }
}

/// Why a code in a definition or code-list file is refused.
public enum DefinitionCodeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The code does not have the shape of its system.
  case malformed(String, CodeSystem)
  /// A range whose ends differ in length, or whose low end is above its high end.
  case malformedRange(String, CodeSystem)
  /// A wildcard other than one trailing `*`.
  case malformedWildcard(String, CodeSystem)
  /// A range with an end (the second value) that is not a code of its system or the leading
  /// part of one.
  case malformedRangeEnd(String, String, CodeSystem)

  /// The value as text, as outputs and messages write it.
  public var description: String {
    switch self {
    case .malformed(let code, let system):
      return "malformed \(system.rawValue) code '\(code)'"
    case .malformedRange(let code, let system):
      return
        "malformed \(system.rawValue) range '\(code)': both ends must be codes of the same length, low end first"
    case .malformedWildcard(let code, let system):
      return
        "malformed \(system.rawValue) wildcard '\(code)': only a trailing '*' after a code's leading part is allowed"
    case .malformedRangeEnd(let code, let end, let system):
      return
        "malformed \(system.rawValue) range '\(code)': '\(end)' is not a code of the \(system.rawValue) system, nor the leading part of one"
    }
  }
}
