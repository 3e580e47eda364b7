import Testing

@testable import GrouperCore
@testable import GrouperImport

@Suite("Code patterns")
struct CodePatternTests {
  func set(_ system: CodeSystem, _ entries: [String]) throws -> CodeSet {
    CodeSet(
      name: "t", system: system,
      patterns: try entries.map { try CodePattern.parse($0, system: system).get() })
  }

  @Test("exact codes, prefix wildcards and inclusive ranges")
  func matching() throws {
    let icd = try set(.icd10CM, ["I21*", "E08-E13", "Z99.1"])
    for code in ["I21", "I214", "I21.09", "E08", "E119", "E13.9", "e11.65", "Z991"] {
      #expect(icd.contains(code), "\(code)")
    }
    for code in ["I22", "I2", "E07", "E14", "E0", "Z9911", "Z99"] {
      #expect(!icd.contains(code), "\(code)")
    }
    let drg = try set(.msDRG, ["001-008", "215"])
    for code in ["001", "005", "008", "215", "0005"] { #expect(drg.contains(code), "\(code)") }
    for code in ["009", "000", "216", "2150"] { #expect(!drg.contains(code), "\(code)") }
    let hcpcs = try set(.hcpcs, ["27130-27138", "G01*"])
    for code in ["27130", "27134", "27138", "G0108", "g0151"] {
      #expect(hcpcs.contains(code), "\(code)")
    }
    for code in ["27129", "27139", "G0201"] { #expect(!hcpcs.contains(code), "\(code)") }
  }

  @Test(
    "malformed entries are refused for their system",
    arguments: [
      ("47", CodeSystem.msDRG, DefinitionCodeError.malformed("47", .msDRG)),
      ("4700", .msDRG, .malformed("4700", .msDRG)),
      ("008-001", .msDRG, .malformedRange("008-001", .msDRG)),
      ("E10-E119", .icd10CM, .malformedRange("E10-E119", .icd10CM)),
      // ZZZZZ has no HCPCS shape (a letter and four digits, or five digits …), so the range
      // names it rather than asking for ends of one length.
      ("00000-ZZZZZ", .hcpcs, .malformedRangeEnd("00000-ZZZZZ", "ZZZZZ", .hcpcs)),
      ("$10-E11", .icd10CM, .malformedRangeEnd("$10-E11", "$10", .icd10CM)),
      ("1-2-3", .msDRG, .malformed("1-2-3", .msDRG)),
      ("I*21", .icd10CM, .malformedWildcard("I*21", .icd10CM)),
      ("*", .icd10CM, .malformedWildcard("*", .icd10CM)),
      ("12345", .icd10CM, .malformed("12345", .icd10CM)),
      ("2744", .hcpcs, .malformed("2744", .hcpcs)),
      ("0SRC0J", .icd10PCS, .malformed("0SRC0J", .icd10PCS)),
      ("450", .revenueCode, .malformed("450", .revenueCode)),
      ("RTX", .modifier, .malformed("RTX", .modifier)),
    ])
  func malformed(_ entry: String, _ system: CodeSystem, _ error: DefinitionCodeError) {
    #expect(throws: error) { try CodePattern.parse(entry, system: system).get() }
  }
}
