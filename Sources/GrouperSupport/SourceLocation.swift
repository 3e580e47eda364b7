/// Where in an input file something was found: the file, and as much of line, column and
/// field or JSON path as is known.
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file's path as the user gave it.
  package var file: String
  /// The 1-based line, when known.
  package var line: Int?
  /// The 1-based column: the column number of a CSV field, or the character column in a JSON file.
  package var column: Int?
  /// The CSV column name or the JSON path (`$.trigger.any[1].field`), when known.
  package var field: String?

  /// A location in `file`, with whatever of line, column and field is known.
  package init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
  }

  /// `file:line:column`, as compilers print a location.
  package var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}
