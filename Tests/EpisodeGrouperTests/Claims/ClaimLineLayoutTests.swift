import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// How a claim line sits in memory: its size, and its codes as one range of the store's pool.
@Suite("Claim line layout")
struct ClaimLineLayoutTests {
  @Test("a claim line is 95 bytes without padding, a stride of 96")
  func stride() {
    // 2 amounts of 8 bytes (allowed, paid): 16.
    // 16 fields of 4 bytes: claim, line, member, payer, from, thru, admit, discharge,
    //   billingProvider, renderingProvider, principalDx, hcpcs, replaces, sourceLine,
    //   extraAmounts, codeStart: 64, so 80 so far.
    // 4 ids of 2 bytes (drg, revenue code, place of service, discharge status): 8, so 88.
    // 7 fields of 1 byte: type, version, hasPrimaryPayerPayment, setAside (an optional enum of
    //   a few cases), dxCount, pxCount, modifierCount: 7, so 95.
    // Aligned to the amounts' 8 bytes: 96 (three code lists of 4 + 4 bytes and four 4-byte
    // numeric ids made it 120).
    #expect(MemoryLayout<ClaimLine>.size == 95)
    #expect(MemoryLayout<ClaimLine>.alignment == 8)
    #expect(MemoryLayout<ClaimLine>.stride == 96)
    #expect(MemoryLayout<ClaimLine>.offset(of: \ClaimLine.type) == 88)
  }

  @Test("the ids of the numeric code systems fit their 16 bits: every 4-digit revenue code")
  func numericIDs() throws {
    // 10,000 revenue codes 0000–9999, one a line: ids 1 to 10,000 (0 is no code), read back.
    var text = "claim_id,member_id,claim_type,from_date,revenue_code,allowed_amount\n"
    for n in 0..<10_000 {
      text += "C\(n),M1,outpatient,2024-01-01,\(String(format: "%04d", n)),1.00\n"
    }
    let read = try readClaims(text)
    #expect(read.rejections.isEmpty)
    let codes = read.store.codes(.revenueCode)
    #expect(codes.count == 10_001)
    #expect(read.store.lines.map(\.revenueCode).max() == 10_000)
    #expect(codes.string(read.store.lines[9_999].revenueCode) == "9999")
  }

  @Test("a line's codes lie in the pool as diagnoses, procedures, modifiers, whatever the columns")
  func poolOrder() throws {
    // The modifiers column comes first and the diagnoses last; line 3 is rejected (it replaces
    // itself) after its codes were read, and line 5 has no codes.
    let text =
      "claim_id,line,member_id,claim_type,from_date,modifiers,px,dx,allowed_amount,replaces_claim_id\n"
      + "C1,1,M1,outpatient,2024-01-02,RT|LT,0SRC0J9,E11.9|I10,1.00,\n"
      + "C1,2,M1,outpatient,2024-01-02,59,,M17.11,2.00,C1\n"
      + "C2,1,M1,professional,2024-01-03,,,I10,3.00,\n"
      + "C3,1,M1,professional,2024-01-03,,,,4.00,\n"
    let result = try readClaims(text)
    #expect(result.rejections.map(\.line) == [3])
    let s = result.store
    #expect(s.lines.count == 3)
    // Ids per system, in the order read (diagnoses, procedures, then modifiers of each row):
    // ICD-10-CM E119 1, I10 2 (M1711 3, on the rejected row); ICD-10-PCS 0SRC0J9 1; modifiers
    // RT 1, LT 2. C1's codes are E119, I10 | 0SRC0J9 | RT, LT at 0…4; the rejected row leaves
    // nothing; C2's I10 is at 5; C3 has none, and starts at the pool's end, 6.
    #expect(s.codePool == [1, 2, 1, 1, 2, 2])
    let ranges = s.lines.map { [$0.codeStart, UInt32($0.dxCount), UInt32($0.pxCount)] }
    #expect(ranges == [[0, 2, 1], [5, 1, 0], [6, 0, 0]])
    #expect(s.lines.map(\.modifierCount) == [2, 0, 0])
    #expect(s.lines.map(\.codeCount) == [5, 1, 0])
    #expect(s.views.map(\.dx) == [["E119", "I10"], ["I10"], []])
    #expect(s.views.map(\.px) == [["0SRC0J9"], [], []])
    #expect(s.views.map(\.modifiers) == [["RT", "LT"], [], []])
  }
}
