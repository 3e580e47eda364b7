/// The text of chosen lines of a file, for reports that show a rejected row as it was written.
package enum RawLines {
  /// The lines numbered in `wanted` (1-based), without their line ends; lines past the end are absent.
  package static func read(path: String, lines wanted: Set<Int>) -> [Int: String] {
    guard !wanted.isEmpty, let source = try? FileByteSource(path: path) else { return [:] }
    var found: [Int: String] = [:]
    var current: [UInt8] = []
    var line = 1
    let last = wanted.max()!
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
    defer { chunk.deallocate() }
    while line <= last, let n = try? source.read(into: chunk), n > 0 {
      for byte in chunk.prefix(n) {
        if byte == UInt8(ascii: "\n") {
          if wanted.contains(line) {
            if current.last == UInt8(ascii: "\r") { current.removeLast() }
            found[line] = String(decoding: current, as: UTF8.self)
          }
          current.removeAll(keepingCapacity: true)
          line += 1
        } else if wanted.contains(line) {
          current.append(byte)
        }
      }
    }
    if wanted.contains(line) && !current.isEmpty {
      found[line] = String(decoding: current, as: UTF8.self)
    }
    return found
  }
}
