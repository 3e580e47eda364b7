#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a file between two offsets, read with POSIX `pread`, so several readers can read
/// parts of one file at once through one descriptor.
public struct FileRangeByteSource: ByteSource {
  private let file: FileByteSource
  private var offset: Int
  private let end: Int

  /// The bytes of `file` from `start` up to (not including) `end`.
  public init(file: FileByteSource, from start: Int, to end: Int) {
    self.file = file
    offset = start
    self.end = end
  }

  /// Reads the next bytes of the range into `buffer`; returns 0 at its end.
  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let n = try file.read(into: buffer, at: offset, count: min(buffer.count, end - offset))
    offset += n
    return n
  }
}
