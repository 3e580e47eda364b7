import Foundation
import Testing

@testable import GrouperSupport

/// The parser's own pass/fail corpus, Fixtures/json-corpus/{pass,fail}/*.json: small files written
/// for this project in the spirit of JSONTestSuite's y_ and n_ cases.
enum JSONCorpus {
  /// The corpus folder.
  static let folder = TestPaths.fixture("json-corpus")

  /// The file names of `pass` or `fail`, sorted.
  static func files(_ kind: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(kind)")) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }

  /// The bytes of a corpus file.
  static func bytes(_ kind: String, _ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(kind)/\(name)")))
  }
}

/// The JSON parser on its pass/fail corpus: every pass file parses, every fail file throws a
/// located diagnostic, and a chosen few throw exactly the message and place derived by hand.
@Suite("JSON parser corpus")
struct JSONCorpusTests {
  @Test("the corpus is there and covers both sides")
  func corpusPresent() {
    #expect(JSONCorpus.files("pass").count >= 15)
    #expect(JSONCorpus.files("fail").count >= 60)
  }

  @Test("every pass file parses", arguments: JSONCorpus.files("pass"))
  func passes(_ name: String) throws {
    let bytes = try JSONCorpus.bytes("pass", name)
    #expect(throws: Never.self) { try JSONParser.parse(bytes, file: name) }
  }

  @Test("every fail file throws a located diagnostic", arguments: JSONCorpus.files("fail"))
  func fails(_ name: String) throws {
    let bytes = try JSONCorpus.bytes("fail", name)
    do {
      let node = try JSONParser.parse(bytes, file: name)
      Issue.record("\(name) parsed, as \(node.kind)")
    } catch let d as Diagnostic {
      #expect(d.location.file == name)
      let line = try #require(d.location.line)
      let column = try #require(d.location.column)
      #expect((1...ParserProperties.lineCount(bytes)).contains(line), "\(d)")
      #expect(
        (1...(try ParserProperties.columnBound(bytes, line: line))).contains(column), "\(d)")
    } catch {
      Issue.record("\(name) threw \(type(of: error)), not a Diagnostic: \(error)")
    }
  }

  @Test(
    "fail files: the exact message and place",
    arguments: [
      ("empty.json", 1, 1, "the file holds no JSON value"),
      // " \n\t\r\n": two line feeds, so line 3, and nothing on it.
      ("whitespace-only.json", 3, 1, "the file holds no JSON value"),
      // The byte-order mark is skipped and not counted as a column.
      ("bom-only.json", 1, 1, "the file holds no JSON value"),
      ("bom-inside.json", 1, 2, "unexpected character U+FEFF, a value was expected"),
      // 257 '[': the 257th, at column 257, is one level too deep.
      ("nesting-257.json", 1, 257, "values nested more than 256 deep"),
      // 256 '{"a":' of 5 characters each, then '[' at 256 × 5 + 1 = 1281.
      ("nesting-257-objects.json", 1, 1281, "values nested more than 256 deep"),
      // '["\uD800"]': the escape starts at column 3.
      ("unpaired-high-surrogate.json", 1, 3, "unpaired surrogate in \\u escape"),
      ("unpaired-high-then-text.json", 1, 3, "unpaired surrogate in \\u escape"),
      ("high-then-high-surrogate.json", 1, 3, "unpaired surrogate in \\u escape"),
      ("high-surrogate-then-escape.json", 1, 3, "unpaired surrogate in \\u escape"),
      ("lone-low-surrogate.json", 1, 3, "unpaired surrogate in \\u escape"),
      ("low-then-high-surrogate.json", 1, 3, "unpaired surrogate in \\u escape"),
      // '["a<tab>b"]': the tab is the 4th character.
      ("control-tab-in-string.json", 1, 4, "control character in a string (write \\n, \\t)"),
      // Bytes that are not UTF-8 are named by the byte where the sequence goes wrong, its lead
      // byte (the message the readers' UTF-8 check prints for NDJSON and Bundles too).
      // '["' then 0xFF, which never appears in UTF-8: column 3.
      ("invalid-utf8-byte.json", 1, 3, "not valid UTF-8 (byte 0xFF in a string)"),
      // '["a' then 0x80: the stray continuation byte is at column 4.
      ("invalid-utf8-continuation.json", 1, 4, "not valid UTF-8 (byte 0x80 in a string)"),
      // '["' then C0 AF, an overlong '/': 0xC0 can lead no shortest form, so it is the byte.
      ("invalid-utf8-overlong.json", 1, 3, "not valid UTF-8 (byte 0xC0 in a string)"),
      // '["' then ED A0 80, U+D800 encoded: after 0xED the second byte must be 80–9F, so the
      // sequence is refused at its lead byte 0xED.
      ("invalid-utf8-surrogate.json", 1, 3, "not valid UTF-8 (byte 0xED in a string)"),
      (
        "invalid-utf8-outside-string.json", 1, 2,
        "unexpected byte 0xFF (not UTF-8), a value was expected"
      ),
      // '{"a": 1, "b": 2, "a": 3}': the second "a" opens at column 18.
      ("duplicate-key.json", 1, 18, "duplicate key 'a'"),
      // "\u0061" is "a": the key at column 10 repeats the first.
      ("duplicate-key-escaped.json", 1, 10, "duplicate key 'a'"),
      // Bad escapes are located at their backslash, column 3 of '["\…'.
      ("invalid-escape.json", 1, 3, "invalid escape '\\x' in a string"),
      ("unicode-escape-bad-hex.json", 1, 3, "invalid \\u escape"),
      ("unicode-escape-short.json", 1, 3, "invalid \\u escape"),
      // A backslash then a line feed: still line 1, and the message stays on one line.
      (
        "escape-before-newline.json", 1, 3,
        "invalid escape: a backslash before character U+000A in a string"
      ),
      ("lone-minus.json", 1, 2, "malformed number"),
      ("leading-zero.json", 1, 2, "malformed number (leading zero)"),
      ("trailing-comma-array.json", 1, 4, "unexpected character ']', a value was expected"),
      ("trailing-comma-object.json", 1, 9, "expected a key in double quotes"),
      ("unclosed-string.json", 1, 6, "unterminated string"),
      ("line-comment.json", 1, 4, "expected ',' or ']' in an array"),
      ("form-feed-whitespace.json", 1, 2, "unexpected character U+000C, a value was expected"),
      ("no-break-space-whitespace.json", 1, 2, "unexpected character U+00A0, a value was expected"),
      // Line 3 is '  "b": tru': two spaces, '"b"' at 3–5, ':' at 6, a space, 'tru' at 8.
      ("error-on-line-3.json", 3, 8, "unexpected text, a value was expected"),
      // '{"é€😀": x}': each of é, € and 😀 is one column however many bytes, so 'x' is column 9.
      ("column-counts-characters.json", 1, 9, "unexpected character 'x', a value was expected"),
    ])
  func exactFailures(_ name: String, _ line: Int, _ column: Int, _ message: String) throws {
    let bytes = try JSONCorpus.bytes("fail", name)
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: name, line: line, column: column), Diagnostic.Message(message))
    ) {
      try JSONParser.parse(bytes, file: name)
    }
  }

  @Test("pass files: escapes, surrogate pairs and numbers read as written")
  func passValues() throws {
    let escapes = try JSONParser.parse(JSONCorpus.bytes("pass", "string-escapes.json"), file: "e")
    #expect(
      try JSONCursor(root: escapes, file: "e").array()[0].string() == "\" \\ / \u{8} \u{C} \n \r \t"
    )
    let unicode = try JSONParser.parse(JSONCorpus.bytes("pass", "unicode-escapes.json"), file: "u")
    // \ud83d\ude00: 0x10000 + (0x3D << 10) + 0x200 = 0x1F600; \uD834\uDD1E: 0x10000 + (0x34 << 10)
    // + 0x11E = 0x1D11E.
    #expect(
      Array(try JSONCursor(root: unicode, file: "u").array()[0].string().unicodeScalars)
        == ["A", "\u{E9}", "\u{20AC}", "\u{1F600}", "\u{1D11E}", "\u{FFFF}", "\u{0}"])
    let numbers = try JSONParser.parse(JSONCorpus.bytes("pass", "numbers.json"), file: "n")
    let texts = try JSONCursor(root: numbers, file: "n").array().map { try $0.decimalText() }
    #expect(texts.first == "0")
    #expect(texts.contains("123456789012345678901234567890"))
    #expect(texts.contains("-12.34E56"))
    #expect(texts.last == "1E400")
    // The byte-order mark is skipped: the object starts at column 1.
    let bom = try JSONParser.parse(JSONCorpus.bytes("pass", "bom-object.json"), file: "b")
    #expect((bom.line, bom.column) == (1, 1))
    // CRLF line ends: "b" is on line 3, its value at column 8 ('  "b": "x"').
    let crlf = try JSONCursor(
      root: JSONParser.parse(JSONCorpus.bytes("pass", "crlf-lines.json"), file: "c"), file: "c")
    let b = try crlf.object().required("b")
    #expect((b.node.line, b.node.column) == (3, 8))
  }
}
