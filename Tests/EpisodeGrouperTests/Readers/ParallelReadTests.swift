import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperSupport

/// Reading a native file in parts on several threads gives what one pass gives, id for id: lines,
/// interned strings, rejections, warnings and counts, wherever the cuts fall.
@Suite struct ParallelReadTests {
  /// Every field of every line, ids as numbers and as the text they stand for, and everything
  /// else the read returns: two reads are the same read exactly when these are equal.
  static func render(_ result: ClaimReadResult) -> [String] {
    let s = result.store
    var out = result.store.lines.map { l -> String in
      let codes = { (list: CodeList) in s.codes(list).map(String.init).joined(separator: "|") }
      return [
        "\(l.claim)=\(s.claims.string(l.claim))", "\(l.line)", "\(l.member)", "\(l.payer)",
        "\(l.type)", "\(l.version)", "\(l.hasPrimaryPayerPayment)",
        "\(String(describing: l.setAside))",
        "\(l.from)", "\(l.thru)", "\(l.admit)", "\(l.discharge)", "\(l.billingProvider)",
        "\(l.renderingProvider)", "\(l.drg)", "\(l.principalDx)", codes(l.dx), codes(l.px),
        "\(l.hcpcs)", codes(l.modifiers), "\(l.revenueCode)", "\(l.placeOfService)",
        "\(l.dischargeStatus)", "\(l.replaces)", "\(l.allowed)", "\(l.paid)", "\(l.sourceLine)",
        "\(s.extras(l))", "codes \(l.codeStart)+\(l.dxCount),\(l.pxCount),\(l.modifierCount)",
      ].joined(separator: ",")
    }
    out.append("claims " + (0..<UInt32(s.claims.count)).map(s.claims.string).joined(separator: ","))
    out.append(
      "members " + (0..<UInt32(s.members.count)).map(s.members.string).joined(separator: ","))
    out.append("payers " + (0..<UInt32(s.payers.count)).map(s.payers.string).joined(separator: ","))
    out.append("pool " + s.codePool.map(String.init).joined(separator: ","))
    for system in CodeSystem.allCases {
      let t = s.codes(system)
      out.append("\(system) " + (0..<UInt32(t.count)).map(t.string).joined(separator: ","))
    }
    out += result.rejections.map { "\($0)" }
    out.append("warnings \(result.warnings.messages.map(\.text))")
    let absent = result.absentColumns.map { "\($0.key.name)=\($0.value)" }.sorted()
    out.append("rows \(result.rowsRead) bytes \(result.bytesRead) absent \(absent)")
    return out
  }

  /// A claim file of `claims` two-line claims over a few members, with what real files hold: a
  /// byte-order mark, CRLF lines, quoted fields, code lists, blank lines, rows to reject (a bad
  /// date, a missing field, a claim whose lines name two members) and codes that warn (an NPI
  /// with a wrong check digit), and no newline after the last row.
  static func file(claims: Int, quotedNewlines: Bool = false) -> String {
    var text =
      "\u{FEFF}claim_id,line,member_id,payer_id,claim_type,from_date,thru_date,"
      + "billing_provider,drg,principal_dx,dx,hcpcs,modifiers,allowed_amount,paid_amount\r\n"
    for c in 0..<claims {
      let member = "M\(c % 7)"
      let day = String(format: "2024-%02d-%02d", 1 + c % 12, 1 + c % 28)
      for line in 1...2 {
        let note = quotedNewlines && c % 5 == 0 ? "\"A\nB\"" : "\"P,\(c % 3)\""
        var row = [
          "C\(c)", "\(line)", c % 41 == 5 && line == 2 ? "M99" : member, note, "professional",
          day, day, c % 4 == 0 ? "1234567890" : "1234567893", "", "E11.\(c % 9)",
          "I10|E78.5|I10", "9921\(line)", line == 1 ? "RT|LT" : "", "\(c).\(line)0", "1.00",
        ]
        if c % 17 == 3 && line == 1 { row[5] = "2024-02-30" }
        if c % 23 == 11 && line == 2 { row.removeLast() }
        text += row.joined(separator: ",") + (c % 2 == 0 ? "\r\n" : "\n")
      }
      if c % 13 == 0 { text += "\n" }
    }
    text += "C\(claims),1,M1,P,professional,2024-03-03,,,,,,99213,,5.00,5.00"
    return text
  }

  /// A reader of `path` over `jobs` threads with parts of `partSize` bytes.
  static func reader(_ path: String, jobs: Int, partSize: Int) -> NativeClaimReader {
    var reader = NativeClaimReader(path: path)
    reader.jobs = jobs
    reader.partSize = partSize
    return reader
  }

  @Test(arguments: [(2, 97), (2, 1000), (3, 333), (4, 2048), (8, 64)])
  func partsGiveTheSinglePassResult(jobs: Int, partSize: Int) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("claims.csv", Self.file(claims: 300))
    let single = try Self.reader(path, jobs: 1, partSize: partSize).read()
    // The file is cut in parts and read without falling back to one pass.
    let file = try FileByteSource(path: path)
    let parts = try #require(
      Self.reader(path, jobs: jobs, partSize: partSize).readInParts(
        file, size: file.size))
    #expect(Self.render(parts) == Self.render(single))
    #expect(
      try Self.render(Self.reader(path, jobs: jobs, partSize: partSize).read())
        == Self.render(single))
    // What the file holds, counted by hand: 300 claims × 2 rows + 1 last row = 601 rows. Rejected:
    // line 1 of c % 17 == 3 (c = 3 + 17k ≤ 299: k = 0…17, 18 rows) for its date; line 2 of
    // c % 23 == 11 (c = 11 + 23k ≤ 299: k = 0…12, 13 rows) for a missing field; and both lines of
    // each claim whose line 2 names M99 (c % 41 == 5: 5, 46, 87, 128, 169, 210, 251, 292), but for
    // C292, whose line 1 (292 = 3 + 17 × 17) is already rejected, so that its line 2 stands alone
    // and disagrees with nothing: 7 × 2 = 14 rows. None of these 14 is among the others (the seven
    // claims' c mod 23 are 5, 0, 18, 13, 8, 3, 21, never 11).
    #expect(single.rowsRead == 601)
    #expect(single.rejections.count == 18 + 13 + 14)
    #expect(single.store.lines.count == 601 - 45)
    // 1234567890 fails the NPI check digit on both lines of each c % 4 == 0 claim read.
    #expect(single.warnings.counts[.npiCheckDigit] != nil)
  }

  @Test func aCutInsideAQuotedNewlineFallsBackToOnePass() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("claims.csv", Self.file(claims: 200, quotedNewlines: true))
    let single = try Self.reader(path, jobs: 1, partSize: 50).read()
    // Parts of 50 bytes cut inside some quoted newline: that part fails, and the whole file is
    // read in one pass instead.
    let file = try FileByteSource(path: path)
    #expect(Self.reader(path, jobs: 2, partSize: 50).readInParts(file, size: file.size) == nil)
    for jobs in [2, 3] {
      #expect(
        try Self.render(Self.reader(path, jobs: jobs, partSize: 50).read()) == Self.render(single))
    }
    // The quoted newlines count as lines: the last row of 200 claims (two rows each, one in five
    // with a two-line field on each row: 40 × 2 extra lines, plus ⌈200 / 13⌉ = 16 blank lines)
    // sits on line 1 + 400 + 80 + 16 + 1 = 498.
    #expect(single.store.lines.last?.sourceLine == 498)
  }

  @Test func aFileWithAProblemReportsItAsOnePassDoes() throws {
    let folder = try TemporaryFolder()
    // An unterminated quote on the last row: the whole file is refused, at its line.
    let path = try folder.write(
      "claims.csv", Self.file(claims: 100) + "\nC9,1,M1,\"P,professional,2024-01-01")
    for jobs in [1, 2, 4] {
      #expect {
        try Self.reader(path, jobs: jobs, partSize: 64).read()
      } throws: { error in
        (error as? Diagnostic)?.description.contains("claims.csv:\(202 + 8 + 1):") == true
      }
    }
  }
}
