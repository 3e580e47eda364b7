import Foundation
import Testing

@testable import GrouperCommands
@testable import GrouperCore

@Suite("group --shard K/N and grouper merge")
struct ShardMergeTests {
  static let outputs = [
    "episodes.csv", "episode_claims.csv", "excluded_claims.csv", "rejected.csv", "summary.json",
  ]

  @Test("the shard hash is FNV-1a 64 of the id bytes, shard K holding hash mod N = K - 1")
  func hash() {
    // The FNV authors' published vectors: "" is the offset basis, "a" and "foobar" are listed.
    #expect(MemberShard.hash([UInt8]()) == 0xcbf2_9ce4_8422_2325)
    #expect(MemberShard.hash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
    #expect(MemberShard.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    // 0xaf63dc4c8601ec8c = 12638187200555641996 = 3 × 4212729066851880665 + 1: shard 2 of 3.
    #expect(MemberShard(index: 2, count: 3)!.contains(Array("a".utf8)))
    #expect(!MemberShard(index: 1, count: 3)!.contains(Array("a".utf8)))
    #expect(MemberShard(index: 0, count: 3) == nil)
    #expect(MemberShard(index: 4, count: 3) == nil)
  }

  /// Groups `arguments` once whole and as shards 1/3, 2/3, 3/3, merges the shards, and expects
  /// the merged folder to equal the whole run's byte for byte; checks each shard's balance.
  func shardAndMerge(_ arguments: [String]) throws {
    let root = try temporaryFolder()
    let whole = runCLI(["group"] + arguments + ["--out", root + "/whole", "--quiet"])
    #expect(whole.code == .success, "\(whole.stderr)")
    var folders: [String] = []
    for k in 1...3 {
      let folder = root + "/shard\(k)"
      let run = runCLI(["group"] + arguments + ["--out", folder, "--shard", "\(k)/3", "--quiet"])
      #expect(run.code == .success, "\(run.stderr)")
      folders.append(folder)
      // read = rejected + assigned + unassigned + outside the shard, in lines and in dollars.
      let summary =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any]
      let lines = summary["lines"] as! [String: Int]
      #expect(
        lines["read"]!
          == lines["rejected"]! + lines["assigned"]! + lines["unassigned"]!
          + lines["outside_shard"]!)
      let dollars = (summary["dollars"] as! [String: Any]).mapValues {
        Int((($0 as! NSNumber).doubleValue * 100).rounded())
      }
      #expect(
        dollars["read"]!
          == dollars["rejected"]! + dollars["assigned"]! + dollars["unassigned"]!
          + dollars["prorated_away"]! + dollars["outside_shard"]!)
      if k > 1 { #expect(lines["rejected"] == 0) }
    }
    // Given out of order: merge sorts the shards by their number.
    let merged = runCLI(["merge", folders[2], folders[0], folders[1], "--out", root + "/merged"])
    #expect(merged.code == .success, "\(merged.stderr)")
    for name in Self.outputs {
      let a = FileManager.default.contents(atPath: root + "/whole/" + name)
      #expect(
        a != nil && a == FileManager.default.contents(atPath: root + "/merged/" + name), "\(name)")
    }
  }

  @Test("the samples' shards merge into the single run's outputs, byte for byte")
  func samples() throws {
    try shardAndMerge([
      "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--members", packagePath("SampleClaims/members.csv"),
    ])
  }

  @Test("300 synthetic members' shards merge into the single run's outputs, byte for byte")
  func synthetic() throws {
    let root = try temporaryFolder()
    let synth = runCLI([
      "synth", "--members", "300", "--seed", "3", "--out", root + "/claims.csv", "--members-out",
      root + "/members.csv", "--quiet",
    ])
    #expect(synth.code == .success)
    try shardAndMerge([
      "--definitions", packagePath("EpisodeDefinitions"), "--claims", root + "/claims.csv",
      "--members", root + "/members.csv",
    ])
  }

  @Test("rejected rows are written by shard 1 alone and merge into the single run's rejected.csv")
  func rejections() throws {
    // M1 and M3 hash to shard 2 of 2, M2 and M4 to shard 1 (FNV-1a 64 mod 2); the row of C9
    // has a month 13 and is rejected, with its 50.00 read.
    let claims = try temporaryFolder() + "/claims.csv"
    try """
    claim_id,member_id,claim_type,from_date,thru_date,drg,allowed_amount
    C1,M1,inpatient,2024-01-08,2024-01-11,470,1000.00
    C2,M1,professional,2024-01-20,,,100.00
    C3,M2,inpatient,2024-02-08,2024-02-11,470,2000.00
    C4,M3,professional,2024-03-01,,,30.00
    C5,M4,inpatient,2024-04-08,2024-04-11,469,3000.00
    C9,M4,professional,2024-13-01,,,50.00

    """.write(toFile: claims, atomically: true, encoding: .utf8)
    let arguments = [
      "--definitions", packagePath("EpisodeDefinitions"), "--claims", claims, "--skip-invalid",
    ]
    try shardAndMerge(arguments)
    let out = try temporaryFolder()
    let two = runCLI(["group"] + arguments + ["--out", out, "--shard", "2/2"])
    // Shard 2 holds M1 and M3: C1, C2 and C4, 3 lines. C3 and C5 (M2, M4) and the rejected row
    // C9 are outside it: 6 read = 0 rejected + 3 in the shard + 3 outside. Dollars: 6180.00 read
    // = 1000 + 100 + 2000 + 30 + 3000 + 50; outside 2000 + 3000 + 50 = 5050.00.
    #expect(two.stdout.contains("6 read = 2 assigned + 1 unassigned + 0 rejected + 3 outside"))
    #expect(two.stdout.contains("6180.00 read = "))
    #expect(two.stdout.contains("+ 5050.00 outside the shard\n"))
    #expect(contents(out + "/rejected.csv").split(separator: "\n").count == 1)
  }

  @Test("--shard takes K/N with 1 <= K <= N, and not --prices")
  func badShard() throws {
    for value in ["0/3", "4/3", "3", "a/b", "1/0", "1/3/4"] {
      let run = runCLI([
        "group", "--definitions", "d", "--claims", "c", "--out", "o", "--shard", value,
      ])
      #expect(run.code == .usage)
      #expect(
        run.stderr
          == "grouper group: error: --shard must be K/N with whole numbers 1 <= K <= N, found '\(value)'\n"
      )
    }
    let priced = runCLI([
      "group", "--definitions", "d", "--claims", "c", "--out", "o", "--shard", "1/2", "--prices",
      "p",
    ])
    #expect(priced.code == .usage)
    #expect(priced.stderr.contains("--prices cannot price one shard"))
  }

  @Test("merge refuses a missing or repeated shard, other runs' shards and a whole run")
  func refusals() throws {
    let root = try temporaryFolder()
    let base = [
      "group", "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--quiet",
    ]
    for k in 1...2 { _ = runCLI(base + ["--out", root + "/s\(k)", "--shard", "\(k)/2"]) }
    _ = runCLI(base + ["--out", root + "/whole"])
    _ = runCLI(base + ["--out", root + "/three", "--shard", "2/3"])
    _ = runCLI(
      base + ["--out", root + "/payer", "--shard", "2/2", "--default-payer", "other"])
    let missing = runCLI(["merge", root + "/s1", "--out", root + "/m"])
    #expect(missing.code == .noInput)
    #expect(
      missing.stderr == "grouper merge: error: shard 2 of 2 missing: give every shard's folder\n")
    let twice = runCLI(["merge", root + "/s1", root + "/s1", "--out", root + "/m"])
    #expect(twice.code == .usage)
    #expect(twice.stderr.hasPrefix(root + "/s1/summary.json:"))
    #expect(twice.stderr.contains("error: $.shard.index: shard 1 is given twice"))
    let whole = runCLI(["merge", root + "/s1", root + "/whole", "--out", root + "/m"])
    #expect(whole.code == .dataError)
    #expect(
      whole.stderr
        == root + "/whole/summary.json:1:1: error: $: no shard: this folder is not the output of "
        + "a group --shard K/N run\n")
    let count = runCLI(["merge", root + "/s1", root + "/three", "--out", root + "/m"])
    #expect(count.code == .dataError)
    #expect(count.stderr.contains("error: $.shard.count: shard count 3 differs from 2 in "))
    let payer = runCLI(["merge", root + "/s1", root + "/payer", "--out", root + "/m"])
    #expect(payer.code == .dataError)
    #expect(
      payer.stderr.hasPrefix(root + "/payer/summary.json:")
        && payer.stderr.contains(
          "error: $.default_payer: differs from \(root)/s1/summary.json: the folders are shards of"
            + " different runs, which cannot be merged")
    )
    // Shard folders whose summaries were swapped: each holds the other shard's members.
    let fm = FileManager.default
    for k in 1...2 { try fm.copyItem(atPath: root + "/s\(k)", toPath: root + "/x\(k)") }
    try fm.removeItem(atPath: root + "/x1/summary.json")
    try fm.removeItem(atPath: root + "/x2/summary.json")
    try fm.copyItem(atPath: root + "/s2/summary.json", toPath: root + "/x1/summary.json")
    try fm.copyItem(atPath: root + "/s1/summary.json", toPath: root + "/x2/summary.json")
    let swapped = runCLI(["merge", root + "/x1", root + "/x2", "--out", root + "/m"])
    #expect(swapped.code == .dataError)
    #expect(swapped.stderr.contains("/episodes.csv:2: error: member_id: member '"))
    #expect(swapped.stderr.contains("the folder's summary.json belongs to another shard\n"))
    #expect(!FileManager.default.fileExists(atPath: root + "/m"))
  }

  @Test("grouper price prices a merged folder as it prices the single run")
  func priceMerged() throws {
    let root = try temporaryFolder()
    let args = [
      "--definitions", packagePath("EpisodeDefinitions"), "--claims",
      packagePath("SampleClaims/claims.csv"), "--members", packagePath("SampleClaims/members.csv"),
      "--quiet",
    ]
    _ = runCLI(["group"] + args + ["--out", root + "/whole"])
    for k in 1...2 {
      _ = runCLI(["group"] + args + ["--out", root + "/s\(k)", "--shard", "\(k)/2"])
    }
    _ = runCLI(["merge", root + "/s1", root + "/s2", "--out", root + "/merged"])
    let prices = packagePath("EpisodeDefinitions/prices/sample_prices.json")
    for folder in ["whole", "merged"] {
      let run = runCLI(["price", "--run", root + "/" + folder, "--prices", prices, "--quiet"])
      #expect(run.code == .success, "\(run.stderr)")
    }
    for name in ["pricing.csv", "providers.csv", "payers.csv"] {
      let a = FileManager.default.contents(atPath: root + "/whole/" + name)
      #expect(
        a != nil && a == FileManager.default.contents(atPath: root + "/merged/" + name), "\(name)")
    }
  }
}
