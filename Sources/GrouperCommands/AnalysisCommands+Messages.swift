import GrouperSupport

/// The messages of the analysis commands' own usage.
extension Diagnostic.Message {
  /// An option that only applies when claims are read, given without `--claims`.
  static func optionNeedsClaims(_ name: String) -> Self {
    Self("--\(name) needs --claims (without it, the inputs are run folders)", kind: .usage)
  }
  /// A sweep without any `--vary`.
  static let sweepNeedsVary = Self(
    "give at least one --vary DEFINITION.FIELD=VALUE,VALUE,…", kind: .usage)
}
