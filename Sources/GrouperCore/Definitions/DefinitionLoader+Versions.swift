import Foundation
import GrouperSupport

/// Versions of one definition: files sharing an `id` whose `effective` ranges do not overlap.
///
/// A payment team versions a definition over time (LEJR 2025.1 through 2025-09-30, LEJR 2026.1
/// from 2025-10-01). Each version is a definition of its own in a run; a version takes the
/// triggers whose anchor starts in its effective range, so episode ids (`<id>-<trigger claim>`)
/// never collide (see ``GroupingContext/keepOneVersionPerTrigger(_:trace:)``).
extension DefinitionLoader {
  /// The errors about versions of one id: two whose effective ranges overlap (at the later
  /// file's `effective`, naming both files) and two with the same `version` text.
  static func versionProblems(_ definitions: [EpisodeDefinition]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    let byID = Dictionary(grouping: definitions, by: \.id)
    for id in byID.keys.sorted() {
      let versions = byID[id]!.sorted(by: EpisodeDefinition.loadOrder)
      guard versions.count > 1 else { continue }
      for (a, b) in zip(versions, versions.dropFirst()) where b.effective.first <= a.effective.last
      {
        problems.append(
          Diagnostic(
            at: location(b.file, [.key("effective")]),
            .overlappingDefinitionVersions(
              id, b.version, EpisodeDefinition.describe(b.effective), other: a.version,
              a.file, EpisodeDefinition.describe(a.effective))))
      }
      for (j, b) in versions.enumerated() {
        for a in versions[..<j] where a.version == b.version {
          problems.append(
            Diagnostic(
              at: location(b.file, [.key("version")]),
              .duplicateDefinitionVersion(id, b.version, other: a.file)))
        }
      }
    }
    return problems
  }

  /// Where `path` stands in `file` (its line, column and JSON path), or the file's `$.id` when
  /// the file has no such member.
  static func location(_ file: String, _ path: [LintFile.Step]) -> SourceLocation {
    guard let data = FileManager.default.contents(atPath: file),
      let root = try? JSONParser.parse(Array(data), file: file)
    else { return SourceLocation(file: file, field: "$.id") }
    let lint = LintFile(file: file, root: root)
    return lint.node(path) != nil ? lint.at(path) : lint.at([.key("id")])
  }
}

extension EpisodeDefinition {
  /// The order of a run's definitions: by id, then the versions of one id by effective start.
  package static func loadOrder(_ a: EpisodeDefinition, _ b: EpisodeDefinition) -> Bool {
    if a.id != b.id { return a.id < b.id }
    if a.effective.first != b.effective.first { return a.effective.first < b.effective.first }
    return a.file < b.file
  }

  /// Whether the effective range starts with the earliest day a definition can name (no `from`).
  package var effectiveFromStart: Bool { effective.first == Self.alwaysEffective.first }

  /// The range of a definition without `effective`: every day.
  package static let alwaysEffective = DayRange(Day(ordinal: Int32.min / 2), .distantFuture)

  /// An effective range in words: `from 2025-10-01 through 2026-09-30`, `from 2025-10-01 on`,
  /// `through 2025-09-30`, or `on every day`.
  package static func describe(_ range: DayRange) -> String {
    let from = range.first == alwaysEffective.first ? nil : range.first
    let through = range.last == .distantFuture ? nil : range.last
    switch (from, through) {
    case (let f?, let t?): return "from \(f) through \(t)"
    case (let f?, nil): return "from \(f) on"
    case (nil, let t?): return "through \(t)"
    case (nil, nil): return "on every day"
    }
  }
}
