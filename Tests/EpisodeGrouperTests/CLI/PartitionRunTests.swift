import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperSupport

@Suite("group --source-lines: partition runs, scan, and their merge")
struct PartitionRunTests {
  /// One partition written by ``split(_:into:folder:)``: the claims and source-lines files.
  struct Part {
    /// The partition's claim file.
    var claims: String
    /// Its source-lines file.
    var lines: String
  }

  /// Splits the claim file at `path` into `count` partitions in `folder`, as a distributed job
  /// does (written here apart from the Python splitter): the first line is the header; a data row
  /// goes to the partition of FNV-1a 64 of its member_id field (quotes removed, spaces and tabs
  /// trimmed) mod count, plus 1, or to partition 1 when its field count differs from the
  /// header's; blank lines are left out. The rows hold no quoted commas.
  static func split(_ path: String, into count: Int, folder: String) throws -> [Part] {
    // Split at LF bytes: a Swift string holds CRLF as one character.
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    if lines.last == "" { lines.removeLast() }
    let header = lines[0]
    let names = header.split(separator: ",", omittingEmptySubsequences: false)
    let column = names.firstIndex(of: "member_id")!
    var rows = [String](repeating: header + "\n", count: count)
    var numbers = [String](repeating: "", count: count)
    for (index, line) in lines.enumerated().dropFirst() where line != "" && line != "\r" {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      var k = 1
      if fields.count == names.count {
        let member = fields[column].replacingOccurrences(of: "\"", with: "")
          .trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        k = Int(MemberShard.hash(Array(member.utf8)) % UInt64(count)) + 1
      }
      rows[k - 1] += line + "\n"
      numbers[k - 1] += "\(index + 1)\n"
    }
    return try (1...count).map { k in
      let part = Part(claims: folder + "/part-\(k).csv", lines: folder + "/part-\(k).lines")
      try rows[k - 1].write(toFile: part.claims, atomically: true, encoding: .utf8)
      try numbers[k - 1].write(toFile: part.lines, atomically: true, encoding: .utf8)
      return part
    }
  }

  /// The latest of the partitions' `scan` dates (stage 1 of a job), each scanned as `source`.
  static func latest(_ parts: [Part], source: String) throws -> String {
    var dates: [String] = []
    for part in parts {
      let scan = runCLI([
        "scan", "--claims", part.claims, "--source-lines", part.lines, "--source", source,
      ])
      #expect(scan.code == .success, "\(scan.stderr)")
      let json =
        try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as! [String: Any]
      if let date = json["latest_from"] as? String { dates.append(date) }
    }
    return dates.max()!
  }

  /// Groups `claims` once whole and as `count` partitions split by hand, merges the partitions'
  /// folders, and expects every output of the merge to equal the whole run's byte for byte.
  /// Returns the folder holding `whole`, `merged` and `part-K` (each partition's outputs).
  @discardableResult
  func splitAndMerge(_ claims: String, count: Int, members: String? = nil) throws -> String {
    let root = try temporaryFolder()
    var common = ["--definitions", packagePath("EpisodeDefinitions"), "--skip-invalid", "--quiet"]
    if let members { common += ["--members", members] }
    let whole = runCLI(["group", "--claims", claims, "--out", root + "/whole"] + common)
    #expect(whole.code == .success, "\(whole.stderr)")
    let parts = try Self.split(claims, into: count, folder: root)
    let through = try Self.latest(parts, source: claims)
    var folders: [String] = []
    for (index, part) in parts.enumerated() {
      let folder = root + "/out-\(index + 1)"
      let run = runCLI(
        [
          "group", "--claims", part.claims, "--source-lines", part.lines, "--source", claims,
          "--shard", "\(index + 1)/\(count)", "--through", through, "--out", folder,
        ] + common)
      #expect(run.code == .success, "\(run.stderr)")
      folders.append(folder)
    }
    let merged = runCLI(["merge"] + folders.reversed() + ["--out", root + "/merged", "--quiet"])
    #expect(merged.code == .success, "\(merged.stderr)")
    for name in ShardMergeTests.outputs {
      let a = FileManager.default.contents(atPath: root + "/whole/" + name)
      let b = FileManager.default.contents(atPath: root + "/merged/" + name)
      #expect(a != nil && a == b, "\(name) of \(count) partitions")
    }
    return root
  }

  @Test("the samples split by hand into 2 and 3 partitions merge into the single run's outputs")
  func samples() throws {
    for count in [2, 3] {
      try splitAndMerge(
        packagePath("SampleClaims/claims.csv"), count: count,
        members: packagePath("SampleClaims/members.csv"))
    }
  }

  /// The samples with rows to reject, a blank line, a quoted member id with a space and a tab,
  /// and a CRLF line, written into `folder`.
  static func roughSamples(in folder: String) throws -> String {
    let text = try String(contentsOfFile: packagePath("SampleClaims/claims.csv"), encoding: .utf8)
    var lines = text.components(separatedBy: "\n").filter { !$0.isEmpty }
    let extra = [
      // A month 13; too few fields; a claim whose lines name two payers; no member id; a member
      // id in quotes with a space and a tab, on the file's latest from_date (2025-03-01).
      "X1,1,M002,MEDICARE,inpatient,2024-13-40,2024-01-11,,,100001,,470,M17.11,,,,,0120,,03,100.00,0",
      "X2,1,M003,too,few",
      "\"X3\",1,\"M004\",OTHERPAYER,professional,2024-02-01,,,,1234567890,,,M17.11,,,99213,,,11,,50.00,40.00",
      "\"X3\",2,\"M004\",MEDICARE,professional,2024-02-01,,,,1234567891,,,M17.11,,,99213,,,11,,60.00,40.00\r",
      "X4,1,,MEDICARE,professional,2024-02-01,,,,1234567890,,,M17.11,,,99213,,,11,,50.00,40.00",
      "X5,1,\" M005\t\",MEDICARE,professional,2025-03-01,,,,1234567893,,,I10,,,99213,,,11,,50.00,40.00",
    ]
    for (offset, row) in extra.enumerated() { lines.insert(row, at: 6 + 3 * offset) }
    lines.insert("", at: 4)
    lines.insert(lines[1], at: 2)  // C101 line 1 twice: a duplicate (claim_id, line)
    let path = folder + "/rough.csv"
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("rejected rows, claim checks, warnings and data through merge as one run writes them")
  func roughSamples() throws {
    let claims = try Self.roughSamples(in: try temporaryFolder())
    for count in [2, 3] {
      let root = try splitAndMerge(
        claims, count: count, members: packagePath("SampleClaims/members.csv"))
      let rejected = try csvTable(root + "/merged/rejected.csv")
      // X1, X2, the duplicate pair of C101 line 1, X3's two lines and X4: 7 rows.
      #expect(rejected.count == 7)
      #expect(contents(root + "/merged/summary.json").contains("\"data_through\": \"2025-03-01\""))
    }
  }

  @Test("a rejected row of partition 2 keeps its original line and text in rejected.csv")
  func lineMapping() throws {
    // M1 and M3 hash to partition 2 of 2, M2 and M4 to partition 1 (see ShardMergeTests). Line 4
    // (C4, M3) has a month 13: partition 2 holds lines 2, 4 and 6 as its lines 2, 3 and 4.
    let folder = try temporaryFolder()
    let claims = folder + "/claims.csv"
    let row4 = "C4,M3,professional,2024-13-01,,,30.00"
    try """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount
    C1,M1,inpatient,2024-01-08,2024-01-11,470,1000.00
    C3,M2,inpatient,2024-02-08,2024-02-11,470,2000.00
    \(row4)
    C5,M4,inpatient,2024-04-08,2024-04-11,469,3000.00
    C2,M1,professional,2024-01-20,,,100.00

    """.write(toFile: claims, atomically: true, encoding: .utf8)
    let parts = try Self.split(claims, into: 2, folder: folder)
    #expect(contents(parts[1].lines) == "2\n4\n6\n")
    #expect(contents(parts[0].lines) == "3\n5\n")
    let root = try splitAndMerge(claims, count: 2)
    let rejected = try csvTable(root + "/merged/rejected.csv")
    #expect(rejected.count == 1)
    #expect(rejected.first?["file"] == claims)
    #expect(rejected.first?["line"] == "4")
    #expect(rejected.first?["column"] == "4")
    #expect(rejected.first?["row"] == row4)
    // Partition 2's own folder says the same; partition 1's has no rejected row.
    #expect(try csvTable(root + "/out-2/rejected.csv").first?["line"] == "4")
    #expect(try csvTable(root + "/out-1/rejected.csv").isEmpty)
    // Its summary: its own 3 rows read = 1 rejected (C4) + 2 assigned (C1 and C2, M1's LEJR
    // episode); a partition, nothing outside it. Dollars: 1000 + 100 + 30 = 1130.00 read.
    let summary = contents(root + "/out-2/summary.json")
    #expect(summary.contains("\"partition\": true"))
    #expect(
      summary.contains(
        "\"read\": 3,\n    \"rejected\": 1,\n    \"assigned\": 2,\n    \"unassigned\": 0,\n"
          + "    \"outside_shard\": 0\n"))
    #expect(summary.contains("\"read\": 1130.00,"))
    // The single run warns that 1 of its 5 rows (20.0%) was rejected, more than 1%; neither
    // partition ran that check on its own share, and the merge of both says what the run says.
    let warning = "1 of 5 rows (20.0%) were rejected, more than 1%"
    let whole = runCLI([
      "group", "--claims", claims, "--definitions", packagePath("EpisodeDefinitions"),
      "--skip-invalid", "--out", root + "/whole-loud",
    ])
    #expect(whole.stderr.contains(warning))
    let merged = runCLI(["merge", root + "/out-1", root + "/out-2", "--out", root + "/loud"])
    #expect(merged.code == .success)
    #expect(merged.stderr.contains("warning: " + warning), "\(merged.stderr)")
  }

  @Test("a partition without rows groups to empty outputs that merge like the others")
  func emptyPartition() throws {
    // M1 and M3 both hash to partition 2 of 2: partition 1 is the header alone.
    let folder = try temporaryFolder()
    let claims = folder + "/claims.csv"
    try """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount
    C1,M1,inpatient,2024-01-08,2024-01-11,470,1000.00
    C4,M3,professional,2024-03-01,,,30.00

    """.write(toFile: claims, atomically: true, encoding: .utf8)
    let root = try splitAndMerge(claims, count: 2)
    #expect(contents(root + "/part-1.lines") == "")
    #expect(contents(root + "/out-1/summary.json").contains("\"read\": 0,"))
    let scan = runCLI([
      "scan", "--claims", root + "/part-1.csv", "--source-lines", root + "/part-1.lines",
      "--source", claims,
    ])
    #expect(
      scan.stdout
        == "{ \"claims_file\": \"\(claims)\", \"rows\": 0, \"rejected\": 0, \"lines\": 0,"
        + " \"latest_from\": null }\n")
  }

  /// A partition run of the rows of `text` with source lines `lines`; returns its result.
  func partitionRun(
    _ text: String, lines: String?, extra: [String] = []
  ) throws -> (code: ExitCode, stdout: String, stderr: String, claims: String, lines: String) {
    let folder = try temporaryFolder()
    let claims = folder + "/part.csv"
    let numbers = folder + "/part.lines"
    try text.write(toFile: claims, atomically: true, encoding: .utf8)
    if let lines { try lines.write(toFile: numbers, atomically: true, encoding: .utf8) }
    let run = runCLI(
      [
        "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims,
        "--source-lines", numbers, "--source", folder + "/claims.csv", "--shard", "2/2",
        "--through", "2024-12-31", "--out", folder + "/out", "--quiet",
      ] + extra)
    return (run.code, run.stdout, run.stderr, claims, numbers)
  }

  /// Two rows of members M1 and M3, both in partition 2 of 2.
  static let twoRows = """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount
    C1,M1,inpatient,2024-01-08,2024-01-11,470,1000.00
    C4,M3,professional,2024-03-01,,,30.00

    """

  @Test("--source-lines errors name the file and line, and what is wrong")
  func sourceLinesErrors() throws {
    let missing = try partitionRun(Self.twoRows, lines: nil)
    #expect(missing.code == .noInput)
    #expect(missing.stderr == "\(missing.lines): error: source lines file not found\n")

    let few = try partitionRun(Self.twoRows, lines: "2\n")
    #expect(few.code == .dataError)
    #expect(
      few.stderr
        == "\(few.claims):3: error: no source line for this row: \(few.lines) has only 1 number\n")

    let many = try partitionRun(Self.twoRows, lines: "2\n5\n9\n")
    #expect(many.code == .dataError)
    #expect(
      many.stderr
        == "\(many.lines):3: error: more numbers than the 2 rows after the header of \(many.claims)\n"
    )

    let word = try partitionRun(Self.twoRows, lines: "2\nfive\n")
    #expect(word.code == .dataError)
    #expect(
      word.stderr
        == "\(word.lines):2: error: not a line number of a data row (a whole number, at least 2):"
        + " 'five'\n")

    let header = try partitionRun(Self.twoRows, lines: "1\n3\n")
    #expect(header.code == .dataError)
    #expect(header.stderr.hasPrefix("\(header.lines):1: error: not a line number of a data row"))

    let down = try partitionRun(Self.twoRows, lines: "5\n5\n")
    #expect(down.code == .dataError)
    #expect(
      down.stderr
        == "\(down.lines):2: error: line 5 does not follow line 5: a partition keeps its rows in"
        + " the original order, so the numbers increase\n")
  }

  @Test("a partition row of a member of another partition is refused with its line")
  func memberOutsidePartition() throws {
    // M2 hashes to partition 1 of 2, not 2.
    let run = try partitionRun(
      Self.twoRows + "C3,M2,inpatient,2024-02-08,2024-02-11,470,2000.00\n", lines: "2\n3\n7\n")
    #expect(run.code == .dataError)
    #expect(
      run.stderr
        == "\(run.claims):4: error: member_id: member 'M2' is not in partition 2 of 2 (FNV-1a 64"
        + " of its id mod 2 is not 1): the file was split by another hash or count\n")
  }

  @Test("partition options need each other, --shard, --through and a claim file")
  func usage() throws {
    let base = ["group", "--definitions", "d", "--claims", "c", "--out", "o"]
    let alone = runCLI(base + ["--source-lines", "l"])
    #expect(alone.code == .usage)
    #expect(alone.stderr.contains("--source-lines and --source go together: give --source too"))
    let noShard = runCLI(
      base + ["--source-lines", "l", "--source", "s", "--through", "2024-12-31"])
    #expect(noShard.code == .usage)
    #expect(noShard.stderr.contains("--source-lines needs --shard K/N"))
    let noThrough = runCLI(base + ["--source-lines", "l", "--source", "s", "--shard", "1/2"])
    #expect(noThrough.code == .usage)
    #expect(noThrough.stderr.contains("--source-lines needs --through"))
    let stdin = runCLI([
      "group", "--definitions", "d", "--claims", "-", "--out", "o", "--source-lines", "l",
      "--source", "s",
    ])
    #expect(stdin.code == .usage)
    #expect(stdin.stderr.contains("not standard input"))
    let rif = runCLI(
      base + [
        "--source-lines", "l", "--source", "s", "--shard", "1/2", "--through", "2024-12-31",
        "--format", "rif",
      ])
    #expect(rif.code == .usage)
    #expect(rif.stderr.contains("--source-lines reads a native claim CSV, not rif"))
  }

  @Test("partitions whose rows are all rejected group, and their merge fails as the single run")
  func everyRowRejected() throws {
    // M1 is in partition 2 of 2, M2 in partition 1; both rows have a month 13.
    let folder = try temporaryFolder()
    let claims = folder + "/claims.csv"
    try """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount
    C1,M1,inpatient,2024-13-08,2024-01-11,470,1000.00
    C3,M2,inpatient,2024-13-08,2024-02-11,470,2000.00

    """.write(toFile: claims, atomically: true, encoding: .utf8)
    let parts = try Self.split(claims, into: 2, folder: folder)
    var folders: [String] = []
    for (index, part) in parts.enumerated() {
      folders.append(folder + "/out-\(index + 1)")
      let run = runCLI([
        "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", part.claims,
        "--source-lines", part.lines, "--source", claims, "--shard", "\(index + 1)/2",
        "--through", "2024-12-31", "--skip-invalid", "--out", folders.last!, "--quiet",
      ])
      #expect(run.code == .success, "\(run.stderr)")
    }
    let merged = runCLI(["merge"] + folders + ["--out", folder + "/merged"])
    #expect(merged.code == .dataError)
    #expect(
      merged.stderr
        == "grouper merge: error: every one of the 2 rows was rejected; nothing was written\n")
  }

  @Test("merge refuses partition runs and shard runs together")
  func mixedRuns() throws {
    let root = try splitAndMerge(packagePath("SampleClaims/claims.csv"), count: 2)
    let shard = root + "/shard-2"
    let run = runCLI([
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--shard", "2/2", "--out", shard, "--quiet",
    ])
    #expect(run.code == .success)
    let merged = runCLI(["merge", root + "/out-1", shard, "--out", root + "/mixed"])
    #expect(merged.code == .dataError)
    #expect(
      merged.stderr.hasPrefix(
        "\(shard)/summary.json:7:12: error: $.shard: a shard run reading every row cannot be"
          + " merged with partition runs such as \(root)/out-1/summary.json"))
    #expect(!FileManager.default.fileExists(atPath: root + "/mixed/summary.json"))
  }
}

@Suite("CSVReader.lineNumbers")
struct CSVReaderLineNumberTests {
  @Test("records and errors report the original line of their physical line")
  func mapped() throws {
    // Physical lines 1, 2 and 3 stand for original lines 1, 7 and 12; line 3's quote is open.
    var reader = CSVReader(
      source: MemoryByteSource(Array("a,b\nx,y\n\"z,w\n".utf8), chunk: 3), name: "orig.csv")
    reader.lineNumbers = [0, 1, 7, 12]
    var lines: [Int] = []
    #expect(
      throws: Diagnostic(
        at: SourceLocation(file: "orig.csv", line: 12, column: 1), .unterminatedQuote)
    ) {
      try reader.forEachRecord { lines.append($0.line) }
    }
    #expect(lines == [1, 7])
  }
}
