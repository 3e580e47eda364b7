import Foundation
import GrouperSupport

/// One rule case: a folder an analyst writes with claims, optional members, a `case.json` and the
/// expected episodes (and optionally lines, or an error). See `EpisodeDefinitions/tests/README.md`.
struct RuleCase {
  /// The error a case expects instead of episodes: its kind, and text the message contains.
  struct ExpectedError {
    /// The diagnostic kind (`badInput`, `missingInput`, …).
    var kind: Diagnostic.Kind
    /// Text the error's message contains ("" to check the kind only).
    var contains: String
  }

  /// The folder.
  var folder: String
  /// The name shown in output: the folder relative to the path given on the command line.
  var name: String
  /// What the case shows, in a sentence.
  var description: String
  /// The data's last date, when the case gives one.
  var through: Day?
  /// The ids of the definitions to load; all of them when nil.
  var definitions: [String]?
  /// The expected error, when the case expects one.
  var expectedError: ExpectedError?

  /// The claims file.
  var claimsPath: String { folder + "/claims.csv" }
  /// The members file (it may be absent).
  var membersPath: String { folder + "/members.csv" }
  /// The expected episodes.
  var expectedEpisodesPath: String { folder + "/expected_episodes.csv" }
  /// The expected episode lines (it may be absent).
  var expectedLinesPath: String { folder + "/expected_lines.csv" }
  /// The expected excluded lines (it may be absent).
  var expectedExclusionsPath: String { folder + "/expected_exclusions.csv" }

  /// Reads `folder/case.json`; throws a located diagnostic for a missing or malformed file.
  init(folder: String, name: String) throws {
    self.folder = folder
    self.name = name
    let file = folder + "/case.json"
    guard let data = FileManager.default.contents(atPath: file) else {
      throw Diagnostic(at: SourceLocation(file: file), .inputFileNotFound("case"))
    }
    let root = JSONCursor(root: try JSONParser.parse(Array(data), file: file), file: file)
    let object = try root.object()
    try object.rejectUnknownKeys(allowed: [
      "description", "through", "definitions", "expected_error",
    ])
    description = try object.required("description").nonEmptyString()
    through = try object.optional("through")?.day()
    definitions = try object.optional("definitions")?.array().map { try $0.nonEmptyString() }
    if let e = object.optional("expected_error") {
      let o = try e.object()
      try o.rejectUnknownKeys(allowed: ["kind", "contains"])
      let kindCursor = try o.required("kind")
      let kindText = try kindCursor.string()
      guard let kind = Diagnostic.Kind(rawValue: kindText) else {
        throw kindCursor.error(
          .caseUnknownErrorKind(kindText, known: Diagnostic.Kind.allCases.map(\.rawValue)))
      }
      expectedError = ExpectedError(
        kind: kind, contains: try o.optional("contains")?.string() ?? "")
    }
  }

  /// The case folders under each of `paths` (a folder holding `case.json` is a case; other
  /// folders are searched), in path order; throws missing input for a path that is not there.
  static func find(_ paths: [String]) throws -> [RuleCase] {
    var cases: [RuleCase] = []
    let fm = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw Diagnostic(at: SourceLocation(file: path), .caseFolderNotFound)
      }
      var folders: [String] = []
      if fm.fileExists(atPath: path + "/case.json") { folders.append("") }
      for sub in (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
      where sub.hasSuffix("/case.json") {
        folders.append(String(sub.dropLast("/case.json".count)))
      }
      for f in folders {
        let folder = f.isEmpty ? path : path + "/" + f
        cases.append(try RuleCase(folder: folder, name: f.isEmpty ? path : f))
      }
    }
    return cases
  }
}
