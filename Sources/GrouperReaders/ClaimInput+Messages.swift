import GrouperSupport

/// The messages of reading claims from any input as a whole.
extension Diagnostic.Message {
  /// `--claims -` with RIF, which reads a folder of files or seeks, so cannot read a pipe.
  static let rifFromStandardInput = Self(
    "RIF claims cannot be read from standard input ('-'): they are a folder of files; "
      + "give the folder or file with --claims (standard input takes native CSV, FHIR or a "
      + "mapped extract)", kind: .usage)
}
