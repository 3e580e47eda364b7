import Testing

@testable import GrouperReaders
@testable import GrouperSupport

/// What fuzzing found, each pinned with hand-counted places. The inputs that found them are kept
/// under Fixtures/fuzz-regressions/ too.
@Suite("Fuzz findings")
struct FuzzFindingTests {
  /// The rejections of the FHIR reader on `text` (as `b.json`, read 7 bytes at a time).
  func read(_ text: String) throws -> [String] {
    try FHIRClaimReader(path: "b.json").read(MemoryByteSource(Array(text.utf8), chunk: 7))
      .rejections.map(\.diagnostic.description)
  }

  /// The rejection of a Patient resource whose type value stands at `line`:`column`.
  func patient(_ line: Int, _ column: Int, entry: Int) -> String {
    "b.json:\(line):\(column): error: $.entry[\(entry)].resource.resourceType: "
      + "not an ExplanationOfBenefit resource 'Patient'"
  }

  /// A Bundle entry holding a Patient, which the reader rejects where its type is written.
  static let entry = #"{"resource":{"resourceType":"Patient"}}"#

  @Test("a Bundle entry after a byte-order mark is located by the file's columns")
  func entryAfterMark() throws {
    // Line 1 ends with ',' so the file is read as a Bundle, not as NDJSON.
    let text =
      "\u{FEFF}{\"resourceType\":\"Bundle\",\"entry\":[\(Self.entry),\n\(Self.entry)]}\n"
    // The mark takes no column. '{' 1, '"resourceType"' 2–15, ':' 16, '"Bundle"' 17–24, ',' 25,
    // '"entry"' 26–32, ':' 33, '[' 34: the entry opens at 35. In it '"resource":' takes 11 and
    // '{"resourceType":' 16, so the value is at 35 + 1 + 11 + 16 = 63 (it was 66: the mark
    // counted as three). Line 2's entry opens at 1, its value at 29.
    #expect(try read(text) == [patient(1, 63, entry: 0), patient(2, 29, entry: 1)])
  }

  @Test("a Bundle entry after non-ASCII text on its line is located by characters, not bytes")
  func entryAfterWideCharacters() throws {
    let text =
      "{\"id\":\"é€😀\",\"resourceType\":\"Bundle\",\"entry\":[\(Self.entry),\n\(Self.entry)]}\n"
    // '{' 1, '"id"' 2–5, ':' 6, '"é€😀"' 7–11 (five characters, ten bytes), ',' 12,
    // '"resourceType"' 13–26, ':' 27, '"Bundle"' 28–35, ',' 36, '"entry"' 37–43, ':' 44, '[' 45:
    // the entry opens at 46 and its value is at 46 + 28 = 74 (it was 80: 2 + 3 + 4 bytes for 3).
    #expect(try read(text) == [patient(1, 74, entry: 0), patient(2, 29, entry: 1)])
  }

  @Test("the stream's own errors count characters and skip the mark")
  func streamErrorColumns() throws {
    // '{"resourceType":"Bundle","entry":[' is 34 characters: the 1 is at 35.
    let marked = try ParserProperties.stream(
      Array("\u{FEFF}{\"resourceType\":\"Bundle\",\"entry\":[1]}".utf8), sourceChunk: 5,
      streamChunk: 16)
    #expect(
      marked.failure
        == Diagnostic(
          at: SourceLocation(file: "fuzz.json", line: 1, column: 35),
          Diagnostic.Message("entry[0] is not an object")))
    // '{"id":"é",' is 10 characters (11 bytes); '"resourceType":"Bundle","entry":[' 33 more: 44.
    let wide = try ParserProperties.stream(
      Array("{\"id\":\"é\",\"resourceType\":\"Bundle\",\"entry\":[1]}".utf8))
    #expect(
      wide.failure
        == Diagnostic(
          at: SourceLocation(file: "fuzz.json", line: 1, column: 44),
          Diagnostic.Message("entry[0] is not an object")))
  }

  @Test("a root key written with escapes is read as JSON reads it")
  func escapedRootKeys() throws {
    // "entr\u0079" is "entry": the entries are read (they used to vanish, leaving no resources).
    // '"entr\u0079"' is 12 characters, 26–37; ':' 38, '[' 39: the entry opens at 40, value 68.
    let escapedEntry =
      "{\"resourceType\":\"Bundle\",\"entr\\u0079\":[\(Self.entry),\n\(Self.entry)]}\n"
    #expect(try read(escapedEntry) == [patient(1, 68, entry: 0), patient(2, 29, entry: 1)])
    // "resou\rceType" holds a carriage return: it is not resourceType, so this is no Bundle.
    let notType = "{\"resou\\rceType\":\"Bundle\",\"entry\":[\(Self.entry),\n\(Self.entry)]}\n"
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "b.json", line: 1),
        Diagnostic.Message(
          "the document has an 'entry' array but its resourceType is '', not 'Bundle'"))
    ) { try read(notType) }
  }

  @Test("a document that is not a Bundle, after a mark, parses at the file's columns")
  func documentAfterMark() throws {
    // '{"resourceType":' is 16 characters: "Patient" is at 17 once the mark takes no column.
    let outcome = try ParserProperties.stream(
      Array("\u{FEFF}{\"resourceType\":\"Patient\",\n\"id\":\"p\"}".utf8))
    guard case .success(let node) = try #require(outcome.pieces.first).parsed,
      case .object(let members) = node.value
    else {
      Issue.record("no document")
      return
    }
    #expect((node.line, node.column) == (1, 1))
    #expect((members[0].value.line, members[0].value.column) == (1, 17))
  }

  @Test("input echoed in a message is escaped, so the message stays on one line")
  func echoedInputIsEscaped() throws {
    #expect(
      "a\nb\r\tc\u{0}\u{B}\u{7F}\u{2028}é".escapedForMessage
        == #"a\nb\r\tc\u{0}\u{B}\u{7F}\u{2028}é"#)
    #expect("plain".escapedForMessage == "plain")
    // '{"a\nb": 1, ' is 12 characters: the second key opens at 13.
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "d.json", line: 1, column: 13),
        Diagnostic.Message(#"duplicate key 'a\nb'"#))
    ) { try JSONParser.parse(Array(#"{"a\nb": 1, "a\nb": 2}"#.utf8), file: "d.json") }
    let type =
      "{\"resourceType\":\"Bu\u{B}dle\",\"entry\":[{\"resource\":{}},\n{\"resource\":{}}]}\n"
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "b.json", line: 1),
        Diagnostic.Message(
          #"the document has an 'entry' array but its resourceType is 'Bu\u{B}dle', not 'Bundle'"#))
    ) { try read(type) }
    var reader = CSVReader(
      source: MemoryByteSource(Array("claim\rid,line\n1,2\n".utf8)), name: "c.csv")
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "c.csv", line: 1),
        Diagnostic.Message(
          #"missing required columns claim_id, member_id, claim_type, from_date, allowed_amount (header: claim\rid,line)"#
        ))
    ) { try NativeClaimReader(path: "c.csv").read(&reader) }
  }
}
