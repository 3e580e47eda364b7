import Foundation

/// Files written into an output folder all at once: each is first written beside its final name
/// and renamed into place only when every file of the run has been written, so a run that fails
/// never leaves a half-written file that looks complete.
package struct OutputFolder {
  /// The folder.
  package let path: String
  private var staged: [(temporary: String, final: String)] = []

  /// A folder at `path`, created (with its parents) when missing.
  package init(path: String) throws {
    self.path = path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw Diagnostic(at: SourceLocation(file: path), .outputNotAFolder)
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw Diagnostic(at: SourceLocation(file: path), .cannotCreateFolder)
      }
    }
  }

  /// Writes `bytes` to a temporary file for `name`; it takes its name at ``commit()``.
  package mutating func stage(_ name: String, _ bytes: [UInt8]) throws {
    let final = (path as NSString).appendingPathComponent(name)
    let temporary = (path as NSString).appendingPathComponent(
      ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: temporary))
    } catch {
      discard()
      throw Diagnostic(at: SourceLocation(file: final), .cannotWrite(error.localizedDescription))
    }
    staged.append((temporary, final))
  }

  /// Renames every staged file into place.
  package mutating func commit() throws {
    for (temporary, final) in staged {
      guard rename(temporary, final) == 0 else {
        discard()
        throw Diagnostic(at: SourceLocation(file: final), .cannotMoveIntoPlace)
      }
    }
    staged.removeAll()
  }

  /// Removes every staged file not yet committed.
  package mutating func discard() {
    for (temporary, _) in staged { try? FileManager.default.removeItem(atPath: temporary) }
    staged.removeAll()
  }
}
