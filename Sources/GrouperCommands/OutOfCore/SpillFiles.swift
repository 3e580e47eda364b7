import Foundation
import GrouperSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A spill file written front to back through a buffer: whole numbers as LEB128 varints and
/// bytes as they are. Only the run that wrote it reads it back (``SpillReader``).
final class SpillWriter {
  /// The file's path.
  let path: String
  /// The open file.
  private let descriptor: Int32
  /// Bytes not yet written.
  private var buffer: [UInt8] = []
  /// The buffer size at which it is written out.
  private let flushAt: Int

  /// Creates (or empties) the file at `path`; `bufferSize` bytes are held before each write.
  init(path: String, bufferSize: Int = 1 << 16) throws {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw Diagnostic(
        at: SourceLocation(file: path), .spillFailed(String(cString: strerror(errno))))
    }
    flushAt = bufferSize
    buffer.reserveCapacity(bufferSize + 256)
  }

  deinit { _ = closeDescriptor(descriptor) }

  /// Appends a whole number of at least 0 as a varint.
  @inline(__always)
  func varint(_ value: Int) {
    var v = UInt(bitPattern: value)
    while v >= 0x80 {
      buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    buffer.append(UInt8(v))
  }

  /// Appends bytes.
  @inline(__always)
  func bytes<C: Collection<UInt8>>(_ bytes: C) {
    buffer.append(contentsOf: bytes)
  }

  /// Appends a fixed-width 64-bit number (little-endian).
  @inline(__always)
  func word(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
  }

  /// Writes the buffer out once it is full; call after each record.
  @inline(__always)
  func endRecord() throws {
    if buffer.count >= flushAt { try flush() }
  }

  /// Writes the buffer out.
  func flush() throws {
    var offset = 0
    try buffer.withUnsafeBytes { raw in
      while offset < raw.count {
        let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw Diagnostic(
            at: SourceLocation(file: path), .spillFailed(String(cString: strerror(errno))))
        }
        offset += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Reads a spill file front to back: varints, fixed words and byte runs, in the order written.
final class SpillReader {
  /// The file's path.
  let path: String
  /// The file.
  private let source: FileByteSource
  /// Bytes read ahead.
  private var buffer: UnsafeMutablePointer<UInt8>
  /// The buffer's size.
  private var capacity: Int
  /// Where the unread bytes, `buffer[start..<end]`, start.
  private var start = 0
  /// Where they end.
  private var end = 0
  /// Whether the file has no more bytes.
  private var eof = false

  /// Opens the file at `path`.
  init(path: String, bufferSize: Int = 1 << 20) throws {
    self.path = path
    source = try FileByteSource(path: path)
    capacity = bufferSize
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  /// Whether every byte has been read.
  var atEnd: Bool {
    get throws { try !fill(1) }
  }

  /// Makes at least `count` unread bytes available; false when the file ends first.
  @inline(__always)
  private func fill(_ count: Int) throws -> Bool {
    if end - start >= count { return true }
    return try refill(count)
  }

  /// Moves the unread bytes to the front, grows the buffer when `count` needs it, and reads.
  private func refill(_ count: Int) throws -> Bool {
    if start > 0 {
      if end > start { buffer.update(from: buffer + start, count: end - start) }
      end -= start
      start = 0
    }
    if count > capacity {
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: count * 2)
      bigger.update(from: buffer, count: end)
      buffer.deallocate()
      buffer = bigger
      capacity = count * 2
    }
    while end < count && !eof {
      let n = try source.read(
        into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
      if n == 0 { eof = true }
      end += n
    }
    return end >= count
  }

  /// The next varint.
  @inline(__always)
  func varint() throws -> Int {
    var value: UInt = 0
    var shift: UInt = 0
    while true {
      guard try fill(1) else { throw truncated() }
      let b = buffer[start]
      start += 1
      value |= UInt(b & 0x7F) << shift
      if b < 0x80 { return Int(bitPattern: value) }
      shift += 7
    }
  }

  /// The next fixed-width 64-bit number.
  @inline(__always)
  func word() throws -> UInt64 {
    guard try fill(8) else { throw truncated() }
    var value: UInt64 = 0
    withUnsafeMutableBytes(of: &value) {
      $0.copyMemory(from: UnsafeRawBufferPointer(start: buffer + start, count: 8))
    }
    start += 8
    return UInt64(littleEndian: value)
  }

  /// The next `count` bytes, valid until the next call.
  @inline(__always)
  func bytes(_ count: Int) throws -> UnsafeBufferPointer<UInt8> {
    guard try fill(count) else { throw truncated() }
    defer { start += count }
    return UnsafeBufferPointer(start: buffer + start, count: count)
  }

  /// The error for a file that ends inside a record: written by this run, so never expected.
  private func truncated() -> Diagnostic {
    Diagnostic(at: SourceLocation(file: path), .spillFailed("ends inside a record"))
  }
}

/// POSIX `close(2)`, named apart from methods called `close`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
  close(descriptor)
}
