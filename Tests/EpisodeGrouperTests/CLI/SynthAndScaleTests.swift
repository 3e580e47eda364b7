import Foundation
import Testing

@testable import GrouperCore
@testable import GrouperReaders
@testable import GrouperReports
@testable import GrouperSupport
@testable import GrouperSynthesis

@Suite("Synthetic claims, determinism at volume, and the dollar balance")
struct SynthAndScaleTests {
  func synth(_ members: Int, seed: Int, folder: String) -> (String, String) {
    let claims = folder + "/claims-\(seed).csv"
    let people = folder + "/members-\(seed).csv"
    let r = runCLI([
      "synth", "--members", String(members), "--seed", String(seed), "--out", claims,
      "--members-out", people,
    ])
    #expect(r.code == .success, "\(r.stderr)")
    return (claims, people)
  }

  @Test("the same seed writes the same bytes, another seed other claims, and every row is valid")
  func reproducible() throws {
    let folder = try temporaryFolder()
    let (a, ma) = synth(300, seed: 7, folder: folder)
    let copy = folder + "/copy"
    try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
    let (b, mb) = synth(300, seed: 7, folder: copy)
    let (c, _) = synth(300, seed: 8, folder: folder)
    #expect(contents(a) == contents(b) && contents(ma) == contents(mb))
    #expect(contents(a) != contents(c))
    let read = try NativeClaimReader(path: a).read()
    #expect(read.rejections.isEmpty)
    #expect(read.rowsRead > 300 * 5)
    #expect(try MembersReader(path: ma).read().rejections.isEmpty)
    // Every claim type and every shipped definition's trigger appear in 300 members' claims.
    #expect(Set(read.store.lines.map(\.type)) == Set(ClaimType.allCases))
  }

  @Test("shuffled rows and any thread count give byte-identical outputs", arguments: [1, 2, 5])
  func determinism(_ jobs: Int) throws {
    let folder = try temporaryFolder()
    let (claims, members) = synth(400, seed: 11, folder: folder)
    // Shuffle the data rows with a fixed generator; the header stays first.
    var rows = contents(claims).split(separator: "\n").map(String.init)
    let header = rows.removeFirst()
    var random = SplitMix64(seed: UInt64(jobs))
    rows.shuffle(using: &random)
    let shuffled = folder + "/shuffled.csv"
    try ([header] + rows).joined(separator: "\n").appending("\n").write(
      toFile: shuffled, atomically: true, encoding: .utf8)
    func run(_ file: String, _ jobs: Int, _ out: String) {
      let r = runCLI([
        "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", file, "--members",
        members, "--out", out,
        "--jobs", String(jobs), "--quiet",
      ])
      #expect(r.code == .success, "\(r.stderr)")
    }
    run(claims, 1, folder + "/a")
    run(shuffled, jobs, folder + "/b")
    for file in ["episodes.csv", "episode_claims.csv", "excluded_claims.csv"] {
      let a = contents(folder + "/a/" + file)
      #expect(!a.isEmpty)
      #expect(a == contents(folder + "/b/" + file), "\(file) differs")
    }
    // summary.json names the claims file, which differs, and the places of its warnings (file,
    // line and column), which move with the rows; everything else must match, the warnings'
    // counts and values included (the places kept are the smallest values).
    let strip = { (s: String) in
      s.split(separator: "\n").filter { !$0.contains("claims_file") && !$0.contains("\"at\":") }
    }
    #expect(
      strip(contents(folder + "/a/summary.json")) == strip(contents(folder + "/b/summary.json")))
  }

  @Test("every dollar read is rejected, assigned, unassigned or prorated away, and episodes add up")
  func balance() throws {
    let folder = try temporaryFolder()
    let (claims, members) = synth(500, seed: 21, folder: folder)
    // Add rows that are rejected: one with a readable amount, one without.
    let text =
      contents(claims)
      + "X1,1,M9999999,MEDICARE,inpatient,2024-02-30,,,,,,,,,,,,,,,12.34,\nX2,1,M9999999,MEDICARE,snf,2024-02-01,,,,,,,,,,,,,,,n/a,\n"
    try text.write(toFile: claims, atomically: true, encoding: .utf8)
    let out = folder + "/out"
    let r = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims, "--members",
      members, "--out", out,
      "--skip-invalid", "--quiet",
    ])
    #expect(r.code == .success)
    let read = try NativeClaimReader(path: claims).read()
    let result = Grouper(
      definitions: try DefinitionLoader.load(path: packagePath("EpisodeDefinitions")),
      members: try MembersReader(path: members).read().members
    ).run(read.store)
    let a = result.accounting
    let valid = read.store.lines.reduce(Cents.zero) { $0 + $1.allowed }
    #expect(a.dollarsAssigned + a.dollarsUnassigned + a.dollarsProratedAway == valid)
    #expect(a.linesAssigned + a.linesUnassigned == read.store.lines.count)
    #expect(read.rejections.compactMap(\.allowed) == [Cents(1234)])
    // Episode totals add up to the assigned dollars (no shared definitions ship).
    #expect(result.episodes.reduce(Cents.zero) { $0 + $1.allowedTotal } == a.dollarsAssigned)
    #expect(result.assignments.reduce(Cents.zero) { $0 + $1.allocated } == a.dollarsAssigned)
    let summary = RunSummary(
      claimsFile: claims, membersFile: nil, rowsRead: read.rowsRead, rejections: read.rejections,
      memberRowsRead: 0,
      memberRejections: 0, result: result)
    #expect(summary.dollarsRead == valid + Cents(1234))
    #expect(contents(out + "/summary.json").contains("\"read\": \(summary.dollarsRead),"))
    #expect(!result.episodes.isEmpty && Set(result.episodes.map(\.definition)).count == 5)
  }
}

@Suite("Synthetic NPIs")
struct SyntheticNPITests {
  @Test("NPIs carry their check digit: CMS's example 123456789 → 1234567893")
  func checkDigit() {
    // 80840 123456789: doubling every other digit from the right of the nine (9, 7, 5, 3, 1 →
    // 18→9, 14→5, 10→1, 6, 2) gives 9 + 5 + 1 + 6 + 2 = 23, the others 8 + 6 + 4 + 2 = 20, plus
    // 24 for the prefix: 67; the check digit is 10 − 7 = 3.
    #expect(SyntheticClaims.npi(base: 123_456_789) == "1234567893")
    var bytes = Array("1234567893".utf8)
    #expect(bytes.withUnsafeMutableBufferPointer { CodeSystem.npiCheckDigitHolds(.init($0)) })
  }
}
