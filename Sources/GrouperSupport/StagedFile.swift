import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written in pieces beside its final name and renamed into place by ``commit()``, so a
/// large output never sits whole in memory and a failed run never leaves a half-written file.
///
/// The temporary file, `.NAME.PID.tmp`, is removed when the run is interrupted (SIGINT, SIGTERM:
/// see ``Interrupts``); one left by a killed process is removed by the next file staged there.
///
/// One thread writes a file (tables of a run are written on threads of their own, one each).
package final class StagedFile: @unchecked Sendable {
  /// The final path.
  package let path: String
  /// The path diagnostics name: the final path, or where the file ends up when the folder it
  /// is written in is itself moved into place (an output folder's staging folder).
  private let shownPath: String
  private let temporary: String
  private var handle: FileHandle?
  /// The interrupt registration of the temporary file.
  private var token: Int?

  /// Starts writing the file that will be at `path`, named `shownAs` in diagnostics when given;
  /// throws a located diagnostic when it cannot be created.
  package init(path: String, shownAs: String? = nil) throws {
    self.path = path
    shownPath = shownAs ?? path
    let folder = parentPath(path)
    let name = (path as NSString).lastPathComponent
    let parent = folder.isEmpty ? "." : folder
    temporary = (parent as NSString).appendingPathComponent(
      ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
    // A dead run's temporary file for the same name.
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    where entry.hasPrefix(".\(name).") && OutputFolder.isStaleTemporary(entry) {
      unlink((parent as NSString).appendingPathComponent(entry))
    }
    token = Interrupts.register(temporary)
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary)
    else {
      Interrupts.unregister(token!)
      throw Diagnostic(at: SourceLocation(file: shownPath), .cannotCreateFile)
    }
    self.handle = handle
  }

  deinit { discard() }

  /// Appends bytes.
  package func write(_ bytes: [UInt8]) throws {
    guard let handle else { return }
    do {
      try handle.write(contentsOf: bytes)
    } catch {
      discard()
      throw Diagnostic(
        at: SourceLocation(file: shownPath), .cannotWrite(error.localizedDescription))
    }
  }

  /// Closes the file and moves it to its final name.
  package func commit() throws {
    guard let handle else { return }
    try? handle.close()
    self.handle = nil
    defer { token.map(Interrupts.unregister) }
    guard rename(temporary, path) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw Diagnostic(at: SourceLocation(file: shownPath), .cannotMoveIntoPlace)
    }
  }

  /// Abandons the file.
  package func discard() {
    guard let handle else { return }
    try? handle.close()
    self.handle = nil
    try? FileManager.default.removeItem(atPath: temporary)
    token.map(Interrupts.unregister)
  }
}
