/// Splits bytes from a ``ByteSource`` into lines, a chunk at a time, so a file of one record per
/// line (NDJSON) is read with memory bounded by its longest line.
package struct LineSplitter<Source: ByteSource> {
  private var source: Source
  private let chunkSize: Int
  /// Bytes read so far.
  package private(set) var bytesRead = 0

  /// A splitter over `source`, reading `chunkSize` bytes at a time.
  package init(source: Source, chunkSize: Int = 1 << 22) {
    self.source = source
    self.chunkSize = max(16, chunkSize)
  }

  /// Calls `body` with each line (without its LF or CRLF) and its 1-based number; a UTF-8
  /// byte-order mark at the start is dropped.
  package mutating func forEachLine(_ body: ([UInt8], Int) throws -> Void) throws {
    var pending: [UInt8] = []
    var line = 1
    var first = true
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
    defer { chunk.deallocate() }
    while true {
      let n = try source.read(into: chunk)
      if n == 0 { break }
      bytesRead += n
      var start = 0
      for i in 0..<n where chunk[i] == 10 {
        pending.append(contentsOf: chunk[start..<i])
        try emit(&pending, &line, &first, body)
        start = i + 1
      }
      pending.append(contentsOf: chunk[start..<n])
    }
    if !pending.isEmpty { try emit(&pending, &line, &first, body) }
  }

  private func emit(
    _ pending: inout [UInt8], _ line: inout Int, _ first: inout Bool,
    _ body: ([UInt8], Int) throws -> Void
  ) throws {
    if pending.last == 13 { pending.removeLast() }
    if first {
      if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
      first = false
    }
    try body(pending, line)
    pending.removeAll(keepingCapacity: true)
    line += 1
  }
}
