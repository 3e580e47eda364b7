import Foundation
import GrouperSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Puts bytes read from standard input back in front of it, for the readers that read
/// descriptor 0 themselves: descriptor 0 becomes a pipe that a thread feeds with the bytes, then
/// with the rest of the old input. `group` looks at the start of standard input to tell whether
/// it is native CSV (which it may spill) before a reader of another format takes it.
enum StandardInputReplay {
  /// Makes descriptor 0 yield `head`, then what standard input still holds.
  static func putBack(_ head: [UInt8]) throws {
    var ends: [Int32] = [0, 0]
    let old = dup(0)
    guard old >= 0, pipe(&ends) == 0, dup2(ends[0], 0) >= 0 else {
      throw Diagnostic(
        at: SourceLocation(file: StandardInputByteSource.name),
        .readFailed(errno: errno))
    }
    close(ends[0])
    let writeEnd = ends[1]
    Thread.detachNewThread {
      var pending = head
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        var offset = 0
        while offset < pending.count {
          let n = pending.withUnsafeBytes {
            write(writeEnd, $0.baseAddress! + offset, pending.count - offset)
          }
          if n < 0 {
            if errno == EINTR { continue }
            close(writeEnd)
            close(old)
            return
          }
          offset += n
        }
        let n = chunk.withUnsafeMutableBytes { read(old, $0.baseAddress!, $0.count) }
        if n < 0 && errno == EINTR {
          pending = []
          continue
        }
        guard n > 0 else { break }
        pending = Array(chunk[..<n])
      }
      close(writeEnd)
      close(old)
    }
  }
}
