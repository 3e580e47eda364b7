import GrouperSupport

/// The `--default-payer ID` option of the commands that read claims: the payer of lines whose
/// `payer_id` is empty.
enum DefaultPayerOption {
  /// The option's spec.
  static let spec = OptionSpec(
    "default-payer", value: "id",
    help: "Payer of lines with an empty payer_id (default: default).")

  /// The payer given, or `default`; throws a usage error for an empty one.
  static func parse(_ arguments: ParsedArguments, command: String) throws -> String {
    let payer = arguments.value("default-payer") ?? "default"
    guard !payer.isEmpty else { throw Diagnostic.usage(command, .emptyOption("default-payer")) }
    return payer
  }
}
