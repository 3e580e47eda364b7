import Foundation
import GrouperSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A uniquely named folder of spill files, `DIR/grouper-spill.PID.XXXXXX`, removed with all it
/// holds when the run ends however it ends: by ``remove()`` on success or failure (and on
/// deinit), and by the interrupt handlers on SIGINT and SIGTERM (see ``Interrupts``), as the
/// output folder's staging is.
final class SpillFolder {
  /// The folder's path.
  let path: String
  /// The interrupt registration, nil once removed.
  private var token: Int?

  /// Makes a new spill folder inside `parent`; throws when it cannot.
  init(in parent: String) throws {
    var template = Array(
      ((parent as NSString).appendingPathComponent("grouper-spill.\(getpid()).XXXXXX")).utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard made != nil else {
      throw Diagnostic(
        at: SourceLocation(file: parent), .cannotCreateSpillFolder(String(cString: strerror(errno)))
      )
    }
    path = String(cString: template)
    token = Interrupts.register(path)
  }

  deinit { remove() }

  /// The path of `name` inside the folder.
  func file(_ name: String) -> String {
    (path as NSString).appendingPathComponent(name)
  }

  /// Removes the folder and everything in it; later calls do nothing.
  func remove() {
    guard let token else { return }
    try? FileManager.default.removeItem(atPath: path)
    Interrupts.unregister(token)
    self.token = nil
  }
}
