import Testing

@testable import GrouperSupport

@Suite("CSVReader")
struct CSVReaderTests {
  /// Every record as (line, fields), read through chunks of `chunk` bytes.
  func records(_ text: String, chunk: Int = .max, delimiter: Character = ",") throws -> [(
    Int, [String]
  )] {
    var reader = CSVReader(
      source: MemoryByteSource(Array(text.utf8), chunk: chunk), name: "t.csv",
      delimiter: delimiter.asciiValue!, chunkSize: 16)
    var out: [(Int, [String])] = []
    try reader.forEachRecord { out.append(($0.line, $0.strings)) }
    return out
  }

  static let tricky =
    "\u{FEFF}a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n\n2,\"two\nlines\",\n3,,\"\"\n\"4\",last,without newline"

  @Test("quotes, doubled quotes, embedded newlines, CRLF, a BOM and blank lines")
  func tricky() throws {
    let r = try records(Self.tricky)
    #expect(r.map(\.0) == [1, 2, 4, 6, 7])
    #expect(r[0].1 == ["a", "b", "c"])
    #expect(r[1].1 == ["1", "x,y", "say \"hi\""])
    #expect(r[2].1 == ["2", "two\nlines", ""])
    #expect(r[3].1 == ["3", "", ""])
    #expect(r[4].1 == ["4", "last", "without newline"])
  }

  @Test("the chunk size never changes what is read", arguments: [1, 2, 3, 5, 7, 13, 64, 4096])
  func chunkSizes(_ chunk: Int) throws {
    let whole = try records(Self.tricky)
    let chunked = try records(Self.tricky, chunk: chunk)
    #expect(chunked.map(\.0) == whole.map(\.0))
    #expect(chunked.map(\.1) == whole.map(\.1))
  }

  @Test("long unquoted fields read whole, across chunk boundaries and before a CRLF")
  func longFields() throws {
    let long = String(repeating: "abcdefghij", count: 7)
    let text = "\(long),x,\(long)\nab,\(long)\r\n\(long)"
    for chunk in [1, 5, 8, 9, 4096] {
      let r = try records(text, chunk: chunk)
      #expect(r.map(\.1) == [[long, "x", long], ["ab", long], [long]])
    }
  }

  @Test("other delimiters")
  func pipes() throws {
    #expect(try records("A|B\n1|2|\n", delimiter: "|").map(\.1) == [["A", "B"], ["1", "2", ""]])
  }

  @Test("an unterminated quote is located at its record and field")
  func unterminated() {
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "t.csv", line: 2, column: 2), .init("unterminated quoted field"))
    ) {
      try records("a,b\n1,\"open\n2,3\n")
    }
  }

  @Test("text after a closing quote is located")
  func afterQuote() {
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "t.csv", line: 3, column: 1),
        .init("unexpected character after a closing quote"))
    ) {
      try records("a,b\n1,2\n\"x\"y,2\n")
    }
  }
}
