import GrouperCore
import GrouperSupport

/// The quality file read: each provider's composite quality score and whether it passed its
/// quality metrics, for every program or for one.
///
/// The file is CSV with a header: `provider` (required), `program` (optional: a row without one
/// applies to every program, a row with one overrides it for that program), and at least one of
/// `composite_score` (0 to 100) and `quality_passed` (`true`/`false`, `yes`/`no`).
package struct QualityScores: Sendable {
  /// What the file says of one provider.
  package struct Entry: Sendable, Equatable {
    /// The composite quality score, 0 to 100, when given.
    package var score: ExactDecimal?
    /// Whether the provider passed its quality metrics, when given.
    package var passed: Bool?
    /// The row's line in the file.
    package var line: Int

    /// An entry.
    package init(score: ExactDecimal?, passed: Bool?, line: Int) {
      self.score = score
      self.passed = passed
      self.line = line
    }
  }

  /// The file's name.
  package var file: String
  /// Entries by program id ("" for every program), then provider id.
  package var entries: [String: [String: Entry]]

  /// Scores read from `file`.
  package init(file: String, entries: [String: [String: Entry]]) {
    self.file = file
    self.entries = entries
  }

  /// No scores: every provider is missing.
  package static let none = QualityScores(file: "", entries: [:])

  /// What the file says of a provider in a program: the program's own row, else the row for
  /// every program, else nil.
  package func entry(program: String, provider: String) -> Entry? {
    entries[program]?[provider] ?? entries[""]?[provider]
  }

  static let columns = ["program", "provider", "composite_score", "quality_passed"]

  /// Reads the file at `path`; throws a located diagnostic at the first problem. A row naming a
  /// program not in `programs` (when given) is an error.
  package static func read(path: String, programs: [String]? = nil) throws -> QualityScores {
    var reader = try CSVReader(path: path)
    return try read(&reader, file: path, programs: programs)
  }

  /// Reads from any byte source; `file` names it in diagnostics.
  package static func read<S: ByteSource>(
    _ reader: inout CSVReader<S>, file: String, programs: [String]? = nil
  ) throws
    -> QualityScores
  {
    var map: [Int]?
    var width = 0
    var entries: [String: [String: Entry]] = [:]
    var rows = 0
    try reader.forEachRecord { record in
      guard let m = map else {
        var found = [Int](repeating: -1, count: columns.count)
        width = record.count
        for i in 0..<record.count {
          let name = record.string(i).trimmingCharacters(in: .whitespaces).lowercased()
          let at = SourceLocation(file: file, line: record.line, column: i + 1)
          guard let k = columns.firstIndex(of: name) else {
            var message = "unknown column '\(name)' (expected \(columns.joined(separator: ", ")))"
            if let near = nearest(name, in: columns) {
              message = "unknown column '\(name)' (did you mean '\(near)'?)"
            }
            throw Diagnostic(at: at, message)
          }
          guard found[k] < 0 else {
            throw Diagnostic(at: at, "column '\(name)' appears twice in the header")
          }
          found[k] = i
        }
        guard found[1] >= 0 else {
          throw Diagnostic(
            at: SourceLocation(file: file, line: record.line), "missing required column provider")
        }
        guard found[2] >= 0 || found[3] >= 0 else {
          throw Diagnostic(
            at: SourceLocation(file: file, line: record.line),
            "the file needs a composite_score or a quality_passed column")
        }
        map = found
        return
      }
      rows += 1
      guard record.count == width else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line),
          Rejection.fieldCountReason(expected: width, found: record.count))
      }
      func text(_ k: Int) -> String {
        m[k] < 0 ? "" : record.string(m[k]).trimmingCharacters(in: .whitespaces)
      }
      func at(_ k: Int) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: m[k] + 1, field: columns[k])
      }
      let program = text(0)
      if let programs, !program.isEmpty, !programs.contains(program) {
        var message = "unknown program '\(program)'"
        if let near = nearest(program, in: programs) { message += " (did you mean '\(near)'?)" }
        throw Diagnostic(at: at(0), message)
      }
      let provider = text(1)
      guard !provider.isEmpty else { throw Diagnostic(at: at(1), "a provider id is required") }
      var score: ExactDecimal?
      if !text(2).isEmpty {
        guard case .success(let d) = ExactDecimal.parse(text(2)) else {
          throw Diagnostic(at: at(2), "not a decimal number '\(text(2))'")
        }
        guard d >= .zero, d <= .hundred else {
          throw Diagnostic(at: at(2), "a composite score runs from 0 to 100, found '\(text(2))'")
        }
        guard d.scale <= 4 else {
          throw Diagnostic(
            at: at(2), "a composite score has at most 4 decimals, found '\(text(2))'")
        }
        score = d
      }
      var passed: Bool?
      if !text(3).isEmpty {
        switch text(3).lowercased() {
        case "true", "yes": passed = true
        case "false", "no": passed = false
        default: throw Diagnostic(at: at(3), "expected true or false, found '\(text(3))'")
        }
      }
      guard score != nil || passed != nil else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line),
          "the row gives neither a composite_score nor quality_passed for provider '\(provider)'")
      }
      if let earlier = entries[program]?[provider] {
        let scope = program.isEmpty ? "for every program" : "in program '\(program)'"
        throw Diagnostic(
          at: at(1), "provider '\(provider)' is already scored \(scope) on line \(earlier.line)")
      }
      entries[program, default: [:]][provider] = Entry(
        score: score, passed: passed, line: record.line)
    }
    guard map != nil else {
      throw Diagnostic(
        at: SourceLocation(file: file), "the file is empty: a header row is required")
    }
    return QualityScores(file: file, entries: entries)
  }
}
