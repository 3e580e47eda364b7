import Foundation

/// Where a command writes text: the process's stdout or stderr, or a buffer in tests.
public protocol TextSink: AnyObject, Sendable {
  /// Writes text as it is (add the newline yourself).
  func write(_ text: String)
}

/// A standard stream of the process.
public final class StandardStream: TextSink {
  private let handle: FileHandle

  /// The process's standard output.
  public static let output = StandardStream(FileHandle.standardOutput)
  /// The process's standard error.
  public static let error = StandardStream(FileHandle.standardError)

  private init(_ handle: FileHandle) {
    self.handle = handle
  }

  /// Writes the text.
  public func write(_ text: String) {
    handle.write(Data(text.utf8))
  }
}

/// Text kept in memory, for tests.
public final class TextBuffer: TextSink, @unchecked Sendable {
  private let lock = NSLock()
  private var stored = ""

  /// An empty buffer.
  public init() {}

  /// Everything written so far.
  public var text: String {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  /// Writes the text.
  public func write(_ text: String) {
    lock.lock()
    stored += text
    lock.unlock()
  }
}
