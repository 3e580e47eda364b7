extension Diagnostic {
  /// A named message: its one-line text and its kind.
  ///
  /// Each component declares its own messages as `static func` or `static let` members in an
  /// extension beside the code that emits them (as swift-format's `Finding.Message` does), so a
  /// throw site names its message (`.unterminatedQuote`) instead of building text in place.
  package struct Message: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in one line, without the location.
    package var text: String
    /// What class of problem it is.
    package var kind: Kind

    /// A message with `text`, of `kind` (bad input unless said otherwise).
    package init(_ text: String, kind: Kind = .badInput) {
      self.text = text
      self.kind = kind
    }

    /// The text.
    package var description: String { text }
  }
}
