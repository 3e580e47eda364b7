import Synchronization

/// Bytes read from files by every ``FileByteSource`` of the process, for progress displays: a
/// display notes the count when a read starts and shows how far it has gone against the input's
/// size. Reads running at the same time (tests) add to the same count, so a display caps what it
/// shows at 100%.
package enum ReadMeter {
  /// The count.
  private static let bytes = Atomic<Int>(0)

  /// Bytes read so far by the process.
  package static var total: Int { bytes.load(ordering: .relaxed) }

  /// Adds `count` bytes read.
  package static func add(_ count: Int) {
    bytes.add(count, ordering: .relaxed)
  }
}
