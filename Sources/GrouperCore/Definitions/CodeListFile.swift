import Foundation
import GrouperSupport

/// A plain code-list file, so that a long published list can be dropped in as it stands.
///
/// One entry per line: an exact code, a prefix wildcard or a range. Whatever follows the entry
/// after a comma, tab or space is a description and is ignored; `#` starts a comment; blank lines
/// are skipped. Published lists with a header row can keep it as a comment.
package enum CodeListFile {
  /// Reads the entries of the file at `path` for a code system; throws a located diagnostic for
  /// a missing file or a malformed entry.
  package static func read(path: String, system: CodeSystem, shownAs name: String) throws
    -> [CodePattern]
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Diagnostic(at: SourceLocation(file: name), .codeListFileNotFound)
    }
    let text = String(decoding: data, as: UTF8.self)
    var patterns: [CodePattern] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      line = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" }
      guard !line.isEmpty, !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else {
        continue
      }
      let entry = line.prefix { $0 != "," && $0 != "\t" && $0 != " " && $0 != "\r" }
      let column = rawLine.distance(from: rawLine.startIndex, to: entry.startIndex) + 1
      switch CodePattern.parse(String(entry), system: system) {
      case .success(let p): patterns.append(p)
      case .failure(let e):
        throw Diagnostic(
          at: SourceLocation(file: name, line: index + 1, column: column), .definitionCode(e))
      }
    }
    guard !patterns.isEmpty else {
      throw Diagnostic(at: SourceLocation(file: name), .codeListFileEmpty)
    }
    return patterns
  }
}

extension Diagnostic.Message {
  /// A code-list file named by a definition that does not exist.
  package static let codeListFileNotFound = Self("code-list file not found", kind: .missingInput)
  /// A code-list file with nothing but comments and blank lines.
  package static let codeListFileEmpty = Self("the code-list file holds no codes")
  /// A code, range or wildcard in a definition or code-list file that is not well formed.
  package static func definitionCode(_ error: DefinitionCodeError) -> Self {
    Self(error.description)
  }
}
