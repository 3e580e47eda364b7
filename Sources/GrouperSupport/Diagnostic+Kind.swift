extension Diagnostic {
  /// What class of problem a diagnostic reports. The command line maps each kind to one exit
  /// status, so code decides by kind and never by the text of a message.
  package enum Kind: String, CaseIterable, Hashable, Sendable {
    /// The command line is wrong: an unknown option, a missing or malformed value.
    case usage
    /// An input is missing or cannot be opened: not found, unreadable, or a folder where a file
    /// was expected.
    case missingInput
    /// An input's content is wrong: a malformed row, a bad definition, an inconsistent file.
    case badInput
    /// An output cannot be created or written.
    case outputNotWritable
    /// The output is in use by another run; trying again later may succeed.
    case busy
  }
}
