#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's standard input (descriptor 0) read in large chunks, for `--claims -`: a pipe
/// cannot seek, so whoever must look at the start first reads it and replays it.
package final class StandardInputByteSource: ByteSource {
  /// The name standard input goes by on the command line, in diagnostics and in `summary.json`.
  package static let name = "-"

  /// A source over standard input; it is never closed, as the process owns it.
  package init() {}

  /// Reads the next bytes into `buffer`; returns 0 at the end.
  package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let n = standardInputRead(buffer.baseAddress, buffer.count)
      if n >= 0 {
        ReadMeter.add(n)
        return n
      }
      if errno == EINTR { continue }
      throw Diagnostic(at: SourceLocation(file: Self.name), .readFailed(errno: errno))
    }
  }

  /// Reads from the source until `count` bytes are held or the input ends: the start of the
  /// input, to tell its format before it is replayed.
  package func peek(_ count: Int) throws -> [UInt8] {
    var head = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = try head.withUnsafeMutableBytes { bytes in
        try read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...]))
      }
      if n == 0 { break }
      filled += n
    }
    head.removeLast(count - filled)
    return head
  }
}

/// POSIX `read(2)` on descriptor 0, named apart from ``StandardInputByteSource/read(into:)``.
private func standardInputRead(_ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(0, buffer, count)
}
