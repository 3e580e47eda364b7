import Foundation
import Synchronization

/// Where a command writes text: the process's stdout or stderr, or a buffer in tests.
package protocol TextSink: AnyObject, Sendable {
  /// Writes text as it is (add the newline yourself).
  func write(_ text: String)
}

/// A standard stream of the process.
package final class StandardStream: TextSink {
  private let handle: FileHandle

  /// The process's standard output.
  package static let output = StandardStream(FileHandle.standardOutput)
  /// The process's standard error.
  package static let error = StandardStream(FileHandle.standardError)

  private init(_ handle: FileHandle) {
    self.handle = handle
  }

  /// Writes the text.
  package func write(_ text: String) {
    handle.write(Data(text.utf8))
  }
}

/// Text kept in memory, for tests.
package final class TextBuffer: TextSink {
  private let stored = Mutex("")

  /// An empty buffer.
  package init() {}

  /// Everything written so far.
  package var text: String {
    stored.withLock { $0 }
  }

  /// Writes the text.
  package func write(_ text: String) {
    stored.withLock { $0 += text }
  }
}
