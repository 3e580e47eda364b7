import GrouperSupport

/// The bytes already read from a source, then the rest of it.
struct HeadThenRest<Rest: ByteSource>: ByteSource {
  /// The bytes already read.
  private let head: [UInt8]
  /// How many of them are handed out.
  private var offset = 0
  /// The source they came from.
  private var rest: Rest

  /// `head`, then what `rest` still holds.
  init(head: [UInt8], rest: Rest) {
    self.head = head
    self.rest = rest
  }

  /// Hands out the head, then reads the rest.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard offset < head.count else { return try rest.read(into: buffer) }
    let n = min(buffer.count, head.count - offset)
    head.withUnsafeBytes {
      buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n)
    }
    offset += n
    return n
  }
}
