import Testing

@testable import GrouperSupport

@Suite("JSONParser")
struct JSONParserTests {
  func parse(_ text: String) throws -> JSONNode {
    try JSONParser.parse(Array(text.utf8), file: "f.json")
  }

  @Test("values keep their line and column")
  func locations() throws {
    let root = JSONCursor(
      root: try parse("{\n  \"a\": [1, \"é\", {\"b\": true}],\n    \"c\": null\n}"), file: "f.json")
    let o = try root.object()
    let a = try o.required("a").array()
    #expect((a[0].node.line, a[0].node.column) == (2, 9))
    #expect((a[2].node.line, a[2].node.column) == (2, 17))
    #expect(try a[1].string() == "é")
    #expect(try o.required("c").isNull)
    #expect(o.keyLocation("c") == SourceLocation(file: "f.json", line: 3, column: 5, field: "$.c"))
    #expect(a[2].path == "$.a[2]")
  }

  @Test(
    "syntax errors are located",
    arguments: [
      ("{\"a\": 1,}", 1, 9, "expected a key in double quotes"),
      ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key 'a'"),
      ("[1,\n 2\n \"x\"]", 3, 2, "expected ',' or ']' in an array"),
      ("{\"a\": tru}", 1, 7, "unexpected text, a value was expected"),
      ("{\"a\": \"open", 1, 12, "unterminated string"),
      ("", 1, 1, "the file holds no JSON value"),
      ("{} x", 1, 4, "unexpected text after the JSON value"),
      ("[01]", 1, 2, "malformed number (leading zero)"),
    ])
  func syntaxErrors(_ text: String, _ line: Int, _ column: Int, _ message: String) {
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "f.json", line: line, column: column), .init(message))
    ) {
      try parse(text)
    }
  }

  @Test("unknown keys are refused with the nearest known one")
  func unknownKeys() throws {
    let o = try JSONCursor(root: try parse("{\"hcpc\": 1}"), file: "f.json").object()
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "f.json", line: 1, column: 2, field: "$.hcpc"),
        .init("unknown field 'hcpc' (did you mean 'hcpcs'?)"))
    ) {
      try o.rejectUnknownKeys(allowed: ["hcpcs", "drg"])
    }
  }

  @Test("escapes and surrogate pairs")
  func escapes() throws {
    let node = try parse(#"["a\"b\\c\/\n\u00e9\ud83d\ude00"]"#)
    let s = try JSONCursor(root: node, file: "f.json").array()[0].string()
    #expect(s == "a\"b\\c/\né😀")
  }
}
