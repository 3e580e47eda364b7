/// A JSON value at a known path of a known file, with typed readers that throw located
/// diagnostics: `EpisodeDefinitions/LEJR.json:14:9: error: $.windows.post_anchor.days: expected a
/// whole number, found string`.
package struct JSONCursor: Sendable {
  /// The value.
  package let node: JSONNode
  /// The file it came from.
  package let file: String
  /// Its JSON path from the root, `$` for the root.
  package let path: String

  /// A cursor at the root of a parsed file.
  package init(root node: JSONNode, file: String) {
    self.init(node: node, file: file, path: "$")
  }

  package init(node: JSONNode, file: String, path: String) {
    self.node = node
    self.file = file
    self.path = path
  }

  /// Where this value stands.
  package var location: SourceLocation {
    SourceLocation(file: file, line: node.line, column: node.column, field: path)
  }

  /// A diagnostic at this value.
  package func error(_ message: Diagnostic.Message) -> Diagnostic {
    Diagnostic(at: location, message)
  }

  private func mismatch(_ expected: String) -> Diagnostic {
    error(.jsonMismatch(expected: expected, found: "\(node.kind)"))
  }

  /// Whether the value is JSON `null`.
  package var isNull: Bool {
    if case .null = node.value { return true }
    return false
  }

  /// The value as a string.
  package func string() throws -> String {
    guard case .string(let s) = node.value else { throw mismatch("a string") }
    return s
  }

  /// The value as a non-empty string (blank text is also refused).
  package func nonEmptyString() throws -> String {
    let s = try string()
    guard !s.allSatisfy(\.isWhitespace) else { throw error(.jsonBlankString) }
    return s
  }

  /// The value as a boolean.
  package func bool() throws -> Bool {
    guard case .bool(let b) = node.value else { throw mismatch("true or false") }
    return b
  }

  /// The value as a whole number.
  package func int() throws -> Int {
    guard case .number(let text) = node.value else { throw mismatch("a whole number") }
    guard let n = Int(text) else { throw error(.jsonNotWholeNumber(text)) }
    return n
  }

  /// The value as a whole number of at least `minimum`.
  package func int(atLeast minimum: Int, _ what: String = "the value") throws -> Int {
    let n = try int()
    guard n >= minimum else { throw error(.jsonBelowMinimum(what, minimum: minimum, found: n)) }
    return n
  }

  /// The value as a `YYYY-MM-DD` date.
  package func day() throws -> Day {
    let s = try string()
    guard let d = Day(iso: s) else { throw error(.jsonNotADate(s)) }
    return d
  }

  /// The value as the text of a decimal number (a JSON number or a string holding one), unparsed,
  /// for readers of exact amounts and rates.
  package func decimalText() throws -> String {
    switch node.value {
    case .number(let text): return text
    case .string(let text): return text
    default: throw mismatch("a number")
    }
  }

  /// The value as an array of cursors, each at `path[i]`.
  package func array() throws -> [JSONCursor] {
    guard case .array(let items) = node.value else { throw mismatch("an array") }
    return items.enumerated().map { JSONCursor(node: $1, file: file, path: "\(path)[\($0)]") }
  }

  /// The value as a string or an array of strings: `"inpatient"` and `["snf", "home_health"]`.
  package func stringOrStrings() throws -> [(String, JSONCursor)] {
    if case .string(let s) = node.value { return [(s, self)] }
    guard case .array = node.value else { throw mismatch("a string or an array of strings") }
    return try array().map { (try $0.string(), $0) }
  }

  /// The value as an object whose members are read by key.
  package func object() throws -> JSONObject {
    guard case .object(let members) = node.value else { throw mismatch("an object") }
    return JSONObject(cursor: self, members: members)
  }
}

/// A JSON object being read: members are taken by key, and keys nobody asked for are refused.
package struct JSONObject: Sendable {
  /// The object itself.
  package let cursor: JSONCursor
  /// Its members, in file order.
  package let members: [JSONMember]

  /// The keys, in file order.
  package var keys: [String] { members.map(\.key) }

  /// The member `key`, when present.
  package func optional(_ key: String) -> JSONCursor? {
    guard let m = members.first(where: { $0.key == key }) else { return nil }
    return JSONCursor(node: m.value, file: cursor.file, path: childPath(key))
  }

  /// The member `key`, or a located error saying it is missing.
  package func required(_ key: String) throws -> JSONCursor {
    guard let c = optional(key) else { throw cursor.error(.jsonMissingField(key)) }
    return c
  }

  /// The path of member `key`.
  package func childPath(_ key: String) -> String {
    // Most keys are ASCII words: check their bytes before asking Unicode about each character.
    let ascii = key.utf8.allSatisfy {
      ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 &- 0x30 < 10 || $0 == 0x5F
    }
    let plain =
      !key.isEmpty && (ascii || key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
    return plain ? "\(cursor.path).\(key)" : "\(cursor.path)[\"\(key)\"]"
  }

  /// Where the key `key` stands.
  package func keyLocation(_ key: String) -> SourceLocation {
    let m = members.first { $0.key == key }
    return SourceLocation(
      file: cursor.file, line: m?.keyLine, column: m?.keyColumn, field: childPath(key))
  }

  /// Throws at the first key not in `allowed`, suggesting the nearest allowed key.
  package func rejectUnknownKeys(allowed: [String]) throws {
    for m in members where !allowed.contains(m.key) {
      throw Diagnostic(
        at: keyLocation(m.key), .jsonUnknownField(m.key, nearest: nearest(m.key, in: allowed)))
    }
  }

  /// Throws unless exactly one of `keys` is present; returns it.
  package func exactlyOne(of keys: [String], what: String) throws -> String {
    let present = keys.filter { optional($0) != nil }
    guard present.count == 1 else {
      if present.isEmpty { throw cursor.error(.jsonNeedsOneOf(what, keys)) }
      throw cursor.error(.jsonTakesOnlyOneOf(what, keys, found: present))
    }
    return present[0]
  }
}

/// The candidate within edit distance 2 of `word`, if any: for "did you mean" hints.
package func nearest(_ word: String, in candidates: [String]) -> String? {
  var best: (String, Int)?
  for c in candidates {
    let d = editDistance(Array(word.lowercased()), Array(c.lowercased()))
    if d <= 2 && d < (best?.1 ?? .max) { best = (c, d) }
  }
  return best?.0
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      current[j] = min(
        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

extension Diagnostic.Message {
  /// A JSON value of the wrong type: `expected a string, found number`.
  package static func jsonMismatch(expected: String, found: String) -> Self {
    Self("expected \(expected), found \(found)")
  }
  /// A string that is empty or only white space where text is needed.
  package static let jsonBlankString = Self("must not be empty")
  /// A number with a fraction or exponent, or too large, where a whole number is needed.
  package static func jsonNotWholeNumber(_ text: String) -> Self {
    Self("expected a whole number, found \(text)")
  }
  /// A whole number below the least allowed; `what` names it (`the value`, `days`).
  package static func jsonBelowMinimum(_ what: String, minimum: Int, found: Int) -> Self {
    Self("\(what) must be at least \(minimum), found \(found)")
  }
  /// A string that is not a `YYYY-MM-DD` date.
  package static func jsonNotADate(_ text: String) -> Self {
    Self("not a date in the form YYYY-MM-DD: '\(text)'")
  }
  /// An object without a member it must have.
  package static func jsonMissingField(_ key: String) -> Self {
    Self("missing required field '\(key)'")
  }
  /// A member no reader asked for, with the nearest known key when one is close.
  package static func jsonUnknownField(_ key: String, nearest: String?) -> Self {
    Self("unknown field '\(key)'" + (nearest.map { " (did you mean '\($0)'?)" } ?? ""))
  }
  /// An object with none of the members of which it needs exactly one.
  package static func jsonNeedsOneOf(_ what: String, _ keys: [String]) -> Self {
    Self("\(what) needs one of \(quotedList(keys, ", "))")
  }
  /// An object with more than one of the members of which it takes exactly one.
  package static func jsonTakesOnlyOneOf(_ what: String, _ keys: [String], found: [String]) -> Self
  {
    Self("\(what) takes only one of \(quotedList(keys, ", ")), found \(quotedList(found, " and "))")
  }
  /// `'a', 'b'`: each item in single quotes, joined by `separator`.
  private static func quotedList(_ items: [String], _ separator: String) -> String {
    items.map { "'\($0)'" }.joined(separator: separator)
  }
}
