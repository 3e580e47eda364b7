/// A JSON value that remembers where it stood in its file, so that a rule file's errors can name
/// the line and column (Foundation's `JSONDecoder` gives no line on Linux).
package struct JSONNode: Sendable {
  /// The value.
  package var value: JSONValue
  /// The 1-based line where the value starts.
  package var line: Int
  /// The 1-based column where the value starts (in characters).
  package var column: Int

  /// A value found at `line`, `column`.
  package init(_ value: JSONValue, line: Int, column: Int) {
    self.value = value
    self.line = line
    self.column = column
  }

  /// The JSON kind of the value, for messages (`string`, `object`, …).
  package var kind: String { value.kind }
}

/// A member of a JSON object, with where its key stood.
package struct JSONMember: Sendable {
  /// The key.
  package var key: String
  /// Where the key stood.
  package var keyLine: Int
  /// Where the key stood.
  package var keyColumn: Int
  /// The value.
  package var value: JSONNode
}

/// The value of a JSON node. Numbers keep their text, so money and counts are read exactly.
package enum JSONValue: Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, as written.
  case number(String)
  /// A string, unescaped.
  case string(String)
  /// An array.
  case array([JSONNode])
  /// An object, its members in file order.
  case object([JSONMember])

  /// The JSON kind, for messages.
  package var kind: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}

/// A strict JSON parser (RFC 8259) that keeps the line and column of every value.
///
/// Duplicate keys in one object are an error: a rule file that says a thing twice is ambiguous.
package struct JSONParser {
  private let bytes: [UInt8]
  private let file: String
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var depth = 0

  /// Parses `bytes` of the file named `file`; throws a located diagnostic on a syntax error.
  package static func parse(_ bytes: [UInt8], file: String) throws -> JSONNode {
    try parse(bytes, file: file, firstLine: 1)
  }

  /// Parses `bytes` that start at the beginning of line `firstLine` of the file named `file` (one
  /// line of NDJSON, one entry cut from a larger document), so positions are the file's own.
  package static func parse(_ bytes: [UInt8], file: String, firstLine: Int) throws -> JSONNode {
    var parser = JSONParser(bytes: bytes, file: file)
    parser.line = firstLine
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      parser.index = 3
      parser.lineStart = 3
    }
    parser.skipWhitespace()
    guard parser.index < bytes.count else { throw parser.error(.jsonNoValue) }
    let node = try parser.parseValue()
    parser.skipWhitespace()
    guard parser.index == bytes.count else {
      throw parser.error(.jsonTextAfterValue)
    }
    return node
  }

  private init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  /// Where the last column count stopped, so a long line (one NDJSON resource) is counted once,
  /// not from its start for every value.
  private var countedTo = 0
  private var countedColumn = 1

  private var column: Int {
    // Count characters, not bytes: skip UTF-8 continuation bytes.
    var c = 1
    var i = lineStart
    if countedTo >= lineStart && countedTo <= index {
      c = countedColumn
      i = countedTo
    }
    while i < index {
      if bytes[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  /// The current column, remembering how far it was counted.
  private mutating func currentColumn() -> Int {
    let c = column
    countedTo = index
    countedColumn = c
    return c
  }

  private func error(_ message: Diagnostic.Message) -> Diagnostic {
    Diagnostic(at: SourceLocation(file: file, line: line, column: column), message)
  }

  /// A diagnostic at byte `offset` of the current line (an escape or a byte already passed).
  private func error(_ message: Diagnostic.Message, at offset: Int) -> Diagnostic {
    var c = 1
    for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 { c += 1 }
    return Diagnostic(at: SourceLocation(file: file, line: line, column: c), message)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "\n"):
        index += 1
        line += 1
        lineStart = index
      default:
        return
      }
    }
  }

  private mutating func parseValue() throws -> JSONNode {
    let startLine = line
    let startColumn = currentColumn()
    guard index < bytes.count else { throw error(.jsonEndBeforeValue) }
    func node(_ value: JSONValue) -> JSONNode {
      JSONNode(value, line: startLine, column: startColumn)
    }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      return node(try parseObject())
    case UInt8(ascii: "["):
      return node(try parseArray())
    case UInt8(ascii: "\""):
      return node(.string(try parseString()))
    case UInt8(ascii: "t"):
      try expectWord("true")
      return node(.bool(true))
    case UInt8(ascii: "f"):
      try expectWord("false")
      return node(.bool(false))
    case UInt8(ascii: "n"):
      try expectWord("null")
      return node(.null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return node(.number(try parseNumber()))
    default:
      throw error(.jsonUnexpectedCharacter(bytes, at: index))
    }
  }

  private mutating func expectWord(_ word: String) throws {
    let w = Array(word.utf8)
    guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
      throw error(.jsonUnexpectedText)
    }
    index += w.count
  }

  private mutating func enter() throws {
    depth += 1
    if depth > 256 { throw error(.jsonTooDeep) }
  }

  private mutating func parseObject() throws -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var members: [JSONMember] = []
    var seen = Set<String>()
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error(index < bytes.count ? .jsonExpectedKey : .jsonEndInObject)
      }
      let keyLine = line
      let keyColumn = currentColumn()
      let key = try parseString()
      guard seen.insert(key).inserted else {
        throw Diagnostic(
          at: SourceLocation(file: file, line: keyLine, column: keyColumn), .jsonDuplicateKey(key))
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error(.jsonExpectedColon)
      }
      index += 1
      skipWhitespace()
      let value = try parseValue()
      members.append(JSONMember(key: key, keyLine: keyLine, keyColumn: keyColumn, value: value))
      skipWhitespace()
      guard index < bytes.count else { throw error(.jsonEndInObject) }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw error(.jsonExpectedCommaInObject)
    }
  }

  private mutating func parseArray() throws -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var items: [JSONNode] = []
    skipWhitespace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error(.jsonEndInArray) }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      throw error(.jsonExpectedCommaInArray)
    }
  }

  private mutating func parseString() throws -> String {
    index += 1
    var out: [UInt8] = []
    while true {
      guard index < bytes.count else { throw error(.jsonUnterminatedString) }
      let c = bytes[index]
      if c == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: out, as: UTF8.self)
      }
      if c < 0x20 { throw error(.jsonControlCharacter) }
      if c >= 0x80 {
        // Multi-byte characters are checked as they come: bytes that are not UTF-8 are an
        // error located at the byte, never repaired into U+FFFD.
        guard let length = UTF8Check.sequenceLength(bytes, at: index) else {
          throw error(.jsonInvalidUTF8(byte: c))
        }
        out.append(contentsOf: bytes[index..<index + length])
        index += length
        continue
      }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        index += 1
        continue
      }
      let escapeStart = index
      index += 1
      guard index < bytes.count else { throw error(.jsonUnterminatedString) }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "\""): out.append(e)
      case UInt8(ascii: "\\"): out.append(e)
      case UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(8)
      case UInt8(ascii: "f"): out.append(12)
      case UInt8(ascii: "n"): out.append(10)
      case UInt8(ascii: "r"): out.append(13)
      case UInt8(ascii: "t"): out.append(9)
      case UInt8(ascii: "u"):
        var scalar = try parseHex4(escapeStart: escapeStart)
        // A surrogate must come as a high one then a low one; either alone is not a character.
        // The error points at the escape that has no partner.
        if (0xDC00...0xDFFF).contains(scalar) {
          throw error(.jsonUnpairedSurrogate, at: escapeStart)
        }
        if (0xD800...0xDBFF).contains(scalar) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else { throw error(.jsonUnpairedSurrogate, at: escapeStart) }
          index += 2
          let low = try parseHex4(escapeStart: index - 2)
          guard (0xDC00...0xDFFF).contains(low) else {
            throw error(.jsonUnpairedSurrogate, at: escapeStart)
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = Unicode.Scalar(scalar) else {
          throw error(.jsonInvalidUnicodeEscape, at: escapeStart)
        }
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default:
        // At the backslash: the character after it may be a line feed, which must not move the
        // place past its line, nor break the one-line message.
        throw error(.jsonInvalidEscape(bytes, at: index - 1), at: escapeStart)
      }
    }
  }

  /// Reads the four hex digits of a `\u` escape that starts at `escapeStart`, where a bad one is
  /// located.
  private mutating func parseHex4(escapeStart: Int) throws -> UInt32 {
    guard index + 4 <= bytes.count else {
      throw error(.jsonIncompleteUnicodeEscape, at: escapeStart)
    }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
      default: throw error(.jsonInvalidUnicodeEscape, at: escapeStart)
      }
      v = v * 16 + d
      index += 1
    }
    return v
  }

  private mutating func parseNumber() throws -> String {
    let start = index
    let startError = error(.jsonMalformedNumber)
    func digits() -> Int {
      let s = index
      while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
      return index - s
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let intStart = index
    let intDigits = digits()
    guard intDigits > 0 else { throw startError }
    if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
      throw Diagnostic(at: startError.location, .jsonLeadingZero)
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw startError }
    }
    if index < bytes.count
      && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    {
      index += 1
      if index < bytes.count
        && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
      guard digits() > 0 else { throw startError }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }
}

extension Diagnostic.Message {
  /// A JSON file with nothing but white space.
  package static let jsonNoValue = Self("the file holds no JSON value")
  /// Text after the one top-level value.
  package static let jsonTextAfterValue = Self("unexpected text after the JSON value")
  /// The file ends where a value should start.
  package static let jsonEndBeforeValue = Self("unexpected end of file, a value was expected")
  /// The byte at `index` of `bytes`, which cannot start a value.
  package static func jsonUnexpectedCharacter(_ bytes: [UInt8], at index: Int) -> Self {
    Self("unexpected \(describeCharacter(bytes, at: index)), a value was expected")
  }
  /// A word that is not `true`, `false` or `null`.
  package static let jsonUnexpectedText = Self("unexpected text, a value was expected")
  /// Arrays and objects nested too deep to be a real input.
  package static let jsonTooDeep = Self("values nested more than 256 deep")
  /// Something other than a quoted key inside an object.
  package static let jsonExpectedKey = Self("expected a key in double quotes")
  /// The file ends inside an object.
  package static let jsonEndInObject = Self("unexpected end of file inside an object")
  /// A key given twice in one object (control characters in it escaped, so the message stays on
  /// one line).
  package static func jsonDuplicateKey(_ key: String) -> Self {
    Self("duplicate key '\(key.escapedForMessage)'")
  }
  /// A key not followed by a colon.
  package static let jsonExpectedColon = Self("expected ':' after the key")
  /// An object member not followed by `,` or `}`.
  package static let jsonExpectedCommaInObject = Self("expected ',' or '}' in an object")
  /// The file ends inside an array.
  package static let jsonEndInArray = Self("unexpected end of file inside an array")
  /// An array element not followed by `,` or `]`.
  package static let jsonExpectedCommaInArray = Self("expected ',' or ']' in an array")
  /// A string with no closing quote.
  package static let jsonUnterminatedString = Self("unterminated string")
  /// A raw control character inside a string.
  package static let jsonControlCharacter = Self("control character in a string (write \\n, \\t)")
  /// A byte in a string that does not begin or continue a UTF-8 character.
  package static func jsonInvalidUTF8(byte: UInt8) -> Self {
    Self("not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) in a string)")
  }
  /// A high surrogate escape without its low half, or a low half alone.
  package static let jsonUnpairedSurrogate = Self("unpaired surrogate in \\u escape")
  /// A `\u` escape that is not four hex digits or names no character.
  package static let jsonInvalidUnicodeEscape = Self("invalid \\u escape")
  /// A backslash escape JSON does not have; `index` is the byte after the backslash. A character
  /// that does not print (a line feed, a byte that is not UTF-8) is named, not quoted.
  package static func jsonInvalidEscape(_ bytes: [UInt8], at index: Int) -> Self {
    let b = bytes[index]
    guard b >= 0x21 && b < 0x7F else {
      return Self(
        "invalid escape: a backslash before \(describeCharacter(bytes, at: index)) in a string")
    }
    return Self("invalid escape '\\\(Character(Unicode.Scalar(b)))' in a string")
  }
  /// A `\u` escape cut off by the end of the file.
  package static let jsonIncompleteUnicodeEscape = Self("incomplete \\u escape")
  /// A number that does not follow JSON's grammar.
  package static let jsonMalformedNumber = Self("malformed number")
  /// A number with a leading zero, which JSON does not allow.
  package static let jsonLeadingZero = Self("malformed number (leading zero)")

  /// The byte at `index` for a message: a printable ASCII character in quotes, a well-formed
  /// non-ASCII or control character as U+XXXX (a stray byte-order mark is otherwise invisible),
  /// and a byte that is not UTF-8 as 0xXX.
  private static func describeCharacter(_ bytes: [UInt8], at index: Int) -> String {
    let b = bytes[index]
    if b >= 0x21 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
    func hex(_ v: UInt32, _ width: Int) -> String {
      let digits = String(v, radix: 16, uppercase: true)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    if b < 0x80 { return "character U+\(hex(UInt32(b), 4))" }
    guard let n = UTF8Check.sequenceLength(bytes, at: index),
      let scalar = String(decoding: bytes[index..<index + n], as: UTF8.self).unicodeScalars.first
    else { return "byte 0x\(hex(UInt32(b), 2)) (not UTF-8)" }
    return "character U+\(hex(scalar.value, 4))"
  }
}
