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
  /// An output folder whose absolute path cannot be found.
  package static let cannotResolveFolder = Self(
    "cannot resolve the output folder's path", kind: .outputNotWritable)
  /// An output folder that is, or holds, the current folder: replacing it would pull the folder
  /// from under the user.
  package static let folderHoldsCurrentFolder = Self(
    "the output folder holds the current folder; it is replaced as a whole, so give a folder of "
      + "its own", kind: .outputNotWritable)
  /// A staging folder that could not be created beside the output folder, with the system's
  /// reason.
  package static func cannotCreateStaging(_ reason: String) -> Self {
    Self(
      "cannot create the staging folder beside the output folder (\(reason)); the output "
        + "folder is replaced as a whole, so its parent must be writable", kind: .outputNotWritable
    )
  }
  /// A file of the old set that could not be carried into the new one, with the reason.
  package static func cannotKeep(_ reason: String) -> Self {
    Self("cannot keep the file in the new set: \(reason)", kind: .outputNotWritable)
  }
  /// A staged set that could not be swapped in, with the reason.
  package static func cannotSwapIn(_ reason: String) -> Self {
    Self("cannot swap the new files in: \(reason)", kind: .outputNotWritable)
  }
  /// A folder where an output file belongs.
  package static let folderWhereOutputBelongs = Self(
    "a folder is where an output file belongs; move it away (nothing was written)",
    kind: .outputNotWritable)
  /// A subfolder the tool does not own: a sign the folder is not an output folder.
  package static let foreignSubfolder = Self(
    "the output folder holds a subfolder grouper did not write; give a folder of grouper's own "
      + "(nothing was written)", kind: .outputNotWritable)
  /// The old output folder that could not be renamed aside, with the system's reason.
  package static func cannotMoveOldAside(_ reason: String) -> Self {
    Self("cannot move the old output folder aside: \(reason)", kind: .outputNotWritable)
  }
  /// The staged folder that could not be renamed in, with the system's reason.
  package static func cannotMoveNewIn(_ reason: String) -> Self {
    Self("cannot move the new output folder in: \(reason)", kind: .outputNotWritable)
  }
  /// An output folder that could not be opened to lock it, with the system's reason.
  package static func cannotOpenFolder(_ reason: String) -> Self {
    Self("cannot open the output folder: \(reason)", kind: .outputNotWritable)
  }
  /// An output folder another run holds, with that run's process when known: refused rather
  /// than mixing two runs' files; trying again later may succeed.
  package static func folderInUse(pid: Int32?) -> Self {
    Self(
      "the output folder is in use by another grouper run" + (pid.map { " (pid \($0))" } ?? "")
        + "; wait for it to finish or give another folder", kind: .busy)
  }
}

extension Diagnostic.Message {
  /// An output file that could not be created.
  package static let cannotCreateFile = Self("cannot create the file", kind: .outputNotWritable)
}
