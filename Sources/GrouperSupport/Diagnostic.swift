/// A finding about an input: an error that stops the run, or a warning that does not.
///
/// Printed compiler-style, `SampleClaims/claims.csv:14:6: error: from_date: not a date '2024-02-30'`,
/// so an editor can jump to the place. Its ``message`` is a named ``Message`` whose ``Kind`` says
/// what class of problem it is; the command line derives its exit status from that kind alone.
package struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  /// How serious a finding is.
  package enum Severity: String, Sendable {
    /// The input cannot be used as it stands.
    case error
    /// The input is used, but the user should know.
    case warning
  }

  /// How serious it is.
  package var severity: Severity
  /// Where it was found.
  package var location: SourceLocation
  /// What is wrong, and what class of problem that is.
  package var message: Message

  /// What class of problem it is: the message's kind.
  package var kind: Kind { message.kind }

  /// A finding at `location`.
  package init(_ severity: Severity = .error, at location: SourceLocation, _ message: Message) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// `file:line:column: error: field: message`.
  package var description: String {
    var text = "\(location): \(severity.rawValue): "
    if let field = location.field { text += "\(field): " }
    return text + message.text
  }
}
