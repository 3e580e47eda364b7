extension Diagnostic.Message {
  /// An output folder path taken by a file.
  package static let outputNotAFolder = Self(
    "output path exists and is not a folder", kind: .outputNotWritable)
  /// An output folder that could not be created.
  package static let cannotCreateFolder = Self(
    "cannot create the output folder", kind: .outputNotWritable)
  /// An output file that could not be written, with the system's reason.
  package static func cannotWrite(_ reason: String) -> Self {
    Self("cannot write: \(reason)", kind: .outputNotWritable)
  }
  /// A finished output file that could not be renamed to its final name.
  package static let cannotMoveIntoPlace = Self(
    "cannot move the finished file into place", kind: .outputNotWritable)
}

extension Diagnostic.Message {
  /// An output file that could not be created.
  package static let cannotCreateFile = Self("cannot create the file", kind: .outputNotWritable)
}
