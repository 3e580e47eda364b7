import Foundation
import GrouperSupport
import Synchronization

/// Progress on stderr while stderr is a terminal and `--quiet` is not given: the percent of the
/// input's bytes read, updated in place, then one line per stage (`grouper: grouping`). When
/// stderr is a file or a pipe nothing is shown, so logs and tests see only the lines they did.
final class ProgressDisplay: Sendable {
  /// Where progress goes, nil when it is not shown.
  private let sink: TextSink?
  /// The reading under way: what is read, the meter's count when it started and the bytes to
  /// read; nil between readings.
  private let reading = Mutex<(what: String, start: Int, total: Int)?>(nil)

  /// A display on `stderr`, silent unless it is a terminal and not `quiet`.
  init(stderr: TextSink, quiet: Bool) {
    sink = !quiet && stderr.isTerminal ? stderr : nil
  }

  /// Whether progress is shown.
  var isShown: Bool { sink != nil }

  /// Starts showing the percent read of `path` (a file, or a folder whose files are read).
  func read(_ path: String) {
    guard let sink else { return }
    let total = max(Self.size(of: path), 1)
    reading.withLock { $0 = (path, ReadMeter.total, total) }
    sink.write(line(percent: 0, of: path))
    Thread.detachNewThread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 0.2)
        let text: String? = reading.withLock { r in
          guard let r else { return nil }
          return line(percent: min(99, (ReadMeter.total - r.start) * 100 / r.total), of: r.what)
        }
        guard let text else { return }
        sink.write(text)
      }
    }
  }

  /// Shows the percent done of a count (synth's members written, sweep's variants grouped).
  func count(_ what: String, done: Int, of total: Int, verb: String = "writing") {
    guard let sink, total > 0 else { return }
    sink.write(
      line(percent: done * 100 / total, of: what, verb: verb) + (done == total ? "\n" : ""))
  }

  /// Ends any reading at 100% and shows the stage `name` on a line of its own.
  func stage(_ name: String) {
    guard let sink else { return }
    endReading()
    sink.write("grouper: \(name)\n")
  }

  /// Ends any reading at 100%.
  func endReading() {
    guard let sink else { return }
    let what = reading.withLock { r -> String? in
      defer { r = nil }
      return r?.what
    }
    if let what { sink.write(line(percent: 100, of: what) + "\n") }
  }

  /// Shows a file read in the background (the members file while the claims were read) as read.
  func finished(_ path: String) {
    sink?.write(line(percent: 100, of: path) + "\n")
  }

  /// Ends any reading without a last line, as when it failed: the display thread stops.
  func stop() {
    reading.withLock { $0 = nil }
  }

  /// The in-place line for a percent: back to the line's start, cleared, then the text.
  private func line(percent: Int, of what: String, verb: String = "reading") -> String {
    "\r\u{1B}[Kgrouper: \(verb) \(what) \(percent)%"
  }

  /// The bytes of a file, or of every file in a folder (RIF input, workbook sheets).
  static func size(of path: String) -> Int {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
    guard isDirectory.boolValue else {
      return (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
    var total = 0
    for entry in (try? manager.contentsOfDirectory(atPath: path)) ?? [] {
      let full = (path as NSString).appendingPathComponent(entry)
      total += (try? manager.attributesOfItem(atPath: full)[.size] as? Int) ?? 0
    }
    return total
  }
}
