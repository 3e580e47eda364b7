#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One record of a delimited file, valid only inside the closure that receives it: its fields are
/// views into the reader's buffer, so the hot path makes no `String` per field.
public struct CSVRecord {
  /// The 1-based line on which the record starts.
  public let line: Int
  let base: UnsafeMutablePointer<UInt8>
  let bounds: UnsafeBufferPointer<Int>

  /// The number of fields.
  public var count: Int { bounds.count / 2 }

  /// The bytes of field `index` (0-based), with quotes removed and `""` turned into `"`.
  public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
    let start = bounds[2 * index]
    return UnsafeBufferPointer(start: base + start, count: bounds[2 * index + 1] - start)
  }

  /// Field `index` as a `String` (decoded as UTF-8, invalid bytes repaired).
  public func string(_ index: Int) -> String {
    String(decoding: self[index], as: UTF8.self)
  }

  /// Every field as a `String`, for messages and rejected-row reports.
  public var strings: [String] { (0..<count).map(string) }
}

/// Where a reader gets its bytes: a file, or memory in tests.
public protocol ByteSource {
  /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read in large chunks with POSIX `read`.
public final class FileByteSource: ByteSource, @unchecked Sendable {
  fileprivate let descriptor: Int32
  fileprivate let path: String

  /// Opens `path` for reading; throws a located diagnostic when it is missing, a folder, or unreadable.
  public init(path: String) throws {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw Diagnostic(at: SourceLocation(file: path), .noSuchFile)
    }
    guard (info.st_mode & S_IFMT) != S_IFDIR else {
      throw Diagnostic(at: SourceLocation(file: path), .folderNotFile)
    }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw Diagnostic(at: SourceLocation(file: path), .cannotOpen)
    }
    descriptor = fd
    self.path = path
  }

  deinit { close(descriptor) }

  /// Reads the next bytes into `buffer`; returns 0 at the end.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let n = systemRead(descriptor, buffer.baseAddress, buffer.count)
      if n >= 0 {
        ReadMeter.add(n)
        return n
      }
      if errno == EINTR { continue }
      throw Diagnostic(at: SourceLocation(file: path), .readFailed(errno: errno))
    }
  }
}

extension FileByteSource {
  /// The rest of the file's bytes, read in 1 MiB pieces (small files: shard tables, line maps).
  public func readAll() throws -> [UInt8] {
    var bytes: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
    defer { chunk.deallocate() }
    while true {
      let n = try read(into: chunk)
      if n == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<n])
    }
  }

  /// The file's size in bytes.
  public var size: Int {
    var info = stat()
    return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
  }

  /// Reads up to `count` bytes at `offset` into `buffer` (without moving the file position);
  /// returns fewer only at the end of the file.
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int, count: Int) throws
    -> Int
  {
    var done = 0
    while done < count {
      let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
      if n == 0 { break }
      if n < 0 {
        if errno == EINTR { continue }
        throw Diagnostic(at: SourceLocation(file: path), .readFailed(errno: errno))
      }
      done += n
    }
    ReadMeter.add(done)
    return done
  }
}

/// POSIX `read(2)` from whichever C library the platform has (Glibc on Linux, Darwin on macOS),
/// named apart from ``FileByteSource/read(into:)`` so the call cannot resolve to the method.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  read(descriptor, buffer, count)
}

/// Bytes held in memory, handed out at most `chunk` at a time (tests use small chunks to show
/// that the chunk size never changes what is read).
public struct MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0
  private let chunk: Int

  /// A source over `bytes` giving at most `chunk` bytes per read.
  public init(_ bytes: [UInt8], chunk: Int = .max) {
    self.bytes = bytes
    self.chunk = max(1, chunk)
  }

  /// Reads the next bytes into `buffer`; returns 0 at the end.
  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let n = min(buffer.count, bytes.count - offset, chunk)
    guard n > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n)
    }
    offset += n
    return n
  }
}

/// A streaming reader of RFC 4180 delimited text over bytes.
///
/// Fields may be quoted with `"`; a quoted field may hold delimiters, newlines and doubled quotes.
/// Records end at LF or CRLF. A UTF-8 byte-order mark at the start is skipped. A line with no
/// bytes at all is skipped (its line number still counts). The file is read in chunks, so memory
/// does not grow with the file; a record longer than a chunk grows the buffer to fit it.
///
/// With `quoting` off, `"` is an ordinary character: layouts such as CMS's RIF files never quote
/// a field, and a stray quote in their data must not swallow the rest of the file.
public struct CSVReader<Source: ByteSource> {
  private var source: Source
  private let name: String
  private let delimiter: UInt8
  private let quoting: Bool
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private let byteOrderMark: Bool
  /// Bytes read so far from the source.
  public private(set) var bytesRead = 0
  /// The line after the last record read: one more than the newlines read, once the source
  /// ends with a newline.
  public private(set) var nextLine = 1
  /// The line each physical line reports, when the bytes are rows copied out of a larger file (a
  /// partition of it): entry `p` is the original line of physical line `p`; lines past its end
  /// report their own number.
  package var lineNumbers: [Int]?

  /// A reader over `source`, naming `name` in its diagnostics. With `byteOrderMark` off, the
  /// source is a later part of a file, whose first bytes are data even when they read as a mark.
  public init(
    source: Source, name: String, delimiter: UInt8 = UInt8(ascii: ","), quoting: Bool = true,
    chunkSize: Int = 1 << 22, byteOrderMark: Bool = true
  ) {
    self.byteOrderMark = byteOrderMark
    self.source = source
    self.name = name
    self.delimiter = delimiter
    self.quoting = quoting
    capacity = max(chunkSize, 16)
    buffer = .allocate(capacity: capacity)
  }

  /// Calls `body` with each record in order; throws a located diagnostic for a malformed record
  /// (an unterminated quote, a character after a closing quote) or whatever `body` throws.
  ///
  /// The reader's buffer is released when this returns; call it once.
  public mutating func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
    defer { buffer.deallocate() }
    var bounds = FieldBounds()
    defer { bounds.deallocate() }
    var escapes: [Int] = []
    var filled = 0
    var start = 0
    var eof = false
    var line = 1
    var first = byteOrderMark
    defer { nextLine = line }
    while true {
      if !eof {
        // Move the unfinished record to the front and fill the rest.
        if start > 0 {
          if filled > start { buffer.update(from: buffer + start, count: filled - start) }
          filled -= start
          start = 0
        }
        if filled == capacity {
          let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
          bigger.update(from: buffer, count: filled)
          buffer.deallocate()
          buffer = bigger
          capacity *= 2
        }
        let n = try source.read(
          into: UnsafeMutableRawBufferPointer(start: buffer + filled, count: capacity - filled))
        if n == 0 { eof = true }
        filled += n
        bytesRead += n
        if first {
          // Wait for three bytes (or the end) to see whether a byte-order mark opens the file.
          if filled < 3 && !eof { continue }
          if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3
          }
          first = false
        }
      }
      while true {
        bounds.count = 0
        escapes.removeAll(keepingCapacity: true)
        switch try scanRecord(
          from: start, to: filled, eof: eof, line: line, bounds: &bounds, escapes: &escapes)
        {
        case .incomplete:
          break
        case .end:
          return
        case .record(let next, let newlines):
          // Quoted fields with doubled quotes are unescaped only once the record is whole, as an
          // unfinished record is scanned again from its raw bytes after the next read.
          for field in escapes {
            bounds[2 * field + 1] = unescape(from: bounds[2 * field], to: bounds[2 * field + 1])
          }
          let blank =
            bounds.count == 2 && bounds[0] == bounds[1]
            && (!quoting || buffer[start] != UInt8(ascii: "\""))
          if !blank {
            try body(
              CSVRecord(
                line: reported(line), base: buffer,
                bounds: UnsafeBufferPointer(start: bounds.base, count: bounds.count)))
          }
          line += newlines
          start = next
          continue
        }
        break
      }
      if eof { return }
    }
  }

  private enum Scan {
    case record(next: Int, newlines: Int)
    case incomplete
    case end
  }

  /// Scans one record starting at `start`; field bounds go into `bounds` as start/end pairs.
  private func scanRecord(
    from start: Int, to end: Int, eof: Bool, line: Int, bounds: inout FieldBounds,
    escapes: inout [Int]
  ) throws -> Scan {
    let quote = UInt8(ascii: "\"")
    let newline = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    let delimiter = self.delimiter
    let buf = buffer
    if start == end { return eof ? .end : .incomplete }
    var i = start
    var newlines = 0
    while true {
      let fieldStart = i
      if quoting && i < end && buf[i] == quote {
        // A quoted field: find the closing quote, counting embedded newlines.
        var j = i + 1
        var escaped = false
        while true {
          guard j < end else {
            if eof {
              throw Diagnostic(
                at: SourceLocation(file: name, line: reported(line), column: bounds.count / 2 + 1),
                .unterminatedQuote)
            }
            return .incomplete
          }
          let c = buf[j]
          if c == quote {
            if j + 1 < end {
              if buf[j + 1] == quote {
                escaped = true
                j += 2
                continue
              }
              break
            }
            if !eof { return .incomplete }
            break
          }
          if c == newline { newlines += 1 }
          j += 1
        }
        if escaped { escapes.append(bounds.count / 2) }
        bounds.append(fieldStart + 1)
        bounds.append(j)
        i = j + 1
        if i == end {
          if eof { return .record(next: i, newlines: newlines + 1) }
          return .incomplete
        }
        let c = buf[i]
        if c == delimiter {
          i += 1
          continue
        }
        if c == newline { return .record(next: i + 1, newlines: newlines + 1) }
        if c == cr {
          if i + 1 < end {
            if buf[i + 1] == newline { return .record(next: i + 2, newlines: newlines + 1) }
          } else if !eof {
            return .incomplete
          }
        }
        throw Diagnostic(
          at: SourceLocation(
            file: name, line: reported(line + newlines), column: bounds.count / 2),
          .characterAfterQuote)
      }
      // An unquoted field: runs to the delimiter or the end of the line.
      while i < end {
        let c = buf[i]
        if c == delimiter || c == newline { break }
        i += 1
      }
      if i == end {
        guard eof else { return .incomplete }
        var fieldEnd = i
        if fieldEnd > fieldStart && buf[fieldEnd - 1] == cr { fieldEnd -= 1 }
        bounds.append(fieldStart)
        bounds.append(fieldEnd)
        return .record(next: i, newlines: newlines + 1)
      }
      if buf[i] == delimiter {
        bounds.append(fieldStart)
        bounds.append(i)
        i += 1
        continue
      }
      var fieldEnd = i
      if fieldEnd > fieldStart && buf[fieldEnd - 1] == cr { fieldEnd -= 1 }
      bounds.append(fieldStart)
      bounds.append(fieldEnd)
      return .record(next: i + 1, newlines: newlines + 1)
    }
  }

  /// The line physical line `line` reports (see ``lineNumbers``).
  @inline(__always)
  private func reported(_ line: Int) -> Int {
    guard let lineNumbers, line < lineNumbers.count else { return line }
    return lineNumbers[line]
  }

  /// Turns each `""` into `"` in place between `from` and `to`; returns the new end.
  private func unescape(from: Int, to: Int) -> Int {
    var read = from
    var write = from
    while read < to {
      let c = buffer[read]
      buffer[write] = c
      write += 1
      read += c == UInt8(ascii: "\"") ? 2 : 1
    }
    return write
  }
}

/// The field bounds of the record being scanned, start/end pairs, in storage that grows and is
/// reused from record to record: no reference counting or uniqueness check per field.
struct FieldBounds {
  /// The storage.
  private(set) var base: UnsafeMutablePointer<Int>
  /// The values held.
  var count = 0
  private var capacity = 64

  /// Empty bounds.
  init() { base = .allocate(capacity: 64) }

  /// Value `index`.
  subscript(index: Int) -> Int {
    get { base[index] }
    nonmutating set { base[index] = newValue }
  }

  /// Adds a value.
  @inline(__always)
  mutating func append(_ value: Int) {
    if count == capacity { grow() }
    base[count] = value
    count += 1
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }

  /// Releases the storage.
  func deallocate() { base.deallocate() }
}

extension CSVReader where Source == FileByteSource {
  /// A reader over the file at `path`; throws a located diagnostic when it cannot be opened.
  public init(
    path: String, delimiter: UInt8 = UInt8(ascii: ","), quoting: Bool = true,
    chunkSize: Int = 1 << 22
  ) throws {
    self.init(
      source: try FileByteSource(path: path), name: path, delimiter: delimiter, quoting: quoting,
      chunkSize: chunkSize)
  }
}

extension Diagnostic.Message {
  /// An input file that does not exist.
  package static let noSuchFile = Self("no such file", kind: .missingInput)
  /// A folder given where a file was expected.
  package static let folderNotFile = Self("is a directory, not a file", kind: .missingInput)
  /// A file that exists but cannot be opened.
  package static let cannotOpen = Self("cannot be opened for reading", kind: .missingInput)
  /// A read that failed part way, with the system's error number.
  package static func readFailed(errno: Int32) -> Self {
    Self("read failed (errno \(errno))", kind: .missingInput)
  }
  /// A quoted field still open at the end of the file.
  package static let unterminatedQuote = Self("unterminated quoted field")
  /// A closing quote followed by something other than a delimiter or the end of the line.
  package static let characterAfterQuote = Self("unexpected character after a closing quote")
}
