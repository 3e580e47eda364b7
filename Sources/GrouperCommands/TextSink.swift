import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command writes text: the process's stdout or stderr, or a buffer in tests.
package protocol TextSink: AnyObject, Sendable {
  /// Writes text as it is (add the newline yourself).
  func write(_ text: String)
  /// Whether a person watches this stream on a terminal: progress is shown only then.
  var isTerminal: Bool { get }
}

extension TextSink {
  /// Not a terminal, unless the sink says so.
  package var isTerminal: Bool { false }
}

/// A standard stream of the process.
package final class StandardStream: TextSink {
  private let handle: FileHandle

  /// Whether the stream is a terminal (`isatty`).
  package var isTerminal: Bool { isatty(handle.fileDescriptor) != 0 }

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
  /// Whether the buffer stands for a terminal, to test what is shown only there.
  package let isTerminal: Bool

  /// An empty buffer; `terminal` makes commands treat it as a terminal.
  package init(terminal: Bool = false) {
    isTerminal = terminal
  }

  /// Everything written so far.
  package var text: String {
    stored.withLock { $0 }
  }

  /// Writes the text.
  package func write(_ text: String) {
    stored.withLock { $0 += text }
  }
}
