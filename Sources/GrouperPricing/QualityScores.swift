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
            throw Diagnostic(
              at: at, .unknownQualityColumn(name, nearest: nearest(name, in: columns)))
          }
          guard found[k] < 0 else {
            throw Diagnostic(at: at, .duplicateColumn(name))
          }
          found[k] = i
        }
        guard found[1] >= 0 else {
          throw Diagnostic(
            at: SourceLocation(file: file, line: record.line), .missingColumn("provider"))
        }
        guard found[2] >= 0 || found[3] >= 0 else {
          throw Diagnostic(
            at: SourceLocation(file: file, line: record.line), .noScoreColumn)
        }
        map = found
        return
      }
      rows += 1
      guard record.count == width else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line),
          .fieldCount(expected: width, found: record.count))
      }
      func text(_ k: Int) -> String {
        m[k] < 0 ? "" : record.string(m[k]).trimmingCharacters(in: .whitespaces)
      }
      func at(_ k: Int) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: m[k] + 1, field: columns[k])
      }
      let program = text(0)
      if let programs, !program.isEmpty, !programs.contains(program) {
        throw Diagnostic(
          at: at(0), .unknownProgram(program, nearest: nearest(program, in: programs)))
      }
      let provider = text(1)
      guard !provider.isEmpty else { throw Diagnostic(at: at(1), .providerIDRequired) }
      var score: ExactDecimal?
      if !text(2).isEmpty {
        guard case .success(let d) = ExactDecimal.parse(text(2)) else {
          throw Diagnostic(at: at(2), .notADecimal(text(2)))
        }
        guard d >= .zero, d <= .hundred else {
          throw Diagnostic(at: at(2), .compositeScoreOutOfRange(text(2)))
        }
        guard d.scale <= 4 else {
          throw Diagnostic(at: at(2), .compositeScoreTooPrecise(text(2)))
        }
        score = d
      }
      var passed: Bool?
      if !text(3).isEmpty {
        switch text(3).lowercased() {
        case "true", "yes": passed = true
        case "false", "no": passed = false
        default: throw Diagnostic(at: at(3), .notABoolean(text(3)))
        }
      }
      guard score != nil || passed != nil else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: record.line), .noScore(provider: provider))
      }
      if let earlier = entries[program]?[provider] {
        throw Diagnostic(
          at: at(1), .alreadyScored(provider: provider, program: program, line: earlier.line))
      }
      entries[program, default: [:]][provider] = Entry(
        score: score, passed: passed, line: record.line)
    }
    guard map != nil else {
      throw Diagnostic(at: SourceLocation(file: file), .emptyFile)
    }
    return QualityScores(file: file, entries: entries)
  }
}

extension Diagnostic.Message {
  /// A header column that is not one of the quality file's, with the nearest when one is close.
  static func unknownQualityColumn(_ name: String, nearest: String?) -> Self {
    guard let nearest else {
      return Self(
        "unknown column '\(name)' (expected \(QualityScores.columns.joined(separator: ", ")))")
    }
    return Self("unknown column '\(name)' (did you mean '\(nearest)'?)")
  }
  /// A header with neither score column.
  static let noScoreColumn = Self("the file needs a composite_score or a quality_passed column")
  /// A program the price file does not have, with the nearest when one is close.
  static func unknownProgram(_ program: String, nearest: String?) -> Self {
    Self("unknown program '\(program)'" + (nearest.map { " (did you mean '\($0)'?)" } ?? ""))
  }
  /// A blank provider id.
  static let providerIDRequired = Self("a provider id is required")
  /// A score that is not a decimal number.
  static func notADecimal(_ text: String) -> Self { Self("not a decimal number '\(text)'") }
  /// A composite score outside 0 to 100.
  static func compositeScoreOutOfRange(_ text: String) -> Self {
    Self("a composite score runs from 0 to 100, found '\(text)'")
  }
  /// A composite score with more than four decimals.
  static func compositeScoreTooPrecise(_ text: String) -> Self {
    Self("a composite score has at most 4 decimals, found '\(text)'")
  }
  /// A `quality_passed` that is not true, false, yes or no.
  static func notABoolean(_ text: String) -> Self {
    Self("expected true or false, found '\(text)'")
  }
  /// A row with neither a score nor a pass.
  static func noScore(provider: String) -> Self {
    Self("the row gives neither a composite_score nor quality_passed for provider '\(provider)'")
  }
  /// A provider scored twice for one program (or for every program).
  static func alreadyScored(provider: String, program: String, line: Int) -> Self {
    let scope = program.isEmpty ? "for every program" : "in program '\(program)'"
    return Self("provider '\(provider)' is already scored \(scope) on line \(line)")
  }
}
