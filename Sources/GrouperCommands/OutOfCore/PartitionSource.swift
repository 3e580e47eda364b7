import GrouperSupport

/// The bytes of one partition as a claim CSV: the header, then the records of its buckets merged
/// in line order, each preceded by the empty lines that put it on its original line. The CSV
/// reader skips empty lines but counts them, so every record, rejection, warning and message
/// names the line of the input the record came from.
final class PartitionSource: ByteSource {
  /// One record waiting: its line, the lines it spans, and its bytes (valid until its bucket's
  /// reader is read again).
  private struct Head {
    /// The line the record starts on.
    var line: Int
    /// The line ends it holds (its own included).
    var newlines: Int
    /// The record's text.
    var bytes: UnsafeBufferPointer<UInt8>
  }

  /// The buckets' files.
  private let readers: [SpillReader]
  /// Each bucket's next record, nil once it is done.
  private var heads: [Head?]
  /// The header's bytes.
  private let header: UnsafeMutableBufferPointer<UInt8>
  /// The line the next byte handed out stands on.
  private var line = 1
  /// Empty lines still to hand out before `pending`.
  private var gap = 0
  /// The record being handed out, how much of it is out, and its bucket (nil for the header).
  private var pending: UnsafeBufferPointer<UInt8>?
  /// The bytes of `pending` handed out.
  private var offset = 0
  /// The bucket `pending` came from, read again once it is out.
  private var pendingBucket: Int?

  /// A source over the header (`header`, on `headerLine` and spanning `headerNewlines` lines) and the bucket files at
  /// `paths`, each in line order.
  init(header: [UInt8], headerLine: Int, headerNewlines: Int, paths: [String]) throws {
    self.header = .allocate(capacity: header.count)
    _ = self.header.initialize(from: header)
    // 64 KiB a bucket: a partition of standard input may read all 256 buckets at once.
    readers = try paths.map { try SpillReader(path: $0, bufferSize: 1 << 16) }
    heads = Array(repeating: nil, count: readers.count)
    for k in readers.indices { heads[k] = try Self.next(readers[k]) }
    gap = headerLine - 1
    pending = UnsafeBufferPointer(self.header)
    line = headerLine + headerNewlines
  }

  deinit { header.deallocate() }

  /// The next record of a bucket file, nil at its end.
  private static func next(_ reader: SpillReader) throws -> Head? {
    if try reader.atEnd { return nil }
    let line = try reader.varint()
    let newlines = try reader.varint()
    let count = try reader.varint()
    return Head(line: line, newlines: newlines, bytes: try reader.bytes(count))
  }

  /// Hands out the next bytes; 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let out = buffer.bindMemory(to: UInt8.self)
    var written = 0
    while written < out.count {
      if pending == nil {
        // The earliest line among the buckets' next records.
        var best: Int?
        for k in heads.indices {
          guard let h = heads[k] else { continue }
          if best.map({ h.line < heads[$0]!.line }) ?? true { best = k }
        }
        guard let k = best, let h = heads[k] else { break }
        gap = h.line - line
        line = h.line + h.newlines
        pending = h.bytes
        offset = 0
        pendingBucket = k
      }
      if gap > 0 {
        let n = min(gap, out.count - written)
        (out.baseAddress! + written).initialize(repeating: 10, count: n)
        written += n
        gap -= n
        continue
      }
      let bytes = pending!
      let n = min(bytes.count - offset, out.count - written)
      (out.baseAddress! + written).update(from: bytes.baseAddress! + offset, count: n)
      written += n
      offset += n
      if offset == bytes.count {
        pending = nil
        if let k = pendingBucket { heads[k] = try Self.next(readers[k]) }
        pendingBucket = nil
      }
    }
    return written
  }
}
