import Foundation
import Testing

@testable import GrouperSupport

/// What comparing a test's output with its golden file came to.
enum GoldenOutcome: Equatable {
  /// The output equals the golden file.
  case matched
  /// The golden file was (re)written from the output; the run must not pass on it.
  case recorded(String)
  /// The output differs from the golden file, or the file is missing or unwritable: the message.
  case failed(String)

  /// The issue the test records, or nil when it matched.
  var issue: String? {
    switch self {
    case .matched: return nil
    case .recorded(let message), .failed(let message): return message
    }
  }
}

/// Compares `actual` with the golden file at `path` (named `Golden/<name>` in messages), or with
/// `record` writes the file. Reports nothing itself, so the recording path can be tested.
func compareGolden(_ actual: String, path: String, name: String, record: Bool) -> GoldenOutcome {
  if record {
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      return .failed("could not record Golden/\(name): \(error)")
    }
    return .recorded(
      "recorded Golden/\(name): review it against DERIVATION.md, then run again without "
        + "RECORD_GOLDEN")
  }
  guard FileManager.default.fileExists(atPath: path) else {
    return .failed("Golden/\(name) is missing: record it with RECORD_GOLDEN=1 and review it")
  }
  let expected = contents(path)
  guard expected != actual else { return .matched }
  // Show the first differing line, which is what a reader needs to see.
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let line =
    zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
  let want = line < e.count ? String(e[line]) : "<end of file>"
  let got = line < a.count ? String(a[line]) : "<end of file>"
  return .failed("\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)")
}

/// Compares `actual` with the golden file `Golden/<name>`. With `RECORD_GOLDEN=1` in the
/// environment it writes the file and fails the test, so a recording run is never green: a
/// recorded file is read by a person, line by line, against its derivation before it is committed.
func expectGolden(
  _ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let outcome = compareGolden(
    actual, path: packagePath("Tests/EpisodeGrouperTests/Golden/\(name)"), name: name,
    record: ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1")
  if let issue = outcome.issue {
    Issue.record(Comment(rawValue: issue), sourceLocation: sourceLocation)
  }
}
