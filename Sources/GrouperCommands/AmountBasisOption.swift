import GrouperCore
import GrouperSupport

/// The `--amount allowed|paid|standardized` option of `group`: which amount episodes sum.
enum AmountBasisOption {
  /// The option's spec.
  static let spec = OptionSpec(
    "amount", value: "basis",
    help:
      "Amount episodes sum: allowed (default), paid or standardized (a line without one keeps its allowed amount)."
  )

  /// The basis given, or allowed; throws a usage error for an unknown one.
  static func parse(_ arguments: ParsedArguments, command: String) throws -> AmountBasis {
    guard let text = arguments.value("amount") else { return .allowed }
    guard let basis = AmountBasis(rawValue: text) else {
      throw Diagnostic.usage(command, .unknownAmountBasis(text))
    }
    return basis
  }
}

extension Diagnostic.Message {
  /// An `--amount` value that is not a basis.
  static func unknownAmountBasis(_ text: String) -> Self {
    Self(
      "--amount must be one of \(AmountBasis.nameList), found '\(text)'", kind: .usage)
  }
}
