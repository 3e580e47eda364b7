import GrouperSupport

/// The text of chosen lines of a file, asked for in rising order and found in one forward read:
/// each line without its line end (and a CR before the LF), as ``RawLines`` gives them.
final class ForwardLines {
  /// The file, nil when it cannot be opened.
  private let source: FileByteSource?
  /// The bytes last read.
  private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
  /// How many of `chunk` hold bytes.
  private var filled = 0
  /// The next byte of `chunk` to look at.
  private var position = 0
  /// The line `position` stands on.
  private var line = 1
  /// Whether the file has no more bytes.
  private var ended = false

  /// A reader of the file at `path`; a file that cannot be opened has no lines.
  init(path: String) {
    source = try? FileByteSource(path: path)
    ended = source == nil
  }

  deinit { chunk.deallocate() }

  /// The text of each line in `wanted` (rising, none before one asked for earlier) that the
  /// file has.
  func text(of wanted: [Int]) -> [Int: String] {
    var found: [Int: String] = [:]
    var current: [UInt8] = []
    for target in wanted {
      // Skip to the start of line `target`.
      while line < target, let c = nextByte() {
        if c == 10 { line += 1 }
      }
      guard line == target else { break }
      current.removeAll(keepingCapacity: true)
      var sawAny = false
      while let c = nextByte() {
        sawAny = true
        if c == 10 {
          line += 1
          break
        }
        current.append(c)
      }
      if line > target && current.last == 13 { current.removeLast() }
      if line > target || (sawAny && !current.isEmpty) {
        found[target] = String(decoding: current, as: UTF8.self)
      }
    }
    return found
  }

  /// The next byte of the file, nil at its end.
  @inline(__always)
  private func nextByte() -> UInt8? {
    if position == filled {
      guard !ended, let source, let n = try? source.read(into: chunk), n > 0 else {
        ended = true
        return nil
      }
      filled = n
      position = 0
    }
    defer { position += 1 }
    return chunk[position]
  }
}
