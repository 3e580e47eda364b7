import GrouperSupport

/// The messages of `grouper explain`.
extension Diagnostic.Message {
  /// A `--member` that no claim line of the input names (missing input: the member's claims are
  /// not in the file), with the nearest member id when one is close.
  static func explainUnknownMember(_ id: String, nearest: String?) -> Self {
    Self(
      "no claim line of member '\(id)' in the claims"
        + (nearest.map { " (did you mean '\($0)'?)" } ?? ""), kind: .missingInput)
  }
  /// A `--claim` that is not a claim of the member: another member's (`owner`), or none; the
  /// member's own claims are listed (the first ten).
  static func explainUnknownClaim(_ id: String, member: String, owner: String?, claims: [String])
    -> Self
  {
    let whose =
      owner.map { "claim '\(id)' is member \($0)'s, not \(member)'s" }
      ?? "member \(member) has no claim '\(id)'"
    let listed = claims.prefix(10).joined(separator: ", ") + (claims.count > 10 ? ", …" : "")
    return Self("\(whose); the member's claims are \(listed)", kind: .missingInput)
  }
}
