import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The mapped-extract reader: the documented example (SampleClaims/extract-example.psv through
/// SampleClaims/mapping-example.json), and bad extracts and mapping files.
@Suite("Mapped extract reader")
struct MappedExtractTests {
  static let extract = TestPaths.path("SampleClaims/extract-example.psv")
  static let mappingFile = TestPaths.path("SampleClaims/mapping-example.json")

  func readExample() throws -> ClaimReadResult {
    try MappedClaimReader(
      path: Self.extract, mapping: try ClaimMapping.load(path: Self.mappingFile)
    ).read()
  }

  @Test("the example extract reads as its mapping says")
  func example() throws {
    let result = try readExample()
    #expect(result.rowsRead == 5 && result.rejections.isEmpty)
    let v = result.store.views
    #expect(v.map(\.claim) == ["C100", "C101", "C102", "C103", "C104"])
    // CLM_TYPE I, P, S, P, R.
    #expect(v.map(\.type) == ["inpatient", "professional", "snf", "professional", "pharmacy"])
    // ALLOWED_CENTS 1590000, 145000, 790000, 9200, 4550 at two implied decimals.
    #expect(v.map(\.allowed) == ["15900.00", "1450.00", "7900.00", "92.00", "45.50"])
    #expect(v.map(\.paid) == ["14300.00", "1160.00", "7900.00", "73.60", "30.00"])
    #expect(Set(v.map(\.member)) == ["M-77"])
    let stay = v[0]
    // SVC_FROM 06/03/2024, SVC_TO 06/06/2024 (MM/dd/yyyy); DRG 0470; DX1 M16.11, DX2 I10, DX3 E78.5.
    #expect(
      stay.from == "2024-06-03" && stay.thru == "2024-06-06" && stay.discharge == "2024-06-06")
    #expect(
      stay.drg == "470" && stay.principal == "M1611" && stay.dx == ["I10", "E785"]
        && stay.px == ["0SR9019"])
    #expect(stay.revenue == "0360" && stay.status == "06" && stay.billing == "1902000009")
    #expect(v[3].modifiers == ["25", "GT"])  // MODS 25;GT
    let payers = Set(result.store.lines.map { result.store.payers.string($0.payer) })
    #expect(payers == ["EXAMPLE_PLAN"])  // a constant
  }

  @Test("the chunk size never changes what is read", arguments: [1, 9, 64])
  func chunks(_ chunk: Int) throws {
    let mapping = try ClaimMapping.load(path: Self.mappingFile)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.extract)))
    var csv = CSVReader(
      source: MemoryByteSource(bytes, chunk: chunk), name: Self.extract,
      delimiter: mapping.delimiter, chunkSize: 16)
    let result = try MappedClaimReader(path: Self.extract, mapping: mapping).read(&csv)
    #expect(result.store.views == (try readExample().store.views))
  }

  @Test("the example's hip replacement groups into LEJR")
  func exampleGroups() throws {
    let definitions = try DefinitionLoader.load(path: TestPaths.path("EpisodeDefinitions"))
    let result = Grouper(definitions: definitions, through: day("2024-12-31")).run(
      try readExample().store)
    let e = try #require(result.episodes.first)
    #expect(result.episodes.count == 1 && result.definitions[e.definition].id == "LEJR")
    // Admitted 2024-06-03, discharged 2024-06-06; + 89 days = 2024-09-03; the window opens the
    // day before the anchor (emergency and global-surgery lines only).
    #expect(e.window == DayRange(day("2024-06-02"), day("2024-09-03")))
    // C100 15900.00 + C101 1450.00 + C102 7900.00 + C103 92.00; C104 is Part D.
    #expect(e.lineCount == 4 && e.allowedTotal == dollars("25342.00") && e.status == .complete)
  }

  /// An extract with five columns and the mapping of them, as text to vary.
  static let smallExtract = "CLAIM_NO|MEMBER|TYPE|FROM|ALLOWED\nK1|M1|P|06/03/2024|1200\n"
  static let smallMapping = """
    {
      "version": 1,
      "fields": {
        "claim_id": "CLAIM_NO",
        "member_id": "MEMBER",
        "claim_type": { "column": "TYPE", "values": { "P": "professional", "O": "outpatient" } },
        "from_date": { "column": "FROM", "date_format": "MM/dd/yyyy" },
        "allowed_amount": { "column": "ALLOWED", "scale": 2 }
      },
      "delimiter": "|"
    }

    """

  func readSmall(extract: String = Self.smallExtract, mapping: String = Self.smallMapping) throws
    -> (ClaimReadResult, String)
  {
    let folder = try TemporaryFolder()
    let file = try folder.write("extract.psv", extract)
    let map = try ClaimMapping.parse(Array(mapping.utf8), file: "mapping.json")
    return (try MappedClaimReader(path: file, mapping: map).read(), file)
  }

  @Test("a mapping naming a column the extract lacks is an error in the mapping file")
  func missingColumn() throws {
    let mapping = Self.smallMapping.replacingOccurrences(
      of: "\"CLAIM_NO\"", with: "\"CLAIM_NUMBER\"")
    let error = #expect(throws: Diagnostic.self) { try readSmall(mapping: mapping) }
    // Line 4 is `    "claim_id": "CLAIM_NUMBER",`: the value starts in column 17.
    #expect(
      error?.description
        == "mapping.json:4:17: error: $.fields.claim_id: column 'CLAIM_NUMBER' is not in the header of extract.psv (columns: CLAIM_NO, MEMBER, TYPE, FROM, ALLOWED)"
    )
  }

  @Test("an extract in another delimiter shows its header as one column")
  func wrongDelimiter() throws {
    let error = #expect(throws: Diagnostic.self) {
      try readSmall(extract: Self.smallExtract.replacingOccurrences(of: "|", with: ","))
    }
    #expect(
      error?.description
        == "mapping.json:4:17: error: $.fields.claim_id: column 'CLAIM_NO' is not in the header of extract.psv (columns: CLAIM_NO,MEMBER,TYPE,FROM,ALLOWED)"
    )
  }

  @Test("truncated rows, bad dates, unlisted values and amounts are rejected where they stand")
  func rowErrors() throws {
    let rows = [
      "K2|M1|P|06/03",  // cut short
      "K3|M1|P|2024-06-03|1200",  // ISO, not MM/dd/yyyy
      "K4|M1|X|06/03/2024|1200",  // X is not in the values map
      "K5|M1|O|06/03/2024|12.00",  // a decimal point with implied decimals
    ]
    let (result, file) = try readSmall(
      extract: Self.smallExtract + rows.joined(separator: "\n") + "\n")
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):3:5: error: expected 5 fields as in the header, found 4",
        "\(file):4:4: error: FROM: not a real date in the form MM/dd/yyyy '2024-06-03'",
        "\(file):5:3: error: TYPE: not one of the values the mapping lists for claim_type (O, P) 'X'",
        "\(file):6:5: error: ALLOWED: not a whole number (the mapping gives the amount 2 implied decimals) '12.00'",
      ])
    // K1's 1200 is 12.00.
    #expect(result.store.views.map(\.allowed) == ["12.00"])
  }

  @Test("version, standardized and primary-payer fields map like any other")
  func versionFields() throws {
    let extract = """
      CLAIM_NO|MEMBER|TYPE|FROM|ALLOWED|STD|PRIMARY|ADJ|ORIG
      K1|M1|P|06/03/2024|1200|1150|0|O|
      K2|M1|P|06/03/2024|1300|1250|200|R|K1
      K3|M1|P|06/03/2024|1300||0|R|K3
      K4|M1|P|06/03/2024|1300||0|Z|K1

      """
    let mapping = Self.smallMapping.replacingOccurrences(
      of: #""allowed_amount": { "column": "ALLOWED", "scale": 2 }"#,
      with: #"""
        "allowed_amount": { "column": "ALLOWED", "scale": 2 },
            "standardized_amount": { "column": "STD", "scale": 2 },
            "primary_payer_paid": { "column": "PRIMARY", "scale": 2 },
            "adjustment_type": { "column": "ADJ", "values": { "O": "original", "R": "replacement", "V": "reversal" } },
            "replaces_claim_id": "ORIG"
        """#)
    let (result, file) = try readSmall(extract: extract, mapping: mapping)
    // K3 replaces itself; K4's Z is not in the values map.
    #expect(
      result.rejections.map(\.diagnostic.description) == [
        "\(file):4:9: error: ORIG: a claim cannot replace or reverse itself 'K3'",
        "\(file):5:8: error: ADJ: not one of the values the mapping lists for adjustment_type (O, R, V) 'Z'",
      ])
    let lines = result.store.lines
    // K1: 1200 → 12.00 allowed, 1150 → 11.50 standardized; K2 replaces K1, a primary payer paid 2.00.
    let extras = lines.map(result.store.extras)
    #expect(extras.map(\.standardized) == [dollars("11.50"), dollars("12.50")])
    #expect(extras.map(\.primaryPayerPaid) == [.zero, dollars("2.00")])
    #expect(lines.map(\.version) == [.original, .replacement])
    #expect(result.store.claims.string(lines[1].replaces) == "K1")
  }

  @Test("mapping-file mistakes are located in the mapping file")
  func mappingErrors() throws {
    func message(_ text: String) -> String? {
      do {
        _ = try ClaimMapping.parse(Array(text.utf8), file: "m.json")
        return nil
      } catch {
        return "\(error)"
      }
    }
    // Line 4 is `    "claim_id": "CLAIM_NO",`; the key starts in column 5.
    #expect(
      message(Self.smallMapping.replacingOccurrences(of: "\"claim_id\"", with: "\"claimid\""))
        == "m.json:4:5: error: $.fields.claimid: unknown field 'claimid' (did you mean 'claim_id'?)"
    )
    #expect(
      message(
        Self.smallMapping.replacingOccurrences(of: "    \"member_id\": \"MEMBER\",\n", with: ""))
        == "m.json:3:13: error: $.fields: the mapping must name a source for member_id")
    // Line 7 is `    "from_date": { "column": "FROM", "date_format": "MM/dd/yy" },`: column 53.
    #expect(
      message(Self.smallMapping.replacingOccurrences(of: "MM/dd/yyyy", with: "MM/dd/yy"))
        == "m.json:7:53: error: $.fields.from_date.date_format: not a date pattern 'MM/dd/yy': the year must be written yyyy (two-digit years are ambiguous)"
    )
    #expect(
      message(Self.smallMapping.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"))
        == "m.json:2:14: error: $.version: unknown mapping version (expected 1)")
  }
}
