import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// The input rules every reader shares through ``ClaimLineBuilder``, on the native reader: UTF-8,
/// trimming, the plausible date range, field lengths, code shapes and their warnings, and
/// duplicate codes in a list. Bad paths first.
@Suite("Input rules: UTF-8, trimming, dates, lengths, code shapes")
struct InputRulesTests {
  static let header = "claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount"
  static let good = "C0,M1,inpatient,2024-01-01,2024-01-02,470,10.00"

  /// Reads raw bytes (which a Swift string could not hold when they are not UTF-8).
  func read(bytes: [UInt8], chunk: Int = .max) throws -> ClaimReadResult {
    var reader = CSVReader(
      source: MemoryByteSource(bytes, chunk: chunk), name: "claims.csv", chunkSize: 64)
    return try NativeClaimReader(path: "claims.csv").read(&reader)
  }

  /// The rejections of one bad row after a good one (so the bad row is on line 3).
  func rejections(_ row: String) throws -> [Rejection] {
    try readClaims("\(Self.header)\n\(Self.good)\n\(row)\n").rejections
  }

  func rejection(
    _ column: Int, _ field: String, _ value: String, _ reason: String, allowed: String? = "5.00",
    line: Int = 3
  ) -> Rejection {
    Rejection(
      file: "claims.csv", line: line, column: column, field: field, value: value, reason: reason,
      allowed: allowed.map(dollars))
  }

  @Test("bytes that are not UTF-8 in an id or a code reject the row at their column")
  func invalidUTF8() throws {
    // Line 3: member id M, 0xFF, 1 — 0xFF is never a UTF-8 byte; it is the id's 2nd character.
    let memberRow =
      Array("\(Self.header)\n\(Self.good)\nC1,M".utf8) + [0xFF]
      + Array("1,inpatient,2024-02-05,,,5.00\n".utf8)
    #expect(
      try read(bytes: memberRow).rejections == [
        rejection(
          2, "member_id", "M\u{FFFD}1", "not valid UTF-8 (byte 0xFF at character 2 of the field)")
      ])
    // Line 3: DRG 4, 0xC0, 70 — 0xC0 could only start an overlong form, so it is refused too.
    let drgRow =
      Array("\(Self.header)\n\(Self.good)\nC1,M1,inpatient,2024-02-05,,4".utf8)
      + [0xC0] + Array("70,5.00\n".utf8)
    #expect(
      try read(bytes: drgRow).rejections == [
        rejection(
          6, "drg", "4\u{FFFD}70", "not valid UTF-8 (byte 0xC0 at character 2 of the field)")
      ])
    // Line 2 of the full header: billing_provider (column 10) 1000, 0xFE, 01; and the second dx
    // (column 14) I, 0xFF, 0 — each its own row.
    func fullRow(_ row: Row, _ marker: String, _ byte: UInt8) -> [UInt8] {
      Array("\(claimHeader)\n".utf8)
        + Array(row.csv.utf8).split(separator: UInt8(ascii: "~"), omittingEmptySubsequences: false)
        .map(Array.init).joined(separator: [byte]) + [10]
    }
    let billing = fullRow(Row(claim: "C1", from: "2024-02-05", billing: "1000~01"), "~", 0xFE)
    #expect(
      try read(bytes: billing).rejections.map(\.diagnostic.description) == [
        "claims.csv:2:10: error: billing_provider: not valid UTF-8 (byte 0xFE at character 5 of the field) '1000\u{FFFD}01'"
      ])
    let dx = fullRow(Row(claim: "C1", from: "2024-02-05", dx: "E119|I~0"), "~", 0xFF)
    #expect(
      try read(bytes: dx).rejections.map(\.diagnostic.description) == [
        "claims.csv:2:14: error: dx: not valid UTF-8 (byte 0xFF at character 7 of the field) 'E119|I\u{FFFD}0'"
      ])
    // Characters are counted, not bytes: after M and é (two bytes, C3 A9), 0xFF is character 3.
    let afterAccent =
      Array("\(Self.header)\nC1,Mé".utf8) + [0xFF]
      + Array(",inpatient,2024-02-05,,,5.00\n".utf8)
    #expect(
      try read(bytes: afterAccent).rejections.map(\.reason) == [
        "not valid UTF-8 (byte 0xFF at character 3 of the field)"
      ])
    // A claim id with a well-formed two-byte character (é, C3 A9) is read as it stands.
    let accented = try readClaims("\(Self.header)\nCé1,M1,inpatient,2024-02-05,,,5.00\n")
    #expect(accented.rejections.isEmpty && accented.store.views.map(\.claim) == ["Cé1"])
  }

  @Test("dates outside 1900-01-01 … 2100-12-31 reject the row where they stand")
  func implausibleDates() throws {
    let reason =
      "date outside the plausible range 1900-01-01 to 2100-12-31 (change it with --date-range)"
    #expect(
      try rejections("C1,M1,inpatient,2024-02-05,9999-12-31,,5.00") == [
        rejection(5, "thru_date", "9999-12-31", reason)
      ])
    #expect(
      try rejections("C1,M1,inpatient,0001-01-01,,,5.00") == [
        rejection(4, "from_date", "0001-01-01", reason)
      ])
    // The ends themselves are plausible.
    let ends = try readClaims(
      "\(Self.header)\nC1,M1,inpatient,1900-01-01,2100-12-31,,5.00\n")
    #expect(ends.rejections.isEmpty)
    // A narrower range given by the caller refuses 2024 dates.
    var reader = CSVReader(
      source: MemoryByteSource(Array("\(Self.header)\n\(Self.good)\n".utf8)), name: "claims.csv")
    var native = NativeClaimReader(path: "claims.csv")
    native.dates = DateBounds(parsing: "2000-01-01..2023-12-31")!
    #expect(
      try native.read(&reader).rejections == [
        rejection(
          4, "from_date", "2024-01-01",
          "date outside the plausible range 2000-01-01 to 2023-12-31 (change it with --date-range)",
          allowed: "10.00", line: 2)
      ])
  }

  @Test("every field is trimmed of spaces and tabs at both ends, amounts and dates included")
  func trimming() throws {
    let result = try readClaims(
      "\(Self.header)\n C1\t, M1 ,\tinpatient , 2024-02-05 ,\t2024-02-06\t, 470 , 12.50 \n")
    #expect(result.rejections.isEmpty)
    let line = try #require(result.store.views.first)
    // " 12.50 " is 1250 cents; the ids and codes lose their blanks.
    #expect(result.store.lines.first?.allowed == Cents(1250))
    #expect(line.claim == "C1" && line.member == "M1" && line.type == "inpatient")
    #expect(line.from == "2024-02-05" && line.thru == "2024-02-06" && line.drg == "470")
  }

  @Test("a code longer than 16 bytes, or a 10 MB field, is a located error, not a memory problem")
  func lengths() throws {
    let long = String(repeating: "A", count: 200)
    let header = claimHeader
    func row(hcpcs: String) -> String {
      Row(claim: "C1", type: "outpatient", from: "2024-02-05", hcpcs: hcpcs).csv
    }
    // hcpcs is column 16 of the full header; the value shown is cut to 80 bytes.
    let shown = String(repeating: "A", count: 80) + "… (200 bytes)"
    #expect(
      try readClaims("\(header)\n\(row(hcpcs: long))\n").rejections == [
        rejection(
          16, "hcpcs", shown, "longer than 16 bytes (200): not a hcpcs code", allowed: "100.00",
          line: 2)
      ])
    let huge = String(repeating: "9", count: 10_000_000)
    let result = try readClaims("\(header)\n\(row(hcpcs: huge))\n")
    #expect(result.store.lines.isEmpty)
    #expect(
      result.rejections.map(\.reason) == ["longer than 16 bytes (10000000): not a hcpcs code"])
    #expect(result.rejections.first?.value.utf8.count ?? 0 < 120)
    // Ids: 65 bytes is one too many.
    let longID = String(repeating: "m", count: 65)
    #expect(
      try rejections("C1,\(longID),inpatient,2024-02-05,,,5.00").map(\.reason) == [
        "longer than 64 bytes (65): not an id"
      ])
  }

  @Test("codes that break their system's shape are rejected")
  func malformedCodes() throws {
    let header = claimHeader
    func reasons(_ row: Row) throws -> [String] {
      try readClaims("\(header)\n\(row.csv)\n").rejections.map {
        "\($0.field ?? ""): \($0.reason) '\($0.value)'"
      }
    }
    #expect(
      try reasons(Row(claim: "C1", from: "2024-02-05", principal: "O039!")) == [
        "principal_dx: not an ICD-10-CM code: only letters and digits are allowed 'O039!'"
      ])
    // ICD-10-CM: a letter then a digit; 'OO39' has a letter second and is no ICD-9 form either.
    #expect(
      try reasons(Row(claim: "C1", from: "2024-02-05", dx: "I10|OO39")) == [
        "dx: not an ICD-10-CM code (a letter, a digit, then 1 to 5 letters or digits) 'I10|OO39'"
      ])
    // ICD-10-PCS never uses the letters O and I.
    #expect(
      try reasons(Row(claim: "C1", from: "2024-02-05", px: "0SRC0JO")) == [
        "px: not an ICD-10-PCS code (7 characters of 0-9 and A-Z without O and I) '0SRC0JO'"
      ])
    #expect(
      try reasons(Row(claim: "C1", type: "outpatient", from: "2024-02-05", hcpcs: "274470")) == [
        "hcpcs: not a HCPCS/CPT code (5 letters or digits) '274470'"
      ])
    #expect(
      try reasons(Row(claim: "C1", type: "outpatient", from: "2024-02-05", modifiers: "RT|L-T"))
        == ["modifiers: not a modifier code: only letters and digits are allowed 'RT|L-T'"])
    // A provider id with a control character (a bell, 0x07) is no id.
    #expect(
      try reasons(Row(claim: "C1", from: "2024-02-05", billing: "100\u{7}01")) == [
        "billing_provider: not a provider id (printable ASCII without spaces) '100\u{7}01'"
      ])
  }

  @Test("codes real extracts often hold are kept and counted by kind, with their places")
  func warnings() throws {
    let header = claimHeader
    let rows = [
      // 1234567890: the Luhn sum over 80840 and its digits is 67 (1234567893 makes 70), so its
      // check digit is wrong; 1234567893 is right.
      Row(claim: "C1", from: "2024-02-05", billing: "1234567890", rendering: "1234567893"),
      // 53081 is an ICD-9-CM diagnosis; 9214 an ICD-9 procedure; M99 no CPT or Level II code;
      // PCP257488 neither an NPI nor a CCN; 100001 a CCN.
      Row(
        claim: "C2", from: "2024-02-06", billing: "100001", rendering: "PCP257488",
        principal: "53081", px: "9214"),
      Row(claim: "C3", type: "outpatient", from: "2024-02-07", hcpcs: "M99", modifiers: "Q9999"),
      // A rejected row's warnings are not counted: its NPI is bad, but so is its date.
      Row(claim: "C4", from: "2024-02-30", billing: "1234567890"),
    ]
    let result = try readClaims(([header] + rows.map(\.csv)).joined(separator: "\n") + "\n")
    #expect(result.store.lines.count == 3 && result.rejections.count == 1)
    let w = result.warnings
    #expect(
      w.counts == [
        .npiCheckDigit: 1, .providerShape: 1, .icd9Diagnosis: 1, .icd9Procedure: 1,
        .hcpcsShape: 1, .modifierShape: 1,
      ])
    // Row 1 is on line 2; billing_provider is column 10 of the full header.
    #expect(
      w.places[.npiCheckDigit] == [
        ReadWarnings.Place(
          location: SourceLocation(
            file: "claims.csv", line: 2, column: 10, field: "billing_provider"),
          value: "1234567890")
      ])
    #expect(w.places[.icd9Diagnosis]?.first?.location.description == "claims.csv:3:13")
    #expect(w.places[.modifierShape]?.first?.value == "Q9999")
    // The codes are kept as read.
    #expect(result.store.views[1].principal == "53081" && result.store.views[2].hcpcs == "M99")
  }

  @Test("a code list holds each code once: repeats are dropped")
  func duplicateCodes() throws {
    // E11.9 and E119 are one code once the dot is dropped; I10 is given twice.
    let lines = try store([
      Row(
        claim: "C1", from: "2024-02-05", dx: "I10|E11.9|I10|E119", px: "0SRC0J9|0SRC0J9",
        modifiers: "RT|RT|LT")
    ]).views
    #expect(lines[0].dx == ["I10", "E119"])
    #expect(lines[0].px == ["0SRC0J9"])
    #expect(lines[0].modifiers == ["RT", "LT"])
  }

  @Test("the members file trims the same way, checks UTF-8 and refuses implausible dates")
  func members() throws {
    let text = """
      member_id,birth_date,sex,death_date,coverage_start,coverage_end
      \tM1 , 1950-02-14 ,F,,2024-01-01\t,
      M2,1850-06-01,M,,2024-01-01,
      M3,1950-02-14,M,,2024-01-01,9999-12-31

      """
    var reader = CSVReader(source: MemoryByteSource(Array(text.utf8)), name: "members.csv")
    let file = try MembersReader(path: "members.csv").read(&reader)
    #expect(file.members.keys.sorted() == ["M1"])
    #expect(file.members["M1"]?.birth == day("1950-02-14"))
    let reason =
      "date outside the plausible range 1900-01-01 to 2100-12-31 (change it with --date-range)"
    #expect(
      file.rejections.map { "\($0.line):\($0.column ?? 0) \($0.field ?? ""): \($0.reason)" } == [
        "3:2 birth_date: \(reason)", "4:6 coverage_end: \(reason)",
      ])
  }
}
