/// What a claim is within its chain of versions: the native `adjustment_type` column.
public enum ClaimVersion: UInt8, CaseIterable, Sendable {
  /// A first bill (the default).
  case original
  /// A claim that supersedes the one its `replaces_claim_id` names.
  case replacement
  /// A claim that cancels the one its `replaces_claim_id` names; never grouped itself.
  case reversal

  /// The name in the native file.
  public var name: String {
    switch self {
    case .original: return "original"
    case .replacement: return "replacement"
    case .reversal: return "reversal"
    }
  }

  /// The version named by trimmed, lower-case `bytes`, nil when none is.
  public init?(bytes: UnsafeBufferPointer<UInt8>) {
    let text = String(decoding: bytes, as: UTF8.self).lowercased()
    guard let v = ClaimVersion.allCases.first(where: { $0.name == text }) else { return nil }
    self = v
  }

  /// The names, for a message.
  public static var nameList: String { allCases.map(\.name).joined(separator: ", ") }
}
