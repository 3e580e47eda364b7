#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file of an output folder's new set, written in pieces (``OutputFolder/openForWriting(_:)``); one
/// thread writes it, and the folder's commit publishes it with the rest of the set.
package final class StagedOutput: @unchecked Sendable {
  private var descriptor: Int32
  /// The file's path in the output folder, for messages.
  private let shown: String

  /// Creates (or empties) the file at `path`, named `shown` in messages; nil when the system
  /// refuses, with `errno` saying why.
  init?(creating path: String, shown: String) {
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    self.shown = shown
    if descriptor < 0 { return nil }
  }

  deinit { if descriptor >= 0 { systemClose(descriptor) } }

  /// Appends bytes; throws a located diagnostic when the system refuses them (a full disk).
  package func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = systemWrite(descriptor, raw.baseAddress! + done, raw.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          throw Diagnostic(
            at: SourceLocation(file: shown), .cannotWrite(String(cString: strerror(errno))))
        }
        done += n
      }
    }
  }

  /// Closes the file; throws a located diagnostic when the last bytes cannot be written.
  package func close() throws {
    guard descriptor >= 0 else { return }
    let result = systemClose(descriptor)
    descriptor = -1
    if result != 0 {
      throw Diagnostic(
        at: SourceLocation(file: shown), .cannotWrite(String(cString: strerror(errno))))
    }
  }
}

/// POSIX `write(2)`, named apart from ``StagedOutput/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}

/// POSIX `close(2)`, named apart from ``StagedOutput/close()``.
@discardableResult
private func systemClose(_ descriptor: Int32) -> Int32 {
  close(descriptor)
}
