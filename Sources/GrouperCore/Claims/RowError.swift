import GrouperSupport

/// Why a row of an input, or one value in it, cannot be used: the place in the row at fault, in
/// the reader's own terms (a claim field, a field index, a JSON value), and the message.
///
/// Every reader throws this while it reads a row and turns it into a ``Rejection`` with the file,
/// line, column and value; a value check that does not know its place throws it with `Place` ==
/// `Void`, and the reader places it with ``at(_:)``.
package struct RowError<Place: Sendable>: Error {
  /// Where in the row the fault is.
  package var column: Place
  /// What is wrong.
  package var reason: Diagnostic.Message

  /// An error at `column` of the row.
  package init(column: Place, reason: Diagnostic.Message) {
    self.column = column
    self.reason = reason
  }

  /// The same reason at another place.
  package func at<Other>(_ place: Other) -> RowError<Other> {
    RowError<Other>(column: place, reason: reason)
  }
}

extension RowError where Place == Void {
  /// A value's error, before the reader knows where the value stands.
  package init(_ reason: Diagnostic.Message) {
    self.init(column: (), reason: reason)
  }
}
