import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written in pieces beside its final name and renamed into place by ``commit()``, so a
/// large output never sits whole in memory and a failed run never leaves a half-written file.
package final class StagedFile {
  /// The final path.
  package let path: String
  private let temporary: String
  private var handle: FileHandle?

  /// Starts writing the file that will be at `path`; throws a located diagnostic when it cannot
  /// be created.
  package init(path: String) throws {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    temporary = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(
      ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary)
    else {
      throw Diagnostic(at: SourceLocation(file: path), .cannotCreateFile)
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
      throw Diagnostic(at: SourceLocation(file: path), .cannotWrite(error.localizedDescription))
    }
  }

  /// Closes the file and moves it to its final name.
  package func commit() throws {
    guard let handle else { return }
    try? handle.close()
    self.handle = nil
    guard rename(temporary, path) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw Diagnostic(at: SourceLocation(file: path), .cannotMoveIntoPlace)
    }
  }

  /// Abandons the file.
  package func discard() {
    guard let handle else { return }
    try? handle.close()
    self.handle = nil
    try? FileManager.default.removeItem(atPath: temporary)
  }
}
