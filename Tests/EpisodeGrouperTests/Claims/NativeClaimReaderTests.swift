import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

@Suite("Native claim reader")
struct NativeClaimReaderTests {
  static let header = "claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount"

  /// The rejections of one bad row placed after a good one (so the bad row is on line 3).
  func rejection(_ row: String) throws -> [Rejection] {
    try readClaims("\(Self.header)\nC0,M1,inpatient,2024-01-01,2024-01-02,470,10.00\n\(row)\n")
      .rejections
  }

  func expected(
    _ column: Int?, _ field: String?, _ value: String, _ reason: String, line: Int = 3,
    allowed: Cents? = nil
  ) -> Rejection {
    Rejection(
      file: "claims.csv", line: line, column: column, field: field, value: value, reason: reason,
      allowed: allowed)
  }

  @Test(
    "each malformed row is rejected with its line, column, field, value and reason",
    arguments: [
      (
        "C1,M1,inpatient,2024-02-30,,,5.00", 4, "from_date", "2024-02-30",
        "not a real date in the form YYYY-MM-DD", "5.00"
      ),
      (
        "C1,M1,inpatient,24-02-01,,,5.00", 4, "from_date", "24-02-01",
        "not a real date in the form YYYY-MM-DD", "5.00"
      ),
      (
        "C1,M1,inpatient,2024-02-05,2024-02-04,,5.00", 5, "thru_date", "2024-02-04",
        "thru date is before the from date 2024-02-05", "5.00"
      ),
      (
        "C1,M1,inpatiant,2024-02-05,,,5.00", 3, "claim_type", "inpatiant",
        "unknown claim type (expected one of inpatient, outpatient, professional, snf, home_health, hospice, dme, pharmacy)",
        "5.00"
      ),
      (
        "C1,M1,inpatient,2024-02-05,,,5,00", nil, nil, "",
        "expected 7 fields as in the header, found 8", nil
      ),
      ("C1,M1,inpatient,2024-02-05,,,abc", 7, "allowed_amount", "abc", "not a decimal amount", nil),
      (
        "C1,M1,inpatient,2024-02-05,,,12.345", 7, "allowed_amount", "12.345",
        "amount has a fraction of a cent", nil
      ),
      (
        "C1,M1,inpatient,2024-02-05,,,", 7, "allowed_amount", "", "an allowed amount is required",
        nil
      ),
      (",M1,inpatient,2024-02-05,,,5.00", 1, "claim_id", "", "a claim id is required", "5.00"),
      ("C1,,inpatient,2024-02-05,,,5.00", 2, "member_id", "", "a member id is required", "5.00"),
      ("C1,M1,,2024-02-05,,,5.00", 3, "claim_type", "", "a claim type is required", "5.00"),
      ("C1,M1,inpatient,,,,5.00", 4, "from_date", "", "a from date is required", "5.00"),
      (
        "C1,M1,inpatient,2024-02-05,,47A,5.00", 6, "drg", "47A", "not a 3-digit ms_drg code", "5.00"
      ),
      (
        "C1,M1,inpatient,2024-02-05,,1470,5.00", 6, "drg", "1470", "not a 3-digit ms_drg code",
        "5.00"
      ),
    ] as [(String, Int?, String?, String, String, String?)])
  func rowErrors(
    _ row: String, _ column: Int?, _ field: String?, _ value: String, _ reason: String,
    _ allowed: String?
  ) throws {
    let column = field == nil ? 8 : column
    let amount = allowed.map { try! Cents.parse($0).get() }
    #expect(try rejection(row) == [expected(column, field, value, reason, allowed: amount)])
  }

  @Test("a duplicated claim_id and line rejects every copy, whatever the order")
  func duplicates() throws {
    let text =
      "\(Self.header)\nC1,M1,inpatient,2024-01-01,,,1.00\nC2,M1,inpatient,2024-01-01,,,2.00\nC1,M1,inpatient,2024-01-03,,,3.00\n"
    let result = try readClaims(text)
    let reason = "duplicate claim_id+line (claim 'C1' line 1 is on lines 2, 4)"
    #expect(
      result.rejections == [
        expected(1, "claim_id", "C1", reason, line: 2, allowed: Cents(100)),
        expected(1, "claim_id", "C1", reason, line: 4, allowed: Cents(300)),
      ])
    #expect(result.store.lines.count == 1)
    #expect(result.rowsRead == 3)
  }

  @Test(
    "duplicate line numbers are found in claims of few and of many lines, in any row order",
    arguments: [5, 40])
  func duplicatesInLongClaims(_ count: Int) throws {
    // Lines count, count-1, …, 1 of C1 in falling order, then line 3 again, with C2's line 1
    // between: the two rows of line 3 are file lines (count - 3) + 2 and count + 3 (header on
    // line 1, C2 on line count + 2).
    var rows = (1...count).reversed().map { "C1,\($0),M1,snf,2024-01-01,1.00" }
    rows.append("C2,1,M1,snf,2024-01-01,2.00")
    rows.append("C1,3,M1,snf,2024-01-01,5.00")
    let text =
      "claim_id,line,member_id,claim_type,from_date,allowed_amount\n"
      + rows.joined(separator: "\n") + "\n"
    let result = try readClaims(text)
    let (first, second) = (count - 3 + 2, count + 3)
    let reason = "duplicate claim_id+line (claim 'C1' line 3 is on lines \(first), \(second))"
    #expect(
      result.rejections == [
        expected(1, "claim_id", "C1", reason, line: first, allowed: Cents(100)),
        expected(1, "claim_id", "C1", reason, line: second, allowed: Cents(500)),
      ])
    // Every other line is kept: count - 1 of C1, and C2's.
    #expect(result.store.lines.count == count)
  }

  @Test("lines of one claim must agree on member, payer and claim type")
  func inconsistentClaim() throws {
    let text =
      "claim_id,line,member_id,claim_type,from_date,allowed_amount\nC1,1,M1,snf,2024-01-01,1.00\nC1,2,M2,snf,2024-01-01,2.00\n"
    let result = try readClaims(text)
    let reason = "claim 'C1' has lines that disagree on member_id: 'M1' on line 2, 'M2' on line 3"
    #expect(
      result.rejections == [
        expected(3, "member_id", "M1", reason, line: 2, allowed: Cents(100)),
        expected(3, "member_id", "M2", reason, line: 3, allowed: Cents(200)),
      ])
    #expect(result.store.lines.isEmpty)
  }

  @Test(
    "whole-file problems are one clear error",
    arguments: [
      ("", "claims.csv: error: the file is empty: a header row is required"),
      ("\(header)\n", "claims.csv:1: error: the file has a header but no claim rows"),
      (
        "claim_id,member_id,from_date\nC1,M1,2024-01-01\n",
        "claims.csv:1: error: missing required columns claim_type, allowed_amount (header: claim_id,member_id,from_date)"
      ),
      (
        "claim_id,member_id,claim_type,from_date,allowed_amount,member_id\n",
        "claims.csv:1:6: error: column 'member_id' appears twice in the header"
      ),
    ])
  func fileErrors(_ text: String, _ message: String) {
    #expect(
      performing: { try readClaims(text) }, throws: { ($0 as? Diagnostic)?.description == message })
  }

  @Test("a missing file and a folder are refused")
  func missingFile() throws {
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "/no/such/claims.csv"), .init("no such file", kind: .missingInput))
    ) {
      try NativeClaimReader(path: "/no/such/claims.csv").read()
    }
    let folder = try temporaryFolder()
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: folder), .init("is a directory, not a file", kind: .missingInput))
    ) {
      try NativeClaimReader(path: folder).read()
    }
  }

  @Test(
    "columns in any order, unknown columns ignored, a BOM tolerated, defaults applied, codes normalised"
  )
  func layout() throws {
    let text =
      "\u{FEFF}allowed_amount,Notes,MEMBER_ID,claim_type,from_date,claim_id,principal_dx,dx,drg,revenue_code,payer_id,hcpcs\n"
      + "\"1,234.00\",x,M9,Inpatient,2024-03-01,C9,m17.11,E11.9|| i10 ,0470,450,,g0283\n"
    let result = try readClaims(text, defaultPayer: "P0")
    // "1,234.00" is not an amount: the comma is refused, never guessed.
    #expect(result.rejections.map(\.reason) == ["not a decimal amount"])
    let good = try readClaims(
      text.replacingOccurrences(of: "\"1,234.00\"", with: "1234.00"), defaultPayer: "P0")
    let s = good.store
    let line = try #require(s.lines.first)
    #expect(line.allowed == Cents(123_400))
    #expect(line.type == .inpatient)
    #expect(line.line == 1)
    #expect(line.thru == line.from && line.admit == line.from && line.discharge == line.from)
    #expect(s.payers.string(line.payer) == "P0")
    #expect(s.code(line.principalDx, .icd10CM) == "M1711")
    #expect(s.codes(line.dx).map { s.code($0, .icd10CM) } == ["E119", "I10"])
    #expect(s.code(line.drg, .msDRG) == "470")
    #expect(s.code(line.revenueCode, .revenueCode) == "0450")
    #expect(s.code(line.hcpcs, .hcpcs) == "G0283")
  }

  @Test("a field of 255 distinct codes is read, one of 256 is rejected at its column")
  func codesPerField() throws {
    /// `n` distinct diagnoses A0000, A0001, …: a letter, a digit, then three digits, each a
    /// valid ICD-10-CM shape.
    func codes(_ n: Int) -> [String] {
      (0..<n).map { "A" + String(String($0 + 10_000).dropFirst()) }
    }
    let all = codes(256)
    // Line 2: the first 255 codes. Line 3: all 256. Line 4: the first 255 and 45 repeats of A0000,
    // 300 pieces but 255 distinct codes.
    let text =
      "claim_id,member_id,claim_type,from_date,dx,allowed_amount\n"
      + "C1,M1,professional,2024-01-02,\(all.prefix(255).joined(separator: "|")),1.00\n"
      + "C2,M1,professional,2024-01-02,\(all.joined(separator: "|")),2.00\n"
      + "C3,M1,professional,2024-01-02,\((all.prefix(255) + Array(repeating: "A0000", count: 45)).joined(separator: "|")),3.00\n"
    let result = try readClaims(text)
    // The 256-code field is 256 × 5 bytes of codes + 255 separators = 1,535 bytes, shown cut to
    // its first 80: thirteen "A00nn|" of 6 bytes (78), then "A0".
    let shown = codes(13).map { $0 + "|" }.joined() + "A0" + "… (1535 bytes)"
    #expect(
      result.rejections == [
        expected(5, "dx", shown, "more than 255 codes in one field", allowed: Cents(200))
      ])
    let s = result.store
    #expect(s.views.map(\.claim) == ["C1", "C3"])
    #expect(s.lines.map(\.dxCount) == [255, 255])
    #expect(s.views.map(\.dx) == [Array(all.prefix(255)), Array(all.prefix(255))])
    // Each line's 255 codes in turn; the rejected line left none.
    #expect(s.lines.map(\.codeStart) == [0, 255] && s.codePool.count == 510)
  }

  @Test("quoted fields and CRLF line ends read the same as plain ones")
  func quoting() throws {
    let plain = try readClaims("\(Self.header)\nC1,M1,snf,2024-01-01,2024-01-05,,99.99\n")
    let quoted = try readClaims(
      "\"claim_id\",member_id,claim_type,from_date,thru_date,drg,allowed_amount\r\n\"C1\",\"M1\",snf,2024-01-01,\"2024-01-05\",\"\",\"99.99\"\r\n"
    )
    #expect(plain.store.lines.count == 1 && quoted.store.lines.count == 1)
    #expect(quoted.store.lines[0].thru == plain.store.lines[0].thru)
    #expect(quoted.store.lines[0].allowed == Cents(9999))
  }
}
