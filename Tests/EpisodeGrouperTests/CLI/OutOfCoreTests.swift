import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore
@testable import GrouperSupport

@Suite("group --memory-limit: out-of-core grouping through spill files")
struct OutOfCoreTests {
  static let outputs = [
    "episodes.csv", "episode_claims.csv", "excluded_claims.csv", "rejected.csv", "summary.json",
  ]

  /// Groups `arguments` in memory and with `limit` (spilling into a fresh temporary folder),
  /// expects every output and stdout (but the folder named) to be the same bytes and the spill
  /// folder to be gone; returns the out-of-core run's stderr and output folder.
  @discardableResult
  func sameAsInMemory(_ arguments: [String], limit: String = "1") throws -> (String, String) {
    let root = try temporaryFolder()
    let spill = root + "/spill"
    try FileManager.default.createDirectory(atPath: spill, withIntermediateDirectories: false)
    let whole = runCLI(["group"] + arguments + ["--out", root + "/memory"])
    #expect(whole.code == .success, "\(whole.stderr)")
    let spilled = runCLI(
      ["group"] + arguments + [
        "--out", root + "/spilled", "--memory-limit", limit, "--temp-dir", spill,
      ])
    #expect(spilled.code == .success, "\(spilled.stderr)")
    #expect(spilled.stderr.contains("partitions spilled to \(spill)/grouper-spill."))
    for name in Self.outputs {
      let a = FileManager.default.contents(atPath: root + "/memory/" + name)
      #expect(
        a != nil && a == FileManager.default.contents(atPath: root + "/spilled/" + name), "\(name)")
    }
    #expect(
      whole.stdout.replacingOccurrences(of: root + "/memory", with: "OUT")
        == spilled.stdout.replacingOccurrences(of: root + "/spilled", with: "OUT"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: spill).isEmpty)
    return (spilled.stderr, root + "/spilled")
  }

  @Test("the samples grouped in one-line partitions give the run in memory's outputs")
  func samples() throws {
    try sameAsInMemory([
      "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--members", packagePath("SampleClaims/members.csv"),
    ])
  }

  @Test("a synthetic file in several partitions, whole and as a shard, as in memory")
  func synthetic() throws {
    let root = try temporaryFolder()
    let synth = runCLI([
      "synth", "--members", "300", "--seed", "7", "--out", root + "/claims.csv", "--members-out",
      root + "/members.csv", "--quiet",
    ])
    #expect(synth.code == .success)
    let common = [
      "--definitions", packagePath("EpisodeDefinitions"), "--claims", root + "/claims.csv",
      "--members", root + "/members.csv",
    ]
    // 129 MiB less the 128 MiB planned for any run leaves 1 MiB: 1,048,576 / 330 bytes a line
    // = 3,177 lines a partition, so the file's lines (about 18 a member) take at least two.
    let (stderr, _) = try sameAsInMemory(common, limit: "129M")
    let partitions = stderr.split(separator: "grouping in ").last.map {
      Int($0.prefix { $0.isNumber }) ?? 0
    }
    #expect((partitions ?? 0) >= 2, "\(stderr)")
    try sameAsInMemory(common + ["--shard", "2/3", "--jobs", "1"], limit: "2K")
  }

  /// A claim file with a byte-order mark, CRLF line ends, an empty line and rows that only the
  /// claim-level checks reject across members.
  static let tricky =
    [
      "\u{FEFF}claim_id,line,member_id,claim_type,from_date,allowed_amount,adjustment_type,replaces_claim_id",
      "K1,1,A1,professional,2024-01-02,10.00,,",
      "K1,2,B2,professional,2024-01-02,20.00,,",
      "",
      "R1,1,C3,professional,2024-01-05,30.00,replacement,Z9",
      "R2,1,D4,professional,2024-01-05,40.00,replacement,Z9",
      "N1,1,E5,professional,2024-03-09,50.00,,",
      "V1,1,F6,professional,2024-01-06,-50.00,reversal,N1",
      "BAD,1,G7,professional,2024-12-31,abc,,",
      "Q1,1,H8,professional,2024-01-07,\"1,0\",,",
      "S1,1,J9,professional,2024-02-01,5.00,,",
    ].joined(separator: "\r\n") + "\r\n"

  @Test("rows rejected across partitions keep their lines, reasons and raw text")
  func rejectedRows() throws {
    let root = try temporaryFolder()
    let claims = root + "/claims.csv"
    try Data(Self.tricky.utf8).write(to: URL(fileURLWithPath: claims))
    let (_, out) = try sameAsInMemory([
      "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims, "--skip-invalid",
    ])
    let rows = try csvTable(out + "/rejected.csv")
    // Lines: the header is 1, K1 2 and 3, the empty line 4, R1 5, R2 6, N1 7, V1 8, BAD 9, Q1 10.
    #expect(rows.map { $0["line"]! } == ["2", "3", "5", "6", "9", "10"])
    #expect(
      rows[0]["reason"]
        == "claim 'K1' has lines that disagree on member_id: 'A1' on line 2, 'B2' on line 3")
    #expect(rows[1]["row"] == "K1,2,B2,professional,2024-01-02,20.00,,")
    #expect(
      rows[2]["reason"]
        == "claim 'Z9' has more than one replacement ('R1', 'R2'): which stands is ambiguous")
    #expect(rows[4]["field"] == "allowed_amount" && rows[4]["value"] == "abc")
    #expect(rows[5]["row"] == "Q1,1,H8,professional,2024-01-07,\"1,0\",,")
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
    // The latest from_date, 2024-12-31, is on a rejected row: the data runs through N1's
    // 2024-03-09, the latest valid line, whichever partition holds it.
    #expect(summary["data_through"] as? String == "2024-03-09")
    // V1 reverses N1 (another member's claim): both lines set aside, as in memory.
    let setAside = summary["set_aside_before_grouping"] as! [String: Any]
    #expect((setAside["reversed"] as! [String: Any])["lines"] as? Int == 2)
  }

  @Test("a failing run removes its spill folder and gives the error a run in memory gives")
  func failing() throws {
    let root = try temporaryFolder()
    let claims = root + "/claims.csv"
    try Data(Self.tricky.utf8).write(to: URL(fileURLWithPath: claims))
    let spill = root + "/spill"
    try FileManager.default.createDirectory(atPath: spill, withIntermediateDirectories: false)
    let common = ["group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims]
    let memory = runCLI(common + ["--out", root + "/a", "--quiet"])
    let spilled = runCLI(
      common + ["--out", root + "/b", "--quiet", "--memory-limit", "1", "--temp-dir", spill])
    #expect(memory.code == .dataError)
    #expect(spilled.code == .dataError)
    #expect(spilled.stderr == memory.stderr)
    #expect(spilled.stderr.contains("claims.csv:9:6: error:"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: spill).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: root + "/b/episodes.csv"))
  }

  @Test(
    "sizes are a number and a unit of powers of 1024",
    arguments: [
      ("512M", 536_870_912),  // 512 × 1024²
      ("2G", 2_147_483_648),  // 2 × 1024³
      ("1.5k", 1536),  // 1.5 × 1024
      ("64KiB", 65536),  // 64 × 1024
      ("10", 10),
      ("1T", 1_099_511_627_776),  // 1024⁴
    ])
  func sizes(_ text: String, _ bytes: Int) {
    #expect(OutOfCoreOptions.size(text) == bytes)
  }

  @Test("a size that is not one is refused", arguments: ["", "0", "M", "1x", "-1", "1..5G", "0.1"])
  func badSizes(_ text: String) {
    #expect(OutOfCoreOptions.size(text) == nil)
  }

  @Test("a bad --memory-limit or --temp-dir is a usage error naming the option")
  func usage() throws {
    let root = try temporaryFolder()
    let file = root + "/file"
    try Data().write(to: URL(fileURLWithPath: file))
    let common = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--out", root + "/out",
    ]
    let cases: [([String], Diagnostic.Message)] = [
      (["--memory-limit", "lots"], .badMemoryLimit("lots")),
      (["--memory-limit", "0"], .badMemoryLimit("0")),
      (["--temp-dir", root + "/none"], .badTempDir(root + "/none", "no such folder")),
      (["--temp-dir", file], .badTempDir(file, "not a folder")),
    ]
    for (extra, message) in cases {
      let run = runCLI(common + extra)
      #expect(run.code == .usage)
      #expect(run.stderr == Diagnostic(at: .commandLine("group"), message).description + "\n")
    }
  }

  @Test("buckets tied by a claim on two members' lines are grouped in one partition")
  func tiedBuckets() throws {
    let folder = try SpillFolder(in: try temporaryFolder())
    // Members in three different buckets of 4 (by the shard hash, checked below).
    let members = ["A", "B", "C", "D", "E", "F", "G", "H"]
    var chosen: [String] = []
    var used = Set<UInt64>()
    for m in members where used.insert(MemberShard.hash(Array(m.utf8)) % 4).inserted {
      chosen.append(m)
    }
    try #require(chosen.count >= 3)
    let text =
      "claim_id,member_id,claim_type,from_date,allowed_amount\n"
      + "K,\(chosen[0]),professional,2024-01-01,1\n"
      + "K,\(chosen[1]),professional,2024-01-01,1\n"
      + "L,\(chosen[2]),professional,2024-01-01,1\n"
    let pass = try SpillPass(name: "t.csv", buckets: 4, dates: .standard, folder: folder).run(
      MemoryByteSource(Array(text.utf8)))
    #expect(pass.totalRecords == 3)
    let plan = try PartitionPlan(pass, linesPerPartition: 1)
    let bucket = { (m: String) in Int(MemberShard.hash(Array(m.utf8)) % 4) }
    // K's two lines: one partition of 2 lines, over the 1-line budget; L alone in another.
    #expect(
      plan.partitions.map(\.buckets).sorted { $0.count > $1.count }
        == [[bucket(chosen[0]), bucket(chosen[1])].sorted(), [bucket(chosen[2])]])
    #expect(plan.oversized.map(\.records) == [2])
    folder.remove()
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  @Test("SIGINT during the spill pass removes the spill folder (exit 130)")
  func interrupted() throws {
    let executable = try #require(BinaryTests.executable)
    let root = try temporaryFolder()
    let spill = root + "/spill"
    try FileManager.default.createDirectory(atPath: spill, withIntermediateDirectories: false)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims", "-", "--format",
      "native", "--out", root + "/out", "--temp-dir", spill, "--quiet",
    ]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The header and a row, then the input stays open: the run waits in the spill pass.
    input.fileHandleForWriting.write(
      Data(
        "claim_id,member_id,claim_type,from_date,allowed_amount\nK,A,professional,2024-01-01,1\n"
          .utf8))
    var started = false
    for _ in 0..<200 where !started {
      Thread.sleep(forTimeInterval: 0.05)
      started = !(try FileManager.default.contentsOfDirectory(atPath: spill)).isEmpty
    }
    #expect(started)
    process.interrupt()
    process.waitUntilExit()
    try? input.fileHandleForWriting.close()
    #expect(process.terminationStatus == 130)
    #expect(try FileManager.default.contentsOfDirectory(atPath: spill).isEmpty)
  }
}

@Suite("group --claims - --memory-limit: standard input in several partitions")
struct OutOfCoreStandardInputTests {
  @Test("piped synthetic claims in one-line partitions give the file's tables in memory")
  func piped() throws {
    let root = try temporaryFolder()
    let synth = runCLI([
      "synth", "--members", "60", "--seed", "11", "--out", root + "/claims.csv", "--quiet",
    ])
    #expect(synth.code == .success)
    let common = ["group", "--definitions", packagePath("EpisodeDefinitions"), "--quiet"]
    let memory = runCLI(common + ["--claims", root + "/claims.csv", "--out", root + "/memory"])
    #expect(memory.code == .success)
    let spill = root + "/spill"
    try FileManager.default.createDirectory(atPath: spill, withIntermediateDirectories: false)
    let (status, errors) = try StandardInputTests.run(
      common + [
        "--claims", "-", "--out", root + "/piped", "--memory-limit", "1", "--temp-dir", spill,
      ], input: root + "/claims.csv")
    #expect(status == 0, "\(errors)")
    for name in ["episodes.csv", "episode_claims.csv", "excluded_claims.csv", "rejected.csv"] {
      let a = FileManager.default.contents(atPath: root + "/memory/" + name)
      #expect(
        a != nil && a == FileManager.default.contents(atPath: root + "/piped/" + name), "\(name)")
    }
    // The summaries differ only where standard input is named `-` instead of the file.
    let file = root + "/claims.csv"
    #expect(
      contents(root + "/piped/summary.json")
        == contents(root + "/memory/summary.json")
        .replacingOccurrences(of: "\"\(file)\"", with: "\"-\"")
        .replacingOccurrences(of: "\"\(file):", with: "\"-:"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: spill).isEmpty)
  }
}
