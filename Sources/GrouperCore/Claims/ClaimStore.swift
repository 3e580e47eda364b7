import GrouperSupport

/// Every valid claim line of a run, with the interners that give meaning to its ids.
///
/// Each code system has its own interner (``codes(_:)``), so a code set compiles to one bitmap over
/// the codes of its system that the data holds.
public struct ClaimStore: Sendable {
  /// The claim lines, in the order read.
  public var lines: [ClaimLine] = []
  /// Claim ids.
  public var claims = Interner()
  /// Member ids.
  public var members = Interner()
  /// Payer ids.
  public var payers = Interner()
  /// Normalised codes, one interner per code system (providers included), in `CodeSystem.allCases` order.
  public var codeTables = [Interner](repeating: Interner(), count: CodeSystem.allCases.count)
  /// The pool of multi-valued code fields, as ids in ``codes``: each line's other diagnoses,
  /// procedures and modifiers, one after another from its ``ClaimLine/codeStart``.
  public var codePool: [UInt32] = []

  /// The standardized and primary-payer amounts of the lines that have them
  /// (``ClaimLine/extraAmounts``).
  public var extraAmounts: [ExtraAmounts] = []

  /// An empty store.
  public init() {}

  /// The interner of a code system.
  public func codes(_ system: CodeSystem) -> Interner { codeTables[system.index] }

  /// Interns a normalised code of a system.
  public mutating func intern(_ code: UnsafeBufferPointer<UInt8>, _ system: CodeSystem) -> UInt32 {
    codeTables[system.index].intern(code)
  }

  /// The text of a code of a system.
  public func code(_ id: UInt32, _ system: CodeSystem) -> String {
    codeTables[system.index].string(id)
  }

  /// A line's standardized and primary-payer amounts.
  public func extras(_ line: ClaimLine) -> ExtraAmounts {
    line.extraAmounts == 0 ? .none : extraAmounts[Int(line.extraAmounts) - 1]
  }

  /// The codes of a multi-valued field.
  public func codes(_ list: CodeList) -> ArraySlice<UInt32> {
    codePool[Int(list.start)..<Int(list.start + list.count)]
  }

  /// The latest from date of any line: the last day the data covers, unless the user says
  /// otherwise. Not the latest thru date: a DME rental billed to next June, or a stay's thru date
  /// written far ahead, must not make the data seem to run that far.
  public var latestFrom: Day? { lines.lazy.map(\.from).max() }
}
