import GrouperSupport

/// Which amount of a line episodes sum: `--amount` of `group`. CMS episodes sum standardized
/// allowed amounts; claim files most often carry allowed and paid amounts only.
public enum AmountBasis: String, CaseIterable, Sendable {
  /// The allowed amount (the default).
  case allowed
  /// The paid amount.
  case paid
  /// The standardized allowed amount; a line without one keeps its allowed amount, and is counted.
  case standardized

  /// The names, for a message.
  public static var nameList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension ClaimStore {
  /// Puts the amount of `basis` in each line's ``ClaimLine/allowed``, the amount grouping sums;
  /// returns how many lines had no standardized amount and kept their allowed amount.
  package mutating func useAmounts(_ basis: AmountBasis) -> Int {
    var fallbacks = 0
    switch basis {
    case .allowed: break
    case .paid:
      for i in lines.indices { lines[i].allowed = lines[i].paid }
    case .standardized:
      for i in lines.indices {
        if let standardized = extras(lines[i]).standardized {
          lines[i].allowed = standardized
        } else {
          fallbacks += 1
        }
      }
    }
    return fallbacks
  }
}
