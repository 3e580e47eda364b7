import Foundation
import Testing

@testable import GrouperSupport

/// Compares `actual` with the golden file `Golden/<name>`; with `RECORD_GOLDEN=1` in the
/// environment it writes the file instead. A recorded file is read by a person, line by line,
/// against its derivation before it is committed.
func expectGolden(
  _ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let path = packagePath("Tests/EpisodeGrouperTests/Golden/\(name)")
  if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? actual.write(toFile: path, atomically: true, encoding: .utf8)
    return
  }
  let expected = contents(path)
  guard expected != actual else { return }
  // Show the first differing line, which is what a reader needs to see.
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let line =
    zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
  let want = line < e.count ? String(e[line]) : "<end of file>"
  let got = line < a.count ? String(a[line]) : "<end of file>"
  Issue.record(
    "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)",
    sourceLocation: sourceLocation)
}
